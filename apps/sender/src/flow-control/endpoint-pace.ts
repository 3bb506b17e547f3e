import { LRUCache } from 'lru-cache';

/**
 * The pace each endpoint (origin) drains at: a moving average of its attempt durations. An
 * endpoint not called yet is assumed as slow as the timeout, as a dead one would be.
 */
export class EndpointPace {
  private readonly durations: LRUCache<string, number>;

  constructor(
    private readonly limits: { timeoutMs: number; paceWeight: number; remembered: number },
  ) {
    this.durations = new LRUCache({ max: limits.remembered });
  }

  /** Records how long an attempt to `endpoint` took. */
  observe(endpoint: string, durationMs: number): void {
    const previous = this.durations.get(endpoint);
    const weight = this.limits.paceWeight;
    this.durations.set(
      endpoint,
      previous === undefined ? durationMs : previous * (1 - weight) + durationMs * weight,
    );
  }

  /** The average attempt duration of `endpoint`, in ms. */
  durationMs(endpoint: string): number {
    return this.durations.get(endpoint) ?? this.limits.timeoutMs;
  }
}
