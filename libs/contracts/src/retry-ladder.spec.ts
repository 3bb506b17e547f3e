import {
  MAX_ATTEMPTS,
  MAX_RETRY_DELAY_MS,
  parseRetryDelays,
  topicAfterFailure,
  topicForAttempt,
} from './retry-ladder';
import { deliveryIdFor } from './delivery-record';
import { resolveTopics, topicEnvName } from './topics';

describe('retry ladder', () => {
  it('walks deliveries → retry-1 → retry-2 → retry-3 → dead letter', () => {
    expect(MAX_ATTEMPTS).toBe(4);
    expect([1, 2, 3, 4].map(topicForAttempt)).toEqual(['deliveries', 'retry1', 'retry2', 'retry3']);
    expect([1, 2, 3, 4].map(topicAfterFailure)).toEqual([
      'retry1',
      'retry2',
      'retry3',
      'deadLetter',
    ]);
    expect(() => topicAfterFailure(0)).toThrow(RangeError);
    expect(() => topicForAttempt(5)).toThrow(RangeError);
  });

  it('parses WEBHOOK_RETRY_DELAYS', () => {
    expect(parseRetryDelays('10s,1m,5m')).toEqual([10_000, 60_000, 300_000]);
    expect(parseRetryDelays('500ms, 1.5s, 1h')).toEqual([500, 1500, 3_600_000]);
    expect(() => parseRetryDelays('10s,1m')).toThrow(/expected 3/);
    expect(() => parseRetryDelays('10s,1m,soon')).toThrow(/"soon" is not a duration/);
  });

  it('refuses a delay longer than 24 h, which the retry topics would not outlast', () => {
    expect(parseRetryDelays('1m,1h,24h')[2]).toBe(MAX_RETRY_DELAY_MS);
    expect(() => parseRetryDelays('1m,1h,25h')).toThrow(/"25h" is longer than 24h/);
  });
});

describe('topics', () => {
  it('uses the defaults of docs/design.md, a prefix, and per-topic overrides', () => {
    expect(resolveTopics().deadLetter).toBe('webhooks.deliveries.dlq');
    expect(resolveTopics({}, 'test.').retry2).toBe('test.webhooks.deliveries.retry-2');
    expect(topicEnvName('deadLetter')).toBe('KAFKA_TOPIC_DEAD_LETTER');
    expect(topicEnvName('retry1')).toBe('KAFKA_TOPIC_RETRY1');
    expect(resolveTopics({ KAFKA_TOPIC_DEAD_LETTER: 'ops.dlq' }).deadLetter).toBe('ops.dlq');
  });
});

describe('deliveryIdFor', () => {
  it('is a deterministic uuid of (event id, webhook id)', () => {
    const a = deliveryIdFor('0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11', 'w1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deliveryIdFor('0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11', 'w1')).toBe(a);
    expect(deliveryIdFor('0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11', 'w2')).not.toBe(a);
  });
});
