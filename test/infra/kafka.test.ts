import type { Admin } from 'kafkajs';
import { ensureTopics, createKafkaClientFromEnv } from '@app/kafka';
import { uniqueName } from '../support/test-env';

/** The local broker is a real Kafka: partitions, consumer groups and committed offsets. */
describe('local Kafka broker', () => {
  const kafka = createKafkaClientFromEnv('infra-test');
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    console.log(
      `[integration] Kafka cluster ${cluster.clusterId}, broker(s) ${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(', ')}`,
    );
  });
  afterAll(() => admin.disconnect());

  it('creates a topic with an explicit partition count, once', async () => {
    const topic = uniqueName('infra-partitions');
    expect(await ensureTopics(admin, [{ topic, numPartitions: 3 }])).toEqual([topic]);
    expect(await ensureTopics(admin, [{ topic, numPartitions: 3 }])).toEqual([]);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(3);
  });

  it('never creates topics implicitly', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 1 } });
    await producer.connect();
    try {
      await expect(
        producer.send({
          topic: uniqueName('infra-missing'),
          messages: [{ value: 'x' }],
          timeout: 2000,
        }),
      ).rejects.toThrow();
    } finally {
      await producer.disconnect();
    }
  });

  it('delivers keyed messages to a consumer group and keeps its committed offsets', async () => {
    const topic = uniqueName('infra-group');
    const groupId = uniqueName('infra-group');
    await ensureTopics(admin, [{ topic, numPartitions: 3 }]);

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({
      key: `aggregate-${i % 7}`,
      value: `message-${i}`,
    }));
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();

    const received: string[] = [];
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: ({ message }) => {
          received.push(message.value!.toString());
          if (received.length === sent.length) resolve();
          return Promise.resolve();
        },
      });
    });
    await allReceived;
    await consumer.disconnect(); // commits the offsets of what was processed

    expect(received.sort()).toEqual(sent.map((m) => m.value).sort());
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = committed.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(committed.partitions).toHaveLength(3);
    expect(total).toBe(30);
  });
});
