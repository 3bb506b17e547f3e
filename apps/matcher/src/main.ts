import 'reflect-metadata';
import { startApp } from '@app/runtime';
import { MatcherConfig } from './matcher.config';
import { MatcherModule } from './matcher.module';

startApp('matcher', MatcherConfig, (context) => MatcherModule.forRoot(context));
