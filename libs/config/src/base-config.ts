import { IsInt, Max, Min } from 'class-validator';
import { PlatformSettings } from './platform-settings';
import { NumberFromString } from './transforms';

/** Settings every app shares: the platform's (Kafka, topics, store, logs), consumers, its HTTP port. */
export abstract class BaseConfig extends PlatformSettings {
  /** How long a silent consumer keeps its partitions before the group hands them on. */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(6000)
  @Max(300000)
  KAFKA_SESSION_TIMEOUT_MS = 10000;

  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(65535)
  abstract PORT: number;
}
