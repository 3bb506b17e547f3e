export * from './validate-env';
export * from './transforms';
export * from './base-config';
export * from './app-config.module';
