import type { Pipeline } from '../../test/support/pipeline';
import type { Receivers } from '../support/receivers';
import { forEachBounded } from '../support/bounded';
import { reportProgress } from '../support/progress';
import type { FanOut } from './fan-out';

/** Requests to management in flight at once while provisioning. */
const CONCURRENCY = 16;

export interface ReceiverPools {
  healthy: Receivers;
  slow: Receivers;
}

/**
 * Creates every organisation's API key (admin endpoint) and its webhooks (with that key),
 * as an organisation's admin would, through the REST API. Sets each planned webhook's id.
 */
export async function provision(
  pipeline: Pipeline,
  fanOut: FanOut,
  receivers: ReceiverPools,
): Promise<void> {
  const byOrganisation = new Map<number, FanOut['webhooks']>();
  for (const webhook of fanOut.webhooks)
    byOrganisation.set(webhook.organisation, [
      ...(byOrganisation.get(webhook.organisation) ?? []),
      webhook,
    ]);
  let created = 0;
  const stop = reportProgress(
    () => `provisioning: ${created}/${fanOut.webhooks.length} webhooks created`,
  );
  try {
    await forEachBounded(fanOut.organisationIds, CONCURRENCY, async (organisationId, index) => {
      const api = await pipeline.newOrganisation(organisationId);
      for (const webhook of byOrganisation.get(index) ?? []) {
        const pool = webhook.slow ? receivers.slow : receivers.healthy;
        const body = await api.expect<{ id: string }>(201, 'POST', '/v1/webhooks', {
          name: `bench ${webhook.path}`,
          target_url: pool.url(webhook.receiver, webhook.path),
          events: webhook.events,
        });
        webhook.id = body.id;
        created += 1;
      }
    });
  } finally {
    stop();
  }
}
