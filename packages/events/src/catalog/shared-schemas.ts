import type { EventType } from '../event-types';
import type { EventTypeDefinition, JsonSchema } from './event-type-definition';

/*
 * JSON Schema (draft 2020-12) fragments shared by the event definitions.
 *
 * Every fragment must compile under Ajv2020 with `strict: true`: only known keywords,
 * an explicit `type` wherever type-specific keywords appear, no union types other than
 * "X or null" (strictTypes forbids the rest; use `anyOf` instead).
 *
 * Openness policy: entity objects (contact, conversation, message, tag, user, form
 * submission...) use `additionalProperties: true`, because producers add fields over
 * time and the matcher rejects whatever fails its schema — a closed entity would make
 * every new producer field a dropped event. They still `require` the fields receivers
 * depend on. Only wrappers that this catalog itself composes (e.g. `{ conversation,
 * message }`) are closed: a new top-level key there is a contract change.
 */

/** Every catalog example belongs to this organisation (docs/design.md envelope example). */
export const EXAMPLE_ORGANISATION_ID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';

// ---------------------------------------------------------------- scalars

export const UUID: JsonSchema = { type: 'string', format: 'uuid' };

export const DATE_TIME: JsonSchema = {
  type: 'string',
  format: 'date-time',
  description: 'ISO 8601 / RFC 3339 timestamp, UTC (e.g. 2026-11-23T10:00:00.000Z).',
};

export const NULLABLE_DATE_TIME: JsonSchema = { ...DATE_TIME, type: ['string', 'null'] };

export const NON_EMPTY_STRING: JsonSchema = { type: 'string', minLength: 1 };

export const NULLABLE_STRING: JsonSchema = { type: ['string', 'null'] };

export const NULLABLE_UUID: JsonSchema = { type: ['string', 'null'], format: 'uuid' };

export const NULLABLE_EMAIL: JsonSchema = { type: ['string', 'null'], format: 'email' };

/** E.164: "+", country code, subscriber number, at most 15 digits, no spaces. */
export const NULLABLE_E164_PHONE: JsonSchema = {
  type: ['string', 'null'],
  pattern: '^\\+[1-9][0-9]{1,14}$',
  description: 'Phone number in E.164 format (e.g. +4915123456789), or null.',
};

export const NON_NEGATIVE_INTEGER: JsonSchema = { type: 'integer', minimum: 0 };

/** Accepts `schema` or null; for object schemas, where `type: [..., 'null']` would not read well. */
export function nullable(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: 'null' }] };
}

// ---------------------------------------------------------------- object builders

interface ObjectSpec<P extends Record<string, JsonSchema>> {
  description: string;
  properties: P;
  /** Typed against `properties`, so a typo fails to compile (Ajv's strictRequired would only fail at run time). */
  required: readonly (keyof P & string)[];
}

/** An object schema whose parts stay typed, so other schemas can extend it. */
export type ObjectSchema<P extends Record<string, JsonSchema>> = JsonSchema & {
  type: 'object';
  description: string;
  properties: P;
  required: string[];
  additionalProperties: boolean;
};

/** An entity: forward compatible, unknown properties are allowed. */
export function entityObject<P extends Record<string, JsonSchema>>(
  spec: ObjectSpec<P>,
): ObjectSchema<P> {
  return { type: 'object', ...spec, required: [...spec.required], additionalProperties: true };
}

/** A wrapper this catalog owns: unknown properties are rejected. */
export function closedObject<P extends Record<string, JsonSchema>>(
  spec: ObjectSpec<P>,
): ObjectSchema<P> {
  return { type: 'object', ...spec, required: [...spec.required], additionalProperties: false };
}

/** `base` with some properties replaced, e.g. to pin a field to the value one event implies. */
export function withProperties<P extends Record<string, JsonSchema>>(
  base: ObjectSchema<P>,
  overrides: { [K in keyof P]?: JsonSchema },
): ObjectSchema<P> {
  return { ...base, properties: { ...base.properties, ...overrides } };
}

// ---------------------------------------------------------------- enumerations

/** The messaging channels a contact can be reached on and a conversation runs over. */
export const CHANNELS = [
  'whatsapp',
  'sms',
  'email',
  'instagram',
  'facebook',
  'google_business_messaging',
] as const;

export const CHANNEL: JsonSchema = { type: 'string', enum: [...CHANNELS] };

// ---------------------------------------------------------------- small entities

export const TAG = entityObject({
  description: 'A label in the organisation (used on contacts and conversations).',
  properties: {
    id: UUID,
    name: NON_EMPTY_STRING,
    color: { type: ['string', 'null'], pattern: '^#[0-9a-fA-F]{6}$' },
  },
  required: ['id', 'name'],
});

