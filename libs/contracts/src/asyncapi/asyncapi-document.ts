import { stringify } from 'yaml';
import {
  DOMAIN_EVENT_ENVELOPE_SCHEMA,
  EVENT_CATALOG,
  EVENT_TYPES,
  type DomainStream,
  type EventType,
  type JsonSchema,
} from '@webhook-platform/events';
import { RECORD_FORMAT_HEADER, RECORD_FORMAT_VERSION } from '../record-format';
import { DEFAULT_RETRY_DELAYS_MS, DELIVERY_LADDER, MAX_ATTEMPTS } from '../retry-ladder';
import {
  STREAM_TOPIC,
  TOPIC_DEFAULTS,
  TOPIC_PARTITIONS,
  topicEnvName,
  type TopicKey,
} from '../topics';
import {
  ATTEMPT_OUTCOME_EXAMPLES,
  DEAD_LETTER_RECORD_EXAMPLE,
  ORDERED_RECORD_EXAMPLE,
  REJECTED_EVENT_EXAMPLE,
  REJECTED_RECORD_EXAMPLE,
  REPLAY_PROGRESS_EXAMPLE,
  REPLAY_REQUEST_EXAMPLE,
  WEBHOOK_ROUTE_EXAMPLE,
  envelopeExample,
  stageRecordExample,
} from './examples';
import {
  ATTEMPT_OUTCOME_SCHEMA,
  ATTEMPT_SUMMARY_SCHEMA,
  CALLBACK_PAYLOAD_SCHEMA,
  DEAD_LETTER_RECORD_SCHEMA,
  DELIVERY_RECORD_SCHEMA,
  FORMAT_VERSION_HEADER_SCHEMA,
  ORDERED_DELIVERY_RECORD_SCHEMA,
  RECORD_HEADERS_SCHEMA,
  REJECTED_RECORD_SCHEMA,
  REPLAY_PROGRESS_SCHEMA,
  REPLAY_REQUEST_SCHEMA,
  WEBHOOK_ROUTE_SCHEMA,
  stageRecordSchema,
} from '../record-schemas';

/*
 * The AsyncAPI 3.0 document of the platform's Kafka topics, built from the contracts alone
 * (pure: no I/O). `npm run docs:asyncapi` writes it to docs/asyncapi.yaml, and
 * asyncapi-document.spec.ts fails when that file differs from a fresh generation.
 *
 * Not exported from the library's index: it uses the `yaml` devDependency, and no app needs it.
 */

const KAFKA_BINDING_VERSION = '0.5.0';

/** Where each stream's Kafka key (the aggregate id) is read from `data`. */
export const STREAM_KEYS: Record<DomainStream, { path: readonly string[]; what: string }> = {
  contacts: { path: ['id'], what: 'the contact id' },
  conversations: { path: ['conversation', 'id'], what: 'the conversation id' },
  'form-submissions': { path: ['id'], what: 'the form submission id' },
  operational: { path: ['webhook_id'], what: 'the webhook id' },
};

const STREAM_TITLES: Record<DomainStream, string> = {
  contacts: 'Contact events',
  conversations: 'Conversation events',
  'form-submissions': 'Form submission events',
  operational: 'Operational events',
};

/** Who publishes on each stream's topic. */
const STREAM_PUBLISHERS: Record<DomainStream, string> = {
  contacts: 'Other services publish',
  conversations: 'Other services publish',
  'form-submissions': 'Other services publish',
  operational: 'The platform (sender and management) publishes',
};

const ENVELOPE_DESCRIPTIONS: Record<keyof typeof DOMAIN_EVENT_ENVELOPE_SCHEMA.properties, string> =
  {
    id: 'Unique id of the event. Generate it once and reuse it when publishing the same event again: the `webhook-id` that receivers de-duplicate by is derived from it.',
    type: 'The event type; decides the schema of `data` and which webhooks are called.',
    organisation_id: 'The organisation whose webhooks receive the event.',
    occurred_at: 'When it happened (RFC 3339, UTC); receivers get it as `timestamp`.',
    data: "The entity, as the event type's JSON schema says.",
  };

const ref = (path: string) => ({ $ref: `#/${path}` });
const schemaRef = (name: string) => ref(`components/schemas/${name}`);

