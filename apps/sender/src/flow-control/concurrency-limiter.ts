/**
 * A further rule on a key's tasks: whether one more may start while `running` of them run
 * and `waiting` wait for a slot (the one asking included).
 */
export interface AdmissionGate {
  admits(key: string, running: number, waiting: number): boolean;
  /** Calls `listener` whenever a key may admit more than before. */
  onChange(listener: () => void): void;
}

/**
 * Bounds work in flight: at most `maxInFlight` tasks overall and `maxPerKey` per key (an
 * endpoint's origin), and within that what the gate admits (connection-ramp.ts). A task
 * waiting for its key's slot does not hold a global slot, so one slow receiver queues only
 * its own work while the others keep going. Waiting keys are served round-robin, each key's
 * tasks in arrival order.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly perKey = new Map<string, number>();
  /** Waiting tasks by key; Map order is the round-robin order. */
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(
    readonly maxInFlight: number,
    readonly maxPerKey: number,
    private readonly gate?: AdmissionGate,
  ) {
    gate?.onChange(() => this.startWaiters());
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

  /** Whether the key's next task (the caller, or the head of its queue) may start now. */
  private hasRoom(key: string): boolean {
    const active = this.activeFor(key);
    return (
      this.running < this.maxInFlight &&
      active < this.maxPerKey &&
      (this.gate?.admits(key, active, this.waiting.get(key)?.length ?? 1) ?? true)
    );
  }

  private acquire(key: string): Promise<void> {
    if (!this.waiting.has(key) && this.hasRoom(key)) {
      this.take(key);
      return Promise.resolve();
    }
    const started = new Promise<void>((resolve) => {
      const queue = this.waiting.get(key);
      if (queue) queue.push(resolve);
      else this.waiting.set(key, [resolve]);
    });
    // A longer queue may be what the gate waits for (without a gate nothing changed: a no-op).
    this.startNext(key);
    return started;
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
  }

  private startWaiters(): void {
    for (const key of this.waiting.keys()) {
      if (this.running >= this.maxInFlight) return;
      this.startNext(key);
    }
  }

  /** Starts the key's oldest waiting task if it has room; the key goes to the back of the line. */
  private startNext(key: string): void {
    const queue = this.waiting.get(key);
    if (!queue || !this.hasRoom(key)) return;
    const start = queue.shift()!;
    // Rotate: the key goes to the back of the round-robin order (or leaves it).
    this.waiting.delete(key);
    if (queue.length > 0) this.waiting.set(key, queue);
    this.take(key);
    start();
  }
}
