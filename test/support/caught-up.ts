import type { Admin, Kafka } from 'kafkajs';
import { sleep } from './wait-for';

/** A consumer group and every topic it reads (a group's lag is known only per topic asked for). */
export interface GroupReading {
  groupId: string;
  topics: readonly string[];
}

/**
 * Waits until every group has committed to the end of every partition it reads, with the
 * ends read after the commits; only then may a test assert that nothing more arrived. A fixed
 * sleep instead lets a duplicate that comes after it pass unseen.
 *
 * Why one such pass means nothing more will come of what was published before the call: the
 * platform's consumers commit a record only once what it caused is on the broker or at its
 * receiver (the matcher its delivery records, the sender its callback, outcome and retry
 * record, management its store write), and a TopicCollector commits a batch once it has kept
 * it. A pass reads every group's commits first and the topics' ends after, so whatever a
 * handler produced before committing its cause is already counted in the ends it is measured
 * against: a group at every end means its records, and everything they led to down the chain,
 * are handled. A retry waiting for its delay, a record put aside, a callback in flight all
 * hold their partition's commit back, so they keep the wait going.
 */
export async function caughtUp(
  kafka: Kafka,
  groups: readonly GroupReading[],
  timeoutMs = 30_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = await lagging(admin, groups);
      if (behind.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for the consumer groups to catch up; behind: ${behind.join(', ')}`,
        );
      await sleep(100);
    }
  } finally {
    await admin.disconnect();
  }
}

/** `group topic[partition] committed/end` for every partition a group has not committed to its end. */
async function lagging(admin: Admin, groups: readonly GroupReading[]): Promise<string[]> {
  // Commits first, ends after: see caughtUp.
  const commits = await Promise.all(
    groups.map((group) =>
      admin.fetchOffsets({ groupId: group.groupId, topics: [...group.topics] }),
    ),
  );
  const topics = [...new Set(groups.flatMap((group) => group.topics))];
  const ends = new Map(
    await Promise.all(
      topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const),
    ),
  );
  const behind: string[] = [];
  groups.forEach((group, i) => {
    for (const { topic, partitions } of commits[i])
      for (const end of ends.get(topic)!) {
        const committed = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        // Nothing committed ('-1'), or a commit before what retention kept, is at the end only
        // when the partition holds nothing more.
        const low = BigInt(end.low);
        const position = committed === '-1' || BigInt(committed) < low ? low : BigInt(committed);
        if (position < BigInt(end.high))
          behind.push(`${group.groupId} ${topic}[${end.partition}] ${committed}/${end.high}`);
      }
  });
  return behind;
}
