/** The 15 domain event types a webhook can subscribe to (docs/design.md, "Domain event envelope"). */
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
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The event a `POST /v1/webhooks/:id/test` sends; not in the catalog, never matched. */
export const TEST_EVENT_TYPE = 'webhook.test';

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}
