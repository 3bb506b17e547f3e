import type { DomainStream } from './catalog/event-type-definition';

/**
 * The one registry of topic names (STYLE.md §5). Every name has a default from DESIGN.md
 * and can be overridden through the environment (see resolveTopics); nothing else spells
 * a topic name.
 */
export const TOPIC_DEFAULTS = {
  domainContacts: 'domain.contacts',
  domainConversations: 'domain.conversations',
  domainFormSubmissions: 'domain.form-submissions',
  deliveries: 'webhooks.deliveries',
  retry1: 'webhooks.deliveries.retry-1',
  retry2: 'webhooks.deliveries.retry-2',
  retry3: 'webhooks.deliveries.retry-3',
  deadLetter: 'webhooks.deliveries.dlq',
  attempts: 'webhooks.attempts',
  rejectedEvents: 'webhooks.rejected-events',
} as const;

export type TopicKey = keyof typeof TOPIC_DEFAULTS;
export type Topics = Record<TopicKey, string>;

/** Environment variable that overrides one topic's name, e.g. KAFKA_TOPIC_DEAD_LETTER. */
export function topicEnvName(key: TopicKey): string {
  return `KAFKA_TOPIC_${key.replace(/([A-Z]+)/g, '_$1').toUpperCase()}`;
}

/**
 * Topic names in force: per-topic overrides first, then `prefix` + default. The prefix lets
 * tests (and several platforms on one cluster) use their own topics.
 */
export function resolveTopics(env: Record<string, string | undefined> = {}, prefix = ''): Topics {
  const topics = {} as Topics;
  for (const key of Object.keys(TOPIC_DEFAULTS) as TopicKey[]) {
    topics[key] = env[topicEnvName(key)] || `${prefix}${TOPIC_DEFAULTS[key]}`;
  }
  return topics;
}

/** The domain topic each stream of events is published on. */
export const STREAM_TOPIC = {
  contacts: 'domainContacts',
  conversations: 'domainConversations',
  'form-submissions': 'domainFormSubmissions',
} as const satisfies Record<DomainStream, TopicKey>;

/** The topics the matcher consumes. */
export const DOMAIN_TOPIC_KEYS = Object.values(STREAM_TOPIC);

/** Partition counts used when the platform creates its topics (a partition is the unit of parallelism). */
export const TOPIC_PARTITIONS: Record<TopicKey, number> = {
  domainContacts: 6,
  domainConversations: 6,
  domainFormSubmissions: 6,
  deliveries: 12,
  retry1: 6,
  retry2: 6,
  retry3: 6,
  deadLetter: 3,
  attempts: 6,
  rejectedEvents: 3,
};

/** Creation specs for the given topics (all of them by default), with their partition counts. */
export function topicSpecs(
  topics: Topics,
  keys: TopicKey[] = Object.keys(TOPIC_DEFAULTS) as TopicKey[],
) {
  return keys.map((key) => ({ topic: topics[key], numPartitions: TOPIC_PARTITIONS[key] }));
}
