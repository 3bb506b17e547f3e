import { Injectable } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';

/**
 * The checks behind an app's `/health`. The runtime registers Kafka and MongoDB; an app's
 * own services register theirs (e.g. the webhook view) when they are constructed.
 */
@Injectable()
export class HealthChecks {
  private readonly checks: HealthIndicatorFunction[] = [];

  register(check: HealthIndicatorFunction): void {
    this.checks.push(check);
  }

  all(): HealthIndicatorFunction[] {
    return [...this.checks];
  }
}
