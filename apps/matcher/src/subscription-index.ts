import type { RouteChange } from '@app/webhooks';

interface Subscription {
  organisationId: string;
  events: readonly string[];
}

/**
 * The matcher's in-memory table: active webhooks indexed by (organisation, event type), so an
 * event is matched with one map lookup. Fed with the routing topic's changes (already
 * filtered to the newest version per webhook); a tombstone or an inactive webhook removes
 * its subscriptions.
 */
export class SubscriptionIndex {
  private readonly byWebhook = new Map<string, Subscription>();
  private readonly byKey = new Map<string, string[]>();
  /** Active webhooks with `ordering: per_entity`. */
  private readonly ordered = new Set<string>();

  apply(changes: readonly RouteChange[]): void {
    for (const { webhookId, route } of changes) {
      this.remove(webhookId);
      if (!route?.active) continue;
      this.add(webhookId, { organisationId: route.organisation_id, events: route.events });
      if (route.ordering === 'per_entity') this.ordered.add(webhookId);
    }
  }

  /** Ids of the active webhooks of `organisationId` subscribed to `eventType` (do not mutate). */
  match(organisationId: string, eventType: string): readonly string[] {
    return this.byKey.get(key(organisationId, eventType)) ?? NONE;
  }

  /** Whether the webhook's callbacks are ordered per entity. */
  isOrdered(webhookId: string): boolean {
    return this.ordered.has(webhookId);
  }

  get size(): number {
    return this.byWebhook.size;
  }

  private add(id: string, subscription: Subscription): void {
    this.byWebhook.set(id, subscription);
    for (const event of new Set(subscription.events)) {
      const k = key(subscription.organisationId, event);
      const ids = this.byKey.get(k);
      if (ids) ids.push(id);
      else this.byKey.set(k, [id]);
    }
  }

  private remove(id: string): void {
    const previous = this.byWebhook.get(id);
    if (!previous) return;
    this.byWebhook.delete(id);
    this.ordered.delete(id);
    for (const event of new Set(previous.events)) {
      const k = key(previous.organisationId, event);
      const ids = this.byKey.get(k)?.filter((other) => other !== id) ?? [];
      if (ids.length === 0) this.byKey.delete(k);
      else this.byKey.set(k, ids);
    }
  }
}

const NONE: readonly string[] = [];

function key(organisationId: string, eventType: string): string {
  return `${organisationId}\u0000${eventType}`;
}