/** `10 s`, `1 min`, `5 min`. */
function formatDelay(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

function namingNote(key: TopicKey): string {
  return (
    `Default name \`${TOPIC_DEFAULTS[key]}\`: \`KAFKA_TOPIC_PREFIX\` prefixes it, ` +
    `\`${topicEnvName(key)}\` replaces it. The apps create it with ` +
    `${TOPIC_PARTITIONS[key]} partitions when it does not exist.`
  );
}

function kafkaChannelBinding(key: TopicKey) {
  return {
    kafka: {
      topic: TOPIC_DEFAULTS[key],
      partitions: TOPIC_PARTITIONS[key],
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  };
}

function kafkaKey(schema: JsonSchema) {
  return { kafka: { key: schema, bindingVersion: KAFKA_BINDING_VERSION } };
}

/** The value at `path` in `data` (for the aggregate id). */
export function valueAt(data: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (value, name) =>
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[name]
        : undefined,
    data,
  );
}

// ---------------------------------------------------------------- domain events

/** The envelope schema with `type` and `data` narrowed as given, every field described. */
function envelopeSchema(type: JsonSchema, data: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...DOMAIN_EVENT_ENVELOPE_SCHEMA.properties };
  properties.type = type;
  properties.data = data;
  for (const name of Object.keys(ENVELOPE_DESCRIPTIONS) as (keyof typeof ENVELOPE_DESCRIPTIONS)[])
    properties[name] = { ...properties[name], description: ENVELOPE_DESCRIPTIONS[name] };
  return {
    type: 'object',
    required: [...DOMAIN_EVENT_ENVELOPE_SCHEMA.required],
    properties,
    additionalProperties: DOMAIN_EVENT_ENVELOPE_SCHEMA.additionalProperties,
  };
}

function domainEventMessage(type: EventType) {
  const definition = EVENT_CATALOG[type];
  const key = STREAM_KEYS[definition.stream];
  const example = envelopeExample(type);
  return {
    name: type,
    title: type,
    summary: definition.description,
    contentType: 'application/json',
    headers: {
      type: 'object',
      properties: {
        'event-type': {
          type: 'string',
          const: type,
          description:
            'Set by DomainEventPublisher; informative only: the platform reads the type from the value.',
        },
      },
    },
    payload: envelopeSchema({ type: 'string', const: type }, schemaRef(type)),
    bindings: kafkaKey({
      type: 'string',
      description: `The aggregate id: ${key.what}, \`data.${key.path.join('.')}\`.`,
    }),
    examples: [
      {
        name: type,
        summary: `Kafka key: ${definition.aggregateIdOf(example.data)}`,
        headers: { 'event-type': type },
        payload: example,
      },
    ],
  };
}

function domainChannel(stream: DomainStream) {
  const key = STREAM_TOPIC[stream];
  const types = EVENT_TYPES.filter((type) => EVENT_CATALOG[type].stream === stream);
  return {
    address: TOPIC_DEFAULTS[key],
    title: STREAM_TITLES[stream],
    description:
      `${STREAM_PUBLISHERS[stream]} ${types.length} event types here, keyed by ${STREAM_KEYS[stream].what}; ` +
      'the matcher consumes them. A message that is not JSON, has an unknown type or fails its ' +
      `schema goes to \`${TOPIC_DEFAULTS.rejectedEvents}\`. ${namingNote(key)}`,
    tags: [{ name: 'domain events' }],
    messages: Object.fromEntries(types.map((type) => [type, ref(`components/messages/${type}`)])),
    bindings: kafkaChannelBinding(key),
  };
}

// ---------------------------------------------------------------- platform topics

/** The headers of a platform record, and of its examples. */
const RECORD_HEADERS = schemaRef('RecordHeaders');
const EXAMPLE_HEADERS = { [RECORD_FORMAT_HEADER]: RECORD_FORMAT_VERSION };

const WEBHOOK_ID_KEY = kafkaKey({ type: 'string', format: 'uuid', description: 'The webhook id.' });

const RETRY_NOTE =
  `Retries wait ${DEFAULT_RETRY_DELAYS_MS.map(formatDelay).join(', ')} by default ` +
  '(`WEBHOOK_RETRY_DELAYS`), counted from the failed attempt.';

