import { type DynamicModule, Module } from '@nestjs/common';
import { RuntimeModule, type AppContext } from '@app/runtime';
import type { MatcherConfig } from './matcher.config';

@Module({})
export class MatcherModule {
  static forRoot(context: AppContext<MatcherConfig>): DynamicModule {
    return {
      module: MatcherModule,
      imports: [RuntimeModule.forRoot({ name: 'matcher', ...context })],
    };
  }
}
