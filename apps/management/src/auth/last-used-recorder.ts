import { LRUCache } from 'lru-cache';
import type { ApiKeyRecord } from './api-key.schema';

/** `last_used_at` is kept to this resolution: at most one store write per key per period. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** Keys whose last write this instance remembers; beyond it, the stored value still throttles. */
const MAX_REMEMBERED_KEYS = 10_000;

/**
 * Records when an API key was last used without a store write per request: a key is written
 * only when neither this instance (its own memory) nor the store (the record as the key
 * cache last read it) has a time within the resolution. With n instances that is at most n
 * writes per key per minute, usually one. The write is not awaited by the request: a
 * failed write costs a stale `last_used_at`, never a refused request.
 */
export class LastUsedRecorder {
  private readonly written = new LRUCache<string, number>({ max: MAX_REMEMBERED_KEYS });

  constructor(
    private readonly write: (id: string, at: Date) => Promise<void>,
    private readonly onWriteFailed: (error: unknown, id: string) => void,
    private readonly resolutionMs = LAST_USED_RESOLUTION_MS,
  ) {}

  /** Notes a use of the key at `now`; starts a write when the last known one is too old. */
  touch(record: ApiKeyRecord, now: Date): void {
    const nowMs = now.getTime();
    const known = Math.max(
      this.written.get(record._id) ?? Number.NEGATIVE_INFINITY,
      record.last_used_at?.getTime() ?? Number.NEGATIVE_INFINITY,
    );
    if (nowMs - known < this.resolutionMs) return;
    this.written.set(record._id, nowMs);
    this.write(record._id, now).catch((error: unknown) => this.onWriteFailed(error, record._id));
  }
}
