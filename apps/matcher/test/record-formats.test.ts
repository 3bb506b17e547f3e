import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import {
  deliveryIdFor,
  RECORD_FORMAT_CHECK,
  RECORD_FORMAT_HEADER,
  RECORD_FORMAT_VERSION,
  type DeliveryRecord,
  type RejectedEvent,
  type ReplayProgress,
  type ReplayRequest,
  type Topics,
  type WebhookRoute,
} from '@app/contracts';
import { REPLAY_CONSUMER } from '../src/consumers';
import { replayGroupId } from '../src/replay-consumer';
import { SubscriptionTableService } from '../src/subscription-table.service';
import {
  committedOffset,
  healthOf,
  NEWER_MAJOR,
  NEWER_MINOR,
  produceAt,
  stoppedPartitions,
  UNKNOWN_FIELDS,
} from '../../../test/support/record-formats';
import { TopicCollector } from '../../../test/support/topic-collector';
import { waitFor } from '../../../test/support/wait-for';
import { MatcherFixture } from './matcher-support';

type Output = DeliveryRecord | ReplayProgress | RejectedEvent;

/**
 * The matcher during a rolling upgrade (docs/operators.md, "Upgrading"), on the real broker:
 * routing snapshots and replay requests a newer release wrote with fields this one does not
 * know are used; one of a newer major format stops its partition, is not rejected, and
 * nothing after it in that partition is taken.
 */
