import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Clock } from '../common/clock';
import { ManagementMetrics } from '../common/metrics';
import { ManagementConfig } from '../management.config';
import { TombstonePurge } from '../webhooks/store/tombstone-purge';
import { DeliveryAttemptRepository } from './delivery-attempt.repository';

const DAY_MS = 86_400_000;
/** Tombstones stay this long so every matcher and sender view has seen the delete. */
export const TOMBSTONE_RETENTION_MS = 7 * DAY_MS;
const INTERVAL_MS = 60 * 60_000;
/**
 * How far below each cutoff a pass looks for hour buckets to delete: 168 index lookups per
 * kind and pass. A document already older than this when it is written, or left behind by
 * a management outage longer than this, is not deleted (docs/operators.md).
 */
export const SWEEP_MS = 7 * DAY_MS;

/**
 * Retention the app enforces itself (FerretDB has no TTL indexes): once at start and then
 * hourly, deletes attempts older than DELIVERY_LOG_RETENTION_DAYS and webhook tombstones
 * older than 7 days, by hour bucket (common/hour-buckets.ts). Running it on several
 * instances at once is harmless.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly attempts: DeliveryAttemptRepository,
    private readonly tombstones: TombstonePurge,
    private readonly config: ManagementConfig,
    private readonly metrics: ManagementMetrics,
    private readonly clock: Clock,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('RetentionJob');
  }

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns what it deleted. */
  async runOnce(): Promise<{ attempts: number; tombstones: number }> {
    const now = this.clock.now().getTime();
    const attemptsCutoff = now - this.config.DELIVERY_LOG_RETENTION_DAYS * DAY_MS;
    const tombstonesCutoff = now - TOMBSTONE_RETENTION_MS;
    const attempts = await this.attempts.deleteOlderThan(
      new Date(attemptsCutoff),
      new Date(attemptsCutoff - SWEEP_MS),
    );
    const tombstones = await this.tombstones.purge(
      new Date(tombstonesCutoff),
      new Date(tombstonesCutoff - SWEEP_MS),
    );
    this.metrics.retentionDeleted.inc({ kind: 'attempts' }, attempts);
    this.metrics.retentionDeleted.inc({ kind: 'tombstones' }, tombstones);
    if (attempts + tombstones > 0)
      this.logger.info({ attempts, tombstones }, 'retention pass deleted old documents');
    return { attempts, tombstones };
  }

  /** Starts a pass unless one is running; failures are logged and retried next hour. */
  private tick(): void {
    this.running = this.running.then(() =>
      this.runOnce().then(
        () => undefined,
        (error: unknown) => this.logger.warn({ err: error }, 'retention pass failed; will retry'),
      ),
    );
  }
}
