import { ConcurrencyLimiter } from './concurrency-limiter';
import { ConnectionRamp } from './connection-ramp';

/** Requests waiting per open connection before another opens (SenderLimits.queuePerConnection). */
const QUEUE_PER_CONNECTION = 4;

const tick = () => new Promise((r) => setImmediate(r));
const A = 'https://a.example';

describe('ConnectionRamp', () => {
  it('does not hold an origin with no open connection', () => {
    const ramp = new ConnectionRamp(QUEUE_PER_CONNECTION);
    expect(ramp.admits(A, 0, 1)).toBe(true);
    expect(ramp.admits(A, 9, 1)).toBe(true);
  });

  it('admits a request while one of the open connections is free', () => {
    const ramp = new ConnectionRamp(QUEUE_PER_CONNECTION);
    ramp.opened(A);
    ramp.opened(A);
    expect(ramp.admits(A, 1, 1)).toBe(true);
    expect(ramp.admits(A, 2, 1)).toBe(false);
    expect(ramp.admits('https://b.example', 2, 1)).toBe(true);
  });

  it('opens the next connection for a queue deep enough, one at a time', () => {
    const ramp = new ConnectionRamp(QUEUE_PER_CONNECTION);
    ramp.opened(A);
    ramp.opened(A);
    expect(ramp.admits(A, 2, 2 * QUEUE_PER_CONNECTION - 1)).toBe(false);
    expect(ramp.admits(A, 2, 2 * QUEUE_PER_CONNECTION)).toBe(true);
    // One request is already waiting for the new connection.
    expect(ramp.admits(A, 3, 100)).toBe(false);
  });

  it('lifts the hold when the last connection closes', () => {
    const ramp = new ConnectionRamp(QUEUE_PER_CONNECTION);
    ramp.opened(A);
    expect(ramp.admits(A, 1, 1)).toBe(false);
    ramp.closed(A);
    expect(ramp.admits(A, 1, 1)).toBe(true);
  });

  it('lets a limiter send a few records over the open connection and grow for a queue', async () => {
    const ramp = new ConnectionRamp(QUEUE_PER_CONNECTION);
    const limiter = new ConcurrencyLimiter(100, 10, ramp);
    ramp.opened(A);
    let started = 0;
    const finish: Array<() => void> = [];
    const task = () => {
      started += 1;
      return new Promise<void>((resolve) => finish.push(resolve));
    };
    const runs = Array.from({ length: QUEUE_PER_CONNECTION }, () => limiter.run(A, task));
    await tick();
    // One on the open connection; the other three wait for it rather than for handshakes.
    expect(started).toBe(1);
    runs.push(limiter.run(A, task));
    await tick();
    // Four waiting for one connection: the fifth request's arrival opens the next one.
    expect(started).toBe(2);
    runs.push(limiter.run(A, task));
    await tick();
    expect(started).toBe(2);
    // A finished request frees its connection for the next one.
    finish[0]();
    await tick();
    expect(started).toBe(3);
    for (let i = 0; i < 10; i += 1) {
      finish.forEach((done) => done());
      await tick();
    }
    await Promise.all(runs);
    expect(started).toBe(QUEUE_PER_CONNECTION + 2);
  });

  /** An origin with one connection open, one request on it and two held behind it. */
  async function heldOrigin() {
    const ramp = new ConnectionRamp(QUEUE_PER_CONNECTION);
    const limiter = new ConcurrencyLimiter(100, 10, ramp);
    ramp.opened(A);
    const never = new Promise<void>(() => undefined);
    for (let i = 0; i < 3; i += 1) void limiter.run(A, () => never);
    await tick();
    expect(limiter.activeFor(A)).toBe(1);
    return { ramp, limiter };
  }

  it('starts a queue held for a connection when one opens', async () => {
    const { ramp, limiter } = await heldOrigin();
    ramp.opened(A);
    await tick();
    expect(limiter.activeFor(A)).toBe(2);
  });

  it('leaves other origins free while one waits', async () => {
    const { limiter } = await heldOrigin();
    expect(await limiter.run('https://b.example', () => Promise.resolve('sent'))).toBe('sent');
  });
});
