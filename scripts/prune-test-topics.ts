/*
 * Deletes the topics test suites and benchmarks left on the development broker
 * (`npm run kafka -- prune`). Each suite makes topics of its own, named by uniqueName
 * (`<prefix>-<time in base 36>-<6 hex>.`): a broker kept across many runs holds thousands
 * of partitions, each with open files, until it hits the open-file limit. Only topics
 * older than PRUNE_OLDER_THAN_MINUTES (default 60) go, so a test run under way keeps its own.
 */
import { createKafkaClientFromEnv } from '@app/kafka';

const TEST_TOPIC = /^[a-z]+-([0-9a-z]{8,9})-[0-9a-f]{6}\./;
const BATCH = 200;

/** The creation time a test topic's name carries, or null for any other topic. */
export function testTopicTime(name: string): number | null {
  const match = TEST_TOPIC.exec(name);
  if (!match) return null;
  const time = parseInt(match[1], 36);
  return Number.isFinite(time) ? time : null;
}

async function main(): Promise<void> {
  const olderThanMs = Number(process.env.PRUNE_OLDER_THAN_MINUTES ?? 60) * 60_000;
  const admin = createKafkaClientFromEnv('prune-test-topics').admin();
  await admin.connect();
  try {
    const cutoff = Date.now() - olderThanMs;
    const topics = (await admin.listTopics()).filter((name) => {
      const time = testTopicTime(name);
      return time !== null && time < cutoff;
    });
    for (let i = 0; i < topics.length; i += BATCH) {
      await admin.deleteTopics({ topics: topics.slice(i, i + BATCH), timeout: 60_000 });
      console.log(
        `kafka: deleted ${Math.min(i + BATCH, topics.length)}/${topics.length} old test topics`,
      );
    }
    if (topics.length === 0) console.log('kafka: no test topics to delete');
  } finally {
    await admin.disconnect();
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error('kafka: prune failed:', (error as Error).message);
    process.exit(1);
  });
