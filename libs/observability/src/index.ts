export * from './logger';
export * from './observability.module';
export * from './bootstrap';
export * from './health.controller';
export * from './health-checks';
