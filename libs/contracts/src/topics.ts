import type { DomainStream } from './catalog/event-type-definition';

/**
 * The one registry of topic names. Every name has a default from docs/design.md
 * and can be overridden through the environment (see resolveTopics); nothing else spells
 * a topic name.
 */
export const TOPIC_DEFAULTS = {
  domainContacts: 'domain.contacts',
  domainConversations: 'domain.conversations',
  domainFormSubmissions: 'domain.form-submissions',
  deliveries: 'webhooks.deliveries',
  deliveriesOrdered: 'webhooks.deliveries.ordered',
  retry1: 'webhooks.deliveries.retry-1',
  retry2: 'webhooks.deliveries.retry-2',
  retry3: 'webhooks.deliveries.retry-3',
  deadLetter: 'webhooks.deliveries.dlq',
  attempts: 'webhooks.attempts',
  rejectedEvents: 'webhooks.rejected-events',
  webhookRoutes: 'webhooks.subscriptions',
  operationalEvents: 'webhooks.operational-events',
  replays: 'webhooks.replays',
  replayProgress: 'webhooks.replay-progress',
} as const;

export type TopicKey = keyof typeof TOPIC_DEFAULTS;
export type Topics = Record<TopicKey, string>;

/** Environment variable that overrides one topic's name, e.g. KAFKA_TOPIC_DEAD_LETTER. */
export function topicEnvName(key: TopicKey): string {
  return `KAFKA_TOPIC_${key.replace(/([A-Z]+)/g, '_$1').toUpperCase()}`;
}

/** What Kafka accepts as a topic name. */
const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * Topic names in force: per-topic overrides first, then `prefix` + default. The prefix lets
 * tests (and several platforms on one cluster) use their own topics. Read once at start-up;
 * an illegal name, or two roles sharing one topic (a retry topic that is also the
 * deliveries topic would loop records), stops the app with the variables named.
 */
export function resolveTopics(env: Record<string, string | undefined> = {}, prefix = ''): Topics {
  const topics = {} as Topics;
  const problems: string[] = [];
  const owner = new Map<string, TopicKey>();
  for (const key of Object.keys(TOPIC_DEFAULTS) as TopicKey[]) {
    const name = env[topicEnvName(key)] || `${prefix}${TOPIC_DEFAULTS[key]}`;
    topics[key] = name;
    if (!LEGAL_TOPIC_NAME.test(name))
      problems.push(
        `${topicEnvName(key)} (or KAFKA_TOPIC_PREFIX): "${name}" is not a legal Kafka topic name (letters, digits, . _ -, at most 249)`,
      );
    const other = owner.get(name);
    if (other)
      problems.push(
        `${topicEnvName(key)} and ${topicEnvName(other)} both name the topic "${name}"`,
      );
    owner.set(name, key);
  }
  if (problems.length > 0)
    throw new Error(`Invalid topic configuration:\n  - ${problems.join('\n  - ')}`);
  return topics;
}

/** The domain topic each stream of events is published on. */
export const STREAM_TOPIC = {
  contacts: 'domainContacts',
  conversations: 'domainConversations',
  'form-submissions': 'domainFormSubmissions',
  operational: 'operationalEvents',
} as const satisfies Record<DomainStream, TopicKey>;

/** The topics the matcher consumes: the domain topics and the platform's operational events. */
export const DOMAIN_TOPIC_KEYS = Object.values(STREAM_TOPIC);

/** Partition counts used when the platform creates its topics (a partition is the unit of parallelism). */
export const TOPIC_PARTITIONS: Record<TopicKey, number> = {
  domainContacts: 6,
  domainConversations: 6,
  domainFormSubmissions: 6,
  deliveries: 12,
  deliveriesOrdered: 12,
  retry1: 6,
  retry2: 6,
  retry3: 6,
  deadLetter: 3,
  attempts: 6,
  rejectedEvents: 3,
  webhookRoutes: 6,
  operationalEvents: 3,
  replays: 3,
  replayProgress: 3,
};

/**
 * Topic settings beyond the partition count. The routing topic is compacted: it keeps the
 * newest snapshot of every webhook (a tombstone removes one), so reading it from the
 * beginning rebuilds the whole subscription table. Segments roll hourly so the cleaner
 * gets to them; tombstones stay a day for consumers that were away.
 */
export const TOPIC_CONFIG: Partial<Record<TopicKey, Array<{ name: string; value: string }>>> = {
  webhookRoutes: [
    { name: 'cleanup.policy', value: 'compact' },
    { name: 'segment.ms', value: '3600000' },
    { name: 'delete.retention.ms', value: '86400000' },
  ],
};

/** Creation specs for the given topics (all of them by default), with their partition counts. */
export function topicSpecs(
  topics: Topics,
  keys: TopicKey[] = Object.keys(TOPIC_DEFAULTS) as TopicKey[],
) {
  return keys.map((key) => ({
    topic: topics[key],
    numPartitions: TOPIC_PARTITIONS[key],
    ...(TOPIC_CONFIG[key] ? { configEntries: TOPIC_CONFIG[key] } : {}),
  }));
}
