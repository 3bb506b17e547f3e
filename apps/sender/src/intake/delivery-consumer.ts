/*
 * How the sender consumes, and why nothing is lost (docs/design.md "Guarantees"):
 *
 * - One consumer group reads `webhooks.deliveries` and the three retry topics, run by
 *   KafkaBatchTransport (consumers.ts) with the handler committing (`commits: 'handler'`),
 *   `eachBatchAutoResolve: false`; the hooks below are its commit timer, partition
 *   forgetting on a rebalance, and its drain. The batch handler
 *   only validates and dispatches: each record becomes a background task (resolve webhook →
 *   HTTP call inside the global and per-endpoint concurrency limits → produce outcome and
 *   follow-up with acks=all on an idempotent producer). The handler returns at once, so
 *   many callbacks are in flight across and within partitions; it only waits (heartbeating)
 *   when the backlog of unfinished records reaches its bound.
 * - Offsets: OffsetTracker remembers, per partition, which taken records are unfinished; a
 *   timer commits each partition up to its lowest unfinished record. A slow endpoint holds
 *   back only its own partition, and only down to its own oldest record; a crash redelivers
 *   exactly what was not durably handed on (at-least-once; receivers de-duplicate on
 *   `webhook-id`). `resolveOffset` only moves kafkajs's fetch position, never a commit.
 * - Paced intake (intake/paced-intake.ts): a record of `webhooks.deliveries` whose endpoint is
 *   crowded (the delivery service would defer it) is taken and put aside, and such records
 *   are taken in a few at a time, so a dead endpoint's flood does not hold the others.
 * - Retry topics: a record whose `not_before` is in the future pauses its topic-partition
 *   (RetryScheduler); after the delay the partition is re-seeked to that record and resumed.
 *   Other partitions keep flowing and kafkajs keeps heartbeating.
 * - Each record is checked against its stage's JSON schema (RecordValidator, compiled once).
 *   Invalid records are logged with their offset and set aside on the dead-letter topic in
 *   the rejected-record shape (`reason`, `source`, `raw_value_base64`); the loop goes on.
 * - Ordered deliveries (`webhooks.deliveries.ordered`, docs/design.md "Ordered delivery"):
 *   each record joins its (webhook, entity) lane in OrderedLanes and is retried in place, so
 *   an entity's next callback starts only after the previous one ended. A partition with
 *   `orderedBacklog` records unfinished is paused briefly instead of taking more.
 * - Shutdown (the transport's drain hook): stop taking records, let in-flight work finish
 *   (bounded), commit; the runner then leaves the group.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import {
  DELIVERY_LADDER,
  RecordValidator,
  rejectMessage,
  type DeliveryRecord,
  type Topics,
} from '@app/contracts';
import type { BatchConsumerHooks, ConsumerControl } from '@app/kafka';
import { TOPICS } from '@app/runtime';
import { SENDER_LIMITS, type SenderLimits } from '../flow-control/sender-limits';
import { DeliveryService } from '../delivery.service';
import { OffsetTracker, type TopicPartitionOffset } from './offset-tracker';
import { laneOf, OrderedLanes } from './ordered-lanes';
import { OutcomeProducer } from '../outcome-producer';
import { PacedIntake } from './paced-intake';
import { RetryScheduler } from './retry-scheduler';
import { SenderMetrics } from '../sender.metrics';

/** Milliseconds until a record is due (its `not_before`); 0 or less when it is due now. */
function dueIn(parsed: ReturnType<RecordValidator['deliveryRecord']>): number {
  return parsed.ok && parsed.value.not_before
    ? Date.parse(parsed.value.not_before) - Date.now()
    : 0;
}

/** Whether a task's record is being deferred rather than delivered. */
interface TaskState {
  deferring: boolean;
}

@Injectable()
export class DeliveryConsumer {
  private consumer: ConsumerControl | undefined;
  private scheduler: RetryScheduler | undefined;
  private readonly tracker = new OffsetTracker();
  private readonly stageOfTopic = new Map<string, number>();
  private readonly lanes = new OrderedLanes();
  private readonly validator = new RecordValidator();
  private readonly tasks = new Set<Promise<void>>();
  /** Of the tasks, those deferring their record (see atBound). */
  private deferring = 0;
  private readonly intake: PacedIntake;
  private drainListeners: Array<() => void> = [];
  private commitTimer: NodeJS.Timeout | undefined;
  private committing: Promise<void> = Promise.resolve();
  private stopping = false;

