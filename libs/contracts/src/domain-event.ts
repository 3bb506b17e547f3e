import type { EventType } from './event-types';

/** The domain event envelope other services publish (docs/design.md, JSON, UTF-8). */
export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  organisation_id: string;
  occurred_at: string;
  data: Record<string, unknown>;
}

/** JSON Schema of the envelope; `data` is checked afterwards against the type's own schema. */
export const DOMAIN_EVENT_ENVELOPE_SCHEMA = {
  type: 'object',
  required: ['id', 'type', 'organisation_id', 'occurred_at', 'data'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', minLength: 1 },
    organisation_id: { type: 'string', format: 'uuid' },
    occurred_at: { type: 'string', format: 'date-time' },
    data: { type: 'object' },
  },
  additionalProperties: false,
} as const;
