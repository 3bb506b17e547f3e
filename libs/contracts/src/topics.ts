import {
  EVENT_TOPIC_DEFAULTS,
  LEGAL_TOPIC_NAME,
  STREAM_TOPIC,
  topicEnvName,
} from '@webhook-platform/events';
import { MAX_RETRY_DELAY_MS } from './retry-ladder';

export { STREAM_TOPIC, topicEnvName };

/**
 * The one registry of topic names. Every name has a default from docs/design.md
 * and can be overridden through the environment (see resolveTopics); nothing else spells
 * a topic name. The topics events travel on are named in the events package, which
 * producers install.
 */
export const TOPIC_DEFAULTS = {
  domainContacts: EVENT_TOPIC_DEFAULTS.domainContacts,
  domainConversations: EVENT_TOPIC_DEFAULTS.domainConversations,
  domainFormSubmissions: EVENT_TOPIC_DEFAULTS.domainFormSubmissions,
  deliveries: 'webhooks.deliveries',
  deliveriesOrdered: 'webhooks.deliveries.ordered',
  retry1: 'webhooks.deliveries.retry-1',
  retry2: 'webhooks.deliveries.retry-2',
  retry3: 'webhooks.deliveries.retry-3',
  deadLetter: 'webhooks.deliveries.dlq',
  attempts: 'webhooks.attempts',
  rejectedEvents: 'webhooks.rejected-events',
  webhookRoutes: 'webhooks.subscriptions',
  operationalEvents: EVENT_TOPIC_DEFAULTS.operationalEvents,
  replays: 'webhooks.replays',
  replayProgress: 'webhooks.replay-progress',
} as const;

export type TopicKey = keyof typeof TOPIC_DEFAULTS;
export type Topics = Record<TopicKey, string>;

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

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A topic's settings as Kafka names them (`cleanup.policy`, `retention.ms`, ...). */
export type TopicConfig = Readonly<Record<string, string>>;

/** A topic that deletes records once they are `days` old (a whole segment at a time, never sooner). */
const keptFor = (days: number): TopicConfig => ({
  'cleanup.policy': 'delete',
  'retention.ms': String(days * DAY_MS),
});

/**
 * Retry records wait up to the longest retry delay WEBHOOK_RETRY_DELAYS accepts (24 h) and
 * must survive a sender outage on top. A fixed value, not one computed from the sender's
 * delays: any app may create these topics, and only the sender knows its delays.
 */
const RETRY_KEPT_DAYS = MAX_RETRY_DELAY_MS / DAY_MS + 6;

/**
 * Every topic's settings beyond the partition count (docs/operators.md, "Topics"). The
 * routing topic is compacted: it keeps the newest snapshot of every webhook (a tombstone
 * removes one), so reading it from the beginning rebuilds the whole subscription table.
 * Segments roll hourly so the cleaner gets to them; tombstones stay a day for consumers that
 * were away. Every other topic deletes old records, after TOPIC_RETENTION_REASON's time; a
 * retention is a floor, so a topic an operator keeps longer is left so.
 */
export const TOPIC_CONFIG: Record<TopicKey, TopicConfig> = {
  domainContacts: keptFor(14),
  domainConversations: keptFor(14),
  domainFormSubmissions: keptFor(14),
  deliveries: keptFor(7),
  deliveriesOrdered: keptFor(7),
  retry1: keptFor(RETRY_KEPT_DAYS),
  retry2: keptFor(RETRY_KEPT_DAYS),
  retry3: keptFor(RETRY_KEPT_DAYS),
  deadLetter: keptFor(30),
  attempts: keptFor(3),
  rejectedEvents: keptFor(14),
  webhookRoutes: {
    'cleanup.policy': 'compact',
    'segment.ms': String(HOUR_MS),
    'delete.retention.ms': String(DAY_MS),
  },
  operationalEvents: keptFor(14),
  replays: keptFor(7),
  replayProgress: keptFor(3),
};

const REPLAY_WINDOW = 'a replay window is at most 14 days';
const SENDER_OUTAGE = 'the sender may be down for days';
const RETRY_WAIT = `records wait up to the longest retry delay (24 h), plus ${RETRY_KEPT_DAYS - 1} days of sender outage`;
const STORED_AT_ONCE = (what: string) =>
  `management stores ${what} at once; this covers its outage over a weekend`;

/** Why each topic keeps its records as long as TOPIC_CONFIG says; the operators guide shows it. */
export const TOPIC_RETENTION_REASON: Record<TopicKey, string> = {
  domainContacts: REPLAY_WINDOW,
  domainConversations: REPLAY_WINDOW,
  domainFormSubmissions: REPLAY_WINDOW,
  deliveries: SENDER_OUTAGE,
  deliveriesOrdered: `${SENDER_OUTAGE}; records also wait through in-place retries (up to 3 × 24 h)`,
  retry1: RETRY_WAIT,
  retry2: RETRY_WAIT,
  retry3: RETRY_WAIT,
  deadLetter: "redelivery's last resort: as long as the delivery log keeps attempts by default",
  attempts: STORED_AT_ONCE('each outcome'),
  rejectedEvents: 'time to notice and fix a producer',
  webhookRoutes: 'it is the subscription table: the newest snapshot of every webhook, for good',
  operationalEvents: REPLAY_WINDOW,
  replays: 'a request waits while no matcher runs',
  replayProgress: STORED_AT_ONCE('progress'),
};

/**
 * Where a topic's replicas live: the replication factor (the broker's default when unset)
 * and `min.insync.replicas` (the broker's default when unset), the same for every topic
 * (KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS).
 */
export interface TopicReplication {
  replicationFactor?: number;
  minInsyncReplicas?: number;
}

const ALL_TOPIC_KEYS = Object.keys(TOPIC_DEFAULTS) as TopicKey[];

/**
 * What the platform wants the given topics (all of them by default) to be, under their names
 * in force: partitions, replication factor (-1: the broker's default) and settings. The apps
 * create missing topics from these; `npm run topics` checks and applies them.
 */
export function topicSpecs(
  topics: Topics,
  keys: readonly TopicKey[] = ALL_TOPIC_KEYS,
  { replicationFactor, minInsyncReplicas }: TopicReplication = {},
) {
  return keys.map((key) => {
    const config: Record<string, string> = { ...TOPIC_CONFIG[key] };
    if (minInsyncReplicas !== undefined) config['min.insync.replicas'] = String(minInsyncReplicas);
    return {
      topic: topics[key],
      numPartitions: TOPIC_PARTITIONS[key],
      replicationFactor: replicationFactor ?? -1,
      configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
    };
  });
}
