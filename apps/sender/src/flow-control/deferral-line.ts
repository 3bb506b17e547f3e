import { LRUCache } from 'lru-cache';

/**
 * Where the records deferred for one key (an endpoint, or a rate-limited webhook) come back:
 * each its place in the key's line, `spacingMs` after the one before, not before the key's
 * `notBefore`, and at most the stage's delay later than the delay alone. Without a line,
 * every record deferred in one burst comes due at the same moment, the key takes its share
 * of them and the rest are deferred again; lined up, each comes back about when there is
 * room for it. Capped at one delay more, a record behind it in the shared retry partition
 * waits at most twice the stage's delay; one that comes back too early is deferred again,
 * never dropped.
 */
export class DeferralLine {
  /** Per key: the time the next deferred record is planned for, ms since the epoch. */
  private readonly next: LRUCache<string, number>;

  constructor(remembered: number) {
    this.next = new LRUCache({ max: remembered });
  }

  /** Extra wait, beyond `delayMs`, for a record of `key` deferred at `now`. */
  extraWait(key: string, now: number, delayMs: number, spacingMs: number, notBefore = 0): number {
    const due = now + delayMs;
    const planned = Math.max(due, notBefore, this.next.get(key) ?? 0);
    const extra = Math.min(planned - due, delayMs);
    this.next.set(key, due + extra + spacingMs);
    return extra;
  }
}
