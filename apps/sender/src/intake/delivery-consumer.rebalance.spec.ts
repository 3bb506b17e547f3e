import { randomUUID } from 'node:crypto';
import {
  batchOf,
  consumerUnderTest,
  record,
  retryRecord,
  topics,
} from '../../test/delivery-consumer-fakes';

const records = (count: number, webhookId?: string) =>
  Array.from({ length: count }, () => record(webhookId ?? randomUUID()));

/**
 * The rebalance path (`hooks.joined`, called on every join of the group): partitions given
 * up are forgotten, kept partitions go on after what this instance took, and records put
 * aside for partitions given up are dropped (their new owner reads them). Default limits.
 */
describe('DeliveryConsumer on a rebalance', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('forgets the partitions it gave up: it commits them no more, even when their deliveries end', async () => {
    const { consumer, deliveries, control, limits } = consumerUnderTest();
    const [kept] = records(1);
    const given = records(2);
    await consumer.handleBatch(batchOf(topics.deliveries, 0, [kept]));
    await consumer.handleBatch(batchOf(topics.deliveries, 1, given));
    deliveries.finish(kept);
    deliveries.finish(given[0]);

    consumer.hooks.joined!({ [topics.deliveries]: [0] });
    deliveries.finish(given[1]);
    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs * 2);
    expect(control.commits.flat()).toEqual([
      { topic: topics.deliveries, partition: 0, offset: '1' },
    ]);
  });

  it('seeks a kept partition to one past the last record it took, so records in flight are not taken twice', async () => {
    const { consumer, deliveries, control } = consumerUnderTest();
    const taken = records(4);
    await consumer.handleBatch(batchOf(topics.deliveries, 3, taken, 10));
    deliveries.finish(taken[0]);
    deliveries.finish(taken[2]); // 11 and 13 still running

    consumer.hooks.joined!({ [topics.deliveries]: [3, 4] });
    expect(control.seeks).toEqual([{ topic: topics.deliveries, partition: 3, offset: '14' }]);
    expect(deliveries.isRunning(taken[1])).toBe(true);
  });

  it('leaves a kept retry partition that waits for its next record to its timer, not to the seek', async () => {
    const { consumer, control } = consumerUnderTest();
    const webhookId = randomUUID();
    const due = retryRecord(webhookId, new Date(Date.now()));
    const later = retryRecord(webhookId, new Date(Date.now() + 60_000));
    await consumer.handleBatch(batchOf(topics.retry1, 0, [due, later]));
    expect(control.paused).toEqual([{ topic: topics.retry1, partition: 0 }]);

    consumer.hooks.joined!({ [topics.retry1]: [0] });
    expect(control.seeks).toEqual([]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(control.seeks).toEqual([{ topic: topics.retry1, partition: 0, offset: '1' }]);
  });

  it('drops the records put aside for partitions it gave up, and takes in those it kept', async () => {
    const { consumer, deliveries, metrics, limits } = consumerUnderTest();
    const crowded = randomUUID();
    deliveries.crowded.add(crowded);
    const kept = records(3, crowded);
    const given = records(2, crowded);
    await consumer.handleBatch(batchOf(topics.deliveries, 0, kept));
    await consumer.handleBatch(batchOf(topics.deliveries, 1, given));
    expect((await metrics.parked.get()).values[0].value).toBe(5);

    consumer.hooks.joined!({ [topics.deliveries]: [0] });
    expect((await metrics.parked.get()).values[0].value).toBe(3);
    await jest.advanceTimersByTimeAsync(limits.intakeTurnMs * 10);
    expect(deliveries.started).toEqual(kept.map((r) => r.payload.id));
  });
});
