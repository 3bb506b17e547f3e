import type { Message } from 'kafkajs';
import { v5 as uuidv5 } from 'uuid';
import type {
  DomainEvent,
  EventData,
  OperationalEventType,
  WebhookDisabledData,
} from '@webhook-platform/events';

/** A namespace for operational event ids; any fixed uuid works, it only has to never change. */
const OPERATIONAL_EVENT_NAMESPACE = 'c2f7e0a4-91d3-4b8e-a6f5-3d2e1b0c9a87';

/**
 * An operational event's id, derived from what it is about, so a record consumed twice (a
 * crash before the commit) yields the same event id and so the same delivery ids downstream.
 */
export function operationalEventId(type: OperationalEventType, ...about: string[]): string {
  return uuidv5(`${type}:${about.join(':')}`, OPERATIONAL_EVENT_NAMESPACE);
}

/** `data` of the operational events: the catalog's generated types, defined once. */
export type DeadLetteredData = EventData<'delivery.dead_lettered'>;
export type RecoveredData = EventData<'delivery.recovered'>;

/** A `delivery.dead_lettered` event; one per attempt series that ends in the dead-letter topic. */
export function deadLetteredEvent(seriesId: string, data: DeadLetteredData): DomainEvent {
  return {
    id: operationalEventId('delivery.dead_lettered', data.delivery_id, seriesId),
    type: 'delivery.dead_lettered',
    organisation_id: data.organisation_id,
    occurred_at: data.dead_lettered_at,
    data: { ...data },
  };
}

/** A `delivery.recovered` event; one per attempt series that succeeds after a failure. */
export function recoveredEvent(seriesId: string, data: RecoveredData): DomainEvent {
  return {
    id: operationalEventId('delivery.recovered', data.delivery_id, seriesId),
    type: 'delivery.recovered',
    organisation_id: data.organisation_id,
    occurred_at: data.recovered_at,
    data: { ...data },
  };
}

/** A `webhook.disabled` event; one per time a webhook is switched off. */
export function webhookDisabledEvent(data: WebhookDisabledData): DomainEvent {
  return {
    id: operationalEventId('webhook.disabled', data.webhook_id, data.disabled_at),
    type: 'webhook.disabled',
    organisation_id: data.organisation_id,
    occurred_at: data.disabled_at,
    data: { ...data },
  };
}

/**
 * An operational event as a Kafka message on `webhooks.operational-events`: keyed by the
 * webhook it is about (one webhook's events stay in order), with the `event-type` header
 * domain events carry.
 */
export function operationalEventMessage(event: DomainEvent): Message {
  return {
    key: String(event.data.webhook_id),
    value: JSON.stringify(event),
    headers: { 'event-type': event.type },
  };
}

/**
 * The webhook an operational event must never be delivered to: a webhook's own
 * `webhook.disabled` event goes to the organisation's other webhooks only.
 */
export function excludedRecipient(event: DomainEvent): string | null {
  return event.type === 'webhook.disabled' && typeof event.data.webhook_id === 'string'
    ? event.data.webhook_id
    : null;
}