export const TAGS: JsonSchema = { type: 'array', items: TAG };

/** A team member of the organisation (assignee, actor, sender). */
export const USER = entityObject({
  description: 'A user (team member) of the organisation.',
  properties: {
    id: UUID,
    name: NON_EMPTY_STRING,
    email: { type: 'string', format: 'email' },
  },
  required: ['id', 'name', 'email'],
});

/** Who made a change: a user, or null when an automation, the API or the system did. */
export const ACTOR: JsonSchema = {
  ...nullable(USER),
  description:
    'The user who made the change; null when an automation, the API or the system made it.',
};

/** What triggered a change; receivers use it to tell manual actions from automated ones. */
export const CHANGE_SOURCES = ['user', 'automation', 'api', 'system'] as const;

export const CHANGE_SOURCE: JsonSchema = { type: 'string', enum: [...CHANGE_SOURCES] };

// ---------------------------------------------------------------- contact

/** Custom field values by custom field key; hellomateo custom fields hold scalars only. */
export const CUSTOM_FIELDS: JsonSchema = {
  type: 'object',
  description: 'Custom field values by custom field key.',
  additionalProperties: {
    anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }],
  },
};

export const MARKETING_SUBSCRIPTION_STATUSES = ['accepted', 'declined', 'pending'] as const;

/** Per-channel marketing consent, with the time it last changed (proof of consent). */
export const MARKETING_SUBSCRIPTION = entityObject({
  description: 'Marketing consent on one channel.',
  properties: {
    status: { type: 'string', enum: [...MARKETING_SUBSCRIPTION_STATUSES] },
    updated_at: DATE_TIME,
  },
  required: ['status', 'updated_at'],
});

export const CONTACT = entityObject({
  description: 'A hellomateo contact.',
  properties: {
    id: UUID,
    organisation_id: UUID,
    external_id: {
      type: ['string', 'null'],
      description: 'The id of the contact in an external system (CRM, ERP), for syncing.',
    },
    full_name: NULLABLE_STRING,
    display_name: {
      ...NON_EMPTY_STRING,
      description: 'The name shown in the inbox; falls back to a handle or phone number.',
    },
    first_name: NULLABLE_STRING,
    last_name: NULLABLE_STRING,
    handle: NULLABLE_STRING,
    description: NULLABLE_STRING,
    email: NULLABLE_EMAIL,
    whatsapp: NULLABLE_E164_PHONE,
    sms: NULLABLE_E164_PHONE,
    instagram: NULLABLE_STRING,
    facebook: NULLABLE_STRING,
    google_business_messaging: NULLABLE_STRING,
    marketing_opt_in: {
      type: 'boolean',
      description: 'Whether the contact accepted marketing messages on at least one channel.',
    },
    transactional_opt_in: {
      type: ['string', 'null'],
      description:
        'Legal basis for transactional messages, e.g. "legitimate_interest", "accepted" or "declined".',
    },
    marketing_subscriptions: {
      type: 'object',
      description: 'Marketing consent by channel (whatsapp, sms, email...).',
      additionalProperties: MARKETING_SUBSCRIPTION,
    },
    latest_marketing_opt_in_request_sent_at: NULLABLE_DATE_TIME,
    number_of_marketing_opt_in_requests: NON_NEGATIVE_INTEGER,
    campaign_messages_this_month: NON_NEGATIVE_INTEGER,
    custom_fields: CUSTOM_FIELDS,
    tags: TAGS,
    created_at: DATE_TIME,
    updated_at: DATE_TIME,
  },
  required: [
    'id',
    'organisation_id',
    'external_id',
    'full_name',
    'display_name',
    'first_name',
    'last_name',
    'email',
    'whatsapp',
    'sms',
    'marketing_opt_in',
    'transactional_opt_in',
    'marketing_subscriptions',
    'custom_fields',
    'tags',
    'created_at',
    'updated_at',
  ],
});

// ---------------------------------------------------------------- conversation and message

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;

export const CONVERSATION = entityObject({
  description: 'A conversation between the organisation and one contact on one channel.',
  properties: {
    id: UUID,
    organisation_id: UUID,
    contact_id: UUID,
    channel: CHANNEL,
    status: { type: 'string', enum: [...CONVERSATION_STATUSES] },
    subject: { ...NULLABLE_STRING, description: 'Email subject; null on chat channels.' },
    assignee: {
      ...nullable(USER),
      description: 'The user the conversation is assigned to, or null.',
    },
    tags: TAGS,
    last_message_at: NULLABLE_DATE_TIME,
    closed_at: NULLABLE_DATE_TIME,
    created_at: DATE_TIME,
    updated_at: DATE_TIME,
  },
  required: [
    'id',
    'organisation_id',
    'contact_id',
    'channel',
    'status',
    'assignee',
    'tags',
    'created_at',
    'updated_at',
  ],
});

