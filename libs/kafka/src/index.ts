export * from './kafka-client';
export * from './topic-provisioner';
export * from './kafka-health.indicator';
export * from './kafka-connection';
export * from './kafka.module';
export * from './group-membership';
export * from './bounded-send';