function stageMessage(attempt: number) {
  return {
    name: `delivery.attempt${attempt}`,
    title: attempt === 1 ? 'Delivery record' : `Delivery record, attempt ${attempt}`,
    summary:
      attempt === 1
        ? 'One callback to make: an event (or a test call, or a redelivery) for one webhook.'
        : `A delivery whose attempt ${attempt - 1} failed, due at \`not_before\`.`,
    contentType: 'application/json',
    headers: RECORD_HEADERS,
    payload: stageRecordSchema(attempt),
    bindings: WEBHOOK_ID_KEY,
    examples: [
      {
        name: `attempt-${attempt}`,
        headers: EXAMPLE_HEADERS,
        payload: stageRecordExample(attempt),
      },
    ],
  };
}

const PLATFORM_MESSAGES = {
  'delivery.ordered': {
    name: 'delivery.ordered',
    title: 'Ordered delivery record',
    summary:
      'One callback to make for a webhook with per-entity ordering, with the entity it is about (`ordering_key`).',
    contentType: 'application/json',
    headers: RECORD_HEADERS,
    payload: ORDERED_DELIVERY_RECORD_SCHEMA,
    bindings: kafkaKey({
      type: 'string',
      description: 'The webhook id and the ordering key, joined by `/`.',
    }),
    examples: [{ name: 'ordered', headers: EXAMPLE_HEADERS, payload: ORDERED_RECORD_EXAMPLE }],
  },
  'delivery.deadLettered': {
    name: 'delivery.deadLettered',
    title: 'Dead-lettered delivery',
    summary: `A delivery whose attempt ${MAX_ATTEMPTS} failed, with all ${MAX_ATTEMPTS} attempts in \`history\`.`,
    contentType: 'application/json',
    headers: RECORD_HEADERS,
    payload: schemaRef('DeadLetterRecord'),
    bindings: WEBHOOK_ID_KEY,
    examples: [
      { name: 'dead-lettered', headers: EXAMPLE_HEADERS, payload: DEAD_LETTER_RECORD_EXAMPLE },
    ],
  },
  'delivery.rejected': {
    name: 'delivery.rejected',
    title: 'Rejected delivery record',
    summary:
      'A record on a delivery or retry topic the sender could not read, set aside. It has no `delivery_id`.',
    contentType: 'application/json',
    headers: RECORD_HEADERS,
    payload: schemaRef('RejectedRecord'),
    bindings: kafkaKey({ type: ['string', 'null'], description: 'The key as received.' }),
    examples: [{ name: 'not-json', headers: EXAMPLE_HEADERS, payload: REJECTED_RECORD_EXAMPLE }],
  },
  'attempt.outcome': {
    name: 'attempt.outcome',
    title: 'Attempt outcome',
    summary: 'What became of one attempt and what the sender did next.',
    contentType: 'application/json',
    headers: RECORD_HEADERS,
    payload: schemaRef('AttemptOutcome'),
    bindings: WEBHOOK_ID_KEY,
    examples: ATTEMPT_OUTCOME_EXAMPLES.map(({ name, summary, outcome }) => ({
      name,
      summary,
      headers: EXAMPLE_HEADERS,
      payload: outcome,
    })),
  },
  'webhook.route': {
    name: 'webhook.route',
    title: 'Webhook routing snapshot',
    summary:
      "A webhook's current routing data after a change; a null value (tombstone) when it was deleted.",
    contentType: 'application/json',
    headers: RECORD_HEADERS,
    payload: schemaRef('WebhookRoute'),
    bindings: WEBHOOK_ID_KEY,
    examples: [{ name: 'subscribed', headers: EXAMPLE_HEADERS, payload: WEBHOOK_ROUTE_EXAMPLE }],
  },
  'replay.requested': {
    name: 'replay.requested',
    title: 'Replay request',
    summary:
      "Run one webhook's subscription over the domain events of a time window and deliver the matches again.",
    contentType: 'application/json',
    headers: RECORD_HEADERS,
    payload: schemaRef('ReplayRequest'),
    bindings: WEBHOOK_ID_KEY,
    examples: [{ name: 'one-day', headers: EXAMPLE_HEADERS, payload: REPLAY_REQUEST_EXAMPLE }],
  },
  'replay.progress': {
    name: 'replay.progress',
    title: 'Replay progress',
    summary: 'Where a replay stands: events scanned and matched, and its state.',
    contentType: 'application/json',
    headers: RECORD_HEADERS,
    payload: schemaRef('ReplayProgress'),
    bindings: kafkaKey({ type: 'string', format: 'uuid', description: 'The replay id.' }),
    examples: [{ name: 'completed', headers: EXAMPLE_HEADERS, payload: REPLAY_PROGRESS_EXAMPLE }],
  },
  'event.rejected': {
    name: 'event.rejected',
    title: 'Rejected domain event',
    summary: 'A domain event message the matcher could not accept, with the reason.',
    contentType: 'application/json',
    headers: {
      type: 'object',
      description: "The original message's headers, with the platform's format version.",
      properties: { [RECORD_FORMAT_HEADER]: FORMAT_VERSION_HEADER_SCHEMA },
      additionalProperties: true,
    },
    payload: schemaRef('RejectedRecord'),
    bindings: kafkaKey({ type: ['string', 'null'], description: 'The key as received.' }),
    examples: [{ name: 'unknown-type', headers: EXAMPLE_HEADERS, payload: REJECTED_EVENT_EXAMPLE }],
  },
};

