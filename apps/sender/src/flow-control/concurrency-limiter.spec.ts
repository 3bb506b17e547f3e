import { ConcurrencyLimiter } from './concurrency-limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = () => new Promise((r) => setImmediate(r));
/** Tasks of `keys` running or waiting. */
const backlog = (limiter: ConcurrencyLimiter, keys: string[]) =>
  keys.reduce((sum, key) => sum + limiter.backlog(key), 0);
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4'];

describe('ConcurrencyLimiter', () => {
  it('caps tasks overall', async () => {
    const limiter = new ConcurrencyLimiter(3, 10);
    const gates = Array.from({ length: 5 }, deferred);
    let started = 0;
    const runs = gates.map((gate, i) =>
      limiter.run(`k${i}`, async () => {
        started += 1;
        await gate.promise;
      }),
    );
    await tick();
    expect(started).toBe(3);
    expect(backlog(limiter, KEYS)).toBe(5);
    gates[0].resolve();
    await tick();
    expect(started).toBe(4);
    gates.forEach((g) => g.resolve());
    await Promise.all(runs);
    expect(backlog(limiter, KEYS)).toBe(0);
  });

  it('caps one key without blocking the others', async () => {
    const limiter = new ConcurrencyLimiter(10, 2);
    const slow = deferred();
    const started: string[] = [];
    const slowRuns = [1, 2, 3, 4].map((i) =>
      limiter.run('slow', async () => {
        started.push(`slow${i}`);
        await slow.promise;
      }),
    );
    const fast = await Promise.all(
      [1, 2, 3].map((i) =>
        limiter.run('fast', () => {
          started.push(`fast${i}`);
          return Promise.resolve(i);
        }),
      ),
    );
    expect(fast).toEqual([1, 2, 3]);
    expect(started.filter((s) => s.startsWith('slow'))).toEqual(['slow1', 'slow2']);
    expect(limiter.activeFor('slow')).toBe(2);
    slow.resolve();
    await Promise.all(slowRuns);
    expect(started).toHaveLength(7);
  });

  it('releases the slot when a task throws', async () => {
    const limiter = new ConcurrencyLimiter(1, 1);
    await expect(limiter.run('a', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(limiter.backlog('a')).toBe(0);
  });
});
