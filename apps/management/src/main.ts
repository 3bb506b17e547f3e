import 'reflect-metadata';
import { startApp } from '@app/runtime';
import { configureApp } from './configure-app';
import { ManagementConfig } from './management.config';
import { ManagementModule } from './management.module';

startApp(
  'management',
  ManagementConfig,
  (context) => ManagementModule.forRoot(context),
  configureApp,
);
