import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { ErrorKind } from '@webhook-platform/events';
import { recordMessage } from './record-format';

/** What the receiver gets as the JSON body (docs/design.md, "The HTTP callback"). */
export interface CallbackPayload {
  id: string;
  type: string;
  timestamp: string;
  organisation_id: string;
  data: Record<string, unknown>;
}

/** Why a delivery exists: a matched domain event, a test call, a redelivery, or a replay. */
export type DeliveryTrigger = 'event' | 'test' | 'redeliver' | 'replay';

/** One failed attempt, carried forward on retry records and in the dead-letter record. */
export interface AttemptSummary {
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  error_kind: ErrorKind | null;
  error: string | null;
  duration_ms: number;
}

/**
 * A delivery record on `webhooks.deliveries` and the retry topics, keyed by webhook id.
 * It never carries the target URL, headers or secret: the sender resolves them itself.
 */
export interface DeliveryRecord {
  delivery_id: string;
  webhook_id: string;
  organisation_id: string;
  trigger: DeliveryTrigger;
  /**
   * One attempt series of this delivery: the matched series uses the delivery id, each test
   * or redelivery a new uuid, a replay replaySeriesIdFor(delivery id, replay id). Attempt
   * logs are idempotent on (series_id, attempt).
   */
  series_id: string;
  /** 1 for the first try; n for the record on retry topic n - 1. */
  attempt: number;
  /** When the delivery was created (event matched, test or redeliver requested). */
  created_at: string;
  /** Retries only: the earliest time this attempt may be made. */
  not_before?: string;
  /**
   * How many times this attempt was put off to a later retry stage without being made,
   * because its endpoint already had its share of records waiting (not an attempt).
   */
  deferred?: number;
  /**
   * Ordered deliveries only (`webhooks.deliveries.ordered`): the entity the event is about,
   * from the domain event's Kafka key. The sender sends one callback of a (webhook, entity)
   * at a time, in offset order (docs/design.md, "Ordered delivery").
   */
  ordering_key?: string;
  /** Earlier failed attempts of this delivery, oldest first. */
  history: AttemptSummary[];
  payload: CallbackPayload;
}

/** The record parked on `webhooks.deliveries.dlq`: the delivery with its full history. */
export interface DeadLetterRecord extends DeliveryRecord {
  dead_lettered_at: string;
}

/** A namespace for delivery ids; any fixed uuid works, it only has to never change. */
const DELIVERY_ID_NAMESPACE = '6f1c58f4-5d0b-4b8f-9d86-2b5b1c7f1e5a';

/**
 * The delivery id (and so the `webhook-id` header) of an event for a webhook: a uuid v5 of
 * both ids, so a re-published or re-consumed event yields the same id at the receiver.
 */
export function deliveryIdFor(eventId: string, webhookId: string): string {
  return uuidv5(`${eventId}:${webhookId}`, DELIVERY_ID_NAMESPACE);
}

/** The longest `ordering_key` carried as is; a longer Kafka key is carried as its SHA-256. */
export const MAX_ORDERING_KEY_LENGTH = 256;

/**
 * The ordering key of a domain event's Kafka key: the key as UTF-8, or its SHA-256 when
 * longer than MAX_ORDERING_KEY_LENGTH (still one value per entity). Null without a key:
 * such events belong to no entity and are delivered unordered.
 */
export function orderingKeyOf(key: Buffer | string | null | undefined): string | null {
  if (key === null || key === undefined || key.length === 0) return null;
  const text = typeof key === 'string' ? key : key.toString('utf8');
  if (text.length <= MAX_ORDERING_KEY_LENGTH) return text;
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * The Kafka message of a delivery record: keyed by webhook id, or for an ordered delivery
 * by webhook id and entity, so one entity's records stay in one partition in order.
 */
export function deliveryMessage(record: DeliveryRecord) {
  const key =
    record.ordering_key === undefined
      ? record.webhook_id
      : `${record.webhook_id}/${record.ordering_key}`;
  return recordMessage(key, record);
}
