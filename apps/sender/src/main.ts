import 'reflect-metadata';
import { startApp } from '@app/runtime';
import { SenderConfig } from './sender.config';
import { SenderModule } from './sender.module';

startApp('sender', SenderConfig, (context) => SenderModule.forRoot(context));
