import {
  IsInt,
  IsString,
  Max,
  Min,
  Validate,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
} from 'class-validator';
import { NumberFromString, WebhookTargetConfig } from '@app/config';
import { parseRetryDelays } from '@app/contracts';

@ValidatorConstraint({ name: 'retryDelays' })
class RetryDelaysConstraint implements ValidatorConstraintInterface {
  private problem = '';
  validate(value: unknown): boolean {
    try {
      parseRetryDelays(String(value));
      return true;
    } catch (error) {
      this.problem = (error as Error).message;
      return false;
    }
  }
  defaultMessage(): string {
    return `must be three delays such as 10s,1m,5m: ${this.problem}`;
  }
}

/** The sender's environment, checked once at start-up. */
export class SenderConfig extends WebhookTargetConfig {
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(65535)
  PORT = 3002;

  /** Deadline of one attempt: connect, TLS, request and response headers. */
  @NumberFromString()
  @IsInt({ message: 'must be an integer (milliseconds)' })
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 2000;

  /** Delays before retries 1..3, e.g. `10s,1m,5m`. */
  @IsString()
  @Validate(RetryDelaysConstraint)
  WEBHOOK_RETRY_DELAYS = '10s,1m,5m';

  /** Callbacks in flight at once, over all partitions and endpoints. */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(10_000)
  SENDER_MAX_IN_FLIGHT = 200;

  /** Callbacks in flight at once to one endpoint (origin), so one receiver cannot take every slot. */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(1000)
  SENDER_MAX_PER_ENDPOINT = 10;

  /**
   * Records of one endpoint running or waiting at most; more are deferred to a later retry
   * stage without an attempt, so a flooded endpoint delays only itself.
   */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(100_000)
  SENDER_ENDPOINT_BACKLOG = 100;

  @IsString()
  SENDER_CONSUMER_GROUP = 'webhooks-sender';

  /** Parsed WEBHOOK_RETRY_DELAYS in milliseconds. */
  get retryDelaysMs(): number[] {
    return parseRetryDelays(this.WEBHOOK_RETRY_DELAYS);
  }
}
