import type { Batch, Consumer, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';

/** How a consumer tells a record it cannot read (the platform's: RECORD_FORMAT_CHECK). */
export interface RecordFormatCheck {
  /** The format version of a record this release cannot read; null when it reads it. */
  unreadable(message: KafkaMessage): string | null;
  /** What this release reads, for /health and the log (`1.x`). */
  reads: string;
}

/** A partition stopped at a record this release cannot read. */
export interface StoppedPartition {
  topic: string;
  partition: number;
  /** The record's offset: nothing from it on is handed to the handler or committed here. */
  offset: string;
  /** The format version the record says it is in. */
  format_version: string;
}

/** What /health shows of a consumer's stopped partitions. */
export interface FormatReport {
  reads_format: string;
  unreadable_partitions: StoppedPartition[];
}

/**
 * Stops a partition at the first record whose format this release cannot read: a newer
 * major, written by a newer release during a rolling upgrade (docs/operators.md,
 * "Upgrading"). The handler gets the records before it; the partition is paused there, so
 * nothing from it on is resolved or committed, and the record is neither dead-lettered nor
 * rejected: an upgraded instance reads it. The stop is logged once and shown on /health
 * until the partition goes to another member in a rebalance, or the app (upgraded) restarts.
 */
export class FormatGate {
  private readonly stopped = new Map<string, StoppedPartition>();

  constructor(
    private readonly consumerName: string,
    private readonly check: RecordFormatCheck,
    private readonly consumer: Pick<Consumer, 'pause' | 'resume'>,
    private readonly logger: Logger,
  ) {}

  /**
   * The batch cut before its first record this release cannot read, and before where its
   * partition was stopped already (a batch fetched before the pause may still come, or
   * the same records again after a restart); the partition is paused from there.
   */
  admit(batch: Batch): Batch {
    const { topic, partition, messages } = batch;
    const earlier = this.stopped.get(keyOf(topic, partition));
    const limit = earlier ? BigInt(earlier.offset) : null;
    for (let i = 0; i < messages.length; i += 1) {
      const message = messages[i];
      if (limit !== null && BigInt(message.offset) >= limit) {
        this.pause(topic, partition);
        return cut(batch, i);
      }
      const version = this.check.unreadable(message);
      if (version !== null) {
        this.stop({ topic, partition, offset: message.offset, format_version: version });
        return cut(batch, i);
      }
    }
    return batch;
  }

  /** Whether the partition is stopped at a record this release cannot read. */
  isStopped(topic: string, partition: number): boolean {
    return this.stopped.has(keyOf(topic, partition));
  }

  /**
   * Forgets the partitions a rebalance gave to another member (their new owner meets the
   * record itself), and resumes them here, or kafkajs would keep them paused if they came
   * back after an upgraded member had read past the record.
   */
  keepOnly(assigned: Record<string, number[]>): void {
    for (const [key, { topic, partition }] of this.stopped) {
      if (assigned[topic]?.includes(partition)) continue;
      this.stopped.delete(key);
      this.call(() => this.consumer.resume([{ topic, partitions: [partition] }]));
    }
  }

  /** The stopped partitions, for /health; null when there are none. */
  report(): FormatReport | null {
    if (this.stopped.size === 0) return null;
    return { reads_format: this.check.reads, unreadable_partitions: [...this.stopped.values()] };
  }

  private stop(at: StoppedPartition): void {
    this.pause(at.topic, at.partition);
    const key = keyOf(at.topic, at.partition);
    if (this.stopped.get(key)?.offset === at.offset) return; // met again: said already
    this.stopped.set(key, at);
    this.logger.error(
      { consumer: this.consumerName, ...at, reads_format: this.check.reads },
      'record in a format this release cannot read: partition paused until an upgraded instance takes it',
    );
  }

  private pause(topic: string, partition: number): void {
    this.call(() => this.consumer.pause([{ topic, partitions: [partition] }]));
  }

  /** A pause or resume kafkajs refuses (consumer not running) must not end the batch loop. */
  private call(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.logger.warn(
        { consumer: this.consumerName, err: (error as Error).message },
        'could not pause or resume a partition stopped for its record format',
      );
    }
  }
}

function keyOf(topic: string, partition: number): string {
  return `${partition}\u0000${topic}`;
}

/** A view of the batch holding its first `count` records only. */
function cut(batch: Batch, count: number): Batch {
  const messages = batch.messages.slice(0, count);
  const before = (BigInt(batch.messages[count].offset) - 1n).toString();
  return Object.assign(Object.create(batch) as Batch, {
    messages,
    isEmpty: () => messages.length === 0,
    firstOffset: () => messages[0]?.offset ?? null,
    lastOffset: () => messages[messages.length - 1]?.offset ?? before,
  });
}
