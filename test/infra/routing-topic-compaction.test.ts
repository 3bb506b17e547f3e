import type { Admin } from 'kafkajs';
import pino from 'pino';
import { KafkaSettings, validateEnv } from '@app/config';
import { topicSpecs } from '@app/contracts';
import { createKafkaClientFromEnv, KafkaConnection } from '@app/kafka';
import { testTopics } from '../support/test-env';

/** An app's Kafka start-up on a cluster whose routing topic is not compacted. */
describe('an app whose routing topic is not compacted', () => {
  const topics = testTopics();
  let admin: Admin;

  beforeAll(async () => {
    admin = createKafkaClientFromEnv('routing-compaction-test').admin();
    await admin.connect();
  });

  afterAll(async () => {
    const ours = [topics.webhookRoutes, topics.deadLetter];
    const existing = (await admin.listTopics()).filter((topic) => ours.includes(topic));
    await admin.deleteTopics({ topics: existing, timeout: 30_000 });
    await admin.disconnect();
  });

  it('refuses to start, naming the topic, before creating any other', async () => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: topics.webhookRoutes,
          numPartitions: 6,
          configEntries: [{ name: 'cleanup.policy', value: 'delete' }],
        },
      ],
    });
    const connection = new KafkaConnection({
      settings: validateEnv(KafkaSettings, process.env),
      clientId: 'routing-compaction-test',
      logger: pino({ level: 'silent' }),
      topics: topicSpecs(topics, ['webhookRoutes', 'deadLetter']),
    });
    try {
      await expect(connection.onModuleInit()).rejects.toThrow(
        `Kafka topic "${topics.webhookRoutes}" has cleanup.policy=delete; it must include compact`,
      );
    } finally {
      await connection.onApplicationShutdown();
    }
    expect(await admin.listTopics()).not.toContain(topics.deadLetter);
  });
});
