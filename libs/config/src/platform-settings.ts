import { IsIn, IsString, Matches } from 'class-validator';
import { KafkaReplicationSettings } from './kafka-replication-settings';

/**
 * What every process of the platform shares, apps and command-line tools alike (topic CLI,
 * route republish): how to reach Kafka, the topic prefix and replicas, the store, the log level.
 */
export class PlatformSettings extends KafkaReplicationSettings {
  /** Prefixes every default topic name, so several platforms (or test runs) share a cluster. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'may contain only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX = '';

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI = 'mongodb://127.0.0.1:27017/webhooks';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}
