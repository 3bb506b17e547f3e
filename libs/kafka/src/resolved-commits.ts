import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

interface Position {
  topic: string;
  partition: number;
  /** One past the last offset the handler resolved: where the partition goes on. */
  offset: string;
}

/**
 * The `resolved` commits of a KafkaBatchConsumer: what the handler resolved (only records
 * whose outputs Kafka acknowledged), committed every `intervalMs` and when the consumer
 * stops, never after each batch. kafkajs's own auto-commit commits after every batch that
 * resolved something: at a steady load of small batches that was one OffsetCommit request per
 * batch (0.4 per delivered callback in the matcher at 200 events/s). A commit costs a request
 * and the coordinator's write; committing less often only widens what a crash redoes, within
 * the interval.
 */
export class ResolvedCommits {
  private readonly positions = new Map<string, Position>();
  /** What the coordinator acknowledged, per partition (refused commits are tried again). */
  private readonly committed = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private committing: Promise<void> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** The handler resolved `offset` of the partition. */
  resolved(topic: string, partition: number, offset: string): void {
    this.positions.set(`${partition}\u0000${topic}`, {
      topic,
      partition,
      offset: (BigInt(offset) + 1n).toString(),
    });
  }

  /**
   * After a rejoin: forgets the partitions that moved to another member and returns where
   * each kept one goes on (the rejoin made kafkajs read it from its last commit again).
   */
  keepOnly(assigned: Record<string, number[]>): Position[] {
    const kept: Position[] = [];
    for (const [key, position] of this.positions) {
      if (assigned[position.topic]?.includes(position.partition)) kept.push(position);
      else {
        this.positions.delete(key);
        this.committed.delete(key);
      }
    }
    return kept;
  }

  /** Commits every `intervalMs` from now on. */
  start(consumer: Pick<Consumer, 'commitOffsets'>): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        void this.commit(consumer).finally(() => {
          if (this.timer) tick();
        });
      }, this.intervalMs);
      // A consumer that was never stopped (a test, a crash) must not keep the process alive.
      this.timer.unref();
    };
    tick();
  }

  /** No more timed commits (a last `commit` may follow). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Commits what moved since the last acknowledged commit; one commit at a time. */
  commit(consumer: Pick<Consumer, 'commitOffsets'>): Promise<void> {
    this.committing = this.committing.then(async () => {
      const due = [...this.positions].filter(([key, p]) => this.committed.get(key) !== p.offset);
      if (due.length === 0) return;
      try {
        await consumer.commitOffsets(due.map(([, position]) => position));
        for (const [key, position] of due) this.committed.set(key, position.offset);
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'offset commit failed; will retry');
      }
    });
    return this.committing;
  }
}
