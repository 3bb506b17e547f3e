import { ConfigResourceTypes, ConfigSource, type Admin } from 'kafkajs';

/** What one existing topic is on the cluster. */
export interface TopicState {
  topic: string;
  partitions: number;
  /** The fewest replicas any of its partitions has. */
  replicationFactor: number;
  /** Every setting in force, wherever it comes from (topic, broker, default). */
  configs: Record<string, string>;
  /** The settings made on the topic itself: what a (non-incremental) AlterConfigs replaces. */
  overrides: Record<string, string>;
  /** Overrides whose value the broker does not disclose; an AlterConfigs would lose them. */
  hiddenOverrides: string[];
}

/**
 * Reads partitions, replicas and settings of those of `topics` that exist; a missing topic is
 * simply absent from the map. DescribeConfigs fails as a whole for an unknown topic, so only
 * listed topics are asked about.
 */
export async function readTopicStates(
  admin: Admin,
  topics: readonly string[],
): Promise<Map<string, TopicState>> {
  const listed = new Set(await admin.listTopics());
  const existing = topics.filter((topic) => listed.has(topic));
  const states = new Map<string, TopicState>();
  if (existing.length === 0) return states;
  const [metadata, described] = await Promise.all([
    admin.fetchTopicMetadata({ topics: existing }),
    admin.describeConfigs({
      includeSynonyms: false,
      resources: existing.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    }),
  ]);
  const configsOf = new Map(described.resources.map((r) => [r.resourceName, r]));
  for (const { name, partitions } of metadata.topics) {
    const resource = configsOf.get(name);
    if (!resource || resource.errorCode !== 0)
      throw new Error(
        `cannot read the settings of topic "${name}": ${resource?.errorMessage || 'no answer'}`,
      );
    const state: TopicState = {
      topic: name,
      partitions: partitions.length,
      replicationFactor: Math.min(...partitions.map((p) => p.replicas.length)),
      configs: {},
      overrides: {},
      hiddenOverrides: [],
    };
    for (const entry of resource.configEntries) {
      if (entry.configValue !== null) state.configs[entry.configName] = entry.configValue;
      if (entry.configSource !== ConfigSource.TOPIC_CONFIG) continue;
      if (entry.isSensitive || entry.configValue === null)
        state.hiddenOverrides.push(entry.configName);
      else state.overrides[entry.configName] = entry.configValue;
    }
    states.set(name, state);
  }
  return states;
}
