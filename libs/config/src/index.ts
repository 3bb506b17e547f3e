export * from './validate-env';
export * from './transforms';
export * from './kafka-settings';
export * from './kafka-replication-settings';
export * from './platform-settings';
export * from './base-config';
export * from './webhook-target-config';
export * from './app-config.module';
