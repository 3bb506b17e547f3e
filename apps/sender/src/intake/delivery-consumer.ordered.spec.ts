import { randomUUID } from 'node:crypto';
import { batchOf, consumerUnderTest, record, topics } from '../../test/delivery-consumer-fakes';

/**
 * The ordered path (`webhooks.deliveries.ordered`, docs/design.md "Ordered delivery"): an
 * entity's callbacks are made one at a time in offset order, and a partition with
 * `orderedBacklog` records unfinished is held for `orderedPauseMs` instead of taking more.
 * Default limits (a backlog of 100, a pause of 500 ms).
 */
describe('DeliveryConsumer ordered deliveries', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("starts an entity's next record only when its previous one has ended; other entities run alongside", async () => {
    const { consumer, deliveries } = consumerUnderTest();
    const webhookId = randomUUID();
    const [a1, a2, b1, a3] = ['A', 'A', 'B', 'A'].map((entity) => record(webhookId, entity));
    await consumer.handleBatch(batchOf(topics.deliveriesOrdered, 0, [a1, a2, b1, a3]));
    await jest.advanceTimersByTimeAsync(0);
    expect(deliveries.started).toEqual([a1.payload.id, b1.payload.id]);

    deliveries.finish(a1);
    await jest.advanceTimersByTimeAsync(0);
    expect(deliveries.started).toEqual([a1, b1, a2].map((r) => r.payload.id));
    deliveries.finish(a2);
    await jest.advanceTimersByTimeAsync(0);
    expect(deliveries.started).toEqual([a1, b1, a2, a3].map((r) => r.payload.id));
  });

  it('holds a partition with orderedBacklog records unfinished for orderedPauseMs, then reads on from the record it stopped at', async () => {
    const { consumer, deliveries, control, limits } = consumerUnderTest();
    const webhookId = randomUUID();
    const entities = Array.from({ length: limits.orderedBacklog + 1 }, (_, i) => `entity-${i}`);
    const records = entities.map((entity) => record(webhookId, entity));
    await consumer.handleBatch(batchOf(topics.deliveriesOrdered, 0, records));
    expect(deliveries.started).toHaveLength(limits.orderedBacklog);
    expect(control.paused).toEqual([{ topic: topics.deliveriesOrdered, partition: 0 }]);

    // Held: the same record fetched again is not taken; another partition's are.
    await consumer.handleBatch(
      batchOf(topics.deliveriesOrdered, 0, records.slice(-1), limits.orderedBacklog),
    );
    const elsewhere = record(webhookId, 'elsewhere');
    await consumer.handleBatch(batchOf(topics.deliveriesOrdered, 1, [elsewhere]));
    expect(deliveries.started).toHaveLength(limits.orderedBacklog + 1);
    expect(deliveries.started.at(-1)).toBe(elsewhere.payload.id);

    await jest.advanceTimersByTimeAsync(limits.orderedPauseMs - 1);
    expect(control.resumed).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(control.seeks).toEqual([
      { topic: topics.deliveriesOrdered, partition: 0, offset: String(limits.orderedBacklog) },
    ]);
    expect(control.resumed).toEqual([{ topic: topics.deliveriesOrdered, partition: 0 }]);
  });
});
