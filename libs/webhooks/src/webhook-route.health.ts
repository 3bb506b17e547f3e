import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { WebhookRouteFollower } from './webhook-route-follower';

/**
 * Reports the routing table read from the compacted topic: down (not ready) until every
 * partition has been read to its start-up end, so no event is matched against half a table,
 * and while a partition is stopped at a record of a newer format (the changes after it are
 * missing until this app is upgraded).
 */
export function checkRouteTable(
  indicators: HealthIndicatorService,
  follower: WebhookRouteFollower,
): HealthIndicatorResult {
  const session = indicators.check('webhook_routes');
  const { caughtUp, webhooks, recordsRead, rejected, unreadable } = follower.status();
  const details = { webhooks, records_read: recordsRead, rejected };
  if (unreadable)
    return session.down({
      ...details,
      ...unreadable,
      message: 'partitions stopped at records of a newer format: upgrade this app',
    });
  return caughtUp
    ? session.up(details)
    : session.down({ ...details, message: 'reading the routing topic' });
}
