import type { Admin, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { ConsumerLag, createKafkaClientFromEnv, ensureTopics } from '@app/kafka';
import { uniqueName } from '../support/test-env';

/** kafka_consumer_group_lag, read from the real broker at scrape time. */
describe('ConsumerLag on the real broker', () => {
  const kafka = createKafkaClientFromEnv('lag-test');
  const topic = uniqueName('lag');
  const groupId = uniqueName('lag-group');
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await ensureTopics(admin, [{ topic, numPartitions: 2 }]);
  });
  afterAll(async () => {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  });

  it('reports the records each partition holds beyond the group commit', async () => {
    await producer.send({
      topic,
      messages: Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `r${i}` })),
    });
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
    const registry = new Registry();
    new ConsumerLag(admin, () => [{ groupId, topics: [topic] }], registry);

    const text = await registry.metrics();
    expect(text).toContain(
      `kafka_consumer_group_lag{group="${groupId}",topic="${topic}",partition="0"} 3`,
    );
    // Nothing committed and nothing written: no lag.
    expect(text).toContain(
      `kafka_consumer_group_lag{group="${groupId}",topic="${topic}",partition="1"} 0`,
    );
  });
});
