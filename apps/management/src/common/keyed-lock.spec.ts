import { KeyedLock } from './keyed-lock';

/** A task that records when it starts and ends, and finishes when told to. */
function step(log: string[], name: string) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  return {
    finish,
    task: async () => {
      log.push(`${name} start`);
      await finished;
      log.push(`${name} end`);
      return name;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLock', () => {
  it('runs tasks on one key one after another, in order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const [a, b] = [step(log, 'a'), step(log, 'b')];
    const results = [lock.run(['w1'], a.task), lock.run(['w1'], b.task)];
    await tick();
    expect(log).toEqual(['a start']);
    a.finish();
    await tick();
    expect(log).toEqual(['a start', 'a end', 'b start']);
    b.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b']);
    expect(lock.size).toBe(0);
  });

  it('runs tasks on other keys at the same time', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const [a, b] = [step(log, 'a'), step(log, 'b')];
    const results = [lock.run(['w1'], a.task), lock.run(['w2'], b.task)];
    await tick();
    expect(log).toEqual(['a start', 'b start']);
    b.finish();
    a.finish();
    await Promise.all(results);
  });

  it('lets a task hold several keys without a deadlock between overlapping tasks', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const [a, b, c] = [step(log, 'a'), step(log, 'b'), step(log, 'c')];
    const results = [
      lock.run(['w1', 'w2'], a.task),
      lock.run(['w2', 'w1'], b.task),
      lock.run(['w3'], c.task),
    ];
    await tick();
    expect(log).toEqual(['a start', 'c start']);
    a.finish();
    c.finish();
    await tick();
    expect(log).toContain('b start');
    b.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  });

  it('releases the key when a task fails', async () => {
    const lock = new KeyedLock();
    await expect(lock.run(['w1'], () => Promise.reject(new Error('store down')))).rejects.toThrow(
      'store down',
    );
    await expect(lock.run(['w1'], () => Promise.resolve('next'))).resolves.toBe('next');
    expect(lock.size).toBe(0);
  });
});
