import type { AttemptStatus, NextStep } from './attempt-outcome';
import { RESPONSE_EXCERPT_BYTES } from './attempt-outcome';
import {
  DATE_TIME,
  ERROR_KINDS,
  NULLABLE_DATE_TIME,
  TEST_EVENT_TYPE,
  UUID,
  type JsonSchema,
} from '@webhook-platform/events';
import { MAX_ORDERING_KEY_LENGTH, type DeliveryTrigger } from './delivery-record';
import type { ReportedReplayState } from './replay';
import { RECORD_FORMAT_HEADER, RECORD_FORMAT_VERSION } from './record-format';
import { MAX_ATTEMPTS } from './retry-ladder';
import { WEBHOOK_ORDERINGS } from './webhook-route';

/*
 * JSON Schemas of the records the platform writes to its own topics: RecordValidator checks
 * every record read against them, and the AsyncAPI document (asyncapi/) describes the
 * topics with them. The TypeScript interfaces (delivery-record.ts, attempt-outcome.ts,
 * rejected-event.ts...) stay the source of truth: every field is listed, required unless
 * optional there, and record-validator.spec.ts reads each documented example back
 * unchanged, so a field added to an interface and not here fails it (the validator drops
 * what its schema does not name).
 *
 * The records are open: a reader accepts fields it does not know and ignores them, so a
 * newer release may add fields (a new minor format, record-format.ts) without an older one
 * refusing its records. Known fields are checked as strictly as ever.
 */

/** Every member of a string union, checked at compile time to be exactly the union. */
function members<T extends string>(all: Record<T, true>): T[] {
  return Object.keys(all) as T[];
}

const TRIGGERS = members<DeliveryTrigger>({
  event: true,
  test: true,
  redeliver: true,
  replay: true,
});
const REPORTED_REPLAY_STATES = members<ReportedReplayState>({
  running: true,
  completed: true,
  failed: true,
});
const ATTEMPT_STATUSES = members<AttemptStatus>({ succeeded: true, failed: true, cancelled: true });
const NEXT_STEPS = members<NextStep>({ done: true, retry: true, dead_letter: true, dropped: true });

const described = (schema: JsonSchema, description: string): JsonSchema => ({
  ...schema,
  description,
});

/** A record (or a part of one): these properties, unknown ones allowed (see above). */
function record(
  description: string,
  properties: Record<string, JsonSchema>,
  optional: readonly string[] = [],
): JsonSchema {
  return {
    type: 'object',
    description,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}

const ATTEMPT_NUMBER: JsonSchema = {
  type: 'integer',
  minimum: 1,
  maximum: MAX_ATTEMPTS,
  description: `1 for the first try, up to ${MAX_ATTEMPTS}.`,
};

const STATUS_CODE: JsonSchema = {
  type: ['integer', 'null'],
  description: 'The HTTP status the receiver answered with; null when no response came.',
};

const DURATION_MS: JsonSchema = {
  type: 'integer',
  minimum: 0,
  description: 'How long the attempt took, in milliseconds.',
};

/** The JSON body of the HTTP callback. */
export const CALLBACK_PAYLOAD_SCHEMA = record(
  'The JSON body the receiver gets, exactly as sent (no URL, headers or secret).',
  {
    id: described(UUID, 'The domain event id (a test event: a fresh uuid).'),
    type: {
      type: 'string',
      minLength: 1,
      description: `The event type, or \`${TEST_EVENT_TYPE}\` for a test call.`,
    },
    timestamp: described(DATE_TIME, 'When the event occurred (the envelope `occurred_at`).'),
    organisation_id: UUID,
    data: { type: 'object', description: "The event's `data`, as its JSON schema says." },
  },
);

/** One failed attempt, carried on retry and dead-letter records. */
export const ATTEMPT_SUMMARY_SCHEMA = record('One failed attempt of the delivery.', {
  attempt: ATTEMPT_NUMBER,
  attempted_at: DATE_TIME,
  status_code: STATUS_CODE,
  error_kind: { type: ['string', 'null'], enum: [...ERROR_KINDS, null] },
  error: {
    type: ['string', 'null'],
    description: 'A short description for the delivery log; never the URL.',
  },
  duration_ms: DURATION_MS,
});

/** The `format-version` header (record-format.ts). */
export const FORMAT_VERSION_HEADER_SCHEMA: JsonSchema = {
  type: 'string',
  pattern: '^[1-9][0-9]{0,5}\\.(0|[1-9][0-9]{0,5})$',
  description: `MAJOR.MINOR of the record's format (this release writes \`${RECORD_FORMAT_VERSION}\`). A new minor only adds optional fields; a new major may change or remove one. Absent on records written before versions: 1.0.`,
  examples: [RECORD_FORMAT_VERSION],
};

/** The Kafka headers of every platform record. */
export const RECORD_HEADERS_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'Every record the platform writes carries its format version; a reader of an older major stops at the record instead of guessing (docs/design.md, "Record formats").',
  properties: { [RECORD_FORMAT_HEADER]: FORMAT_VERSION_HEADER_SCHEMA },
};