describe('matcher: records of another release', () => {
  const fixture = new MatcherFixture();
  let app: INestApplication;
  let admin: Admin;
  let collector: TopicCollector<Output>;
  const at = (key: keyof Topics, partition: number) => ({ topic: fixture.topics[key], partition });
  const matched = (organisationId: string) =>
    app.get(SubscriptionTableService).index.match(organisationId, 'contact.created', {});
  const progressOf = (replayId: string) =>
    collector
      .on(fixture.topics.replayProgress)
      .filter((r) => (r.value as ReplayProgress).replay_id === replayId);
  const route = (organisationId: string): WebhookRoute => ({
    webhook_id: randomUUID(),
    organisation_id: organisationId,
    events: ['contact.created'],
    active: true,
    version: Date.now(),
  });
  /** A request for the last minute's events. */
  const replayRequest = (organisationId: string): ReplayRequest => ({
    replay_id: randomUUID(),
    webhook_id: randomUUID(),
    organisation_id: organisationId,
    events: ['contact.created'],
    since: new Date(Date.now() - 60_000).toISOString(),
    until: new Date().toISOString(),
    requested_at: new Date().toISOString(),
  });

  beforeAll(async () => {
    await fixture.setUp();
    admin = fixture.kafka.admin();
    await admin.connect();
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
    await admin?.disconnect();
    await fixture.tearDown();
  });

  it('matches with a routing snapshot that has fields it does not know, of a newer minor', async () => {
    const organisationId = randomUUID();
    const webhook = { ...route(organisationId), ...UNKNOWN_FIELDS };
    await produceAt(
      fixture.producer,
      at('webhookRoutes', 0),
      webhook.webhook_id,
      webhook,
      NEWER_MINOR,
    );
    await waitFor('the webhook in the table', () =>
      matched(organisationId).includes(webhook.webhook_id),
    );
    const eventId = await fixture.publish('contact.created', organisationId);
    const deliveryId = deliveryIdFor(eventId, webhook.webhook_id);
    const delivery = await waitFor('its delivery', () =>
      collector
        .on(fixture.topics.deliveries)
        .find((r) => (r.value as DeliveryRecord).delivery_id === deliveryId),
    );
    // Written in this release's format, without what it did not know.
    expect(delivery.headers[RECORD_FORMAT_HEADER]).toBe(RECORD_FORMAT_VERSION);
    expect(delivery.value).not.toHaveProperty('priority');
  });

  it('runs a replay request that has fields it does not know, of a newer minor', async () => {
    const request = { ...replayRequest(randomUUID()), ...UNKNOWN_FIELDS };
    await produceAt(fixture.producer, at('replays', 0), request.webhook_id, request, NEWER_MINOR);
    const done = await waitFor('the replay to complete', () =>
      progressOf(request.replay_id).find((r) => (r.value as ReplayProgress).state === 'completed'),
    );
    expect(done.headers[RECORD_FORMAT_HEADER]).toBe(RECORD_FORMAT_VERSION);
    expect(done.value).toMatchObject({ error: null });
  });

  it('stops a replay partition at a request of a newer major: not rejected, nothing after it run, /health says so', async () => {
    const organisationId = randomUUID();
    const first = replayRequest(organisationId);
    const newer = { ...replayRequest(organisationId), shape: 'unknown to this release' };
    const behind = replayRequest(organisationId);
    await produceAt(fixture.producer, at('replays', 1), first.webhook_id, first);
    const stopsAt = await produceAt(
      fixture.producer,
      at('replays', 1),
      newer.webhook_id,
      newer,
      NEWER_MAJOR,
    );
    await produceAt(fixture.producer, at('replays', 1), behind.webhook_id, behind);

    const check = await waitFor('the stop on /health', async () => {
      const { status, details } = await healthOf(app);
      return stoppedPartitions(details[REPLAY_CONSUMER]).length > 0
        ? { status, check: details[REPLAY_CONSUMER] }
        : null;
    });
    expect(check.status).toBe(503);
    expect(check.check).toMatchObject({
      status: 'down',
      state: 'running',
      reads_format: RECORD_FORMAT_CHECK.reads,
    });
    expect(stoppedPartitions(check.check)).toEqual([
      { topic: fixture.topics.replays, partition: 1, offset: stopsAt, format_version: NEWER_MAJOR },
    ]);
    // The request before it ran, and its partition is committed up to the stop, not past.
    await waitFor('the request before it', () =>
      progressOf(first.replay_id).some((r) => (r.value as ReplayProgress).state === 'completed'),
    );
    await waitFor('the commit up to the stopped request', async () => {
      const groupId = replayGroupId({ MATCHER_CONSUMER_GROUP: fixture.group });
      const offset = await committedOffset(admin, groupId, fixture.topics.replays, 1);
      return offset === stopsAt;
    });
    // Other partitions flow: a bad request elsewhere is rejected as ever, and once that is
    // on the rejected-events topic, nothing of the stopped partition is there.
    await produceAt(fixture.producer, at('replays', 2), 'marker', 'not a replay request');
    await waitFor('the marker rejected', () => collector.on(fixture.topics.rejectedEvents).length);
    expect(
      collector.on(fixture.topics.rejectedEvents).map((r) => (r.value as RejectedEvent).source),
    ).toEqual([expect.objectContaining({ topic: fixture.topics.replays, partition: 2 })]);
    expect(progressOf(newer.replay_id)).toEqual([]);
    expect(progressOf(behind.replay_id)).toEqual([]);
  });

  it('stops following a routing partition at a snapshot of a newer major: the changes behind it wait, /health says so', async () => {
    const organisationId = randomUUID();
    const newer = { ...route(organisationId), shape: 'unknown to this release' };
    const behind = route(organisationId);
    const elsewhere = route(organisationId);
    const stopsAt = await produceAt(
      fixture.producer,
      at('webhookRoutes', 1),
      newer.webhook_id,
      newer,
      NEWER_MAJOR,
    );
    await produceAt(fixture.producer, at('webhookRoutes', 1), behind.webhook_id, behind);
    await produceAt(fixture.producer, at('webhookRoutes', 2), elsewhere.webhook_id, elsewhere);

    const check = await waitFor('the stop on /health', async () => {
      const { details } = await healthOf(app);
      return stoppedPartitions(details.webhook_routes).length > 0 ? details.webhook_routes : null;
    });
    expect(check).toMatchObject({ status: 'down', rejected: 0 });
    expect(stoppedPartitions(check)).toEqual([
      {
        topic: fixture.topics.webhookRoutes,
        partition: 1,
        offset: stopsAt,
        format_version: NEWER_MAJOR,
      },
    ]);
    // Another partition's change is applied; the one behind the stop is not.
    await waitFor('the change on another partition', () =>
      matched(organisationId).includes(elsewhere.webhook_id),
    );
    expect(matched(organisationId)).toEqual([elsewhere.webhook_id]);
  });
});
