import { isLive, type WebhookSnapshot } from '@app/webhooks';

interface Subscription {
  organisationId: string;
  events: readonly string[];
}

/**
 * The matcher's in-memory view: live webhooks indexed by (organisation, event type), so an
 * event is matched with one map lookup. Fed with snapshots by WebhookViewSync; a tombstone
 * or a deactivated webhook removes its subscriptions.
 */
export class SubscriptionIndex {
  private readonly byWebhook = new Map<string, Subscription>();
  private readonly byKey = new Map<string, Set<string>>();

  apply(snapshots: readonly WebhookSnapshot[]): void {
    for (const snapshot of snapshots) {
      this.remove(snapshot._id);
      if (isLive(snapshot))
        this.add(snapshot._id, {
          organisationId: snapshot.organisation_id,
          events: snapshot.events,
        });
    }
  }

  /** Ids of the live webhooks of `organisationId` subscribed to `eventType`. */
  match(organisationId: string, eventType: string): readonly string[] {
    const ids = this.byKey.get(key(organisationId, eventType));
    return ids ? [...ids] : [];
  }

  get size(): number {
    return this.byWebhook.size;
  }

  private add(id: string, subscription: Subscription): void {
    this.byWebhook.set(id, subscription);
    for (const event of subscription.events) {
      const k = key(subscription.organisationId, event);
      const ids = this.byKey.get(k) ?? new Set<string>();
      ids.add(id);
      this.byKey.set(k, ids);
    }
  }

  private remove(id: string): void {
    const previous = this.byWebhook.get(id);
    if (!previous) return;
    this.byWebhook.delete(id);
    for (const event of previous.events) {
      const k = key(previous.organisationId, event);
      const ids = this.byKey.get(k);
      ids?.delete(id);
      if (ids?.size === 0) this.byKey.delete(k);
    }
  }
}

function key(organisationId: string, eventType: string): string {
  return `${organisationId}\u0000${eventType}`;
}
