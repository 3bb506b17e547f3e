import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { KafkaSettings } from './kafka-settings';
import { NumberFromString } from './transforms';

/** Settings every app shares: Kafka (how to reach it, and as what), MongoDB, its HTTP port and logging. */
export abstract class BaseConfig extends KafkaSettings {
  /** Prefixes every default topic name, so several platforms (or test runs) share a cluster. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'may contain only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX = '';

  /** How long a silent consumer keeps its partitions before the group hands them on. */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(6000)
  @Max(300000)
  KAFKA_SESSION_TIMEOUT_MS = 10000;

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI = 'mongodb://127.0.0.1:27017/webhooks';

  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(65535)
  abstract PORT: number;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}
