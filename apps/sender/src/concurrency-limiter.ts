/**
 * Bounds work in flight: at most `maxInFlight` tasks overall and `maxPerKey` per key (an
 * endpoint's origin). A task waiting for its key's slot does not hold a global slot, so one
 * slow receiver queues only its own work while the others keep going. Waiting keys are
 * served round-robin, each key's tasks in arrival order.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private queued = 0;
  private readonly perKey = new Map<string, number>();
  /** Waiting tasks by key; Map order is the round-robin order. */
  private readonly waiting = new Map<string, Array<() => void>>();
  private sizeListeners: Array<() => void> = [];

  constructor(
    readonly maxInFlight: number,
    readonly maxPerKey: number,
  ) {}

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks running or waiting for a slot. */
  get size(): number {
    return this.running + this.queued;
  }

  activeFor(key: string): number {
    return this.perKey.get(key) ?? 0;
  }

  /** Tasks of `key` running or waiting for a slot. */
  backlog(key: string): number {
    return this.activeFor(key) + (this.waiting.get(key)?.length ?? 0);
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** Resolves once fewer than `limit` tasks are running or waiting, or after `timeoutMs`. */
  whenBelow(limit: number, timeoutMs: number): Promise<boolean> {
    if (this.size < limit) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sizeListeners = this.sizeListeners.filter((l) => l !== check);
        resolve(false);
      }, timeoutMs);
      const check = () => {
        if (this.size >= limit) return;
        clearTimeout(timer);
        this.sizeListeners = this.sizeListeners.filter((l) => l !== check);
        resolve(true);
      };
      this.sizeListeners.push(check);
    });
  }

  private hasRoom(key: string): boolean {
    return this.running < this.maxInFlight && this.activeFor(key) < this.maxPerKey;
  }

  private acquire(key: string): Promise<void> {
    if (!this.waiting.has(key) && this.hasRoom(key)) {
      this.take(key);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push(resolve);
      else this.waiting.set(key, [resolve]);
      this.queued += 1;
    });
  }

  private take(key: string): void {
    this.running += 1;
    this.perKey.set(key, this.activeFor(key) + 1);
  }

  private release(key: string): void {
    this.running -= 1;
    const left = this.activeFor(key) - 1;
    if (left > 0) this.perKey.set(key, left);
    else this.perKey.delete(key);
    this.startWaiters();
    for (const listener of [...this.sizeListeners]) listener();
  }

  private startWaiters(): void {
    for (const [key, queue] of this.waiting) {
      if (this.running >= this.maxInFlight) return;
      if (!this.hasRoom(key)) continue;
      const start = queue.shift()!;
      this.queued -= 1;
      // Rotate: the key goes to the back of the round-robin order (or leaves it).
      this.waiting.delete(key);
      if (queue.length > 0) this.waiting.set(key, queue);
      this.take(key);
      start();
    }
  }
}
