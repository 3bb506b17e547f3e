import { randomUUID } from 'node:crypto';
import {
  DOMAIN_EVENT_TYPES,
  EVENT_CATALOG,
  TEST_EVENT_TYPE,
  type DomainEvent,
  type EventType,
} from '@app/contracts';
import { pipelineWithReceiver, verifiedBody } from '../support/e2e-suite';
import type { ManagementClient } from '../support/pipeline';
import { matcherTableHolds, whenRoutesRead } from '../support/app-metric';
import { caughtUp } from '../support/caught-up';
import { TopicCollector } from '../support/topic-collector';
import { waitFor } from '../support/wait-for';

/**
 * The platform as a user meets it: management, matcher and sender as separate processes on
 * the real broker and document store, a local HTTPS receiver, webhooks made through the REST
 * API and events published with the contracts library's helper.
 */

interface WebhookView {
  id: string;
  last_delivery: { status: string; status_code: number | null; attempt: number } | null;
}
interface AttemptView {
  delivery_id: string;
  series_id: string;
  attempt: number;
  status: string;
  event_id: string;
  next: string;
}

/** Paths answered 503 while listed here: a receiver that is down until it is "fixed". */
const failing = new Set<string>();
const { receiver, pipeline } = pipelineWithReceiver({
  behaviour: (path) => (failing.has(path) ? { status: 503 } : {}),
  pipeline: { env: { WEBHOOK_RETRY_DELAYS: '500ms,500ms,500ms' } },
});
const organisationId = randomUUID();
let api: ManagementClient;

async function createWebhook(
  path: string,
  events: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; secret: string }> {
  const webhook = await api.expect<WebhookView>(201, 'POST', '/v1/webhooks', {
    name: `e2e ${path}`,
    target_url: receiver.url(path),
    events,
    ...extra,
  });
  const { secret } = await api.expect<{ secret: string }>(
    200,
    'GET',
    `/v1/webhooks/${webhook.id}/secret`,
  );
  return { id: webhook.id, secret };
}

function publish(type: EventType, overrides: Partial<DomainEvent> = {}): Promise<DomainEvent[]> {
  return pipeline.publisher.publish([
    { type, organisation_id: organisationId, data: EVENT_CATALOG[type].example, ...overrides },
  ]);
}

function eventIds(path: string): string[] {
  return receiver.on(path).map((r) => (JSON.parse(r.body) as { id: string }).id);
}

beforeAll(async () => {
  api = await pipeline.newOrganisation(organisationId);
});

