import { type DynamicModule, Module } from '@nestjs/common';
import { RuntimeModule, type AppContext } from '@app/runtime';
import type { SenderConfig } from './sender.config';

@Module({})
export class SenderModule {
  static forRoot(context: AppContext<SenderConfig>): DynamicModule {
    return {
      module: SenderModule,
      imports: [RuntimeModule.forRoot({ name: 'sender', ...context })],
    };
  }
}
