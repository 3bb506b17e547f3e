import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  deliveryIdFor,
  type DeliveryRecord,
  type RejectedEvent,
  type ReplayProgress,
  type ReplayRequest,
} from '@app/contracts';
import { caughtUp } from '../../../test/support/caught-up';
import { TopicCollector } from '../../../test/support/topic-collector';
import { sleep, waitFor } from '../../../test/support/wait-for';
import { MatcherFixture } from './matcher-support';

/**
 * Replays on the real broker: the matcher reads a time window of the domain topics with a
 * reader of its own and delivers the matches for one webhook, which need not have existed
 * (nor be in the matcher's table) when the events were published.
 */
describe('matcher replays', () => {
  const fixture = new MatcherFixture();
  const org = randomUUID();
  const otherOrg = randomUUID();
  let app: INestApplication;
  let collector: TopicCollector<DeliveryRecord | ReplayProgress | RejectedEvent>;
  const before: string[] = [];
  const inWindow: string[] = [];
  const unwanted: string[] = [];
  const after: string[] = [];
  let since = '';
  let until = '';

  const deliveries = () =>
    collector.on(fixture.topics.deliveries).map((r) => r.value as DeliveryRecord);
  const progressOf = (replayId: string) =>
    collector
      .on(fixture.topics.replayProgress)
      .map((r) => r.value as ReplayProgress)
      .filter((p) => p.replay_id === replayId);

  async function requestReplay(request: Partial<ReplayRequest> & { webhook_id: string }) {
    const full: ReplayRequest = {
      replay_id: randomUUID(),
      organisation_id: org,
      events: ['contact.created'],
      since,
      until,
      requested_at: new Date().toISOString(),
      ...request,
    };
    await fixture.producer.send({
      topic: fixture.topics.replays,
      messages: [{ key: full.webhook_id, value: JSON.stringify(full) }],
    });
    return full;
  }

  beforeAll(async () => {
    await fixture.setUp();
    // Events published before any webhook exists: some before the window, some in it (two of
    // another type, two of another organisation), some after it.
    before.push(await fixture.publish('contact.created', org));
    await sleep(50);
    since = new Date().toISOString();
    for (let i = 0; i < 6; i += 1) inWindow.push(await fixture.publish('contact.created', org));
    unwanted.push(await fixture.publish('contact.deleted', org));
    unwanted.push(await fixture.publish('contact.deleted', org));
    unwanted.push(await fixture.publish('contact.created', otherOrg));
    unwanted.push(await fixture.publish('contact.created', otherOrg));
    await sleep(50);
    until = new Date().toISOString();
    await sleep(50);
    after.push(await fixture.publish('contact.created', org));
    collector = await TopicCollector.start([
      fixture.topics.deliveries,
      fixture.topics.replayProgress,
      fixture.topics.rejectedEvents,
    ]);
    app = await fixture.startInProcess();
  });

  afterAll(async () => {
    await app?.close();
    await collector?.stop();
    await fixture.tearDown();
  });

  it('delivers the window’s matching events, published before the webhook existed, with their deterministic ids', async () => {
    // A webhook the live matcher has never heard of: the request carries its subscription.
    const webhookId = randomUUID();
    const request = await requestReplay({ webhook_id: webhookId });

    const done = await waitFor(
      'the replay to complete',
      () => progressOf(request.replay_id).find((p) => p.state === 'completed'),
      30_000,
    );
    expect(done).toMatchObject({
      webhook_id: webhookId,
      organisation_id: org,
      events_scanned: inWindow.length + unwanted.length,
      events_matched: inWindow.length,
      events_total: inWindow.length + unwanted.length,
      error: null,
    });
    await waitFor('the replayed deliveries', () => deliveries().length >= inWindow.length);
    // The replay request and the live events handled, every delivery they made collected.
    await caughtUp(fixture.kafka, [...fixture.consumerGroups, collector.group]);
    const replayed = deliveries().filter((d) => d.webhook_id === webhookId);
    expect(replayed.map((d) => d.payload.id).sort()).toEqual([...inWindow].sort());
    for (const delivery of replayed) {
      expect(delivery.delivery_id).toBe(deliveryIdFor(delivery.payload.id, webhookId));
      expect(delivery.trigger).toBe('replay');
      expect(delivery.series_id).not.toBe(delivery.delivery_id);
    }
    // The live consumer matched nothing: no webhook was subscribed when the events came.
    expect(deliveries().every((d) => d.trigger === 'replay')).toBe(true);
    expect(progressOf(request.replay_id)[0].state).toBe('running');
  });

  it('applies the webhook’s payload filter, as the live matcher does', async () => {
    const webhookId = randomUUID();
    const chosen = inWindow.slice(0, 2);
    const request = await requestReplay({ webhook_id: webhookId, filter: { id: { $in: chosen } } });
    const done = await waitFor(
      'the filtered replay to complete',
      () => progressOf(request.replay_id).find((p) => p.state === 'completed'),
      30_000,
    );
    expect(done).toMatchObject({
      events_scanned: inWindow.length + unwanted.length,
      events_matched: chosen.length,
    });
    // Matched deliveries are produced before the completion is reported.
    const replayed = await waitFor('the filtered deliveries', () => {
      const found = deliveries().filter((d) => d.webhook_id === webhookId);
      return found.length >= chosen.length ? found : null;
    });
    expect(replayed.map((d) => d.payload.id).sort()).toEqual([...chosen].sort());
  });

  it('fails a replay whose filter does not compile, with the reason', async () => {
    const request = await requestReplay({
      webhook_id: randomUUID(),
      filter: { 'data.tags': { $in: 'vip' } },
    });
    const failed = await waitFor(
      'the replay to fail',
      () => progressOf(request.replay_id).find((p) => p.state === 'failed'),
      30_000,
    );
    expect(failed.error).toMatch(/filter\.data\.tags\.\$in must be a list/);
  });

  it('completes with nothing matched for a window with no events', async () => {
    const request = await requestReplay({
      webhook_id: randomUUID(),
      since: new Date(Date.now() + 60_000).toISOString(),
      until: new Date(Date.now() + 120_000).toISOString(),
    });
    const done = await waitFor(
      'the empty replay to complete',
      () => progressOf(request.replay_id).find((p) => p.state === 'completed'),
      30_000,
    );
    expect(done).toMatchObject({ events_scanned: 0, events_matched: 0, events_total: 0 });
  });

  it('sets a record that is not a replay request aside with the reason', async () => {
    await fixture.producer.send({
      topic: fixture.topics.replays,
      messages: [{ key: 'x', value: JSON.stringify({ replay_id: 'nope' }) }],
    });
    const rejected = await waitFor('the rejection', () =>
      collector
        .on(fixture.topics.rejectedEvents)
        .map((r) => r.value as RejectedEvent)
        .find((r) => r.source.topic === fixture.topics.replays),
    );
    expect(rejected.reason).toMatch(/^invalid replay request: /);
  });
});
