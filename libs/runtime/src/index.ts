export * from './runtime.module';
export * from './tokens';
export * from './start-app';
export * from './consumers.provider';
