import { randomUUID } from 'node:crypto';
import type { TopicPartitionOffset } from './offset-tracker';
import { batchOf, consumerUnderTest, record, topics } from '../../test/delivery-consumer-fakes';

const records = (count: number) => Array.from({ length: count }, () => record(randomUUID()));
const at = (partition: number, offset: number): TopicPartitionOffset => ({
  topic: topics.deliveries,
  partition,
  offset: String(offset),
});

/**
 * The commit path (docs/design.md "Guarantees"): deliveries finish in any order, and a timer
 * commits each partition up to its lowest unfinished record, so a crash redelivers exactly
 * what was not handed on. Limits are the defaults (commitIntervalMs 500 ms).
 */
describe('DeliveryConsumer commits', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('commits every commitIntervalMs, each partition up to its lowest unfinished record', async () => {
    const { consumer, deliveries, control, limits } = consumerUnderTest();
    const p0 = records(5);
    const p1 = records(3);
    await consumer.handleBatch(batchOf(topics.deliveries, 0, p0));
    await consumer.handleBatch(batchOf(topics.deliveries, 1, p1));
    for (const r of [p0[0], p0[1], p0[3], ...p1]) deliveries.finish(r);

    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs - 1);
    expect(control.commitCalls).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    // Partition 0 stops at its record 2, though 3 has finished; partition 1 is done.
    expect(control.commits).toEqual([[at(0, 2), at(1, 3)]]);

    deliveries.finish(p0[2]);
    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs);
    // On to the next unfinished record, 4; partition 1 did not move, so it is not sent again.
    expect(control.commits[1]).toEqual([at(0, 4)]);

    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs * 3);
    expect(control.commitCalls).toHaveLength(2); // nothing moved, nothing sent

    deliveries.finish(p0[4]);
    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs);
    expect(control.commits[2]).toEqual([at(0, 5)]);
  });

  it('retries a refused commit on the next tick', async () => {
    const { consumer, deliveries, control, limits } = consumerUnderTest();
    const taken = records(2);
    await consumer.handleBatch(batchOf(topics.deliveries, 0, taken));
    taken.forEach((r) => deliveries.finish(r));
    control.refuseCommits = 1;

    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs);
    expect(control.commitCalls).toEqual([[at(0, 2)]]);
    expect(control.commits).toEqual([]);

    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs);
    expect(control.commits).toEqual([[at(0, 2)]]);
  });

  it('drains: waits for the deliveries in flight, commits what finished, then commits no more', async () => {
    const { consumer, deliveries, control, limits } = consumerUnderTest();
    const taken = records(3);
    await consumer.handleBatch(batchOf(topics.deliveries, 0, taken));
    deliveries.finish(taken[0]);

    const drained = consumer.hooks.drain!();
    await jest.advanceTimersByTimeAsync(10);
    expect(control.commitCalls).toEqual([]); // still waiting for the two in flight
    deliveries.finish(taken[1]);
    deliveries.finish(taken[2]);
    await drained;
    // Long before the timer's tick: the drain committed.
    expect(control.commits).toEqual([[at(0, 3)]]);

    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs * 5);
    expect(control.commitCalls).toHaveLength(1);
  });

  it('drains for at most drainTimeoutMs, leaves a delivery still running uncommitted, and stops committing', async () => {
    const { consumer, deliveries, control, limits } = consumerUnderTest();
    const taken = records(3);
    await consumer.handleBatch(batchOf(topics.deliveries, 0, taken));
    deliveries.finish(taken[0]);
    deliveries.finish(taken[1]);

    let done = false;
    const drained = consumer.hooks.drain!().then(() => (done = true));
    await jest.advanceTimersByTimeAsync(limits.drainTimeoutMs - 1);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    await drained;
    expect(control.commits.flat()).toEqual([at(0, 2)]);

    // Ending after the drain changes nothing: the group is being left, its next owner reads on.
    deliveries.finish(taken[2]);
    await jest.advanceTimersByTimeAsync(limits.commitIntervalMs * 5);
    expect(control.commits.flat()).toEqual([at(0, 2)]);
  });
});
