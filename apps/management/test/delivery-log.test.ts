import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import {
  TEST_EVENT_TYPE,
  type AttemptOutcome,
  type DeliveryRecord,
  type RejectedEvent,
} from '@app/contracts';
import { createKafkaClientFromEnv } from '@app/kafka';
import { caughtUp } from '../../../test/support/caught-up';
import { TopicCollector } from '../../../test/support/topic-collector';
import { waitFor } from '../../../test/support/wait-for';
import { WEBHOOK_MODEL, WebhookSchema } from '@app/webhooks';
import { hourOf } from '../src/common/hour-buckets';
import { RetentionJob } from '../src/deliveries/retention.job';
import { WebhookDeliveryStatus } from '../src/webhooks/store/webhook-delivery-status';
import {
  attemptOutcome,
  startManagement,
  webhookBody,
  type ManagementUnderTest,
  succeededLastDelivery,
} from './management-support';

/**
 * The delivery log on the real broker and store: attempt outcomes produced to the attempts
 * topic appear in the log and in last_delivery, replays change nothing, and test and
 * redeliver publish real delivery records.
 */
describe('delivery log, test and redeliver', () => {
  let mgmt: ManagementUnderTest;
  let org: { organisationId: string; key: string };
  let other: { organisationId: string; key: string };
  let producer: Producer;
  let collector: TopicCollector<DeliveryRecord>;
  let db: Connection;
  let webhook: { id: string; updated_at: string };

  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  const outcome = (overrides: Partial<AttemptOutcome> = {}): AttemptOutcome =>
    attemptOutcome({ webhookId: webhook.id, organisationId: org.organisationId }, overrides);

  async function produce(...records: Array<AttemptOutcome | string>): Promise<void> {
    await producer.send({
      topic: mgmt.topics.attempts,
      acks: -1,
      messages: records.map((record) => ({
        key: typeof record === 'string' ? 'junk' : record.webhook_id,
        value: typeof record === 'string' ? record : JSON.stringify(record),
      })),
    });
  }

  const deliveries = async (query = '') =>
    (
      await request(mgmt.http)
        .get(`/v1/webhooks/${webhook.id}/deliveries${query}`)
        .set(as(org.key))
        .expect(200)
    ).body as { data: Array<Record<string, unknown>>; next_cursor: string | null };

  beforeAll(async () => {
    // The retention test marks a webhook unpublished by hand; a periodic sweep in between
    // would publish it and let the purge take it, so only the start-up sweep runs here.
    mgmt = await startManagement({ env: { WEBHOOK_ROUTES_SWEEP_MS: '600000' } });
    org = await mgmt.newOrganisation();
    other = await mgmt.newOrganisation();
    const created = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody())
      .expect(201);
    webhook = created.body;
    const kafka = createKafkaClientFromEnv('mgmt-test');
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    collector = await TopicCollector.start<DeliveryRecord>([mgmt.topics.deliveries]);
    db = await mongoose.createConnection(mgmt.mongoUri).asPromise();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await collector?.stop();
    await db?.close();
    await mgmt?.close();
  });

  it('persists attempts, keeps last_delivery, and leaves updated_at alone', async () => {
    const deliveryId = randomUUID();
    const t0 = Date.now() - 60_000;
    const failed = outcome({
      delivery_id: deliveryId,
      series_id: deliveryId,
      attempt: 1,
      status: 'failed',
      status_code: 503,
      error_kind: 'http_status',
      error: 'HTTP 503',
      response_excerpt: 'x'.repeat(4096),
      attempted_at: new Date(t0).toISOString(),
      next: 'retry',
      next_attempt_at: new Date(t0 + 10_000).toISOString(),
    });
    const succeeded = outcome({
      delivery_id: deliveryId,
      series_id: deliveryId,
      attempt: 2,
      attempted_at: new Date(t0 + 10_500).toISOString(),
      payload: failed.payload,
      event_id: failed.event_id,
    });
    await produce(failed, 'not json at all', succeeded);

    const log = await waitFor('two attempts in the log', async () => {
      const page = await deliveries();
      return page.data.length === 2 ? page : null;
    });
    expect(log.data.map((a) => a.attempt)).toEqual([2, 1]);
    expect(log.data[1]).toEqual({
      id: expect.any(String),
      delivery_id: deliveryId,
      series_id: deliveryId,
      webhook_id: webhook.id,
      event_id: failed.event_id,
      event_type: 'contact.created',
      trigger: 'event',
      attempt: 1,
      status: 'failed',
      status_code: 503,
      error_kind: 'http_status',
      error: 'HTTP 503',
      duration_ms: 87,
      response_body: 'x'.repeat(4096),
      attempted_at: failed.attempted_at,
      next: 'retry',
      next_attempt_at: failed.next_attempt_at,
      payload: failed.payload,
    });

    const got = await request(mgmt.http)
      .get(`/v1/webhooks/${webhook.id}`)
      .set(as(org.key))
      .expect(200);
    expect(got.body.last_delivery).toEqual({
      delivery_id: deliveryId,
      status: 'succeeded',
      status_code: 200,
      error_kind: null,
      error: null,
      attempt: 2,
      attempted_at: succeeded.attempted_at,
      duration_ms: 87,
      next: 'done',
      next_attempt_at: null,
    });
    expect(got.body.updated_at).toBe(webhook.updated_at);

    // An older outcome arriving late does not overwrite the newer last_delivery.
    await produce(
      outcome({
        attempted_at: new Date(t0 - 60_000).toISOString(),
        status: 'failed',
        next: 'retry',
      }),
    );
    await waitFor(
      'the late attempt in the log',
      async () => (await deliveries()).data.length === 3,
    );
    const after = await request(mgmt.http)
      .get(`/v1/webhooks/${webhook.id}`)
      .set(as(org.key))
      .expect(200);
    expect(after.body.last_delivery.delivery_id).toBe(deliveryId);
  });

  it('says on last_delivery that a failed attempt will be retried, and when', async () => {
    const created = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody())
      .expect(201);
    const retryAt = new Date(Date.now() + 60_000).toISOString();
    await produce(
      attemptOutcome(
        { webhookId: created.body.id, organisationId: org.organisationId },
        { status: 'failed', status_code: 500, next: 'retry', next_attempt_at: retryAt },
      ),
    );
    const last = await waitFor('the failed attempt on the webhook', async () => {
      const got = await request(mgmt.http)
        .get(`/v1/webhooks/${created.body.id}`)
        .set(as(org.key))
        .expect(200);
      return got.body.last_delivery as Record<string, unknown> | null;
    });
    expect(last).toMatchObject({ status: 'failed', next: 'retry', next_attempt_at: retryAt });
  });

  it('sets a record that is not an attempt outcome aside on the rejected topic, with the reason', async () => {
    const rejected = await TopicCollector.start<RejectedEvent>([mgmt.topics.rejectedEvents]);
    try {
      const broken = JSON.stringify({ ...outcome(), attempt: 'first' });
      await produce('{"truncated":', broken);
      const raw = (r: RejectedEvent) => Buffer.from(r.raw_value_base64!, 'base64').toString();
      // Earlier tests' junk is on the topic too: look for this test's two records.
      const records = await waitFor('both rejections', () => {
        const mine = ['{"truncated":', broken].map((value) =>
          rejected.records.map((r) => r.value).find((r) => raw(r) === value),
        );
        return mine.every(Boolean) ? (mine as RejectedEvent[]) : null;
      });
      expect(records[0].reason).toMatch(/^invalid attempt outcome: /);
      expect(records[1].reason).toMatch(/attempt/);
      expect(records[0].source).toMatchObject({ topic: mgmt.topics.attempts, key: 'junk' });
    } finally {
      await rejected.stop();
    }
  });

  it('records last_delivery for a batch of 150 webhooks (an update command FerretDB must not choke on)', async () => {
    const webhooks = db.model(WEBHOOK_MODEL, WebhookSchema);
    const now = new Date();
    const ids = Array.from({ length: 150 }, () => randomUUID());
    await webhooks.insertMany(
      ids.map((id) => ({
        _id: id,
        organisation_id: other.organisationId,
        name: 'bulk',
        target_url: `https://hooks.example.com/${id}`,
        events: ['contact.created'],
        created_at: now,
        updated_at: now,
      })),
    );
    // One call with every webhook, as a large batch of outcomes makes it.
    await mgmt.app.get(WebhookDeliveryStatus).recordLastDeliveries(
      ids.map((id) => ({
        organisationId: other.organisationId,
        id,
        last: succeededLastDelivery(now),
      })),
    );
    expect(
      await webhooks.countDocuments({ _id: { $in: ids }, 'last_delivery.status': 'succeeded' }),
    ).toBe(150);
  });

  it('ends a failure streak with the newest success in the same update, and says for which webhooks', async () => {
    const webhooks = db.model(WEBHOOK_MODEL, WebhookSchema);
    const status = mgmt.app.get(WebhookDeliveryStatus);
    const streakOpened = new Date(Date.now() - 60_000);
    const [fresh, ahead, alone] = [randomUUID(), randomUUID(), randomUUID()];
    await webhooks.insertMany(
      [fresh, ahead, alone].map((id) => ({
        _id: id,
        organisation_id: other.organisationId,
        name: 'streak',
        target_url: `https://hooks.example.com/${id}`,
        events: ['contact.created'],
        created_at: streakOpened,
        updated_at: streakOpened,
        failing_since: streakOpened,
        // `ahead` already holds an outcome newer than the success below.
        last_delivery: id === ahead ? succeededLastDelivery(new Date()) : null,
      })),
    );
    const failingSince = async (id: string) =>
      (await webhooks.findById(id).lean<{ failing_since: Date | null }>())?.failing_since;
    const success = succeededLastDelivery(new Date(Date.now() - 30_000));

    // One command for both: `ahead` is not updated, so neither is reported as closed.
    const mixed = await status.recordLastDeliveries(
      [fresh, ahead].map((id) => ({ organisationId: other.organisationId, id, last: success })),
    );
    expect([...mixed]).toEqual([]);
    expect(await failingSince(fresh)).toBeNull();
    expect(await failingSince(ahead)).toEqual(streakOpened);

    const failure = { ...success, status: 'failed', status_code: 503, attempt: 2 };
    const failed = await status.recordLastDeliveries([
      { organisationId: other.organisationId, id: alone, last: failure },
    ]);
    expect([...failed]).toEqual([]);
    expect(await failingSince(alone)).toEqual(streakOpened);

    const later = { ...success, attempted_at: new Date(Date.now() - 10_000) };
    const closed = await status.recordLastDeliveries([
      { organisationId: other.organisationId, id: alone, last: later },
    ]);
    expect([...closed]).toEqual([alone]);
    expect(await failingSince(alone)).toBeNull();
  });

  it('is idempotent on (series_id, attempt): a replay adds nothing', async () => {
    const before = await db.collection('delivery_attempts').countDocuments();
    const record = outcome({ attempted_at: new Date(Date.now() - 30_000).toISOString() });
    await produce(record, record);
    await waitFor(
      'the attempt',
      async () => (await db.collection('delivery_attempts').countDocuments()) === before + 1,
    );
    await produce(record);
    const marker = outcome({ attempted_at: new Date(Date.now() - 29_000).toISOString() });
    await produce(marker);
    await waitFor(
      'the marker',
      async () =>
        (await db
          .collection('delivery_attempts')
          .countDocuments({ series_id: marker.series_id })) === 1,
    );
    expect(
      await db.collection('delivery_attempts').countDocuments({ series_id: record.series_id }),
    ).toBe(1);
    expect(await db.collection('delivery_attempts').countDocuments()).toBe(before + 2);
  });

  it('filters by status, pages newest first, and refuses bad queries', async () => {
    const base = Date.now() - 20_000;
    const records = Array.from({ length: 5 }, (_, i) =>
      outcome({
        status: 'cancelled',
        error_kind: 'webhook_gone',
        next: 'dropped',
        status_code: null,
        attempted_at: new Date(base + i).toISOString(),
      }),
    );
    await produce(...records);
    await waitFor(
      'the cancelled attempts',
      async () => (await deliveries('?status=cancelled&limit=100')).data.length === 5,
    );

    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Array<Record<string, unknown>>; next_cursor: string | null } =
        await deliveries(`?status=cancelled&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.data.map((a) => a.series_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(records.map((r) => r.series_id).reverse());

    const all = await deliveries('?limit=100');
    const times = all.data.map((a) => Date.parse(a.attempted_at as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    for (const query of ['status=lost', 'limit=500', 'cursor=%%%', 'foo=bar']) {
      const response = await request(mgmt.http)
        .get(`/v1/webhooks/${webhook.id}/deliveries?${query}`)
        .set(as(org.key));
      expect(response.status).toBe(400);
      expect(response.body.message[0]).toMatch(/^(status|limit|cursor|property foo)/);
    }
    await request(mgmt.http)
      .get(`/v1/webhooks/${webhook.id}/deliveries`)
      .set(as(other.key))
      .expect(404);
  });

  it('test publishes a webhook.test delivery record keyed by webhook id', async () => {
    const response = await request(mgmt.http)
      .post(`/v1/webhooks/${webhook.id}/test`)
      .set(as(org.key))
      .expect(202);
    const { delivery_id, series_id } = response.body as { delivery_id: string; series_id: string };
    const record = await waitFor('the test record', () =>
      collector.on(mgmt.topics.deliveries).find((r) => r.value.delivery_id === delivery_id),
    );
    expect(record.key).toBe(webhook.id);
    expect(record.value).toEqual({
      delivery_id,
      webhook_id: webhook.id,
      organisation_id: org.organisationId,
      trigger: 'test',
      series_id,
      attempt: 1,
      created_at: expect.any(String),
      history: [],
      payload: {
        id: expect.any(String),
        type: TEST_EVENT_TYPE,
        timestamp: expect.any(String),
        organisation_id: org.organisationId,
        data: expect.objectContaining({ webhook_id: webhook.id }),
      },
    });
    expect(series_id).not.toBe(delivery_id);
    expect(JSON.stringify(record.value)).not.toContain('hooks.example.com');
  });

  it('redeliver re-publishes a stored delivery as a new series with the same delivery id', async () => {
    const deliveryId = randomUUID();
    const dead = outcome({
      delivery_id: deliveryId,
      series_id: deliveryId,
      attempt: 4,
      status: 'failed',
      status_code: 500,
      error_kind: 'http_status',
      error: 'HTTP 500',
      next: 'dead_letter',
      attempted_at: new Date(Date.now() - 10_000).toISOString(),
    });
    await produce(dead);
    await waitFor(
      'the dead-lettered attempt',
      async () =>
        (await db.collection('delivery_attempts').countDocuments({ delivery_id: deliveryId })) ===
        1,
    );

    await request(mgmt.http)
      .post(`/v1/deliveries/${deliveryId}/redeliver`)
      .set(as(other.key))
      .expect(404);
    await request(mgmt.http)
      .post(`/v1/deliveries/${randomUUID()}/redeliver`)
      .set(as(org.key))
      .expect(404);

    const response = await request(mgmt.http)
      .post(`/v1/deliveries/${deliveryId}/redeliver`)
      .set(as(org.key))
      .expect(202);
    expect(response.body.delivery_id).toBe(deliveryId);
    expect(response.body.series_id).not.toBe(deliveryId);
    const record = await waitFor('the redelivery', () =>
      collector
        .on(mgmt.topics.deliveries)
        .find((r) => r.value.series_id === response.body.series_id),
    );
    expect(record.key).toBe(webhook.id);
    expect(record.value).toMatchObject({
      delivery_id: deliveryId,
      webhook_id: webhook.id,
      organisation_id: org.organisationId,
      trigger: 'redeliver',
      attempt: 1,
      history: [],
      payload: dead.payload,
    });
  });

  it('refuses test and redeliver for inactive webhooks (409) and deleted ones (404)', async () => {
    const { body } = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody({ active: false }))
      .expect(201);
    const conflict = await request(mgmt.http)
      .post(`/v1/webhooks/${body.id}/test`)
      .set(as(org.key))
      .expect(409);
    expect(conflict.body.message[0]).toMatch(/inactive/);
    await request(mgmt.http).delete(`/v1/webhooks/${body.id}`).set(as(org.key)).expect(204);
    await request(mgmt.http).post(`/v1/webhooks/${body.id}/test`).set(as(org.key)).expect(404);
    await request(mgmt.http).get(`/v1/webhooks/${body.id}/deliveries`).set(as(org.key)).expect(404);
  });

  it('retention deletes old attempts and old tombstones only', async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const old = outcome({ attempted_at: new Date(Date.now() - 31 * 86_400_000).toISOString() });
    await produce(old);
    await waitFor(
      'the old attempt',
      async () =>
        (await db.collection('delivery_attempts').countDocuments({ series_id: old.series_id })) ===
        1,
    );
    const { body } = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody())
      .expect(201);
    await request(mgmt.http).delete(`/v1/webhooks/${body.id}`).set(as(org.key)).expect(204);
    const { body: recent } = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody())
      .expect(201);
    await request(mgmt.http).delete(`/v1/webhooks/${recent.id}`).set(as(org.key)).expect(204);
    // A tombstone is purged only once its deletion is on the routing topic.
    await waitFor(
      'the deletion published',
      async () =>
        (await db
          .collection('webhooks')
          .countDocuments({ _id: body.id, routing_pending: false })) === 1,
    );
    await db
      .collection('webhooks')
      .updateOne(
        { _id: body.id },
        { $set: { deleted_at: eightDaysAgo, deleted_hour: hourOf(eightDaysAgo) } },
      );
    const unpublished = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody())
      .expect(201);
    // Its creation published first, so the relay has nothing left that would clear the marker.
    await waitFor(
      'the creation published',
      async () =>
        (await db
          .collection('webhooks')
          .countDocuments({ _id: unpublished.body.id, routing_pending: false })) === 1,
    );
    await db.collection('webhooks').updateOne(
      { _id: unpublished.body.id },
      {
        $set: {
          deleted_at: eightDaysAgo,
          deleted_hour: hourOf(eightDaysAgo),
          routing_pending: true,
          updated_at: new Date(),
        },
      },
    );
    const before = await db.collection('delivery_attempts').countDocuments();

    const result = await mgmt.app.get(RetentionJob).runOnce();

    expect(result).toEqual({ attempts: 1, tombstones: 1 });
    expect(await db.collection('delivery_attempts').countDocuments()).toBe(before - 1);
    expect(await db.collection('webhooks').countDocuments({ _id: body.id })).toBe(0);
    expect(await db.collection('webhooks').countDocuments({ _id: recent.id })).toBe(1);
    expect(await db.collection('webhooks').countDocuments({ _id: unpublished.body.id })).toBe(1);
  });

  it('resumes after a restart from the committed offsets: nothing lost, nothing doubled', async () => {
    const before = await db.collection('delivery_attempts').countDocuments();
    await mgmt.stop();
    const whileDown = Array.from({ length: 20 }, (_, i) =>
      outcome({ attempted_at: new Date(Date.now() - 5_000 + i).toISOString() }),
    );
    await produce(...whileDown);
    mgmt = await startManagement({
      topics: mgmt.topics,
      mongoUri: mgmt.mongoUri,
      env: { WEBHOOK_ROUTES_SWEEP_MS: '600000' },
    });
    await waitFor(
      'the outcomes produced while management was down',
      async () => (await db.collection('delivery_attempts').countDocuments()) === before + 20,
    );
    // A replay of already-committed records would be written by the time the group has read
    // to the end again: it must not show.
    await caughtUp(createKafkaClientFromEnv('mgmt-test'), [
      { groupId: mgmt.config.MANAGEMENT_CONSUMER_GROUP, topics: [mgmt.topics.attempts] },
    ]);
    expect(await db.collection('delivery_attempts').countDocuments()).toBe(before + 20);
  });

  it('counts persisted attempts in /metrics', async () => {
    const metrics = await request(mgmt.http).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/management_attempts_persisted_total\{status="succeeded"\} \d+/);
    expect(metrics.text).toMatch(/management_attempts_rejected_total \d+/);
    expect(metrics.text).toMatch(/management_attempt_batch_seconds_count \d+/);
  });
});