describe('the pipeline end to end', () => {
  it('delivers every one of the 15 event types to the webhooks subscribed to it, signed', async () => {
    const half = DOMAIN_EVENT_TYPES.filter((_, i) => i % 2 === 0);
    const all = await createWebhook('/all', DOMAIN_EVENT_TYPES, {
      headers: { 'X-Tenant': 'acme' },
    });
    const some = await createWebhook('/half', half);
    await matcherTableHolds(pipeline.apps.matcher.port, 2);

    const published = await pipeline.publisher.publish(
      DOMAIN_EVENT_TYPES.map((type) => ({
        type,
        organisation_id: organisationId,
        data: EVENT_CATALOG[type].example,
      })),
    );
    // Another organisation's event must reach nobody here.
    await publish('contact.created', { organisation_id: randomUUID() });

    await waitFor('all callbacks', () => receiver.on('/all').length >= 15, 30_000);
    await waitFor('half the callbacks', () => receiver.on('/half').length >= half.length, 30_000);
    await caughtUp(pipeline.kafka, pipeline.consumerGroups); // nothing more may arrive
    expect(eventIds('/all').sort()).toEqual(published.map((e) => e.id).sort());
    expect(eventIds('/half').sort()).toEqual(
      published
        .filter((e) => (half as readonly string[]).includes(e.type))
        .map((e) => e.id)
        .sort(),
    );

    for (const request of receiver.on('/all')) {
      const body = verifiedBody(request, all.secret);
      const event = published.find((e) => e.id === body.id)!;
      expect(body).toEqual({
        id: event.id,
        type: event.type,
        timestamp: event.occurred_at,
        organisation_id: organisationId,
        data: event.data,
      });
      expect(request.method).toBe('POST');
      expect(request.headers['x-tenant']).toBe('acme');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
    }
    for (const request of receiver.on('/half')) verifiedBody(request, some.secret);

    // The attempts come back to management: last_delivery and the delivery log show them.
    await waitFor(
      'last_delivery',
      async () =>
        (await api.expect<WebhookView>(200, 'GET', `/v1/webhooks/${all.id}`)).last_delivery
          ?.status === 'succeeded',
      15_000,
    );
    const log = await waitFor(
      'a delivery log of 15',
      async () => {
        const page = await api.expect<{ data: AttemptView[] }>(
          200,
          'GET',
          `/v1/webhooks/${all.id}/deliveries?limit=100`,
        );
        return page.data.length >= 15 ? page.data : null;
      },
      15_000,
    );
    expect(log.every((attempt) => attempt.status === 'succeeded')).toBe(true);
    expect(log.map((attempt) => attempt.event_id).sort()).toEqual(
      published.map((e) => e.id).sort(),
    );
  });

  it('takes a failing receiver through four attempts to the dead-letter topic; redeliver succeeds once it is fixed', async () => {
    const dlq = await TopicCollector.start<{ delivery_id?: string }>([pipeline.topics.deadLetter]);
    failing.add('/down');
    const hook = await whenRoutesRead([pipeline.apps.matcher.port], () =>
      createWebhook('/down', ['contact.deleted']),
    );
    const [event] = await publish('contact.deleted');

    const dead = await waitFor(
      'the dead-lettered delivery',
      () => dlq.records.find((record) => record.value.delivery_id !== undefined)?.value,
      30_000,
    );
    expect(receiver.on('/down')).toHaveLength(4);
    const ids = new Set(receiver.on('/down').map((r) => r.headers['webhook-id']));
    expect(ids).toEqual(new Set([dead.delivery_id])); // the same webhook-id on every retry
    const deliveryId = dead.delivery_id!;
    await dlq.stop();

    const failedLog = await waitFor(
      'four failed attempts in the log',
      async () => {
        const page = await api.expect<{ data: AttemptView[] }>(
          200,
          'GET',
          `/v1/webhooks/${hook.id}/deliveries?status=failed`,
        );
        return page.data.length >= 4 ? page.data : null;
      },
      15_000,
    );
    expect(failedLog.map((a) => a.attempt).sort()).toEqual([1, 2, 3, 4]);
    expect(failedLog.find((a) => a.attempt === 4)?.next).toBe('dead_letter');

    failing.delete('/down');
    await api.expect(202, 'POST', `/v1/deliveries/${deliveryId}/redeliver`);
    await waitFor('the redelivery', () => receiver.on('/down').length === 5, 15_000);
    const redelivered = receiver.on('/down')[4];
    expect(redelivered.headers['webhook-id']).toBe(deliveryId);
    expect(verifiedBody<{ id: string }>(redelivered, hook.secret).id).toBe(event.id);
  });

  it('sends a test event through the real pipeline', async () => {
    const hook = await createWebhook('/test', ['conversation.close']);
    await api.expect(202, 'POST', `/v1/webhooks/${hook.id}/test`);
    await waitFor('the test callback', () => receiver.on('/test').length === 1, 15_000);
    const body = verifiedBody(receiver.on('/test')[0], hook.secret);
    expect(body.type).toBe(TEST_EVENT_TYPE);
  });

  it('applies a change of URL, events and headers within 2 s, and stops after delete', async () => {
    // Each change is awaited until the matcher and the sender have read it from the routing
    // topic (the test's name promises 2 s).
    const routed = [pipeline.apps.matcher.port, pipeline.apps.sender.port];
    const hook = await whenRoutesRead(routed, () =>
      createWebhook('/before', ['conversation.tag'], { headers: { 'X-Version': '1' } }),
    );
    await publish('conversation.tag');
    await waitFor('the first callback', () => receiver.on('/before').length === 1, 15_000);

    await whenRoutesRead(
      routed,
      () =>
        api.expect(200, 'PATCH', `/v1/webhooks/${hook.id}`, {
          target_url: receiver.url('/after'),
          events: ['conversation.untag'],
          headers: { 'X-Version': '2' },
        }),
      1,
      2000,
    );
    await publish('conversation.tag'); // no longer subscribed
    await publish('conversation.untag');
    await waitFor(
      'the callback after the change',
      () => receiver.on('/after').length === 1,
      15_000,
    );
    const after = receiver.on('/after')[0];
    expect(after.headers['x-version']).toBe('2');
    expect((JSON.parse(after.body) as { type: string }).type).toBe('conversation.untag');

    await whenRoutesRead(
      routed,
      () => api.expect(204, 'DELETE', `/v1/webhooks/${hook.id}`),
      1,
      2000,
    );
    await publish('conversation.untag');
    await caughtUp(pipeline.kafka, pipeline.consumerGroups); // matched and sent, if at all
    expect(receiver.on('/after')).toHaveLength(1);
    expect(receiver.on('/before')).toHaveLength(1);
  });
});
