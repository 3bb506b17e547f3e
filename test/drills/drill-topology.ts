import { randomUUID } from 'node:crypto';
import { deliveryIdFor, EVENT_CATALOG, type DomainEvent, type EventType } from '@app/contracts';
import type { Pipeline } from '../support/pipeline';
import type { CountingReceiver } from './counting-receiver';

/** The event types the load publishes (one per stream, plus a second conversation type). */
export const LOAD_EVENT_TYPES: readonly EventType[] = [
  'contact.created',
  'conversation.inbound',
  'conversation.close',
  'form_submission.completed',
];

/** Who subscribes to what: some webhooks take every load type, some a few, one org none. */
const SUBSCRIPTIONS: ReadonlyArray<ReadonlyArray<readonly EventType[]>> = [
  [LOAD_EVENT_TYPES, ['contact.created'], ['conversation.inbound', 'conversation.close']],
  [LOAD_EVENT_TYPES, ['form_submission.completed']],
  [['conversation.inbound', 'form_submission.completed']],
  [],
];

interface Subscription {
  webhookId: string;
  events: ReadonlySet<EventType>;
}

/**
 * The organisations and webhooks of the drill, made through the REST API as a user would,
 * all pointing at the counting receiver; answers which deliveries an event must produce.
 */
export class DrillTopology {
  readonly organisations: string[] = [];
  private readonly subscriptions = new Map<string, Subscription[]>();
  /**
   * The first webhook of the first organisation (every load type) delivers per entity in
   * order (`ordering: per_entity`); the drills check the order it receives.
   */
  orderedWebhookId = '';

  static async create(pipeline: Pipeline, receiver: CountingReceiver): Promise<DrillTopology> {
    const topology = new DrillTopology();
    for (const [o, hooks] of SUBSCRIPTIONS.entries()) {
      const organisationId = randomUUID();
      const api = await pipeline.newOrganisation(organisationId);
      const subscriptions: Subscription[] = [];
      for (const [h, events] of hooks.entries()) {
        const ordered = o === 0 && h === 0;
        const webhook = await api.expect<{ id: string }>(201, 'POST', '/v1/webhooks', {
          name: `drill org ${o} hook ${h}`,
          target_url: receiver.url(`/org-${o}/hook-${h}`),
          events,
          ...(ordered ? { ordering: 'per_entity' } : {}),
        });
        if (ordered) topology.orderedWebhookId = webhook.id;
        subscriptions.push({ webhookId: webhook.id, events: new Set(events) });
      }
      topology.organisations.push(organisationId);
      topology.subscriptions.set(organisationId, subscriptions);
    }
    return topology;
  }

  get webhookCount(): number {
    return [...this.subscriptions.values()].reduce((n, subs) => n + subs.length, 0);
  }

  /** The ordered webhook's delivery of `event`, with the entity it is ordered by; or null. */
  orderedDelivery(event: DomainEvent): { deliveryId: string; entity: string } | null {
    const subscribed = (this.subscriptions.get(event.organisation_id) ?? []).some(
      (s) => s.webhookId === this.orderedWebhookId && s.events.has(event.type),
    );
    if (!subscribed) return null;
    return {
      deliveryId: deliveryIdFor(event.id, this.orderedWebhookId),
      entity: EVENT_CATALOG[event.type].aggregateIdOf(event.data),
    };
  }

  /** The delivery ids (= webhook-id headers) an event must turn into. */
  expectedDeliveries(organisationId: string, eventId: string, type: EventType): string[] {
    return (this.subscriptions.get(organisationId) ?? [])
      .filter((subscription) => subscription.events.has(type))
      .map((subscription) => deliveryIdFor(eventId, subscription.webhookId));
  }
}
