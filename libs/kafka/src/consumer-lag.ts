import type { Admin } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';

/** A consumer group of the app and the topics it reads. */
export interface LaggingGroup {
  groupId: string;
  topics: string[];
}

/** Lag is read at most this often, however often /metrics is scraped (tests poll it). */
const REFRESH_MS = 5_000;
/** A scrape never waits longer than this for the broker: the lag is then left out. */
const READ_TIMEOUT_MS = 2_000;

/**
 * `kafka_consumer_group_lag{group, topic, partition}`: records each consumer group of the app
 * has not committed yet (the partition's end offset minus the group's committed offset, or
 * its start when the group committed nothing). Read from the broker when /metrics is
 * scraped, not per record: two admin requests per group and topic, at most every 5 s.
 * Operators watch it first: a lag that keeps growing is a consumer that cannot keep up.
 */
export class ConsumerLag {
  private read: Promise<Array<{ labels: Record<string, string>; lag: number }>> | undefined;
  private readAt = 0;

  constructor(
    private readonly admin: Admin,
    private readonly groups: () => LaggingGroup[],
    registry: Registry,
  ) {
    const current = () => this.current();
    new Gauge({
      name: 'kafka_consumer_group_lag',
      help: 'Records a consumer group of this app has not committed yet, per partition (end offset - committed offset), read at scrape time',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const { labels, lag } of await current()) this.set(labels, lag);
      },
    });
  }

  /** The lag, read again once the last reading is older than REFRESH_MS; [] if unreadable. */
  private current() {
    if (!this.read || Date.now() - this.readAt > REFRESH_MS) {
      this.readAt = Date.now();
      // Unreadable (the broker away): nothing is reported, and the next try waits REFRESH_MS,
      // so scrapes during an outage do not pile up admin requests.
      this.read = withTimeout(this.readLag(), READ_TIMEOUT_MS).catch(() => []);
    }
    return this.read;
  }

  private async readLag() {
    const rows: Array<{ labels: Record<string, string>; lag: number }> = [];
    const ends = new Map<string, Map<number, { high: bigint; low: bigint }>>();
    for (const { groupId, topics } of this.groups()) {
      for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId, topics })) {
        let topicEnds = ends.get(topic);
        if (!topicEnds) {
          topicEnds = new Map(
            (await this.admin.fetchTopicOffsets(topic)).map((p) => [
              p.partition,
              { high: BigInt(p.high), low: BigInt(p.low) },
            ]),
          );
          ends.set(topic, topicEnds);
        }
        for (const { partition, offset } of partitions) {
          const end = topicEnds.get(partition);
          if (!end) continue;
          const committed = BigInt(offset) >= 0n ? BigInt(offset) : end.low;
          rows.push({
            labels: { group: groupId, topic, partition: String(partition) },
            lag: Number(end.high > committed ? end.high - committed : 0n),
          });
        }
      }
    }
    return rows;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
