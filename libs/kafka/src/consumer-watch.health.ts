import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { ConsumerWatch } from './consumer-watch';
import type { FormatReport } from './format-gate';

/**
 * `/health` entry of a consumer: down once kafkajs has stopped it for good, and while it
 * holds partitions stopped at records of a format this release cannot read (it does not
 * do all its work until upgraded; docs/operators.md, "Upgrading").
 */
export function checkConsumer(
  indicators: HealthIndicatorService,
  key: string,
  watch: ConsumerWatch,
  format: FormatReport | null = null,
): HealthIndicatorResult {
  const { up, ...details } = watch.status();
  const session = indicators.check(key);
  if (format)
    return session.down({
      ...details,
      ...format,
      message: 'partitions stopped at records of a newer format: upgrade this app',
    });
  return up ? session.up(details) : session.down(details);
}
