// Readiness probe for scripts/kafka.sh: a real client call (describe the cluster and list
// topics through the admin API), not a port probe. Exit 0 when the broker answers.
import { Kafka, logLevel } from 'kafkajs';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const kafka = new Kafka({
  clientId: 'readiness-probe',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1000,
  retry: { retries: 0 },
});
const admin = kafka.admin();
try {
  await admin.connect();
  const cluster = await admin.describeCluster();
  await admin.listTopics();
  if (cluster.brokers.length === 0) throw new Error('no broker registered');
  process.exitCode = 0;
} catch {
  process.exitCode = 1;
} finally {
  await admin.disconnect().catch(() => undefined);
}
