import type { Admin, ITopicConfig } from 'kafkajs';

/** A topic as the platform wants it (see topicSpecs in @app/contracts). */
export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Unset or -1: the broker's default. */
  replicationFactor?: number;
  configEntries?: ITopicConfig['configEntries'];
}

/**
 * Creates the topics that do not exist yet, with explicit partition counts and settings (the
 * broker never auto-creates topics). Safe to call from several apps at once: on a fresh
 * broker the apps race to create the same topics, and the loser's wait for leaders may be
 * told a topic is not hosted yet; such retriable answers are retried until every topic exists.
 */
export async function ensureTopics(admin: Admin, specs: TopicSpec[]): Promise<string[]> {
  const created: string[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return created;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.numPartitions,
          replicationFactor: spec.replicationFactor ?? -1,
          configEntries: spec.configEntries ?? [],
        })),
      });
      created.push(...missing.map((spec) => spec.topic));
      return created;
    } catch (error) {
      // Another instance may have created some of them meanwhile: look again.
      const retriable = (error as { retriable?: boolean }).retriable === true;
      const now = new Set(await admin.listTopics());
      if (missing.every((spec) => now.has(spec.topic))) return created;
      if (!retriable || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
