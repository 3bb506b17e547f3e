import { resolveTopics, TOPIC_DEFAULTS, topicEnvName } from './topics';

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