type PlatformTopicKey = Exclude<TopicKey, (typeof STREAM_TOPIC)[DomainStream]>;

function platformChannels(): Record<PlatformTopicKey, Record<string, unknown>> {
  const channel = (
    key: PlatformTopicKey,
    title: string,
    description: string,
    messages: string[],
  ) => ({
    address: TOPIC_DEFAULTS[key],
    title,
    description: `${description} ${namingNote(key)}`,
    tags: [{ name: 'platform' }],
    messages: Object.fromEntries(messages.map((id) => [id, ref(`components/messages/${id}`)])),
    bindings: kafkaChannelBinding(key),
  });
  const retry = (key: 'retry1' | 'retry2' | 'retry3') => {
    const attempt = DELIVERY_LADDER.indexOf(key) + 1;
    const delay = formatDelay(DEFAULT_RETRY_DELAYS_MS[attempt - 2]);
    return channel(
      key,
      `Retry ${attempt - 1}`,
      `Attempt ${attempt} of deliveries whose attempt ${attempt - 1} failed, written by the ` +
        `sender with \`not_before\` = failure time + ${delay}. The sender consumes it, holding ` +
        `a partition until its first record is due. ${RETRY_NOTE}`,
      [`delivery.attempt${attempt}`],
    );
  };
  return {
    deliveries: channel(
      'deliveries',
      'Deliveries',
      'One record per event and subscribed webhook, written by the matcher, and by management ' +
        'for test calls and redeliveries. The sender makes the first attempt from here.',
      ['delivery.attempt1'],
    ),
    deliveriesOrdered: channel(
      'deliveriesOrdered',
      'Ordered deliveries',
      'Deliveries of webhooks with `ordering: per_entity`, written by the matcher. The sender ' +
        'sends one callback per webhook and entity at a time, in offset order, and retries them ' +
        'in place rather than through the retry topics, so an entity never overtakes itself.',
      ['delivery.ordered'],
    ),
    retry1: retry('retry1'),
    retry2: retry('retry2'),
    retry3: retry('retry3'),
    deadLetter: channel(
      'deadLetter',
      'Dead letters',
      `Deliveries whose attempt ${MAX_ATTEMPTS} failed, with their whole history, and records ` +
        'the sender could not read (no `delivery_id`). No app consumes it: operators inspect it ' +
        'and redeliver through the REST API, `POST /v1/deliveries/{delivery_id}/redeliver`.',
      ['delivery.deadLettered', 'delivery.rejected'],
    ),
    attempts: channel(
      'attempts',
      'Attempt outcomes',
      "One outcome per attempt, written by the sender; management consumes it into the delivery log and the webhook's `last_delivery`.",
      ['attempt.outcome'],
    ),
    rejectedEvents: channel(
      'rejectedEvents',
      'Rejected domain events',
      'Domain event messages the matcher could not accept (not JSON, a bad envelope, an ' +
        'unknown type, `data` failing its schema), and records on the attempts topic that ' +
        'management could not read, with the reason and the original bytes, keyed as ' +
        'received (`source.topic` tells which). No app consumes it.',
      ['event.rejected'],
    ),
    webhookRoutes: channel(
      'webhookRoutes',
      'Webhook routing',
      'Compacted (`cleanup.policy=compact`): the newest routing snapshot of every webhook, ' +
        'published by management after each committed change (create, update, delete, ' +
        'activation, secret rotation), a tombstone on delete. The matcher builds its ' +
        'subscription table from it alone, reading it from the beginning at start; the sender ' +
        'follows it to drop what it cached of a changed or deleted webhook. No URL, header ' +
        'value or secret is on it (docs/webhook-changes.md).',
      ['webhook.route'],
    ),
    replays: channel(
      'replays',
      'Replay requests',
      'Written by management for `POST /v1/webhooks/{id}/replay`, with the webhook’s event ' +
        'types. The matcher consumes it in a group of its own and, per request, reads the ' +
        'domain topics from the offsets of `since` to those of `until` with a separate ' +
        'reader, at a bounded rate, producing deliveries (`trigger` `replay`) for that webhook ' +
        'only; live matching goes on meanwhile. A replay interrupted by a restart starts over ' +
        '(same delivery ids).',
      ['replay.requested'],
    ),
    replayProgress: channel(
      'replayProgress',
      'Replay progress',
      'Written by the matcher while it replays (about once a second) and at the end; ' +
        'management stores the newest report of each replay for ' +
        '`GET /v1/webhooks/{id}/replays/{replay_id}` (the matcher has no database).',
      ['replay.progress'],
    ),
  };
}

