import { type DynamicModule, Module } from '@nestjs/common';

/**
 * Provides an app's validated config (see validateEnv), injectable by its class, to the
 * whole app. main.ts validates first, so a bad variable stops the app before Nest starts.
 */
@Module({})
export class AppConfigModule {
  static forRoot<T extends object>(config: T): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      providers: [{ provide: config.constructor, useValue: config }],
      exports: [config.constructor],
    };
  }
}
