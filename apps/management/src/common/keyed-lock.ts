/**
 * Runs tasks one at a time per key, in the order they asked, and tasks on other keys at
 * the same time. A task may hold several keys: it registers for all of them at once, so
 * tasks wait only on ones that registered earlier and can never wait on each other in a
 * circle.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const before = unique.map((key) => this.tails.get(key) ?? Promise.resolve());
    for (const key of unique) this.tails.set(key, done);
    await Promise.all(before);
    try {
      return await task();
    } finally {
      release();
      for (const key of unique) if (this.tails.get(key) === done) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