const REF = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const deliveryProperties: Record<string, JsonSchema> = {
  delivery_id: described(
    UUID,
    'The delivery id, sent as the `webhook-id` header. For a matched event: a uuid v5 of the event id and the webhook id, so a replayed event keeps it.',
  ),
  webhook_id: described(
    UUID,
    'The webhook to call; the sender resolves its URL, headers and secret.',
  ),
  organisation_id: UUID,
  trigger: {
    type: 'string',
    enum: TRIGGERS,
    description:
      'Why the delivery exists: a matched event, a test call, a redelivery or a replay of the event log.',
  },
  series_id: described(
    UUID,
    'One attempt series: the delivery id for a matched event, a new uuid for each test or redelivery, a uuid v5 of the delivery id and the replay id for a replay.',
  ),
  attempt: ATTEMPT_NUMBER,
  created_at: described(
    DATE_TIME,
    'When the event was matched, or the test or redelivery asked for.',
  ),
  not_before: described(DATE_TIME, 'Retries only: the earliest time this attempt may be made.'),
  ordering_key: {
    type: 'string',
    minLength: 1,
    maxLength: MAX_ORDERING_KEY_LENGTH + 'sha256:'.length + 64,
    description:
      "Ordered deliveries only: the entity the event is about (the domain event's Kafka key, or `sha256:` and its hash when longer than " +
      `${MAX_ORDERING_KEY_LENGTH} characters). One callback per webhook and entity at a time, in order.`,
  },
  history: {
    type: 'array',
    items: REF('AttemptSummary'),
    maxItems: MAX_ATTEMPTS,
    description: 'The earlier failed attempts of this series, oldest first.',
  },
  payload: REF('CallbackPayload'),
};

const DEFERRED: JsonSchema = {
  type: 'integer',
  minimum: 1,
  description:
    'How many times this attempt was put off to a later stage without being made, because its endpoint had more than its share of records waiting. Absent when never.',
};

/** A delivery record on `webhooks.deliveries` or a retry topic. */
export const DELIVERY_RECORD_SCHEMA = record(
  'A delivery: one callback of one event to one webhook. Keyed by webhook id.',
  { ...deliveryProperties, deferred: DEFERRED },
  ['not_before', 'deferred', 'ordering_key'],
);

const NEVER_DEFERRED: JsonSchema = {
  not: {},
  description: 'Never on this topic: a first attempt is not deferred.',
};

/**
 * The delivery record of one stage topic. Stage 1 (`webhooks.deliveries`) carries first
 * attempts only. A retry stage carries its own attempt, or an earlier attempt that the
 * sender deferred there without making it (`deferred` times) because its endpoint had more
 * than its share of records waiting (docs/design.md, "A flooded endpoint"). The relation
 * of `attempt`, `deferred` and `history` to the stage is checked by RecordValidator.
 */
