import { EVENT_TYPES, type EventType } from '../event-types';
import { CONTACT_EVENTS } from './contact.events';
import { CONVERSATION_EVENTS } from './conversation.events';
import type { EventTypeDefinition } from './event-type-definition';
import { FORM_SUBMISSION_EVENTS } from './form-submission.events';
import { OPERATIONAL_EVENTS } from './operational.events';

export {
  DISABLE_REASONS,
  ERROR_KINDS,
  type DisableReason,
  type ErrorKind,
} from './operational.events';
export type { DomainStream, EventTypeDefinition, JsonSchema } from './event-type-definition';
export { DATE_TIME, EXAMPLE_ORGANISATION_ID, NULLABLE_DATE_TIME, UUID } from './shared-schemas';

/** The catalog's shape: every event type's definition, typed by its own `data`. */
export type EventCatalog = { readonly [T in EventType]: EventTypeDefinition<T> };

/**
 * Every event type's definition. A mapped type over EVENT_TYPES, so that adding a type there
 * without defining it here fails to compile.
 */
export const EVENT_CATALOG: EventCatalog = Object.freeze({
  ...CONTACT_EVENTS,
  ...CONVERSATION_EVENTS,
  ...FORM_SUBMISSION_EVENTS,
  ...OPERATIONAL_EVENTS,
});

/** The definitions in EVENT_TYPES order (the order `GET /v1/event-types` lists them in). */
export function listEventTypes(): EventTypeDefinition[] {
  return EVENT_TYPES.map((type) => EVENT_CATALOG[type]);
}
