/**
 * The event types a webhook can subscribe to: the 15 domain event types other services
 * publish (docs/design.md, "Domain event envelope") and the 3 operational event types the
 * platform publishes about its own deliveries and webhooks.
 */
export const EVENT_TYPES = [
  'contact.created',
  'contact_details.updated',
  'contact.deleted',
  'conversation.inbound',
  'conversation.outbound',
  'conversation.submission_error',
  'conversation.sending_error',
  'conversation.tag',
  'conversation.untag',
  'conversation.assign',
  'conversation.unassign',
  'conversation.reopen',
  'conversation.close',
  'form_submission.completed',
  'form_submission.aborted',
  'delivery.dead_lettered',
  'delivery.recovered',
  'webhook.disabled',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The event a `POST /v1/webhooks/:id/test` sends; not in the catalog, never matched. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** A type other services publish, on the domain topics. */
export type DomainEventType = Exclude<EventType, OperationalEventType>;

/** The 15 domain event types, published by other services on the domain topics. */
export const DOMAIN_EVENT_TYPES = EVENT_TYPES.slice(0, 15) as readonly DomainEventType[];

/** The operational event types, published by the platform on `webhooks.operational-events`. */
export const OPERATIONAL_EVENT_TYPES = [
  'delivery.dead_lettered',
  'delivery.recovered',
  'webhook.disabled',
] as const satisfies readonly EventType[];

export type OperationalEventType = (typeof OPERATIONAL_EVENT_TYPES)[number];

export function isOperationalEventType(value: unknown): value is OperationalEventType {
  return (
    typeof value === 'string' && (OPERATIONAL_EVENT_TYPES as readonly string[]).includes(value)
  );
}

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}