  /** The runner's hooks: commit timer, partitions given up on a rebalance, drain, abort. */
  readonly hooks: BatchConsumerHooks = {
    started: (consumer) => {
      this.consumer = consumer;
      this.scheduler = new RetryScheduler(consumer, this.logger.logger);
      this.scheduleCommit();
    },
    joined: (assigned) => {
      for (const { topic, partition } of this.tracker.owned()) {
        if (!assigned[topic]?.includes(partition)) {
          this.tracker.forget(topic, partition);
          continue;
        }
        // A rejoin (after a broker restart, a missed heartbeat, another member coming or
        // going) makes kafkajs fetch a kept partition from its last commit again, and the
        // commits of the last seconds may have been refused. The records since then were
        // taken here and are finished or still running here: go on after them instead of
        // sending them twice.
        const position = this.tracker.position(topic, partition);
        if (position !== null && this.consumer && !this.scheduler?.isHeld(topic, partition))
          this.consumer.seek({ topic, partition, offset: position });
      }
      this.intake.keepOnly((topic, partition) => this.tracker.owns(topic, partition));
    },
    drain: () => this.drain(),
    abort: () => this.abort(),
  };

  constructor(
    @Inject(TOPICS) private readonly topics: Topics,
    private readonly deliveries: DeliveryService,
    private readonly producer: OutcomeProducer,
    private readonly metrics: SenderMetrics,
    private readonly logger: PinoLogger,
    @Inject(SENDER_LIMITS) private readonly limits: SenderLimits,
  ) {
    logger.setContext(DeliveryConsumer.name);
    DELIVERY_LADDER.forEach((key, index) => this.stageOfTopic.set(topics[key], index + 1));
    this.intake = new PacedIntake({
      limits,
      crowded: (webhookId) => deliveries.crowdedNow(webhookId),
      full: () => this.atBound(),
      takeIn: ({ topic, partition, message }) => {
        const parsed = this.validator.deliveryRecord(message.value, 1); // only stage 1 is put aside
        this.dispatch(topic, partition, message, parsed, dueIn(parsed));
      },
      onSize: (size) => metrics.parked.set(size),
    });
  }

  /** The consumer's long-poll: a retry record due within it is taken early (takeEarlyMs). */
  get fetchWaitMs(): number {
    return this.limits.takeEarlyMs;
  }

  /** Every topic the deliveries consumer reads: the ladder and the ordered topic. */
  get subscribedTopics(): string[] {
    return [...this.stageOfTopic.keys(), this.topics.deliveriesOrdered];
  }

  /** Graceful stop: take nothing more, finish what is in flight (bounded), commit. */
  private async drain(): Promise<void> {
    this.stopping = true;
    this.scheduler?.clear();
    // Records put aside stay uncommitted: they come back after the restart.
    this.intake.stop();
    // Ordered records waiting minutes for a retry would hold the drain to its timeout.
    this.deliveries.stopWaiting();
    const drained = await this.whenDrained(this.limits.drainTimeoutMs);
    if (!drained) {
      this.logger.warn(
        { in_flight: this.tasks.size },
        'shutdown: in-flight deliveries left for redelivery',
      );
      this.deliveries.stop();
    }
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    await this.commit();
  }

  /** Stops without committing anything more (crash simulation in tests). */
  private async abort(): Promise<void> {
    this.stopping = true;
    this.intake.stop();
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    this.scheduler?.clear();
    this.deliveries.stop();
    // A commit already on the wire is let finish: a kafkajs call racing disconnect reconnects.
    await this.committing;
  }

  get inFlight(): number {
    return this.tasks.size;
  }

