import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { WebhookViewSync } from './webhook-view-sync';

/**
 * Reports the in-memory webhook view: down until it has loaded once; up afterwards, with
 * `stale: true` and the last sync time while MongoDB cannot be read (the app keeps working
 * on its last view, and the mongodb check beside it is down).
 */
export function checkWebhookView(
  indicators: HealthIndicatorService,
  sync: WebhookViewSync,
): HealthIndicatorResult {
  const session = indicators.check('webhook_view');
  const { loaded, lastSyncedAt, lastError } = sync.status();
  if (!loaded) return session.down({ message: lastError ?? 'not loaded yet' });
  return session.up({
    stale: lastError !== null,
    last_synced_at: lastSyncedAt?.toISOString() ?? null,
    ...(lastError ? { error: lastError } : {}),
  });
}
