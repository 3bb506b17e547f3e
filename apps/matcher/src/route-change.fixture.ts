import type { WebhookRoute } from '@app/contracts';
import type { RouteChange } from '@app/webhooks';

/**
 * A routing change for unit specs: an active webhook of `org-a` subscribed to
 * contact.created unless overridden; `deleted: true` makes it a tombstone.
 */
export function change(
  overrides: Partial<Omit<WebhookRoute, 'webhook_id'>> & { id: string; deleted?: boolean },
): RouteChange {
  const { id, deleted, ...route } = overrides;
  if (deleted) return { webhookId: id, route: null };
  return {
    webhookId: id,
    route: {
      webhook_id: id,
      organisation_id: 'org-a',
      events: ['contact.created'],
      active: true,
      version: 1,
      ...route,
    },
  };
}
