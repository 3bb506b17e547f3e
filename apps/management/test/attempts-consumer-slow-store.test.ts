import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import request from 'supertest';
import { Registry } from 'prom-client';
import type { AttemptOutcome } from '@app/contracts';
import { createKafkaClientFromEnv } from '@app/kafka';
import { waitFor } from '../../../test/support/wait-for';
import { AttemptLogService } from '../src/deliveries/attempt-log.service';
import { attemptOutcome, startManagement, type ManagementUnderTest } from './management-support';

/**
 * Found by the failure drills (npm run drill): a batch that took longer to write than the
 * session timeout (a slow or restarting store) got the member evicted; its commit was then
 * refused, kafkajs stopped the consumer for good, and the delivery log never caught up
 * again. The attempts consumer must ride out a slow write and keep consuming.
 */
describe('attempts consumer with a store slower than the session timeout', () => {
  const SESSION_TIMEOUT_MS = 6000;
  let mgmt: ManagementUnderTest;
  let producer: Producer;
  let db: Connection;

  const outcome = (): AttemptOutcome =>
    attemptOutcome({ webhookId: randomUUID(), organisationId: randomUUID() });

  async function produce(outcomes: AttemptOutcome[]): Promise<void> {
    await producer.send({
      topic: mgmt.topics.attempts,
      acks: -1,
      messages: outcomes.map((o) => ({ key: o.webhook_id, value: JSON.stringify(o) })),
    });
  }

  const logged = (ids: string[]) =>
    db.collection('delivery_attempts').countDocuments({ delivery_id: { $in: ids } });

  beforeAll(async () => {
    mgmt = await startManagement({ env: { KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS) } });
    producer = createKafkaClientFromEnv('mgmt-slow-store-test').producer({
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    db = await mongoose.createConnection(mgmt.mongoUri).asPromise();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await db?.close();
    await mgmt?.close();
  });

  /** Group joins of the attempts consumer so far: one per rebalance after the first. */
  const joins = async (): Promise<number> => {
    const metric = mgmt.app.get(Registry).getSingleMetric('kafka_consumer_group_joins_total');
    const values = (await metric!.get()).values;
    return values.find((v) => v.labels.consumer === 'attempts_consumer')?.value ?? 0;
  };

  it('keeps its partitions through a write longer than the session timeout, then goes on', async () => {
    // Settled first: with freshly created topics the group rejoins a few times at start-up.
    const warmUp = [outcome()];
    await produce(warmUp);
    await waitFor(
      'a first batch written',
      async () => (await logged(warmUp.map((o) => o.delivery_id))) === 1,
      20_000,
      250,
    );
    const joinsBefore = await joins();
    const log = mgmt.app.get(AttemptLogService);
    const record = log.record.bind(log);
    let slowed = false;
    jest.spyOn(log, 'record').mockImplementation(async (outcomes) => {
      if (!slowed) {
        slowed = true; // only the first batch: as if the store stalled once
        await new Promise((resolve) => setTimeout(resolve, SESSION_TIMEOUT_MS * 2));
      }
      return record(outcomes);
    });

    const first = Array.from({ length: 5 }, outcome);
    await produce(first);
    await waitFor(
      'the slowly written batch',
      async () => (await logged(first.map((o) => o.delivery_id))) === first.length,
      40_000,
      250,
    );
    expect(slowed).toBe(true);

    // The consumer is still alive: what comes next is written too, and /health says running.
    const next = Array.from({ length: 5 }, outcome);
    await produce(next);
    await waitFor(
      'outcomes produced after the slow batch',
      async () => (await logged(next.map((o) => o.delivery_id))) === next.length,
      20_000,
      250,
    );
    // It kept its partitions: no eviction, so no second join (a rebalance would be one).
    expect(await joins()).toBe(joinsBefore);
    const health = await request(mgmt.http).get('/health');
    expect(health.body.details.attempts_consumer).toMatchObject({ status: 'up', state: 'running' });
  }, 90_000);
});