// ---------------------------------------------------------------- operations

function operation(
  key: TopicKey,
  action: 'send' | 'receive',
  title: string,
  messages: string[],
): Record<string, unknown> {
  return {
    action,
    channel: ref(`channels/${key}`),
    title,
    messages: messages.map((id) => ref(`channels/${key}/messages/${id}`)),
  };
}

function operations(): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const stream of Object.keys(STREAM_TOPIC) as DomainStream[]) {
    const key = STREAM_TOPIC[stream];
    const types = EVENT_TYPES.filter((type) => EVENT_CATALOG[type].stream === stream);
    result[`${key}.receive`] = operation(
      key,
      'receive',
      `Matcher consumes ${TOPIC_DEFAULTS[key]} (producers publish to it)`,
      types,
    );
  }
  result[`${STREAM_TOPIC.operational}.send`] = operation(
    STREAM_TOPIC.operational,
    'send',
    'Sender publishes dead letters and recoveries, management disabled webhooks',
    EVENT_TYPES.filter((type) => EVENT_CATALOG[type].stream === 'operational'),
  );
  result['deliveries.send'] = operation(
    'deliveries',
    'send',
    'Matcher and management publish deliveries',
    ['delivery.attempt1'],
  );
  result['deliveriesOrdered.send'] = operation(
    'deliveriesOrdered',
    'send',
    'Matcher publishes the deliveries of ordered webhooks',
    ['delivery.ordered'],
  );
  result['deliveriesOrdered.receive'] = operation(
    'deliveriesOrdered',
    'receive',
    `Sender consumes ${TOPIC_DEFAULTS.deliveriesOrdered}`,
    ['delivery.ordered'],
  );
  DELIVERY_LADDER.forEach((key, index) => {
    const message = `delivery.attempt${index + 1}`;
    if (index > 0)
      result[`${key}.send`] = operation(key, 'send', `Sender schedules attempt ${index + 1}`, [
        message,
      ]);
    result[`${key}.receive`] = operation(key, 'receive', `Sender consumes ${TOPIC_DEFAULTS[key]}`, [
      message,
    ]);
  });
  result['deadLetter.send'] = operation('deadLetter', 'send', 'Sender parks dead letters', [
    'delivery.deadLettered',
    'delivery.rejected',
  ]);
  result['attempts.send'] = operation('attempts', 'send', 'Sender reports each attempt', [
    'attempt.outcome',
  ]);
  result['attempts.receive'] = operation(
    'attempts',
    'receive',
    'Management records attempts in the delivery log',
    ['attempt.outcome'],
  );
  result['webhookRoutes.send'] = operation(
    'webhookRoutes',
    'send',
    'Management publishes every committed webhook change',
    ['webhook.route'],
  );
  result['webhookRoutes.receive'] = operation(
    'webhookRoutes',
    'receive',
    'Matcher and sender follow webhook changes',
    ['webhook.route'],
  );
  result['replays.send'] = operation('replays', 'send', 'Management asks for a replay', [
    'replay.requested',
  ]);
  result['replays.receive'] = operation('replays', 'receive', 'Matcher runs replays', [
    'replay.requested',
  ]);
  result['replayProgress.send'] = operation(
    'replayProgress',
    'send',
    'Matcher reports replay progress',
    ['replay.progress'],
  );
  result['replayProgress.receive'] = operation(
    'replayProgress',
    'receive',
    'Management stores replay progress',
    ['replay.progress'],
  );
  result['rejectedEvents.send'] = operation(
    'rejectedEvents',
    'send',
    'Matcher and management set records they cannot accept aside',
    ['event.rejected'],
  );
  return result;
}