  async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    const isRunning = () => payload.isRunning();
    const isStale = () => payload.isStale();
    const heartbeat = () => payload.heartbeat();
    const resolveOffset = (offset: string) => payload.resolveOffset(offset);
    if (topic === this.topics.deliveriesOrdered) return this.onOrderedBatch(payload);
    const stage = this.stageOfTopic.get(topic);
    if (stage === undefined) return;
    for (const message of batch.messages) {
      if (this.stopping || !isRunning() || isStale()) return;
      if (this.scheduler?.isHeld(topic, partition)) return;
      while (this.atBound()) {
        await this.whenRoom(1000);
        await heartbeat();
        if (this.stopping || !isRunning() || isStale()) return;
      }
      if (stage === 1 && this.intake.offer(topic, partition, message)) {
        // Taken, so no commit passes it until the intake has taken it in and it is done.
        this.tracker.take(topic, partition, message.offset);
        resolveOffset(message.offset);
        continue;
      }
      const parsed = this.validator.deliveryRecord(message.value, stage);
      const wait = dueIn(parsed);
      // A record due within one fetch's wait is taken now and started when due: holding and
      // seeking for each of a line of closely spaced records (paced deferrals) would cost a
      // fetch round trip per handful of records.
      if (wait > this.limits.takeEarlyMs) {
        this.scheduler!.hold(topic, partition, message.offset, wait);
        return;
      }
      this.tracker.take(topic, partition, message.offset);
      resolveOffset(message.offset);
      this.dispatch(topic, partition, message, parsed, wait);
    }
    await heartbeat();
  }

  /** Starts a taken record's delivery (after `waitMs`), or sets an invalid one aside. */
  private dispatch(
    topic: string,
    partition: number,
    message: KafkaMessage,
    parsed: ReturnType<RecordValidator['deliveryRecord']>,
    waitMs: number,
  ): void {
    const task: TaskState = { deferring: false };
    const work = parsed.ok
      ? this.deliverWhenDue(parsed.value, waitMs, task)
      : this.setAside(topic, partition, message, parsed.reason);
    this.track(topic, partition, message.offset, work, task);
  }

  /** Ordered records: each joins its lane; a partition at its backlog bound pauses. */
  private async onOrderedBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    for (const message of messages) {
      if (this.stopping || !payload.isRunning() || payload.isStale()) return;
      if (this.scheduler?.isHeld(topic, partition)) return;
      if (this.tracker.unfinished(topic, partition) >= this.limits.orderedBacklog) {
        this.scheduler!.hold(topic, partition, message.offset, this.limits.orderedPauseMs);
        return;
      }
      while (this.atBound()) {
        await this.whenRoom(1000);
        await payload.heartbeat();
        if (this.stopping || !payload.isRunning() || payload.isStale()) return;
      }
      const parsed = this.validator.orderedDeliveryRecord(message.value);
      this.tracker.take(topic, partition, message.offset);
      payload.resolveOffset(message.offset);
      const stillOwned = () => this.tracker.owns(topic, partition);
      const work = parsed.ok
        ? this.lanes.enqueue(laneOf(parsed.value), () =>
            this.deliveries.deliverInOrder(parsed.value, stillOwned),
          )
        : this.setAside(topic, partition, message, parsed.reason);
      this.track(topic, partition, message.offset, work);
    }
    await payload.heartbeat();
  }

  private async deliverWhenDue(
    record: DeliveryRecord,
    waitMs: number,
    task: TaskState,
  ): Promise<void> {
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    await this.deliveries.deliver(record, () => {
      // Put off without an attempt: it now waits only for its produce (see atBound).
      task.deferring = true;
      this.deferring += 1;
      this.notify();
    });
  }

  /**
   * Whether the consumer holds all it may: `maxPending` records being delivered, or five
   * times that many being deferred. Deferrals have their own bound: they cost only their
   * produce, and a flood of them (one dead endpoint's burst) counted in the first would stop
   * every partition until the flood was written out again.
   */
  private atBound(): boolean {
    return (
      this.tasks.size - this.deferring >= this.limits.maxPending ||
      this.deferring >= this.limits.maxPending * this.limits.deferringPerPending
    );
  }

  private whenRoom(timeoutMs: number): Promise<boolean> {
    return this.when(() => !this.atBound(), timeoutMs);
  }

  private notify(): void {
    for (const listener of [...this.drainListeners]) listener();
  }

  private track(
    topic: string,
    partition: number,
    offset: string,
    work: Promise<void>,
    state?: TaskState,
  ): void {
    const task: Promise<void> = work
      .then(() => this.tracker.finish(topic, partition, offset))
      .catch((error: unknown) => {
        // Not handed on (stopping): the offset stays uncommitted and the record comes back.
        this.logger.warn(
          { topic, partition, offset, err: (error as Error).message },
          'delivery not completed',
        );
      })
      .finally(() => {
        this.tasks.delete(task);
        if (state?.deferring) this.deferring -= 1;
        this.metrics.inFlight.set(this.tasks.size);
        this.notify();
      });
    this.tasks.add(task);
    this.metrics.inFlight.set(this.tasks.size);
  }

  private async setAside(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
  ): Promise<void> {
    this.metrics.invalidRecords.inc();
    this.logger.error(
      { topic, partition, offset: message.offset, reason },
      'invalid delivery record set aside to the dead-letter topic',
    );
    const rejected = rejectMessage(
      message,
      { topic, partition },
      `invalid delivery record: ${reason}`,
    );
    for (let wait = 200; ; wait = Math.min(wait * 2, 5000)) {
      try {
        return await this.producer.reject(rejected);
      } catch (error) {
        if (this.stopping) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Resolves true once `condition` holds (checked as tasks end), false after the timeout. */
  private when(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (result: boolean) => {
        clearTimeout(timer);
        this.drainListeners = this.drainListeners.filter((l) => l !== check);
        resolve(result);
      };
      const check = () => {
        if (condition()) done(true);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.drainListeners.push(check);
    });
  }

  private whenDrained(timeoutMs: number): Promise<boolean> {
    return this.when(() => this.tasks.size === 0, timeoutMs);
  }

  private scheduleCommit(): void {
    this.commitTimer = setTimeout(() => {
      void this.commit().finally(() => {
        if (this.commitTimer) this.scheduleCommit();
      });
    }, this.limits.commitIntervalMs);
  }

  /** Commits every partition up to its lowest unfinished record; one commit at a time. */
  commit(): Promise<void> {
    this.committing = this.committing.then(async () => {
      const offsets: TopicPartitionOffset[] = this.tracker.pendingCommits();
      if (offsets.length === 0 || !this.consumer) return;
      try {
        await this.consumer.commitOffsets(offsets);
        this.tracker.markCommitted(offsets);
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'offset commit failed; will retry');
      }
    });
    return this.committing;
  }
}