export function stageRecordSchema(stage: number): JsonSchema {
  const first = stage === 1;
  return record(
    first
      ? 'A delivery record for its first attempt.'
      : `A delivery record for attempt ${stage}, after ${stage - 1} failed attempts, or an earlier attempt deferred to this stage.`,
    {
      ...deliveryProperties,
      attempt: first
        ? { type: 'integer', const: 1, description: 'Always 1 on this topic.' }
        : {
            type: 'integer',
            minimum: 1,
            maximum: stage,
            description: `${stage} on this topic, or less with \`deferred\`: attempt + deferred = ${stage}${stage === MAX_ATTEMPTS ? ' or more' : ''}.`,
          },
      history: {
        type: 'array',
        items: REF('AttemptSummary'),
        maxItems: stage - 1,
        description: 'The earlier failed attempts, oldest first: attempt - 1 of them.',
      },
      // Named on stage 1 too, as never there: a reader would drop it as unknown otherwise.
      deferred: first ? NEVER_DEFERRED : DEFERRED,
    },
    first ? ['not_before', 'deferred', 'ordering_key'] : ['deferred', 'ordering_key'],
  );
}

/**
 * A record on `webhooks.deliveries.ordered`: a first attempt with its `ordering_key`. The
 * sender retries ordered deliveries in place rather than through the retry topics, so
 * this topic carries first attempts only (docs/design.md, "Ordered delivery").
 */
export const ORDERED_DELIVERY_RECORD_SCHEMA: JsonSchema = (() => {
  const schema = stageRecordSchema(1) as { required: string[]; description: string };
  return {
    ...schema,
    description: 'A delivery record of a webhook with per-entity ordering, for its first attempt.',
    required: [...schema.required, 'ordering_key'],
  };
})();

/** A delivery parked on the dead-letter topic after its last attempt failed. */
export const DEAD_LETTER_RECORD_SCHEMA = record(
  'A delivery whose last attempt failed: the record with its full attempt history.',
  {
    ...deliveryProperties,
    history: {
      type: 'array',
      items: REF('AttemptSummary'),
      minItems: MAX_ATTEMPTS,
      maxItems: MAX_ATTEMPTS,
      description: 'Every attempt of the series, oldest first.',
    },
    dead_lettered_at: DATE_TIME,
  },
  ['not_before', 'ordering_key'],
);

/** The outcome of one attempt on `webhooks.attempts`. */
export const ATTEMPT_OUTCOME_SCHEMA = record(
  'What became of one attempt; management writes it to the delivery log. Keyed by webhook id.',
  {
    delivery_id: UUID,
    webhook_id: UUID,
    organisation_id: UUID,
    event_id: UUID,
    event_type: { type: 'string', minLength: 1 },
    trigger: { type: 'string', enum: TRIGGERS },
    series_id: described(UUID, '(series_id, attempt) identifies the attempt.'),
    attempt: ATTEMPT_NUMBER,
    status: {
      type: 'string',
      enum: ATTEMPT_STATUSES,
      description: '`cancelled`: the webhook was deleted or deactivated, nothing was sent.',
    },
    status_code: STATUS_CODE,
    error_kind: { type: ['string', 'null'], enum: [...ERROR_KINDS, 'webhook_gone', null] },
    error: { type: ['string', 'null'] },
    duration_ms: DURATION_MS,
    response_excerpt: {
      type: ['string', 'null'],
      description: `At most the first ${RESPONSE_EXCERPT_BYTES} bytes of the response body, as UTF-8.`,
    },
    attempted_at: DATE_TIME,
    next: {
      type: 'string',
      enum: NEXT_STEPS,
      description: 'What the sender did next with the delivery.',
    },
    next_attempt_at: described(NULLABLE_DATE_TIME, 'Set when `next` is `retry`.'),
    payload: REF('CallbackPayload'),
  },
);

