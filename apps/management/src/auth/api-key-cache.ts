import { LRUCache } from 'lru-cache';
import type { ApiKeyRecord } from './api-key.schema';

/**
 * How long a found key is trusted without asking the store again. Revocations do not wait
 * for it: every instance forgets all its keys when the revocation counter moves, which it
 * reads twice a second (AuthService), and stops trusting its cache when it could not read
 * the counter for REVOCATIONS_FRESH_MS.
 */
export const API_KEY_CACHE_TTL_MS = 30_000;
/** Keys remembered at most; the oldest entry goes first. */
export const API_KEY_CACHE_MAX_ENTRIES = 10_000;

/**
 * A memory of API keys found in the store, by key hash, so a client costs one store lookup
 * per TTL instead of one per request (lru-cache: TTL, size bound, and one shared lookup for
 * concurrent requests with the same key). Unknown keys are not remembered: a key just
 * issued through another instance must work at once.
 */
export class ApiKeyCache {
  private readonly cache: LRUCache<string, ApiKeyRecord>;
  /** Raised by every forget and clear. */
  private generation = 0;

  constructor(
    private readonly lookup: (keyHash: string) => Promise<ApiKeyRecord | null>,
    nowMs: () => number,
    ttlMs = API_KEY_CACHE_TTL_MS,
    maxEntries = API_KEY_CACHE_MAX_ENTRIES,
  ) {
    this.cache = new LRUCache<string, ApiKeyRecord>({
      max: maxEntries,
      ttl: ttlMs,
      // Read the clock on every check: a key must not outlive its TTL by a cached "now".
      ttlResolution: 0,
      perf: { now: nowMs },
      // undefined: nothing is stored for an unknown key.
      fetchMethod: async (keyHash) => (await lookup(keyHash)) ?? undefined,
    });
  }

  async get(keyHash: string): Promise<ApiKeyRecord | null> {
    const generation = this.generation;
    try {
      return (await this.cache.fetch(keyHash)) ?? null;
    } catch (error) {
      // A forget or clear aborts lookups in flight (so their answer, possibly read before a
      // revocation, is not kept): this request asks the store again, uncached.
      if (generation === this.generation) throw error;
      return this.lookup(keyHash);
    }
  }

  /** Forgets a key at once (revoked through this instance). */
  forget(keyHash: string): void {
    this.generation += 1;
    this.cache.delete(keyHash);
  }

  /** Forgets every key (a revocation somewhere, or the revocation counter unreadable). */
  clear(): void {
    this.generation += 1;
    this.cache.clear();
  }
}
