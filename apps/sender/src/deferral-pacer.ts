import { LRUCache } from 'lru-cache';

/** Endpoints remembered at most; the least recently used are forgotten. */
const ENDPOINTS_KEPT = 50_000;

/**
 * Knows the pace each endpoint drains at (a moving average of its attempt durations), and
 * from it how many of its records may wait in memory and when each deferred one comes back.
 *
 * Spreads the deferrals of a crowded endpoint over time at the pace the endpoint drains.
 * Without it every record deferred in one burst comes due at the same moment, the endpoint
 * takes its share of them and the rest are deferred again, so a dead endpoint worked
 * through a flood only one share per stage delay. Paced, each deferred record comes back
 * about when a slot should be free for it. The extra wait is at most the stage's delay, so
 * a record behind it in the retry partition waits at most twice that delay.
 */
export class DeferralPacer {
  /** Per endpoint: the time the next deferred record is planned for, ms since the epoch. */
  private readonly next = new LRUCache<string, number>({ max: ENDPOINTS_KEPT });
  /** Per endpoint: a moving average of attempt durations, ms (bounded: every origin counts). */
  private readonly durations = new LRUCache<string, number>({ max: ENDPOINTS_KEPT });

  constructor(
    /** Callbacks at once to one endpoint. */
    private readonly concurrency: number,
    /** Assumed duration of an attempt before one was seen (the timeout: a dead endpoint). */
    private readonly defaultDurationMs: number,
  ) {}

  /** Records how long an attempt to `endpoint` took. */
  observe(endpoint: string, durationMs: number): void {
    const previous = this.durations.get(endpoint);
    this.durations.set(
      endpoint,
      previous === undefined ? durationMs : previous * 0.8 + durationMs * 0.2,
    );
  }

  /**
   * How many records of `endpoint` may run or wait in memory before the next is deferred:
   * as many as it works through within `budgetMs` at the pace seen so far, at least `floor`
   * and at most `cap`. An endpoint not called yet is assumed as slow as the timeout.
   */
  share(endpoint: string, budgetMs: number, floor: number, cap: number): number {
    const durationMs = Math.max(1, this.durations.get(endpoint) ?? this.defaultDurationMs);
    const drained = Math.floor((budgetMs * this.concurrency) / durationMs);
    return Math.min(cap, Math.max(floor, drained));
  }

  /**
   * Extra wait, beyond `delayMs`, for a record of `endpoint` deferred at `now`: its place
   * in the line of records deferred for the endpoint, at most `delayMs`.
   */
  extraWait(endpoint: string, now: number, delayMs: number): number {
    const due = now + delayMs;
    const planned = Math.max(due, this.next.get(endpoint) ?? 0);
    const spacing = (this.durations.get(endpoint) ?? this.defaultDurationMs) / this.concurrency;
    const extra = Math.min(planned - due, delayMs);
    this.next.set(endpoint, due + extra + spacing);
    return extra;
  }
}
