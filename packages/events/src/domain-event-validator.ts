import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EVENT_CATALOG } from './catalog';
import { DOMAIN_EVENT_ENVELOPE_SCHEMA, type DomainEvent } from './domain-event';
import { EVENT_TYPES, isEventType, type EventType } from './event-types';
import { DEFAULT_EVENT_MAX_BYTES } from './limits';

export type ValidationResult = { ok: true; event: DomainEvent } | { ok: false; reason: string };

export interface DomainEventValidatorOptions {
  /** The largest message value accepted, in bytes (EVENT_MAX_BYTES); 100 KiB by default. */
  maxEventBytes?: number;
}

/**
 * Validates raw Kafka values as domain events: size, JSON, envelope, known type, `data`
 * against the type's schema. Schemas are compiled once; validation is synchronous and cheap.
 */
export class DomainEventValidator {
  readonly maxEventBytes: number;
  private readonly envelope: ValidateFunction;
  private readonly dataValidators: Record<EventType, ValidateFunction>;

  constructor({ maxEventBytes = DEFAULT_EVENT_MAX_BYTES }: DomainEventValidatorOptions = {}) {
    this.maxEventBytes = maxEventBytes;
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    addFormats(ajv);
    this.envelope = ajv.compile(DOMAIN_EVENT_ENVELOPE_SCHEMA);
    this.dataValidators = Object.fromEntries(
      EVENT_TYPES.map((type) => [type, ajv.compile(EVENT_CATALOG[type].schema)]),
    ) as Record<EventType, ValidateFunction>;
  }

  /** Parses and validates bytes as received from Kafka. */
  parse(value: Buffer | string | null): ValidationResult {
    if (value === null || value.length === 0) return { ok: false, reason: 'empty message' };
    const tooLarge = this.sizeProblem(
      typeof value === 'string' ? Buffer.byteLength(value) : value.length,
    );
    if (tooLarge) return { ok: false, reason: tooLarge };
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
    } catch (error) {
      return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
    }
    return this.validate(parsed);
  }

  /** Why a message value of `bytes` bytes is refused, or null when its size is fine. */
  sizeProblem(bytes: number): string | null {
    return bytes > this.maxEventBytes
      ? `event too large: ${bytes} bytes, more than EVENT_MAX_BYTES (${this.maxEventBytes})`
      : null;
  }

  /** Validates an already parsed object (its size is the caller's to check, see sizeProblem). */
  validate(candidate: unknown): ValidationResult {
    if (!this.envelope(candidate)) {
      return { ok: false, reason: `invalid envelope: ${describe(this.envelope.errors, '')}` };
    }
    // The envelope schema has checked every field but `type`, which is checked next.
    const event = candidate as Omit<DomainEvent, 'type'> & { type: string };
    if (!isEventType(event.type)) {
      return { ok: false, reason: `unknown event type "${event.type}"` };
    }
    const validateData = this.dataValidators[event.type];
    if (!validateData(event.data)) {
      return {
        ok: false,
        reason: `invalid data for ${event.type}: ${describe(validateData.errors, 'data')}`,
      };
    }
    return { ok: true, event: { ...event, type: event.type } };
  }
}

/** The first error as "<path> <message>", e.g. `data/email must match format "email"`. */
function describe(errors: ErrorObject[] | null | undefined, root: string): string {
  const error = errors?.[0];
  if (!error) return 'unknown error';
  const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
  const extra =
    error.keyword === 'additionalProperties' ? `/${String(error.params.additionalProperty)}` : '';
  const path = `${root}${error.instancePath}${missing}${extra}`.replace(/^\//, '') || '(root)';
  return `${path} ${error.message ?? 'is invalid'}`;
}
