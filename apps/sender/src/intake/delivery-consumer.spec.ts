import { randomUUID } from 'node:crypto';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { Registry } from 'prom-client';
import { deliveryMessage, resolveTopics, type DeliveryRecord } from '@app/contracts';
import { DeliveryConsumer } from './delivery-consumer';
import type { DeliveryService } from '../delivery.service';
import type { OutcomeProducer } from '../outcome-producer';
import { SenderMetrics } from '../sender.metrics';
import { silentLogger } from '../../test/delivery-consumer-fakes';
import { deliveryRecord } from '../../test/delivery-records';
import { defaultLimits } from '../flow-control/sender-limits.fixture';

const topics = resolveTopics({}, 'spec.');

const organisationId = randomUUID();
const record = (webhookId: string, trigger: DeliveryRecord['trigger'] = 'event') =>
  deliveryRecord(organisationId, webhookId, { trigger });

/** One fetched batch of `webhooks.deliveries` partition 0, as kafkajs hands it over. */
function batchOf(records: DeliveryRecord[]): EachBatchPayload {
  const messages = records.map((r, offset) => {
    const { key, value } = deliveryMessage(r);
    return { key: Buffer.from(key), value: Buffer.from(value), offset: String(offset) };
  }) as unknown as KafkaMessage[];
  return {
    batch: { topic: topics.deliveries, partition: 0, messages },
    isRunning: () => true,
    isStale: () => false,
    heartbeat: () => Promise.resolve(),
    resolveOffset: () => undefined,
  } as unknown as EachBatchPayload;
}

/**
 * The paced intake: records of a crowded endpoint are put aside and taken in a few at a
 * time, so a flood of them does not hold the records of every other endpoint behind it.
 */
describe('DeliveryConsumer paced intake', () => {
  const dead = randomUUID();
  const fine = randomUUID();
  let delivered: string[];
  let consumer: DeliveryConsumer;
  let metrics: SenderMetrics;

  beforeEach(() => {
    jest.useFakeTimers();
    delivered = [];
    const deliveries = {
      crowdedNow: (webhookId: string) => webhookId === dead,
      // Never ends: every record stays in flight, as behind a receiver that never answers.
      deliver: (r: DeliveryRecord) => {
        delivered.push(r.webhook_id);
        return new Promise<void>(() => undefined);
      },
    } as unknown as DeliveryService;
    const logger = silentLogger();
    metrics = new SenderMetrics(new Registry());
    consumer = new DeliveryConsumer(
      topics,
      deliveries,
      {} as OutcomeProducer,
      metrics,
      logger,
      defaultLimits({ maxPending: 1000, commitIntervalMs: 60_000, drainTimeoutMs: 0 }),
    );
  });
  afterEach(() => jest.useRealTimers());

  it("takes a crowded endpoint's records in a few at a time, and the others at once", async () => {
    const flood = Array.from({ length: 100 }, () => record(dead));
    await consumer.handleBatch(batchOf([...flood, record(dead, 'test'), record(fine)]));
    // The records behind the flood went out with the batch (a test call too, even to the
    // crowded endpoint: somebody waits for it); the flood was put aside.
    await jest.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual([dead, fine]);
    expect((await metrics.parked.get()).values[0].value).toBe(100);

    await jest.advanceTimersByTimeAsync(20);
    expect(delivered).toHaveLength(2 + 25);
    await jest.advanceTimersByTimeAsync(60);
    expect(delivered).toHaveLength(2 + 100);
    expect((await metrics.parked.get()).values[0].value).toBe(0);
    // Every record taken stays unfinished, so nothing past the flood can be committed yet.
    expect(consumer.inFlight).toBe(102);
  });
});
