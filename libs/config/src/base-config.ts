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

  /**
   * Longest a fetch waits on topics with nothing new. A fetch returns as soon as a record
   * arrives, so this costs no latency: it bounds how often an idle consumer asks the broker
   * (once per this wait) and how long a stop waits for the fetch in hand.
   */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(100)
  @Max(10000)
  KAFKA_FETCH_MAX_WAIT_MS = 1000;

  /**
   * How long the first record handed to an idle producer waits for others to share its
   * request. Adds at most this to each hop's latency; at a steady rate it turns a request per
   * record into one per this interval.
   */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(1000)
  KAFKA_PRODUCE_LINGER_MS = 5;

  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(65535)
  abstract PORT: number;
}
