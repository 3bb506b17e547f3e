import { LRUCache } from 'lru-cache';

/** A record's turn under its webhook's rate limit. */
export type RateSlot = { kind: 'send'; waitMs: number } | { kind: 'defer' };

/**
 * Spaces the callbacks of each webhook that has a `rate_limit` (calls per second), in this
 * sender instance (docs/design.md, "A rate limit per webhook"). Slots are handed out one
 * interval apart: `max(now, last slot + 1000 / rate)`. A record whose slot is near waits
 * for it in memory; one whose slot is further off than `maxRateWaitMs`, or behind the
 * webhook's backlog share of records already waiting, takes no slot and is deferred to a
 * later retry stage (FlowControl lines it up to come back about when its turn comes).
 */
export class WebhookRateLimiter {
  /** Per webhook: the earliest start of the next call, ms since the epoch. */
  private readonly next: LRUCache<string, number>;
  /** Per webhook: when its last call started, ms on the caller's clock (see `startAfter`). */
  private readonly started: LRUCache<string, number>;

  constructor(
    /** Records of one webhook waiting in memory at most, the longest wait, webhooks kept. */
    private readonly limits: { endpointBacklog: number; maxRateWaitMs: number; remembered: number },
  ) {
    this.next = new LRUCache({ max: limits.remembered });
    this.started = new LRUCache({ max: limits.remembered });
  }

  /**
   * The turn of one call of `webhookId`, limited to `ratePerSecond`, asked at `now`.
   * `urgent` (a test call, which somebody is waiting for) is sent at once whatever the
   * line; it still takes a slot at the end of it, so the calls after it keep the pace.
   */
  slot(webhookId: string, ratePerSecond: number, now: number, urgent = false): RateSlot {
    const interval = 1000 / ratePerSecond;
    const at = Math.max(now, this.next.get(webhookId) ?? 0);
    // Calls already waiting ahead of this one (rounded: sub-millisecond slots drift).
    const ahead = Math.round((at - now) / interval);
    if (!urgent && (at - now > this.limits.maxRateWaitMs || ahead > this.limits.endpointBacklog))
      return { kind: 'defer' };
    this.next.set(webhookId, at + interval);
    return { kind: 'send', waitMs: urgent ? 0 : at - now };
  }

  /**
   * The wait for the next slot of `webhookId`, taken whatever the line: for ordered
   * deliveries, which wait in memory rather than be deferred (docs/design.md, "Ordered
   * delivery"); their lanes and the ordered partition's backlog bound their number.
   */
  reserve(webhookId: string, ratePerSecond: number, now: number): number {
    const at = Math.max(now, this.next.get(webhookId) ?? 0);
    this.next.set(webhookId, at + 1000 / ratePerSecond);
    return at - now;
  }

  /**
   * Ms still to wait before a call of `webhookId` that reached its slot starts, or 0 (and
   * its start is recorded). Slots are planned ahead, each with its own timer, so timers that
   * a stalled event loop fires late would start their calls together, more than the limit
   * in one second. Checked when the call is about to start, this keeps actual starts one
   * interval apart; a millisecond of slack absorbs a timer on the clock's edge.
   */
  startAfter(webhookId: string, ratePerSecond: number, now: number): number {
    const interval = 1000 / ratePerSecond;
    const since = now - (this.started.get(webhookId) ?? Number.NEGATIVE_INFINITY);
    if (since < interval - 1) return interval - since;
    this.started.set(webhookId, now);
    return 0;
  }

  /** When the next slot of `webhookId` is, ms since the epoch (0: at once). */
  nextSlot(webhookId: string): number {
    return this.next.get(webhookId) ?? 0;
  }
}
