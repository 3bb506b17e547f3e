// @webhook-platform/events: what a service needs to publish domain events to the webhook
// platform (docs/producers.md). The platform's own apps use the same package.
export * from './event-types';
export * from './event-data';
export * from './catalog';
export * from './domain-event';
export * from './domain-event-validator';
export * from './domain-event-publisher';
export * from './domain-topics';
export * from './kafka-settings';
export * from './limits';
