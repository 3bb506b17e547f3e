import type { ApiKeyRecord } from './api-key.schema';

/**
 * How long a found key is trusted without asking the store again. Revoking a key (deleting
 * its document) takes effect within this time plus one lookup: under the 2 s promised in
 * docs/operators.md.
 */
export const API_KEY_CACHE_TTL_MS = 1_000;
/** Keys remembered at most; the oldest entry goes first. */
export const API_KEY_CACHE_MAX_ENTRIES = 10_000;

interface Entry {
  record: ApiKeyRecord;
  expiresAt: number;
}

/**
 * A short-lived memory of API keys found in the store, by key hash, so a busy client costs
 * one store lookup per TTL instead of one per request. Concurrent requests with the same key
 * share one lookup. Unknown keys are not remembered: a key just issued through another
 * instance must work at once.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<ApiKeyRecord | null>>();

  constructor(
    private readonly lookup: (keyHash: string) => Promise<ApiKeyRecord | null>,
    private readonly nowMs: () => number,
    private readonly ttlMs = API_KEY_CACHE_TTL_MS,
    private readonly maxEntries = API_KEY_CACHE_MAX_ENTRIES,
  ) {}

  get(keyHash: string): Promise<ApiKeyRecord | null> {
    const entry = this.entries.get(keyHash);
    if (entry && entry.expiresAt > this.nowMs()) return Promise.resolve(entry.record);
    if (entry) this.entries.delete(keyHash);
    const running = this.pending.get(keyHash);
    if (running) return running;
    const lookup = this.fetch(keyHash);
    this.pending.set(keyHash, lookup);
    return lookup;
  }

  private async fetch(keyHash: string): Promise<ApiKeyRecord | null> {
    try {
      const record = await this.lookup(keyHash);
      if (record) this.remember(keyHash, record);
      return record;
    } finally {
      this.pending.delete(keyHash);
    }
  }

  private remember(keyHash: string, record: ApiKeyRecord): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(keyHash, { record, expiresAt: this.nowMs() + this.ttlMs });
  }
}