export const ATTACHMENT_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;

export const ATTACHMENT = entityObject({
  description: 'A file sent with a message.',
  properties: {
    id: UUID,
    type: { type: 'string', enum: [...ATTACHMENT_TYPES] },
    url: { type: 'string', format: 'uri', description: 'A time-limited download link.' },
    file_name: NULLABLE_STRING,
    mime_type: NON_EMPTY_STRING,
    size_bytes: { type: ['integer', 'null'], minimum: 0 },
  },
  required: ['id', 'type', 'url', 'mime_type'],
});

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;

/** Delivery state of a message as last reported by the provider. */
export const MESSAGE_STATUSES = [
  'received',
  'pending',
  'sent',
  'delivered',
  'read',
  'failed',
] as const;

export const MESSAGE = entityObject({
  description: 'A message in a conversation.',
  properties: {
    id: UUID,
    conversation_id: UUID,
    direction: { type: 'string', enum: [...MESSAGE_DIRECTIONS] },
    channel: CHANNEL,
    status: { type: 'string', enum: [...MESSAGE_STATUSES] },
    text: {
      ...NULLABLE_STRING,
      description: 'Plain-text content; null for attachment-only messages.',
    },
    raw_content: {
      ...NULLABLE_STRING,
      description: 'The raw content: the text, or the HTML of an email.',
    },
    attachments: { type: 'array', items: ATTACHMENT },
    sent_by: {
      ...nullable(USER),
      description:
        'The user who wrote an outbound message; null for inbound, automated or API messages.',
    },
    provider_message_id: { ...NULLABLE_STRING, description: "The provider's id, once submitted." },
    created_at: DATE_TIME,
    sent_at: {
      ...NULLABLE_DATE_TIME,
      description:
        'When the message was sent (by the contact, or by us to the provider); null if never sent.',
    },
  },
  required: [
    'id',
    'conversation_id',
    'direction',
    'channel',
    'status',
    'text',
    'attachments',
    'created_at',
    'sent_at',
  ],
});

/** Why a message could not be submitted or delivered. */
export const MESSAGE_ERROR = entityObject({
  description: 'Why the message failed.',
  properties: {
    code: { ...NON_EMPTY_STRING, description: 'Stable, machine-readable reason (snake_case).' },
    message: { ...NON_EMPTY_STRING, description: 'Human-readable explanation.' },
    provider_code: {
      ...NULLABLE_STRING,
      description: "The provider's own error code, when it gave one.",
    },
  },
  required: ['code', 'message'],
});

// ---------------------------------------------------------------- form submission

export const FORM = entityObject({
  description: 'The form that was filled in.',
  properties: { id: UUID, name: NON_EMPTY_STRING },
  required: ['id', 'name'],
});

/** An answer is a scalar, or a list of strings for multiple-choice questions. */
export const FORM_ANSWER = entityObject({
  description: 'The answer to one question.',
  properties: {
    question_id: UUID,
    question: NON_EMPTY_STRING,
    answer: {
      anyOf: [
        { type: 'string' },
        { type: 'number' },
        { type: 'boolean' },
        { type: 'array', items: { type: 'string' } },
        { type: 'null' },
      ],
    },
  },
  required: ['question_id', 'question', 'answer'],
});

export const FORM_ANSWERS: JsonSchema = { type: 'array', items: FORM_ANSWER };

// ---------------------------------------------------------------- aggregate ids

/**
 * Builds an `aggregateIdOf` that reads the id at `path`. It throws rather than returning
 * a placeholder, because a wrong Kafka key would silently break per-aggregate ordering.
 */
export function aggregateIdAt(
  ...path: readonly string[]
): (data: Record<string, unknown>) => string {
  return (data) => {
    let value: unknown = data;
    for (const key of path) {
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    if (typeof value !== 'string' || value.length === 0) {
      throw new TypeError(`event data has no aggregate id at data.${path.join('.')}`);
    }
    return value;
  };
}

/**
 * One event type's definition: its `data` schema titled after it (the generated type's name
 * comes from the title), its Kafka key read at `keyPath`.
 */
export function defineEventType<T extends EventType>(
  definition: Omit<EventTypeDefinition<T>, 'aggregateIdOf'>,
): EventTypeDefinition<T> {
  return {
    ...definition,
    schema: { ...definition.schema, title: `${definition.type} data` },
    aggregateIdOf: aggregateIdAt(...definition.keyPath),
  };
}
