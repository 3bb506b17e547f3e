/*
 * npm run routes -- republish
 *
 * Announces every stored webhook again on the routing topic (docs/operators.md, "Rebuilding
 * the routing topic"): for a `webhooks.subscriptions` topic that was lost or recreated. Reads
 * the same variables as the apps (KAFKA_*, MONGODB_URI, KAFKA_TOPIC_PREFIX, topic names);
 * prints JSON progress lines and a summary; exits non-zero on failure.
 */
import mongoose from 'mongoose';
import { PlatformSettings, validateEnv } from '@app/config';
import { resolveTopics } from '@app/contracts';
import { createKafkaClient, createReliableProducer } from '@app/kafka';
import { createLogger } from '@app/observability';
import { RouteRepublisher } from '@app/webhooks';

async function republish(): Promise<void> {
  const settings = validateEnv(PlatformSettings);
  const logger = createLogger('routes', settings.LOG_LEVEL);
  const topic = resolveTopics(process.env, settings.KAFKA_TOPIC_PREFIX).webhookRoutes;
  const producer = createReliableProducer(
    createKafkaClient({ settings, clientId: 'webhooks-routes', logger }),
  );
  const store = await mongoose
    .createConnection(settings.MONGODB_URI, { serverSelectionTimeoutMS: 5000 })
    .asPromise();
  await producer.connect();
  try {
    const started = Date.now();
    const result = await new RouteRepublisher(store, producer, topic, logger).republish();
    logger.info(
      { topic, ...result, duration_ms: Date.now() - started },
      'every stored webhook is on the routing topic again',
    );
  } finally {
    await producer.disconnect();
    await store.close();
  }
}

const command = process.argv[2];
if (command !== 'republish') {
  process.stderr.write('usage: npm run routes -- republish\n');
  process.exit(2);
}
republish().catch((error: unknown) => {
  process.stderr.write(`routes: ${(error as Error).message}\n`);
  process.exit(1);
});
