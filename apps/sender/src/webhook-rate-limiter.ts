import { LRUCache } from 'lru-cache';

/** Webhooks remembered at most; the least recently used are forgotten (their pace restarts). */
const WEBHOOKS_KEPT = 50_000;

/**
 * Longest a record waits in memory for its send slot. Further off, it is deferred instead:
 * a waiting record counts against the consumer's pending bound and holds back its
 * partition's commit, so a long line in memory would let one limited webhook stall others.
 */
export const MAX_RATE_WAIT_MS = 2000;

/** A record's turn under its webhook's rate limit. */
export type RateSlot = { kind: 'send'; waitMs: number } | { kind: 'defer' };

/**
 * Spaces the callbacks of each webhook that has a `rate_limit` (calls per second), in this
 * sender instance (docs/design.md, "A rate limit per webhook"). Slots are handed out one
 * interval apart: `max(now, last slot + 1000 / rate)`. A record whose slot is near waits
 * for it in memory; one whose slot is further off than `MAX_RATE_WAIT_MS`, or behind the
 * webhook's backlog share of records already waiting, takes no slot and is deferred to a
 * later retry stage, paced by `deferralWait` to come back about when its turn comes.
 */
export class WebhookRateLimiter {
  /** Per webhook: the earliest start of the next call, ms since the epoch. */
  private readonly next = new LRUCache<string, number>({ max: WEBHOOKS_KEPT });
  /** Per webhook: the time the next deferred record is planned for, ms since the epoch. */
  private readonly deferredNext = new LRUCache<string, number>({ max: WEBHOOKS_KEPT });
  /** Per webhook: when its last call started, ms on the caller's clock (see `startAfter`). */
  private readonly started = new LRUCache<string, number>({ max: WEBHOOKS_KEPT });

  constructor(
    /** Records of one webhook waiting in memory at most (SENDER_ENDPOINT_BACKLOG). */
    private readonly backlog: number,
    private readonly maxWaitMs: number = MAX_RATE_WAIT_MS,
  ) {}

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
    if (!urgent && (at - now > this.maxWaitMs || ahead > this.backlog)) return { kind: 'defer' };
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

  /**
   * Extra wait, beyond the stage's `delayMs`, for a record of `webhookId` deferred at `now`:
   * its place in the line of the webhook's deferred records, one interval apart after the
   * calls already waiting. At most `delayMs`, as for a crowded endpoint (DeferralPacer), so
   * a record behind it in the shared retry partition waits at most twice the stage's delay;
   * a record that comes back before its turn is deferred again, never dropped.
   */
  deferralWait(webhookId: string, ratePerSecond: number, now: number, delayMs: number): number {
    const interval = 1000 / ratePerSecond;
    const due = now + delayMs;
    const planned = Math.max(
      due,
      this.next.get(webhookId) ?? 0,
      this.deferredNext.get(webhookId) ?? 0,
    );
    const extra = Math.min(planned - due, delayMs);
    this.deferredNext.set(webhookId, due + extra + interval);
    return extra;
  }
}
