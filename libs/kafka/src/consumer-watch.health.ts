import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { ConsumerWatch } from './consumer-watch';

/** `/health` entry of a consumer: down only once kafkajs has stopped it for good. */
export function checkConsumer(
  indicators: HealthIndicatorService,
  key: string,
  watch: ConsumerWatch,
): HealthIndicatorResult {
  const { up, ...details } = watch.status();
  const session = indicators.check(key);
  return up ? session.up(details) : session.down(details);
}
