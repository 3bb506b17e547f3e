import type { OperationalEventType } from '../event-types';
import type { EventTypeDefinition } from './event-type-definition';
import {
  DATE_TIME,
  EXAMPLE_ORGANISATION_ID,
  NON_EMPTY_STRING,
  UUID,
  defineEventType,
  entityObject,
} from './shared-schemas';

/*
 * Events the platform publishes about its own deliveries and webhooks, on
 * `webhooks.operational-events` (docs/design.md, "Operational events"). They carry ids,
 * status codes and error kinds only: never a target URL, a header value or a secret.
 */

/**
 * Error classes of a failed attempt, as shown in the delivery log, metrics and
 * `delivery.dead_lettered` events.
 */
export const ERROR_KINDS = [
  'http_status',
  'redirect',
  'timeout',
  'connection',
  'tls',
  'dns',
  'blocked_address',
  'invalid_target',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Why a webhook was switched off; one reason today, an enum so receivers can switch on it. */
export const DISABLE_REASONS = ['failing'] as const;
export type DisableReason = (typeof DISABLE_REASONS)[number];

const POSITIVE_INTEGER = { type: 'integer', minimum: 1 };
const STATUS_CODE = {
  type: ['integer', 'null'],
  minimum: 100,
  maximum: 599,
  description: 'The HTTP status of the last attempt; null when no response came.',
};

/** Fields every delivery event shares: which delivery of which event to which webhook. */
const deliveryProperties = {
  organisation_id: UUID,
  webhook_id: { ...UUID, description: 'The webhook the delivery was for.' },
  delivery_id: {
    ...UUID,
    description: 'The delivery id: the `webhook-id` header its callbacks carried.',
  },
  event_id: { ...UUID, description: 'The id of the event that was delivered.' },
  event_type: { ...NON_EMPTY_STRING, description: 'The type of the event that was delivered.' },
  attempts: { ...POSITIVE_INTEGER, description: 'Attempts made in this series.' },
};
const deliveryRequired = [
  'organisation_id',
  'webhook_id',
  'delivery_id',
  'event_id',
  'event_type',
  'attempts',
] as const;

const DEAD_LETTERED = entityObject({
  description: 'A delivery that failed its last attempt and was given up.',
  properties: {
    ...deliveryProperties,
    last_status_code: STATUS_CODE,
    last_error_kind: {
      type: 'string',
      enum: [...ERROR_KINDS],
      description: 'What went wrong on the last attempt.',
    },
    dead_lettered_at: DATE_TIME,
  },
  required: [...deliveryRequired, 'last_status_code', 'last_error_kind', 'dead_lettered_at'],
});

const RECOVERED = entityObject({
  description: 'A delivery that succeeded after at least one failed attempt.',
  properties: {
    ...deliveryProperties,
    status_code: { ...STATUS_CODE, type: 'integer', description: 'The 2xx status received.' },
    recovered_at: DATE_TIME,
  },
  required: [...deliveryRequired, 'status_code', 'recovered_at'],
});

const DISABLED = entityObject({
  description: 'A webhook the platform switched off because its deliveries kept failing.',
  properties: {
    organisation_id: UUID,
    webhook_id: { ...UUID, description: 'The webhook that was disabled.' },
    reason: {
      type: 'string',
      enum: [...DISABLE_REASONS],
      description: 'failing: every delivery dead-lettered, with no success, for too long.',
    },
    failing_since: {
      ...DATE_TIME,
      description: 'When the first dead letter with no success after it happened.',
    },
    disabled_at: DATE_TIME,
  },
  required: ['organisation_id', 'webhook_id', 'reason', 'failing_since', 'disabled_at'],
});

const WEBHOOK_ID = 'a4d1f1c2-3b5e-4f6a-8b7c-9d0e1f2a3b4c';
const DELIVERY = {
  organisation_id: EXAMPLE_ORGANISATION_ID,
  webhook_id: WEBHOOK_ID,
  delivery_id: '5e0c2d9b-7a41-5c3e-9f1b-2d4a6c8e0f13',
  event_id: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11',
  event_type: 'conversation.inbound',
};

/** Keyed by the webhook, so one webhook's operational events stay in order. */
const keyPath = ['webhook_id'];

export const OPERATIONAL_EVENTS: { [K in OperationalEventType]: EventTypeDefinition<K> } = {
  'delivery.dead_lettered': defineEventType({
    type: 'delivery.dead_lettered',
    version: 1,
    description: 'A delivery to one of your webhooks gave up after its last attempt.',
    stream: 'operational',
    schema: DEAD_LETTERED,
    example: {
      ...DELIVERY,
      attempts: 4,
      last_status_code: 503,
      last_error_kind: 'http_status',
      dead_lettered_at: '2026-11-23T10:06:12.418Z',
    },
    keyPath,
  }),
  'delivery.recovered': defineEventType({
    type: 'delivery.recovered',
    version: 1,
    description: 'A delivery to one of your webhooks succeeded after at least one failed attempt.',
    stream: 'operational',
    schema: RECOVERED,
    example: {
      ...DELIVERY,
      attempts: 2,
      status_code: 200,
      recovered_at: '2026-11-23T10:00:11.902Z',
    },
    keyPath,
  }),
  'webhook.disabled': defineEventType({
    type: 'webhook.disabled',
    version: 1,
    description: 'One of your webhooks was switched off because its deliveries kept failing.',
    stream: 'operational',
    schema: DISABLED,
    example: {
      organisation_id: EXAMPLE_ORGANISATION_ID,
      webhook_id: WEBHOOK_ID,
      reason: 'failing',
      failing_since: '2026-11-18T09:12:40.000Z',
      disabled_at: '2026-11-23T09:14:02.731Z',
    },
    keyPath,
  }),
};
