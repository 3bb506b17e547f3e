import type { Admin, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import {
  DomainEventValidator,
  recordMessage,
  type DeliveryRecord,
  type ReplayProgress,
  type ReplayRequest,
  type ReportedReplayState,
} from '@app/contracts';
import { sendBounded } from '@app/kafka';
import { rangeSize, ReplayPlanner, windowRanges, type PartitionRange } from './replay-planner';

/** How often a running replay reports its progress (and heartbeats its request's group). */
export const REPLAY_REPORT_EVERY_MS = 1_000;

export interface ReplayRunnerOptions {
  kafka: Kafka;
  admin: Admin;
  /** Where replayed deliveries go: a producer of the replay's own, not the live matcher's. */
  producer: Producer;
  deliveriesTopic: string;
  domainTopics: readonly string[];
  /** Group id prefix of the throwaway reader groups (`<prefix>.<replay id>`). */
  groupPrefix: string;
  sessionTimeoutMs: number;
  /** Events scanned per second at most, so a replay cannot starve live matching. */
  maxEventsPerSecond: number;
  logger: Logger;
  /** Bytes one fetch takes per partition at most (kafkajs' default when absent). */
  maxBytesPerPartition?: number;
  /** The largest event matched, as live matching has it (EVENT_MAX_BYTES); the default when absent. */
  maxEventBytes?: number;
  /** Told after each batch read: events scanned in it and deliveries produced. */
  onBatch?: (scanned: number, delivered: number) => void;
}

export type ReplayEnd = 'completed' | 'failed' | 'interrupted';

interface Counts {
  scanned: number;
  matched: number;
  total: number;
}

/**
 * Runs one replay: finds the offsets of the window's start and end on every domain topic by
 * time (offsets-for-times), reads exactly those ranges with a reader of its own (a kafkajs
 * consumer in a throwaway group that never commits, moved to the start offsets by seek), and
 * produces a delivery for every event the webhook's subscription matches, paced to
 * `maxEventsPerSecond`. The live consumer is not paused or touched: the replay competes with
 * it only for the broker and the CPU. Progress goes to `report` about once a second and at
 * the end. A replay stopped half-way (`shouldStop`) reports nothing more: it is run again
 * from the start by whoever gets its request next, and yields the same delivery ids.
 */
export class ReplayRunner {
  private readonly validator: DomainEventValidator;

  constructor(private readonly options: ReplayRunnerOptions) {
    this.validator = new DomainEventValidator({ maxEventBytes: options.maxEventBytes });
  }

  async run(
    request: ReplayRequest,
    report: (progress: ReplayProgress) => Promise<void>,
    shouldStop: () => boolean,
  ): Promise<ReplayEnd> {
    const startedAt = new Date().toISOString();
    const counts: Counts = { scanned: 0, matched: 0, total: 0 };
    const progress = (state: ReportedReplayState, error: string | null = null): ReplayProgress => ({
      replay_id: request.replay_id,
      webhook_id: request.webhook_id,
      organisation_id: request.organisation_id,
      state,
      events_scanned: counts.scanned,
      events_matched: counts.matched,
      events_total: counts.total,
      error,
      started_at: startedAt,
      reported_at: new Date().toISOString(),
    });
    const log = this.options.logger.child({
      replay_id: request.replay_id,
      webhook_id: request.webhook_id,
    });
    try {
      const ranges = await this.rangesOf(request);
      counts.total = rangeSize(ranges);
      log.info({ ranges: ranges.length, events_total: counts.total }, 'replay started');
      await report(progress('running'));
      if (ranges.length > 0) {
        const end = await this.read(
          request,
          ranges,
          counts,
          () => report(progress('running')),
          shouldStop,
        );
        if (end === 'interrupted') {
          log.info({ events_scanned: counts.scanned }, 'replay interrupted; it will start over');
          return end;
        }
      }
      await report(progress('completed'));
      log.info(
        { events_scanned: counts.scanned, events_matched: counts.matched },
        'replay completed',
      );
      return 'completed';
    } catch (error) {
      log.error({ err: error }, 'replay failed');
      if (shouldStop()) return 'interrupted';
      await report(progress('failed', `replay failed: ${(error as Error).message}`));
      return 'failed';
    }
  }

  private async rangesOf(request: ReplayRequest): Promise<PartitionRange[]> {
    const since = Date.parse(request.since);
    const until = Date.parse(request.until);
    const ranges: PartitionRange[] = [];
    for (const topic of this.options.domainTopics) {
      const starts = await this.options.admin.fetchTopicOffsetsByTimestamp(topic, since);
      const ends = await this.options.admin.fetchTopicOffsetsByTimestamp(topic, until);
      ranges.push(...windowRanges(topic, starts, ends));
    }
    return ranges;
  }

  private async read(
    request: ReplayRequest,
    ranges: PartitionRange[],
    counts: Counts,
    tick: () => Promise<void>,
    shouldStop: () => boolean,
  ): Promise<ReplayEnd> {
    // First, so a filter that does not compile fails the replay before any reader exists.
    const planner = new ReplayPlanner(request, this.validator);
    const groupId = `${this.options.groupPrefix}.${request.replay_id}`;
    const consumer = this.options.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(this.options.sessionTimeoutMs / 5),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 250,
      ...(this.options.maxBytesPerPartition
        ? { maxBytesPerPartition: this.options.maxBytesPerPartition }
        : {}),
    });
    const pending = new Map(
      ranges.map((range) => [`${range.topic}:${range.partition}`, { ...range, next: range.start }]),
    );
    const startedMs = Date.now();
    let finish!: (end: ReplayEnd) => void;
    let fail!: (error: unknown) => void;
    const finished = new Promise<ReplayEnd>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    let lastTick = Date.now();

    const handleBatch = async (payload: EachBatchPayload) => {
      const { batch } = payload;
      const key = `${batch.topic}:${batch.partition}`;
      const range = pending.get(key);
      if (!range || !payload.isRunning()) return;
      if (shouldStop()) return finish('interrupted');
      const now = new Date();
      const scannedBefore = counts.scanned;
      const deliveries: DeliveryRecord[] = [];
      for (const message of batch.messages) {
        const offset = BigInt(message.offset);
        // `next` never moves back: a batch fetched again (after a retry) is not counted twice.
        if (offset < range.next || offset >= range.end) continue;
        range.next = offset + 1n;
        counts.scanned += 1;
        const delivery = planner.plan(message, now);
        if (delivery) deliveries.push(delivery);
      }
      if (deliveries.length > 0) {
        await sendBounded(this.options.producer, [
          {
            topic: this.options.deliveriesTopic,
            messages: deliveries.map((d) => recordMessage(d.webhook_id, d)),
          },
        ]);
        counts.matched += deliveries.length;
      }
      // The reader never commits, but a resolved offset is where its next fetch starts.
      payload.resolveOffset(batch.lastOffset());
      this.options.onBatch?.(counts.scanned - scannedBefore, deliveries.length);
      if (BigInt(batch.lastOffset()) >= range.end - 1n) {
        pending.delete(key);
        consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
      }
      if (pending.size === 0) return finish('completed');
      // Pace: never ahead of maxEventsPerSecond since the reading began.
      const dueMs = startedMs + (counts.scanned * 1000) / this.options.maxEventsPerSecond;
      const waitMs = dueMs - Date.now();
      if (waitMs > 0) await sleep(waitMs);
      await payload.heartbeat();
      if (Date.now() - lastTick >= REPLAY_REPORT_EVERY_MS) {
        lastTick = Date.now();
        await tick();
      }
    };

    // Partitions without records in the window stay paused; partitions still to read are
    // also checked from a timer, so progress is reported while a fetch waits.
    const timer = setInterval(() => {
      if (shouldStop()) finish('interrupted');
      else if (Date.now() - lastTick >= REPLAY_REPORT_EVERY_MS) {
        lastTick = Date.now();
        tick().catch(fail);
      }
    }, REPLAY_REPORT_EVERY_MS);
    // A reader kafkajs gives up on would leave the replay waiting for ever: fail it instead.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) fail(payload.error);
    });
    try {
      await consumer.connect();
      const topics = [...new Set(ranges.map((range) => range.topic))];
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => handleBatch(payload).catch(fail),
      });
      for (const range of ranges)
        consumer.seek({
          topic: range.topic,
          partition: range.partition,
          offset: String(range.start),
        });
      const idle = await this.partitionsWithout(topics, ranges);
      if (idle.length > 0) consumer.pause(idle);
      return await finished;
    } finally {
      clearInterval(timer);
      await consumer.disconnect().catch(() => undefined);
      await this.options.admin.deleteGroups([groupId]).catch(() => undefined);
    }
  }

  /** The partitions of `topics` that have nothing in the window, to pause. */
  private async partitionsWithout(
    topics: string[],
    ranges: PartitionRange[],
  ): Promise<Array<{ topic: string; partitions: number[] }>> {
    const metadata = await this.options.admin.fetchTopicMetadata({ topics });
    return metadata.topics
      .map(({ name, partitions }) => ({
        topic: name,
        partitions: partitions
          .map((p) => p.partitionId)
          .filter((id) => !ranges.some((r) => r.topic === name && r.partition === id)),
      }))
      .filter((entry) => entry.partitions.length > 0);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
