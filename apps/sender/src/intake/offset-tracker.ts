export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to consume (Kafka commit semantics). */
  offset: string;
}

class PartitionOffsets {
  readonly inFlight = new Set<bigint>();
  /** One past the highest offset taken on. */
  next: bigint | null = null;
  committed: bigint | null = null;

  committable(): bigint | null {
    let lowest: bigint | null = null;
    for (const offset of this.inFlight) if (lowest === null || offset < lowest) lowest = offset;
    return lowest ?? this.next;
  }
}

/**
 * Per-partition commit bookkeeping for out-of-order completion: records are taken on in
 * offset order and finish in any order; the committable offset of a partition is its lowest
 * unfinished record (or one past the last taken when all are done). So a crash redelivers
 * what was not durably handed on, and a slow record holds back only its own partition.
 */
export class OffsetTracker {
  private readonly partitions = new Map<string, PartitionOffsets>();

  private entry(topic: string, partition: number): PartitionOffsets {
    const key = `${partition}\u0000${topic}`;
    let entry = this.partitions.get(key);
    if (!entry) {
      entry = new PartitionOffsets();
      this.partitions.set(key, entry);
    }
    return entry;
  }

  take(topic: string, partition: number, offset: string): void {
    const entry = this.entry(topic, partition);
    const value = BigInt(offset);
    entry.inFlight.add(value);
    if (entry.next === null || value + 1n > entry.next) entry.next = value + 1n;
  }

  finish(topic: string, partition: number, offset: string): void {
    // A partition forgotten after a rebalance stays forgotten.
    this.partitions.get(`${partition}\u0000${topic}`)?.inFlight.delete(BigInt(offset));
  }

  /**
   * Where this instance left a partition it still holds: one past the last record it took
   * (finished or still running here), or null when it took none.
   */
  position(topic: string, partition: number): string | null {
    return this.partitions.get(`${partition}\u0000${topic}`)?.next?.toString() ?? null;
  }

  /** Records taken on and not finished in one partition. */
  unfinished(topic: string, partition: number): number {
    return this.partitions.get(`${partition}\u0000${topic}`)?.inFlight.size ?? 0;
  }

  /** Whether the partition is still this instance's (not forgotten after a rebalance). */
  owns(topic: string, partition: number): boolean {
    return this.partitions.has(`${partition}\u0000${topic}`);
  }

  /** Records taken on and not finished, over all partitions. */
  get inFlight(): number {
    let count = 0;
    for (const entry of this.partitions.values()) count += entry.inFlight.size;
    return count;
  }

  /** Offsets that moved since the last commit. */
  pendingCommits(): TopicPartitionOffset[] {
    const result: TopicPartitionOffset[] = [];
    for (const [key, entry] of this.partitions) {
      const offset = entry.committable();
      if (offset === null || offset === entry.committed) continue;
      const [partition, topic] = key.split('\u0000');
      result.push({ topic, partition: Number(partition), offset: offset.toString() });
    }
    return result;
  }

  markCommitted(offsets: TopicPartitionOffset[]): void {
    for (const { topic, partition, offset } of offsets) {
      const entry = this.entry(topic, partition);
      const value = BigInt(offset);
      if (entry.committed === null || value > entry.committed) entry.committed = value;
    }
  }

  /** Drops a partition this instance no longer owns (after a rebalance). */
  forget(topic: string, partition: number): void {
    this.partitions.delete(`${partition}\u0000${topic}`);
  }

  owned(): Array<{ topic: string; partition: number }> {
    return [...this.partitions.keys()].map((key) => {
      const [partition, topic] = key.split('\u0000');
      return { topic, partition: Number(partition) };
    });
  }
}
