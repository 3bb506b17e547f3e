import { EVENT_TYPES, type EventType } from '../event-types';
import { CONTACT_EVENTS } from './contact.events';
import { CONVERSATION_EVENTS } from './conversation.events';
import type { EventTypeDefinition } from './event-type-definition';
import { FORM_SUBMISSION_EVENTS } from './form-submission.events';
import { OPERATIONAL_EVENTS } from './operational.events';

export { DISABLE_REASONS, type DisableReason } from './operational.events';
export type { DomainStream, EventTypeDefinition, JsonSchema } from './event-type-definition';

/**
 * Every event type's definition. Typed as a full Record so that adding a type to
 * EVENT_TYPES without defining it here fails to compile.
 */
export const EVENT_CATALOG: Readonly<Record<EventType, EventTypeDefinition>> = Object.freeze({
  ...CONTACT_EVENTS,
  ...CONVERSATION_EVENTS,
  ...FORM_SUBMISSION_EVENTS,
  ...OPERATIONAL_EVENTS,
});

/** The definitions in EVENT_TYPES order (the order `GET /v1/event-types` lists them in). */
export function listEventTypes(): EventTypeDefinition[] {
  return EVENT_TYPES.map((type) => EVENT_CATALOG[type]);
}
