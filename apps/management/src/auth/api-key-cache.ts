import { LRUCache } from 'lru-cache';
import type { ApiKeyRecord } from './api-key.schema';

/**
 * How long a found key is trusted without asking the store again. Revoking a key (deleting
 * its document) takes effect within this time plus one lookup: under the 2 s promised in
 * docs/operators.md.
 */
export const API_KEY_CACHE_TTL_MS = 1_000;
/** Keys remembered at most; the oldest entry goes first. */
export const API_KEY_CACHE_MAX_ENTRIES = 10_000;

/**
 * A short-lived memory of API keys found in the store, by key hash, so a busy client costs
 * one store lookup per TTL instead of one per request (lru-cache: TTL, size bound, and one
 * shared lookup for concurrent requests with the same key). Unknown keys are not
 * remembered: a key just issued through another instance must work at once.
 */
export class ApiKeyCache {
  private readonly cache: LRUCache<string, ApiKeyRecord>;

  constructor(
    lookup: (keyHash: string) => Promise<ApiKeyRecord | null>,
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
    return (await this.cache.fetch(keyHash)) ?? null;
  }

  /** Forgets a key at once (revoked through this instance); other instances wait out the TTL. */
  forget(keyHash: string): void {
    this.cache.delete(keyHash);
  }
}
