// The event catalog, envelope, validation and publisher live in the package producers
// install; the platform's apps read them through here like everything else.
export * from '@webhook-platform/events';
export * from './delivery-record';
export * from './attempt-outcome';
export * from './rejected-event';
export * from './topics';
export * from './retry-ladder';
export * from './webhook-route';
export * from './record-format';
export * from './record-validator';
export * from './operational-events';
export * from './replay';
