import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { AttemptOutcome } from './attempt-outcome';
import {
  ATTEMPT_OUTCOME_SCHEMA,
  ATTEMPT_SUMMARY_SCHEMA,
  CALLBACK_PAYLOAD_SCHEMA,
  ORDERED_DELIVERY_RECORD_SCHEMA,
  REPLAY_PROGRESS_SCHEMA,
  REPLAY_REQUEST_SCHEMA,
  stageRecordSchema,
  WEBHOOK_ROUTE_SCHEMA,
} from './record-schemas';
import type { JsonSchema } from '@webhook-platform/events';
import type { DeliveryRecord } from './delivery-record';
import type { ReplayProgress, ReplayRequest } from './replay';
import { MAX_ATTEMPTS, stageOf } from './retry-ladder';
import type { WebhookRoute } from './webhook-route';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The schema as this reader compiles it: `#/components/schemas/X` references (AsyncAPI
 * style) as ajv schema ids, and every record object, open as documented, closed here so
 * that ajv (`removeAdditional`) drops the fields it does not name instead of refusing them.
 * What an app writes on then holds only the fields it knows, under its own format version.
 * Objects open on purpose (a filter) say `additionalProperties: true`; `data` names no
 * properties: both are kept whole.
 */
function forReading(schema: JsonSchema): JsonSchema {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/schemas/', '"platform:'),
    (_key, value: unknown) =>
      isRecordObject(value) ? { ...value, additionalProperties: false } : value,
  ) as JsonSchema;
}

function isRecordObject(value: unknown): value is JsonSchema {
  if (typeof value !== 'object' || value === null) return false;
  const schema = value as JsonSchema;
  return schema.type === 'object' && 'properties' in schema && !('additionalProperties' in schema);
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: false, strict: true, removeAdditional: true });
  addFormats(ajv);
  ajv.addSchema(forReading(CALLBACK_PAYLOAD_SCHEMA), 'platform:CallbackPayload');
  ajv.addSchema(forReading(ATTEMPT_SUMMARY_SCHEMA), 'platform:AttemptSummary');
  return ajv;
}

/** The first error as "<path> <message>", naming a missing or bad field. */
function describe(errors: ErrorObject[] | null | undefined): string {
  const error = errors?.[0];
  if (!error) return 'invalid record';
  const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
  const path = `${error.instancePath}${missing}`.replace(/^\//, '') || '(root)';
  return `${path} ${error.message ?? 'is invalid'}`;
}

function parseWith<T>(validate: ValidateFunction, value: Buffer | null): Parsed<T> {
  if (!value || value.length === 0) return { ok: false, reason: 'empty record' };
  let plain: unknown;
  try {
    plain = JSON.parse(value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (!validate(plain)) return { ok: false, reason: describe(validate.errors) };
  return { ok: true, value: plain as T };
}

/**
 * The one check of the records the platform writes to its own topics, against the JSON
 * schemas that also describe them in docs/asyncapi.yaml: compiled once per process, used
 * by every app that reads them. The reason names the first bad field; a field the schema
 * does not name is no reason: it is dropped (a newer minor format's, record-format.ts).
 * Which format version a record is in is decided before, from its header (FormatGate).
 */
export class RecordValidator {
  private readonly stages: ValidateFunction[];
  private readonly ordered: ValidateFunction;
  private readonly outcome: ValidateFunction;
  private readonly route: ValidateFunction;
  private readonly replay: ValidateFunction;
  private readonly progress: ValidateFunction;

  constructor() {
    const ajv = createAjv();
    this.stages = Array.from({ length: MAX_ATTEMPTS }, (_, i) =>
      ajv.compile(forReading(stageRecordSchema(i + 1))),
    );
    this.ordered = ajv.compile(forReading(ORDERED_DELIVERY_RECORD_SCHEMA));
    this.outcome = ajv.compile(forReading(ATTEMPT_OUTCOME_SCHEMA));
    this.route = ajv.compile(forReading(WEBHOOK_ROUTE_SCHEMA));
    this.replay = ajv.compile(forReading(REPLAY_REQUEST_SCHEMA));
    this.progress = ajv.compile(forReading(REPLAY_PROGRESS_SCHEMA));
  }

  /** A delivery record read from the topic of stage `stage` (1 = webhooks.deliveries). */
  deliveryRecord(value: Buffer | null, stage: number): Parsed<DeliveryRecord> {
    const validate = this.stages[stage - 1];
    if (!validate) throw new RangeError(`no delivery stage ${stage}`);
    const parsed = parseWith<DeliveryRecord>(validate, value);
    if (!parsed.ok) return parsed;
    // What JSON Schema cannot say: how attempt, deferrals and history fit the stage.
    const record = parsed.value;
    if (record.history.length !== record.attempt - 1)
      return { ok: false, reason: `history must hold ${record.attempt - 1} earlier attempts` };
    if (stageOf(record) !== stage)
      return { ok: false, reason: `attempt + deferred must come to stage ${stage}` };
    return parsed;
  }

  /** A first attempt read from `webhooks.deliveries.ordered` (it carries its ordering key). */
  orderedDeliveryRecord(value: Buffer | null): Parsed<DeliveryRecord> {
    return parseWith<DeliveryRecord>(this.ordered, value);
  }

  attemptOutcome(value: Buffer | null): Parsed<AttemptOutcome> {
    return parseWith<AttemptOutcome>(this.outcome, value);
  }

  /** A routing snapshot; a tombstone (null value) is not a record and is handled by the caller. */
  webhookRoute(value: Buffer | null): Parsed<WebhookRoute> {
    return parseWith<WebhookRoute>(this.route, value);
  }

  replayRequest(value: Buffer | null): Parsed<ReplayRequest> {
    return parseWith<ReplayRequest>(this.replay, value);
  }

  replayProgress(value: Buffer | null): Parsed<ReplayProgress> {
    return parseWith<ReplayProgress>(this.progress, value);
  }
}
