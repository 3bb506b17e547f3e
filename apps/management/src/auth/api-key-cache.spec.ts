import { ApiKeyCache } from './api-key-cache';
import type { ApiKeyRecord } from './api-key.schema';

function record(keyHash: string): ApiKeyRecord {
  return {
    _id: `id-${keyHash}`,
    organisation_id: 'org-1',
    name: 'test',
    key_hash: keyHash,
    key_prefix: 'whk_abcdef',
    created_at: new Date(0),
  };
}

describe('ApiKeyCache', () => {
  let now: number;
  let stored: Map<string, ApiKeyRecord>;
  let lookups: string[];
  let cache: ApiKeyCache;

  beforeEach(() => {
    now = 1_000_000;
    stored = new Map([['h1', record('h1')]]);
    lookups = [];
    cache = new ApiKeyCache(
      (keyHash) => {
        lookups.push(keyHash);
        return Promise.resolve(stored.get(keyHash) ?? null);
      },
      () => now,
      1_000,
      2,
    );
  });

  it('asks the store once per TTL for a key in use, not once per request', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect(await cache.get('h1')).toMatchObject({ key_hash: 'h1' });
      now += 100;
    }
    expect(lookups).toEqual(['h1']);
  });

  it('sees a revoked key as unknown once the TTL has passed', async () => {
    await cache.get('h1');
    stored.delete('h1');
    now += 999;
    expect(await cache.get('h1')).not.toBeNull();
    now += 2;
    expect(await cache.get('h1')).toBeNull();
    expect(lookups).toEqual(['h1', 'h1']);
  });

  it('does not remember unknown keys, so a key issued elsewhere works at once', async () => {
    expect(await cache.get('h2')).toBeNull();
    stored.set('h2', record('h2'));
    expect(await cache.get('h2')).toMatchObject({ key_hash: 'h2' });
    expect(lookups).toEqual(['h2', 'h2']);
  });

  it('shares one lookup between concurrent requests with the same key', async () => {
    const results = await Promise.all([cache.get('h1'), cache.get('h1'), cache.get('h1')]);
    expect(results.every((found) => found?.key_hash === 'h1')).toBe(true);
    expect(lookups).toEqual(['h1']);
  });

  it('forgets the oldest key beyond its size limit', async () => {
    stored.set('h2', record('h2'));
    stored.set('h3', record('h3'));
    await cache.get('h1');
    await cache.get('h2');
    await cache.get('h3');
    await cache.get('h3');
    await cache.get('h1');
    expect(lookups).toEqual(['h1', 'h2', 'h3', 'h1']);
  });

  it('lets a failed lookup be retried by the next request', async () => {
    let fail = true;
    const flaky = new ApiKeyCache(
      (keyHash) =>
        fail ? Promise.reject(new Error('store down')) : Promise.resolve(record(keyHash)),
      () => now,
    );
    await expect(flaky.get('h1')).rejects.toThrow('store down');
    fail = false;
    await expect(flaky.get('h1')).resolves.toMatchObject({ key_hash: 'h1' });
  });

  it('keeps no answer read before a clear, and asks the store again for the waiting request', async () => {
    let answer!: (found: ApiKeyRecord | null) => void;
    const answers: Array<ApiKeyRecord | null> = [];
    const slow = new ApiKeyCache(
      () =>
        answers.length > 0
          ? Promise.resolve(answers.shift() ?? null)
          : new Promise((resolve) => (answer = resolve)),
      () => now,
    );
    const waiting = slow.get('h1');
    // The key is revoked while its lookup is in flight: the store now has nothing.
    slow.clear();
    answers.push(null);
    answer(record('h1'));
    await expect(waiting).resolves.toBeNull();
    answers.push(null);
    await expect(slow.get('h1')).resolves.toBeNull();
  });
});
