import { ConsumerWatch, ensureTopics, createKafkaClientFromEnv } from '@app/kafka';
import { uniqueName } from '../support/test-env';
import { waitFor } from '../support/wait-for';

/**
 * Why ConsumerWatch exists: kafkajs restarts a consumer after Kafka protocol errors, but an
 * ordinary error thrown by a batch handler stops it for good while the process stays up.
 */
describe('ConsumerWatch on the real broker', () => {
  const kafka = createKafkaClientFromEnv('watch-test');

  it('reports running, then a handler error that kafkajs will not restart from', async () => {
    const topic = uniqueName('watch');
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic, numPartitions: 1 }]);
    await admin.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('watch-group') });
    const fatal: Error[] = [];
    const watch = new ConsumerWatch(consumer, (error) => fatal.push(error));
    expect(watch.status()).toMatchObject({ up: true, state: 'starting' });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachBatch: ({ batch }) => {
          if (batch.messages.some((m) => m.value?.toString() === 'poison'))
            return Promise.reject(new TypeError('a bug in the handler'));
          return Promise.resolve();
        },
      });
      await waitFor('the group join', () => watch.status().state === 'running', 20_000);

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'poison' }] });
      await producer.disconnect();

      await waitFor('the fatal crash', () => fatal.length === 1, 20_000);
      expect(fatal[0].message).toContain('a bug in the handler');
      expect(watch.status()).toEqual({
        up: false,
        state: 'failed',
        last_error: expect.stringContaining('a bug in the handler') as string,
      });
    } finally {
      await consumer.disconnect();
    }
  });
});
