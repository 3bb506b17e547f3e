import { RevocationWatch } from './revocation-watch';

describe('RevocationWatch', () => {
  let now: number;
  let epoch: number;
  let revoked: number;
  let watch: RevocationWatch;

  beforeEach(() => {
    now = 1_000_000;
    epoch = 4;
    revoked = 0;
    watch = new RevocationWatch(
      () => (epoch < 0 ? Promise.reject(new Error('store down')) : Promise.resolve(epoch)),
      () => (revoked += 1),
      () => now,
      1_500,
    );
  });

  it('trusts nothing before its first read', () => {
    expect(watch.fresh()).toBe(false);
  });

  it('calls onRevoked when the counter moved since the last read, not on the first read', async () => {
    await watch.poll();
    await watch.poll();
    expect(revoked).toBe(0);
    epoch = 5;
    await watch.poll();
    expect(revoked).toBe(1);
    await watch.poll();
    expect(revoked).toBe(1);
  });

  it('stops trusting the cache when the counter could not be read for longer than freshMs', async () => {
    await watch.poll();
    now += 1_500;
    expect(watch.fresh()).toBe(true);
    epoch = -1;
    await expect(watch.poll()).rejects.toThrow('store down');
    now += 1;
    expect(watch.fresh()).toBe(false);
  });

  it('counts freshness from when a read was issued, not when its answer came', async () => {
    let answer!: (value: number) => void;
    const slow = new RevocationWatch(
      () => new Promise<number>((resolve) => (answer = resolve)),
      () => undefined,
      () => now,
      1_500,
    );
    const reading = slow.poll();
    now += 1_400;
    answer(1);
    await reading;
    now += 101;
    expect(slow.fresh()).toBe(false);
  });
});
