import type { EventData } from '../event-data';
import type { EventType } from '../event-types';

/** A JSON Schema (draft 2020-12 subset that Ajv compiles) for an event's `data`. */
export type JsonSchema = Record<string, unknown>;

/**
 * Which topic family an event type is published on; also its group in the catalog. The
 * `operational` stream is the platform's own (docs/design.md, "Operational events").
 */
export type DomainStream = 'contacts' | 'conversations' | 'form-submissions' | 'operational';

/** Everything the platform and producers need to know about one event type. */
export interface EventTypeDefinition<T extends EventType = EventType> {
  type: T;
  /**
   * The revision of this type's `data` schema: 1 when the type was introduced, one more with
   * every additive change. A breaking change is a new type name, never a higher version
   * (docs/producers.md, "Versioning").
   */
  version: number;
  /** One sentence, as shown in `GET /v1/event-types` and the producer reference. */
  description: string;
  stream: DomainStream;
  /** JSON Schema that `data` must satisfy. */
  schema: JsonSchema;
  /** A realistic `data` payload that satisfies `schema`. */
  example: EventData<T>;
  /** Where the aggregate id is in `data` (`['conversation', 'id']`): the Kafka message key. */
  keyPath: readonly string[];
  /** The aggregate id at `keyPath`, used as the Kafka message key (keeps one aggregate's events ordered). */
  aggregateIdOf: (data: Record<string, unknown>) => string;
}