// ---------------------------------------------------------------- the document

export interface AsyncApiOptions {
  /** The platform's version (package.json). */
  version: string;
}

/** The whole AsyncAPI 3.0 document, as a plain object. */
export function buildAsyncApiDocument({ version }: AsyncApiOptions): Record<string, unknown> {
  const streams = Object.keys(STREAM_TOPIC) as DomainStream[];
  const dataSchemas = Object.fromEntries(
    EVENT_TYPES.map((type) => [type, EVENT_CATALOG[type].schema]),
  );
  const envelope: JsonSchema = {
    ...envelopeSchema({ type: 'string', enum: [...EVENT_TYPES] }, { type: 'object' }),
    description: 'The domain event envelope, whatever the type.',
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Webhook platform: Kafka topics',
      version,
      description: [
        'The Kafka topics of the webhook platform. Other services publish domain events to the',
        'three `domain.*` topics (docs/producers.md); the matcher turns each into one delivery',
        'record per subscribed webhook, and the sender makes the signed HTTP callbacks, retries',
        'failures through three delayed retry topics and parks what still fails in the',
        'dead-letter topic (docs/receivers.md, docs/operators.md).',
        '',
        'Every value is UTF-8 JSON. Channel addresses are the default topic names.',
        '',
        'The records the platform writes to its own topics carry their format version in the',
        '`format-version` header (`RecordHeaders`), and their readers ignore fields they do not',
        'know: a newer minor version may add fields, a reader of an older major stops at a newer',
        'major\'s record (docs/design.md, "Record formats").',
        '',
        'Generated from libs/contracts by `npm run docs:asyncapi`; do not edit by hand.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description:
          'The single-node broker of `npm start` and `npm run kafka`. With docker compose, `localhost:19092` from the host.',
      },
    },
    channels: {
      ...Object.fromEntries(streams.map((stream) => [STREAM_TOPIC[stream], domainChannel(stream)])),
      ...platformChannels(),
    },
    operations: operations(),
    components: {
      schemas: {
        DomainEventEnvelope: envelope,
        ...dataSchemas,
        CallbackPayload: CALLBACK_PAYLOAD_SCHEMA,
        AttemptSummary: ATTEMPT_SUMMARY_SCHEMA,
        DeliveryRecord: DELIVERY_RECORD_SCHEMA,
        DeadLetterRecord: DEAD_LETTER_RECORD_SCHEMA,
        AttemptOutcome: ATTEMPT_OUTCOME_SCHEMA,
        RejectedRecord: REJECTED_RECORD_SCHEMA,
        RecordHeaders: RECORD_HEADERS_SCHEMA,
        WebhookRoute: WEBHOOK_ROUTE_SCHEMA,
        ReplayRequest: REPLAY_REQUEST_SCHEMA,
        ReplayProgress: REPLAY_PROGRESS_SCHEMA,
      },
      messages: {
        ...Object.fromEntries(EVENT_TYPES.map((type) => [type, domainEventMessage(type)])),
        ...Object.fromEntries(
          DELIVERY_LADDER.map((_, index) => [
            `delivery.attempt${index + 1}`,
            stageMessage(index + 1),
          ]),
        ),
        ...PLATFORM_MESSAGES,
      },
    },
  };
}

/** Repository-relative path of the generated document. */
export const ASYNCAPI_DOCUMENT_PATH = 'docs/asyncapi.yaml';

const GENERATED_HEADER =
  '# Generated from libs/contracts by `npm run docs:asyncapi` (scripts/generate-asyncapi.ts).\n' +
  '# Do not edit: a unit spec fails when this file differs from a fresh generation.\n';

/** The document as YAML, exactly as written to docs/asyncapi.yaml. */
export function renderAsyncApiYaml(document: Record<string, unknown>): string {
  // No anchors or aliases (the catalog reuses objects); no line folding (prettier keeps long
  // lines); YAML 1.1 rules for quoting, so timestamps and yes/no stay strings for 1.1 parsers.
  const options = { aliasDuplicateObjects: false, lineWidth: 0, singleQuote: true } as const;
  return GENERATED_HEADER + stringify(document, { ...options, version: '1.1' });
}
