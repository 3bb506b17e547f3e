import { randomUUID } from 'node:crypto';
import type { EventData } from './event-data';
import type { DomainEventType, EventType } from './event-types';

/**
 * The domain event envelope as the platform reads it (docs/design.md, JSON, UTF-8). Its
 * `data` has been checked against the type's schema; code that handles any type reads it as
 * a plain object.
 */
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

/** True when `T` is one literal type, not a union of several. */
type IsSingle<T, All = T> = T extends unknown ? ([All] extends [T] ? true : false) : never;

/** The envelope fields of an input; `id` and `occurred_at` are filled in when left out. */
interface InputEnvelope<T extends EventType> {
  /** A uuid, unique per event; reuse it when publishing the same event again. */
  id?: string;
  type: T;
  /** The organisation whose webhooks receive the event. */
  organisation_id: string;
  /** When it happened, RFC 3339 (`2026-11-23T10:00:00.000Z`); now when left out. */
  occurred_at?: string;
}

/**
 * An event to publish. For one type, `DomainEventInput<'contact.created'>`, its `data` is
 * that type's (EventData). For a type known only at run time, `DomainEventInput` (a union of
 * types), `data` is any object: the compiler cannot check it, the validator does before the
 * event is sent.
 */
export type DomainEventInput<T extends EventType = EventType> =
  false extends IsSingle<T>
    ? InputEnvelope<T> & { data: Record<string, unknown> }
    : InputEnvelope<T> & { data: EventData<T> };

/**
 * What `publish` holds one input to: one whose `type` is a single literal must carry that
 * type's `data`, with no key a closed wrapper lacks, and may not be an operational type,
 * which only the platform publishes; one whose `type` is a union, known only at run time, is
 * left to the validator.
 */
export type CheckedInput<E> = E extends { type: infer T; data: infer D }
  ? false extends IsSingle<T>
    ? E
    : T extends DomainEventType
      ? DomainEventInput<T> & { data: { [K in ExtraKeys<D, EventData<T>>]?: never } }
      : never
  : never;

/** Keys of `D` that a closed `Expected` (one without an index signature) has not. */
type ExtraKeys<D, Expected> = string extends keyof Expected
  ? never
  : Exclude<keyof D, keyof Expected>;

/**
 * The envelope of one event: `id` (a new uuid) and `occurred_at` (now) filled in when left
 * out. It does not validate; DomainEventPublisher validates every event before sending.
 */
export function buildDomainEvent(input: DomainEventInput): DomainEvent {
  return {
    id: input.id ?? randomUUID(),
    type: input.type,
    organisation_id: input.organisation_id,
    occurred_at: input.occurred_at ?? new Date().toISOString(),
    data: input.data,
  };
}
