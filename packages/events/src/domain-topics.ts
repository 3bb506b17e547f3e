import type { DomainStream } from './catalog';

/**
 * The default names of the topics events travel on: the three domain topics producers
 * publish to, and the one the platform publishes its operational events to. An installation
 * may prefix them all (KAFKA_TOPIC_PREFIX) or rename one (KAFKA_TOPIC_DOMAIN_CONTACTS, ...),
 * the same variables the platform reads.
 */
export const EVENT_TOPIC_DEFAULTS = {
  domainContacts: 'domain.contacts',
  domainConversations: 'domain.conversations',
  domainFormSubmissions: 'domain.form-submissions',
  operationalEvents: 'webhooks.operational-events',
} as const;

export type EventTopicKey = keyof typeof EVENT_TOPIC_DEFAULTS;

/** The topic (by key) each stream of events is published on. */
export const STREAM_TOPIC = {
  contacts: 'domainContacts',
  conversations: 'domainConversations',
  'form-submissions': 'domainFormSubmissions',
  operational: 'operationalEvents',
} as const satisfies Record<DomainStream, EventTopicKey>;

/** The topics producers publish to, by key: what DomainEventPublisher needs. */
export type DomainTopics = Record<
  (typeof STREAM_TOPIC)[Exclude<DomainStream, 'operational'>],
  string
>;

/** Environment variable that overrides one topic's name, e.g. KAFKA_TOPIC_DOMAIN_CONTACTS. */
export function topicEnvName(key: string): string {
  return `KAFKA_TOPIC_${key.replace(/([A-Z]+)/g, '_$1').toUpperCase()}`;
}

/** What Kafka accepts as a topic name. */
export const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * The domain topics' names in force, from the variables the platform reads: a per-topic
 * override (KAFKA_TOPIC_DOMAIN_CONTACTS, ...) first, then KAFKA_TOPIC_PREFIX + the default.
 * An illegal name throws, naming the variable.
 */
export function resolveDomainTopics(
  env: Record<string, string | undefined> = process.env,
): DomainTopics {
  const prefix = env.KAFKA_TOPIC_PREFIX ?? '';
  const keys = ['domainContacts', 'domainConversations', 'domainFormSubmissions'] as const;
  const topics = {} as DomainTopics;
  for (const key of keys) {
    const name = env[topicEnvName(key)] || `${prefix}${EVENT_TOPIC_DEFAULTS[key]}`;
    if (!LEGAL_TOPIC_NAME.test(name))
      throw new Error(
        `${topicEnvName(key)} (or KAFKA_TOPIC_PREFIX): "${name}" is not a legal Kafka topic name (letters, digits, . _ -, at most 249)`,
      );
    topics[key] = name;
  }
  return topics;
}
