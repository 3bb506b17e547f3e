import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * Holds a retry topic-partition until its next record is due, without blocking anything
 * else: the partition is paused (other partitions keep flowing, the consumer keeps
 * heartbeating), and after the delay it is re-seeked to the waiting record's offset and
 * resumed. Records on a retry topic were written in time order with one delay, so the
 * first record not yet due means the rest of its partition is not due either.
 */
export class RetryScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly consumer: Pick<Consumer, 'pause' | 'resume' | 'seek'>,
    private readonly logger: Logger,
  ) {}

  /** True while the partition is waiting for a record to be due. */
  isHeld(topic: string, partition: number): boolean {
    return this.timers.has(`${topic}:${partition}`);
  }

  hold(topic: string, partition: number, offset: string, delayMs: number): void {
    const key = `${topic}:${partition}`;
    this.consumer.pause([{ topic, partitions: [partition] }]);
    if (this.timers.has(key)) return;
    this.logger.debug(
      { topic, partition, offset, delay_ms: delayMs },
      'retry partition paused until due',
    );
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        try {
          this.consumer.seek({ topic, partition, offset });
          this.consumer.resume([{ topic, partitions: [partition] }]);
        } catch (error) {
          this.logger.warn(
            { topic, partition, err: (error as Error).message },
            'could not resume retry partition',
          );
        }
      },
      Math.max(0, delayMs),
    );
    this.timers.set(key, timer);
  }

  /** Forgets every hold (shutdown); the partitions stay paused. */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
