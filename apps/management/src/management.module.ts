import { type DynamicModule, Module } from '@nestjs/common';
import { RuntimeModule, type AppContext } from '@app/runtime';
import type { ManagementConfig } from './management.config';

@Module({})
export class ManagementModule {
  static forRoot(context: AppContext<ManagementConfig>): DynamicModule {
    return {
      module: ManagementModule,
      imports: [RuntimeModule.forRoot({ name: 'management', ...context })],
    };
  }
}
