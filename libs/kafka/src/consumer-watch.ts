import type { Consumer } from 'kafkajs';

export type ConsumerState = 'starting' | 'running' | 'rejoining' | 'failed' | 'stopped';

/**
 * Follows a kafkajs consumer's lifecycle for /health, and reports the one failure kafkajs
 * does not recover from by itself: a crash on an error it deems non-retriable (any error a
 * batch handler throws that is not a Kafka protocol error). Such a consumer has stopped for
 * good while the process looks alive; `onFatal` decides what happens next.
 */
export class ConsumerWatch {
  private current: ConsumerState = 'starting';
  private lastError: string | null = null;

  constructor(consumer: Consumer, onFatal: (error: Error) => void) {
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.current = 'running';
    });
    consumer.on(consumer.events.REBALANCING, () => {
      if (this.current === 'running') this.current = 'rejoining';
    });
    consumer.on(consumer.events.STOP, () => {
      if (this.current !== 'failed') this.current = 'stopped';
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.lastError = payload.error.message;
      if (payload.restart) {
        this.current = 'rejoining';
        return;
      }
      this.current = 'failed';
      onFatal(payload.error);
    });
  }

  /** A failed consumer is down; starting and rejoining are normal passages, reported as such. */
  status(): { up: boolean; state: ConsumerState; last_error: string | null } {
    return { up: this.current !== 'failed', state: this.current, last_error: this.lastError };
  }
}