/** A message set aside because it could not be read; no `delivery_id`. */
export const REJECTED_RECORD_SCHEMA = record(
  'A message that could not be accepted, with the reason and the original bytes. Keyed as received.',
  {
    reason: { type: 'string', minLength: 1, description: 'Why the message was rejected.' },
    rejected_at: DATE_TIME,
    source: record('Where the message was read.', {
      topic: { type: 'string' },
      partition: { type: 'integer', minimum: 0 },
      offset: {
        type: 'string',
        pattern: '^[0-9]+$',
        description: 'The offset, as a decimal string.',
      },
      key: { type: ['string', 'null'], description: 'The original key, as UTF-8.' },
      timestamp: described(DATE_TIME, "The original message's Kafka timestamp."),
    }),
    raw_value_base64: {
      type: ['string', 'null'],
      description: 'The original value, base64 (invalid JSON and bad UTF-8 survive unchanged).',
    },
  },
);

/**
 * A payload filter (docs/design.md, "Payload filters"). Only its shape is checked here: its
 * language is @app/filters', which management validates against before publishing and the
 * matcher compiles when it loads the route.
 */
const PAYLOAD_FILTER: JsonSchema = {
  type: 'object',
  additionalProperties: true,
  examples: [{ 'data.conversation.channel': { $in: ['email', 'sms'] } }],
};

/** A webhook's routing snapshot on the compacted `webhooks.subscriptions` topic. */
export const WEBHOOK_ROUTE_SCHEMA = record(
  'The routing data of one webhook: no URL, header value or secret. Keyed by webhook id; a null value (tombstone) means the webhook was deleted.',
  {
    webhook_id: UUID,
    organisation_id: UUID,
    events: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'The event types the webhook is subscribed to.',
    },
    active: { type: 'boolean', description: 'Inactive webhooks match nothing.' },
    version: {
      type: 'integer',
      minimum: 0,
      description:
        'Grows with every configuration change (the change time in epoch ms); consumers keep the highest per webhook.',
    },
    ordering: {
      type: 'string',
      enum: [...WEBHOOK_ORDERINGS],
      description:
        '`per_entity`: callbacks of one entity are sent one at a time, in publish order. Absent in older snapshots: `none`.',
    },
    filter: described(
      PAYLOAD_FILTER,
      'The payload filter: only events whose callback body passes it are delivered. Absent: every event of the types.',
    ),
  },
  ['ordering', 'filter'],
);

const COUNT: JsonSchema = { type: 'integer', minimum: 0 };

/** A replay request on `webhooks.replays`. */
export const REPLAY_REQUEST_SCHEMA = record(
  "A request to run one webhook's subscription over the domain events the topics still hold in a time window, and deliver the matches again. Keyed by webhook id. No URL, header value or secret.",
  {
    replay_id: UUID,
    webhook_id: UUID,
    organisation_id: UUID,
    events: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
      description: 'The webhook’s event types when the replay was asked for.',
    },
    filter: described(
      PAYLOAD_FILTER,
      'The webhook’s payload filter when the replay was asked for; absent when it had none.',
    ),
    since: described(DATE_TIME, 'Start of the window (inclusive), by Kafka record timestamp.'),
    until: described(DATE_TIME, 'End of the window (exclusive), by Kafka record timestamp.'),
    requested_at: DATE_TIME,
  },
  ['filter'],
);

/** A replay's progress on `webhooks.replay-progress`. */
export const REPLAY_PROGRESS_SCHEMA = record(
  'Where a replay stands, reported by the matcher about once a second while it scans and once at the end. Keyed by replay id; management keeps the newest by `reported_at`.',
  {
    replay_id: UUID,
    webhook_id: UUID,
    organisation_id: UUID,
    state: { type: 'string', enum: REPORTED_REPLAY_STATES },
    events_scanned: described(COUNT, 'Domain events read in the window so far.'),
    events_matched: described(COUNT, 'Of those, the ones matched: one delivery each.'),
    events_total: described(COUNT, 'Domain events the window holds in all.'),
    error: {
      type: ['string', 'null'],
      description: 'Why the replay failed; null otherwise.',
    },
    started_at: DATE_TIME,
    reported_at: DATE_TIME,
  },
);
