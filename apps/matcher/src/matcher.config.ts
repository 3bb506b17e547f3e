import { IsInt, IsString, Max, Min } from 'class-validator';
import { DEFAULT_EVENT_MAX_BYTES } from '@app/contracts';
import { BaseConfig, NumberFromString } from '@app/config';

/** The matcher's environment, checked once at start-up. */
export class MatcherConfig extends BaseConfig {
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(65535)
  PORT = 3001;

  @IsString()
  MATCHER_CONSUMER_GROUP = 'webhooks-matcher';

  /** Partitions processed at once by one instance. */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(64)
  MATCHER_PARTITIONS_CONCURRENCY = 6;

  /** Input messages per produce request (and per offset resolution). */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(10000)
  MATCHER_CHUNK_SIZE = 500;

  /** Domain events one replay scans per second at most (live matching goes on meanwhile). */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(1_000_000)
  MATCHER_REPLAY_MAX_EVENTS_PER_SECOND = 10_000;

  /**
   * The largest domain event accepted, in bytes of the message value; a larger one goes to
   * the rejected-events topic with its size as the reason. The default suits callbacks
   * (see DEFAULT_EVENT_MAX_BYTES); at most 1 MiB, Kafka's own default message limit.
   */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1024)
  @Max(1_048_576)
  EVENT_MAX_BYTES = DEFAULT_EVENT_MAX_BYTES;
}
