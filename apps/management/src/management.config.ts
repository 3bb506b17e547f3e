import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { NumberFromString, WebhookTargetConfig } from '@app/config';
import { parseDuration } from './common/duration';

/** A duration such as `24h` → milliseconds; anything else is kept for the validator to refuse. */
const DurationMs = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (parseDuration(value) ?? value) : value,
  );

/** The management's environment, checked once at start-up. */
export class ManagementConfig extends WebhookTargetConfig {
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Bootstrap credential for `POST /v1/admin/api-keys`. */
  @IsString({ message: 'must be set (at least 24 characters)' })
  @MinLength(24, { message: 'must be at least 24 characters' })
  ADMIN_TOKEN!: string;

  /** How long attempts stay in the delivery log. */
  @NumberFromString()
  @IsInt({ message: 'must be a whole number of days' })
  @Min(1, { message: 'must be at least 1' })
  @Max(3650, { message: 'must be at most 3650' })
  DELIVERY_LOG_RETENTION_DAYS = 30;

  /** How long a rotated-out signing secret keeps signing, in ms (`24h` in the environment). */
  @DurationMs()
  @IsInt({ message: 'must be a duration such as 30m, 24h or 7d' })
  @Min(0)
  @Max(30 * 86_400_000, { message: 'must be at most 30d' })
  SECRET_ROTATION_OVERLAP = 24 * 3_600_000;

  /**
   * A webhook whose deliveries keep dead-lettering with no success in between is disabled
   * once the first of those dead letters is this old, in ms (`5d` in the environment).
   */
  @DurationMs()
  @IsInt({ message: 'must be a duration such as 12h, 5d or 30s' })
  @Min(1000, { message: 'must be at least 1s' })
  @Max(90 * 86_400_000, { message: 'must be at most 90d' })
  WEBHOOK_DISABLE_AFTER = 5 * 86_400_000;

  /** Consumer group of the attempts consumer. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'may contain only letters, digits, ".", "_" and "-"' })
  MANAGEMENT_CONSUMER_GROUP = 'webhooks-management';

  /**
   * How long the attempts consumer lets outcomes gather before it writes them, at most (ms;
   * less once 512 KiB are in): each batch costs a log insert, a status update and a commit,
   * and at a steady rate a fetch that returned with the first outcome made a batch of one or
   * two. The delivery log and `last_delivery` show an attempt up to this much later.
   */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(10)
  @Max(10_000)
  MANAGEMENT_ATTEMPTS_BATCH_WAIT_MS = 500;

  /**
   * How often each instance publishes webhook changes a crash or a broker outage left
   * unpublished (every change is also published right after its write), in ms.
   */
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(100)
  @Max(600_000)
  WEBHOOK_ROUTES_SWEEP_MS = 5000;
}
