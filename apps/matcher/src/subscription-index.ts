import { compileFilter, InvalidFilterError, type FilterPredicate } from '@app/filters';
import type { RouteChange } from '@app/webhooks';

interface Subscription {
  organisationId: string;
  events: readonly string[];
  /** The compiled payload filter; null when the webhook takes every event of its types. */
  filter: FilterPredicate | null;
}

/**
 * The webhooks of one (organisation, event type). `filters` runs parallel to `ids` and is
 * null while none of them has a filter, so matching such a key costs what it did before
 * filters existed: the list itself, as it is.
 */
interface Entry {
  ids: string[];
  filters: Array<FilterPredicate | null> | null;
}

/** Told about a route whose filter does not compile: that webhook then matches nothing. */
export type InvalidFilterListener = (webhookId: string, problems: readonly string[]) => void;

/** What a filter that failed to compile matches: nothing, rather than everything. */
const NEVER: FilterPredicate = () => false;

/**
 * The matcher's in-memory table: active webhooks indexed by (organisation, event type), so an
 * event is matched with one map lookup, then by each webhook's payload filter (docs/design.md,
 * "Payload filters"), compiled here once per route change. Fed with the routing topic's
 * changes (already filtered to the newest version per webhook); a tombstone or an inactive
 * webhook removes its subscriptions.
 */
export class SubscriptionIndex {
  private readonly byWebhook = new Map<string, Subscription>();
  private readonly byKey = new Map<string, Entry>();
  /** Active webhooks with `ordering: per_entity`. */
  private readonly ordered = new Set<string>();

  apply(changes: readonly RouteChange[], onInvalidFilter?: InvalidFilterListener): void {
    for (const { webhookId, route } of changes) {
      this.remove(webhookId);
      if (!route?.active) continue;
      this.add(webhookId, {
        organisationId: route.organisation_id,
        events: route.events,
        filter: route.filter ? compiled(webhookId, route.filter, onInvalidFilter) : null,
      });
      if (route.ordering === 'per_entity') this.ordered.add(webhookId);
    }
  }

  /**
   * Ids of the active webhooks of `organisationId` subscribed to `eventType` whose filter, if
   * any, the callback `body` passes (do not mutate).
   */
  match(organisationId: string, eventType: string, body: unknown): readonly string[] {
    const entry = this.byKey.get(key(organisationId, eventType));
    if (!entry) return NONE;
    const { ids, filters } = entry;
    if (filters === null) return ids;
    const matched: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const filter = filters[i];
      if (filter === null || filter(body)) matched.push(ids[i]);
    }
    return matched;
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
    const { filter } = subscription;
    for (const event of new Set(subscription.events)) {
      const k = key(subscription.organisationId, event);
      const entry = this.byKey.get(k);
      if (!entry) {
        this.byKey.set(k, { ids: [id], filters: filter ? [filter] : null });
        continue;
      }
      if (entry.filters === null && filter) entry.filters = entry.ids.map(() => null);
      entry.ids.push(id);
      entry.filters?.push(filter);
    }
  }

  private remove(id: string): void {
    const previous = this.byWebhook.get(id);
    if (!previous) return;
    this.byWebhook.delete(id);
    this.ordered.delete(id);
    for (const event of new Set(previous.events)) {
      const k = key(previous.organisationId, event);
      const entry = this.byKey.get(k);
      if (!entry) continue;
      const at = entry.ids.indexOf(id);
      if (at < 0) continue;
      const ids = entry.ids.filter((_, i) => i !== at);
      const filters = entry.filters?.filter((_, i) => i !== at) ?? null;
      if (ids.length === 0) this.byKey.delete(k);
      else
        this.byKey.set(k, {
          ids,
          filters: filters?.some((filter) => filter !== null) ? filters : null,
        });
    }
  }
}

function compiled(
  webhookId: string,
  filter: Record<string, unknown>,
  onInvalid: InvalidFilterListener | undefined,
): FilterPredicate {
  try {
    return compileFilter(filter);
  } catch (error) {
    // Management validates before publishing, so this is a snapshot from a newer or broken
    // writer: deliver nothing rather than everything the filter was meant to hold back.
    if (!(error instanceof InvalidFilterError)) throw error;
    onInvalid?.(webhookId, error.problems);
    return NEVER;
  }
}

const NONE: readonly string[] = [];

function key(organisationId: string, eventType: string): string {
  return `${organisationId}\u0000${eventType}`;
}
