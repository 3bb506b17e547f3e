import { seededRandom } from '../support/seeded-random';
import { randomUUID } from 'node:crypto';
import { deliveryIdFor, DOMAIN_EVENT_TYPES, EVENT_CATALOG, type EventType } from '@app/contracts';

/** Path of the slow webhooks (on receivers that answer after the sender's timeout). */
export const SLOW_PATH_PREFIX = '/never';
/** One webhook in this many never answers in time (20: 5 %). */
const SLOW_EVERY = Number(process.env.BENCH_SLOW_EVERY ?? 20);

export interface PlannedWebhook {
  organisation: number;
  events: EventType[];
  /** Points at a path that never answers within the timeout. */
  slow: boolean;
  /** Index of the receiver (origin) it points at, among the healthy or the slow ones. */
  receiver: number;
  path: string;
  /** Set once created through the REST API. */
  id?: string;
}

export interface PlannedEvent {
  id: string;
  type: EventType;
  organisation: number;
}

export interface FanOut {
  organisationIds: string[];
  webhooks: PlannedWebhook[];
  events: PlannedEvent[];
}

/**
 * A random subset (never empty) of the 15 domain event types, of a random size. Operational
 * types are left out: only the platform publishes them, and the dead letters of the
 * never-answering webhooks would add deliveries the load did not plan.
 */
function randomEventTypes(random: () => number): EventType[] {
  const shuffled = [...DOMAIN_EVENT_TYPES]
    .map((type) => ({ type, order: random() }))
    .sort((a, b) => a.order - b.order)
    .map(({ type }) => type);
  return shuffled.slice(0, 1 + Math.floor(random() * shuffled.length));
}

/**
 * The load: `organisations` organisations with 1 to 3 webhooks each, subscribed to random
 * subsets of the event types, spread over the receivers; `events` events of every type
 * (round robin) for random organisations. The same BENCH_SEED plans the same load.
 */
export function planFanOut(
  organisations: number,
  events: number,
  receivers: { healthy: number; slow: number },
): FanOut {
  const random = seededRandom();
  const webhooks: PlannedWebhook[] = [];
  for (let organisation = 0; organisation < organisations; organisation += 1) {
    const count = 1 + Math.floor(random() * 3);
    for (let n = 0; n < count; n += 1) {
      const index = webhooks.length;
      const slow = index % SLOW_EVERY === SLOW_EVERY - 1;
      webhooks.push({
        organisation,
        events: randomEventTypes(random),
        slow,
        receiver: index % (slow ? receivers.slow : receivers.healthy),
        path: `${slow ? SLOW_PATH_PREFIX : '/hook'}/${organisation}/${n}`,
      });
    }
  }
  return {
    organisationIds: Array.from({ length: organisations }, () => randomUUID()),
    webhooks,
    events: Array.from({ length: events }, (_, i) => ({
      id: randomUUID(),
      type: DOMAIN_EVENT_TYPES[i % DOMAIN_EVENT_TYPES.length],
      organisation: Math.floor(random() * organisations),
    })),
  };
}

/** The webhooks subscribed to each (organisation, event type). */
function subscribers(webhooks: readonly PlannedWebhook[]): Map<string, PlannedWebhook[]> {
  const index = new Map<string, PlannedWebhook[]>();
  for (const webhook of webhooks)
    for (const type of webhook.events) {
      const key = `${webhook.organisation}/${type}`;
      index.set(key, [...(index.get(key) ?? []), webhook]);
    }
  return index;
}

/** How many callbacks healthy webhooks should get: known before any webhook id is. */
export function expectedHealthyCount(fanOut: FanOut): number {
  const index = subscribers(fanOut.webhooks);
  return fanOut.events.reduce(
    (sum, event) =>
      sum + (index.get(`${event.organisation}/${event.type}`) ?? []).filter((w) => !w.slow).length,
    0,
  );
}

/**
 * The callbacks healthy webhooks must receive, by delivery id (deterministic from event id
 * and webhook id, and the receiver sees it as `webhook-id`), each with its event's index.
 */
export function expectedHealthyDeliveries(fanOut: FanOut): Map<string, number> {
  const index = subscribers(fanOut.webhooks);
  const expected = new Map<string, number>();
  fanOut.events.forEach((event, eventIndex) => {
    for (const webhook of index.get(`${event.organisation}/${event.type}`) ?? [])
      if (!webhook.slow) expected.set(deliveryIdFor(event.id, webhook.id!), eventIndex);
  });
  return expected;
}

/** The event as published: the catalog example as data. */
export function domainEventOf(fanOut: FanOut, event: PlannedEvent) {
  return {
    id: event.id,
    type: event.type,
    organisation_id: fanOut.organisationIds[event.organisation],
    data: EVENT_CATALOG[event.type].example,
  };
}
