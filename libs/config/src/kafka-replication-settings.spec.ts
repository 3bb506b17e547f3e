import { KafkaReplicationSettings } from './kafka-replication-settings';
import { InvalidConfigurationError, validateEnv } from './validate-env';

function problems(env: Record<string, string>): string[] {
  try {
    validateEnv(KafkaReplicationSettings, env);
    return [];
  } catch (error) {
    return (error as InvalidConfigurationError).problems;
  }
}

describe('KafkaReplicationSettings', () => {
  it("leaves replicas to the broker's defaults when unset", () => {
    expect(validateEnv(KafkaReplicationSettings, {})).toMatchObject({
      KAFKA_REPLICATION_FACTOR: undefined,
      KAFKA_MIN_INSYNC_REPLICAS: undefined,
    });
  });

  it('takes a replication factor and min.insync.replicas as numbers', () => {
    expect(
      validateEnv(KafkaReplicationSettings, {
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
      }),
    ).toMatchObject({ KAFKA_REPLICATION_FACTOR: 3, KAFKA_MIN_INSYNC_REPLICAS: 2 });
  });

  it('refuses a factor that is no positive integer, naming the variable', () => {
    expect(problems({ KAFKA_REPLICATION_FACTOR: '0' })).toEqual([
      expect.stringMatching(/^KAFKA_REPLICATION_FACTOR: must not be less than 1/),
    ]);
    expect(problems({ KAFKA_REPLICATION_FACTOR: 'three' })).toEqual([
      expect.stringMatching(/^KAFKA_REPLICATION_FACTOR: .*must be an integer \(got "three"\)/),
    ]);
  });

  it('refuses more in-sync replicas than replicas, which would fail every write', () => {
    expect(problems({ KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '2' })).toEqual([
      'KAFKA_MIN_INSYNC_REPLICAS: must not exceed KAFKA_REPLICATION_FACTOR (got 2)',
    ]);
    // Without a factor the broker's default decides; the broker refuses what it cannot meet.
    expect(problems({ KAFKA_MIN_INSYNC_REPLICAS: '2' })).toEqual([]);
  });
});
