import type { IHeaders, KafkaMessage } from 'kafkajs';
import {
  deliveryIdFor,
  type CallbackPayload,
  type DeliveryRecord,
  type DomainEvent,
  type DomainEventValidator,
  excludedRecipient,
  orderingKeyOf,
  rejectMessage,
  type RejectedEvent,
} from '@app/contracts';
import type { SubscriptionIndex } from './subscription-index';

export interface SourcePosition {
  topic: string;
  partition: number;
}

/** What one consumed message turns into. */
export type Plan =
  | { accepted: true; eventId: string; eventType: string; deliveries: DeliveryRecord[] }
  | { accepted: false; rejection: RejectedEvent; key: Buffer | null; headers?: IHeaders };

/**
 * Turns one consumed domain-event message into what must be produced: one delivery record
 * per subscribed live webhook, or a rejected-event record with the reason and the original
 * bytes. Pure: the consumer does the I/O.
 */
export function planDeliveries(
  message: KafkaMessage,
  source: SourcePosition,
  validator: DomainEventValidator,
  index: SubscriptionIndex,
  now: Date,
): Plan {
  const result = validator.parse(message.value);
  if (!result.ok) {
    return {
      accepted: false,
      rejection: rejectMessage(message, source, result.reason, now),
      key: message.key,
      headers: message.headers,
    };
  }
  const { event } = result;
  const createdAt = now.toISOString();
  // A webhook's own `webhook.disabled` goes to its organisation's other webhooks only.
  const excluded = excludedRecipient(event);
  // One callback body for all: payload filters read it, and every delivery carries it.
  const payload = callbackPayload(event);
  // Only ordered webhooks need the entity; a keyless event belongs to none and goes unordered.
  let orderingKey: string | null | undefined;
  const deliveries: DeliveryRecord[] = [];
  for (const webhookId of index.match(event.organisation_id, event.type, payload)) {
    if (webhookId === excluded) continue;
    const delivery = eventDelivery(event, webhookId, createdAt, payload);
    if (index.isOrdered(webhookId)) {
      orderingKey ??= orderingKeyOf(message.key);
      if (orderingKey !== null) delivery.ordering_key = orderingKey;
    }
    deliveries.push(delivery);
  }
  return { accepted: true, eventId: event.id, eventType: event.type, deliveries };
}

/**
 * The delivery of a matched event to one webhook: its id derived from both ids
 * (deliveryIdFor), so matching the same event again, live or in a replay, yields the same
 * `webhook-id` at the receiver.
 */
export function eventDelivery(
  event: DomainEvent,
  webhookId: string,
  createdAt: string,
  payload: CallbackPayload = callbackPayload(event),
): DeliveryRecord {
  const deliveryId = deliveryIdFor(event.id, webhookId);
  return {
    delivery_id: deliveryId,
    webhook_id: webhookId,
    organisation_id: event.organisation_id,
    trigger: 'event',
    series_id: deliveryId,
    attempt: 1,
    created_at: createdAt,
    history: [],
    payload,
  };
}

/**
 * The JSON body the receiver gets for an event (docs/receivers.md): what payload filters
 * are evaluated against. Deliveries may share one: records are serialised, never mutated.
 */
export function callbackPayload(event: DomainEvent): CallbackPayload {
  return {
    id: event.id,
    type: event.type,
    timestamp: event.occurred_at,
    organisation_id: event.organisation_id,
    data: event.data,
  };
}
