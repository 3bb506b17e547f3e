import { MAX_RETRY_DELAY_MS } from './retry-ladder';
import {
  resolveTopics,
  TOPIC_CONFIG,
  TOPIC_DEFAULTS,
  TOPIC_PARTITIONS,
  TOPIC_RETENTION_REASON,
  topicEnvName,
  topicSpecs,
  type TopicKey,
} from './topics';

const DAY_MS = 86_400_000;
const KEYS = Object.keys(TOPIC_DEFAULTS) as TopicKey[];
const retentionOf = (key: TopicKey) => Number(TOPIC_CONFIG[key]['retention.ms']);

describe('resolveTopics', () => {
  it('uses the defaults, under a prefix when given', () => {
    expect(resolveTopics()).toEqual(TOPIC_DEFAULTS);
    expect(resolveTopics({}, 'staging.').deadLetter).toBe('staging.webhooks.deliveries.dlq');
  });

  it('takes a per-topic override from its variable', () => {
    expect(topicEnvName('deadLetter')).toBe('KAFKA_TOPIC_DEAD_LETTER');
    expect(resolveTopics({ KAFKA_TOPIC_DEAD_LETTER: 'parked' }).deadLetter).toBe('parked');
  });

  it('refuses an illegal name, naming the variable', () => {
    expect(() => resolveTopics({ KAFKA_TOPIC_ATTEMPTS: 'attempts/v2' })).toThrow(
      /KAFKA_TOPIC_ATTEMPTS .*"attempts\/v2" is not a legal Kafka topic name/,
    );
    expect(() => resolveTopics({}, 'my prefix.')).toThrow(/KAFKA_TOPIC_PREFIX/);
  });

  it('refuses two roles on one topic', () => {
    expect(() => resolveTopics({ KAFKA_TOPIC_RETRY1: 'webhooks.deliveries' })).toThrow(
      'KAFKA_TOPIC_RETRY1 and KAFKA_TOPIC_DELIVERIES both name the topic "webhooks.deliveries"',
    );
  });
});

describe('the topic registry', () => {
  it('states partitions, a cleanup policy and why it keeps records that long for every topic', () => {
    for (const key of KEYS) {
      expect([key, TOPIC_PARTITIONS[key]]).toEqual([key, expect.any(Number)]);
      expect([key, TOPIC_CONFIG[key]['cleanup.policy']]).toEqual([key, expect.any(String)]);
      expect([key, TOPIC_RETENTION_REASON[key]]).toEqual([key, expect.any(String)]);
    }
  });

  it('compacts the routing topic, and only it, so its newest snapshot per webhook stays', () => {
    const compacted = KEYS.filter((key) => TOPIC_CONFIG[key]['cleanup.policy'] === 'compact');
    expect(compacted).toEqual(['webhookRoutes']);
    expect(TOPIC_CONFIG.webhookRoutes['retention.ms']).toBeUndefined();
  });

  it('gives every other topic a retention', () => {
    for (const key of KEYS.filter((k) => k !== 'webhookRoutes'))
      expect([key, retentionOf(key)]).toEqual([key, expect.any(Number)]);
  });

  it('keeps retry records longer than the longest accepted retry delay, with days to spare', () => {
    for (const key of ['retry1', 'retry2', 'retry3'] as const)
      expect(retentionOf(key)).toBeGreaterThanOrEqual(MAX_RETRY_DELAY_MS + 2 * DAY_MS);
    // Ordered deliveries retry in place: their records wait through all three delays.
    expect(retentionOf('deliveriesOrdered')).toBeGreaterThanOrEqual(
      3 * MAX_RETRY_DELAY_MS + DAY_MS,
    );
  });

  it('keeps dead letters for weeks and attempts for days', () => {
    expect(retentionOf('deadLetter')).toBeGreaterThanOrEqual(14 * DAY_MS);
    expect(retentionOf('attempts')).toBeGreaterThanOrEqual(2 * DAY_MS);
  });

  it('keeps domain events for the longest replay window (14 days)', () => {
    for (const key of ['domainContacts', 'domainConversations', 'domainFormSubmissions'] as const)
      expect(retentionOf(key)).toBeGreaterThanOrEqual(14 * DAY_MS);
  });
});

describe('topicSpecs', () => {
  const topics = resolveTopics({}, 'p.');

  it("specs every topic under its name in force, on the broker's replication factor by default", () => {
    const specs = topicSpecs(topics);
    expect(specs.map((spec) => spec.topic)).toEqual(KEYS.map((key) => topics[key]));
    expect(specs.find((spec) => spec.topic === 'p.webhooks.subscriptions')).toEqual({
      topic: 'p.webhooks.subscriptions',
      numPartitions: 6,
      replicationFactor: -1,
      configEntries: Object.entries(TOPIC_CONFIG.webhookRoutes).map(([name, value]) => ({
        name,
        value,
      })),
    });
    expect(
      specs.some((spec) => spec.configEntries.some((e) => e.name === 'min.insync.replicas')),
    ).toBe(false);
  });

  it('takes the replication factor and min.insync.replicas for every topic when given', () => {
    const specs = topicSpecs(topics, ['deadLetter', 'webhookRoutes'], {
      replicationFactor: 3,
      minInsyncReplicas: 2,
    });
    expect(specs.map((spec) => spec.topic)).toEqual([topics.deadLetter, topics.webhookRoutes]);
    for (const spec of specs) {
      expect(spec.replicationFactor).toBe(3);
      expect(spec.configEntries).toContainEqual({ name: 'min.insync.replicas', value: '2' });
    }
  });
});
