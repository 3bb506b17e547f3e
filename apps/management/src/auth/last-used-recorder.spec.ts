import type { ApiKeyRecord } from './api-key.schema';
import { LastUsedRecorder } from './last-used-recorder';

function record(id: string, lastUsedAt: Date | null = null): ApiKeyRecord {
  return {
    _id: id,
    organisation_id: 'org-1',
    name: 'test',
    key_hash: `hash-${id}`,
    key_prefix: 'whk_abcdef',
    created_at: new Date(0),
    last_used_at: lastUsedAt,
  };
}

describe('LastUsedRecorder', () => {
  let writes: Array<[string, number]>;
  let failures: string[];
  let recorder: LastUsedRecorder;

  beforeEach(() => {
    writes = [];
    failures = [];
    recorder = new LastUsedRecorder(
      (id, at) => {
        writes.push([id, at.getTime()]);
        return Promise.resolve();
      },
      (_error, id) => failures.push(id),
      60_000,
    );
  });

  it('writes the first use, then at most once a minute however many requests come', () => {
    for (let t = 0; t < 180_000; t += 100) recorder.touch(record('k1'), new Date(t));
    expect(writes).toEqual([
      ['k1', 0],
      ['k1', 60_000],
      ['k1', 120_000],
    ]);
  });

  it('does not write when the store already has a use within the minute (another instance)', () => {
    recorder.touch(record('k1', new Date(50_000)), new Date(100_000));
    expect(writes).toEqual([]);
    recorder.touch(record('k1', new Date(50_000)), new Date(110_000));
    expect(writes).toEqual([['k1', 110_000]]);
  });

  it('throttles each key on its own', () => {
    recorder.touch(record('k1'), new Date(0));
    recorder.touch(record('k2'), new Date(1));
    recorder.touch(record('k1'), new Date(2));
    expect(writes).toEqual([
      ['k1', 0],
      ['k2', 1],
    ]);
  });

  it('reports a failed write and does not retry it on every request', async () => {
    const failing = new LastUsedRecorder(
      () => Promise.reject(new Error('store down')),
      (_error, id) => failures.push(id),
      60_000,
    );
    failing.touch(record('k1'), new Date(0));
    failing.touch(record('k1'), new Date(1_000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual(['k1']);
  });
});
