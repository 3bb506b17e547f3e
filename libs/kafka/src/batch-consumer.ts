import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { ConsumerWatch } from './consumer-watch';
import { FormatGate, type FormatReport, type RecordFormatCheck } from './format-gate';
import { ResolvedCommits } from './resolved-commits';

/** How long a consumer that lost its broker waits before each try to start again. */
const RESTART_DELAY_MS = 3_000;

/** `resolved` commits: how often what the handler resolved is committed (and on stop). */
export const RESOLVED_COMMIT_INTERVAL_MS = 500;

/**
 * Whether kafkajs stopped the consumer because the broker could not be reached or could not
 * name the group's coordinator (a broker stopping or down), not because of a handler's error.
 * kafkajs treats these as final (tulios/kafkajs#1630) and does not restart the consumer.
 */
function brokerUnavailable(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined; e;) {
    if (e.name === 'KafkaJSGroupCoordinatorNotFound' || e.name === 'KafkaJSConnectionError')
      return true;
    e = e.cause as typeof e;
  }
  return /group coordinator|ECONNREFUSED/.test((error as Error)?.message ?? '');
}

/** What a batch handler may do to its consumer beyond the batch in hand. */
export type ConsumerControl = Pick<Consumer, 'commitOffsets' | 'pause' | 'resume' | 'seek'>;

/** A batch handler: resolves offsets only for records whose outputs Kafka has acknowledged. */
export type BatchHandler = (payload: EachBatchPayload, consumer: ConsumerControl) => Promise<void>;

/** Handler-specific steps around the consumer's life; most handlers need none. */
export interface BatchConsumerHooks {
  /** The consumer is running (e.g. start a commit timer). */
  started?(consumer: ConsumerControl): void;
  /** The group assigned these partitions (topic → partitions) to this member. */
  joined?(assignment: Record<string, number[]>): void;
  /** Stopping, before the consumer leaves: hand on what is in flight and commit it. */
  drain?(): Promise<void>;
  /** Leaving without committing more (crash simulation in tests). */
  abort?(): Promise<void>;
}

export interface BatchConsumerOptions {
  /** The handler's name (`@EventPattern(name)`), also the consumer's `/health` key. */
  name: string;
  groupId: string;
  topics: string[];
  sessionTimeoutMs: number;
  /**
   * `resolved`: what the handler resolved (only what Kafka acknowledged) is committed every
   * RESOLVED_COMMIT_INTERVAL_MS, when a rebalance starts and when it stops
   * (ResolvedCommits). `handler`: the handler commits itself.
   */
  commits: 'resolved' | 'handler';
  partitionsConsumedConcurrently?: number;
  /** Longest fetch wait: short where a resumed partition or a new record must be seen soon. */
  maxWaitTimeInMs?: number;
  /**
   * Bytes a fetch waits for (up to `maxWaitTimeInMs`) before it returns; 1 (the default)
   * returns with the first record. More makes larger batches at the cost of that wait.
   */
  minBytes?: number;
  /** Resolves when consumption may begin (e.g. once a table it reads is loaded). */
  startAfter?: () => Promise<void>;
  /**
   * The format of the records read, when they are versioned (the platform's own: see
   * FormatGate): a partition stops at a record this release cannot read.
   */
  recordFormat?: RecordFormatCheck;
  hooks?: BatchConsumerHooks;
}

/**
 * One way to run a kafkajs consumer (docs/design.md "Consumers"): session settings from
 * config, `eachBatch` with `eachBatchAutoResolve: false`, `/health` through ConsumerWatch,
 * one policy for a consumer kafkajs stops for good (`onFatal`), and a draining stop: take
 * nothing more, let the batch in hand finish, commit what was handed on, leave the group.
 * A consumer kafkajs stops because its broker is gone is started again here, every few
 * seconds until the broker answers: an outage must not end the process (management's API
 * answers through one). With `recordFormat`, the handler never sees a record of a format
 * this release cannot read, nor anything after it in its partition (FormatGate).
 */
export class KafkaBatchConsumer {
  readonly watch: ConsumerWatch;
  private readonly consumer: Consumer;
  private readonly gate: FormatGate | undefined;
  private stopping = false;
  private running = false;
  private starting: Promise<void> | undefined;
  private joinedOnce!: () => void;
  /** `resolved` commits: what the handler resolved, committed on an interval. */
  private readonly commits: ResolvedCommits | undefined;
  /** Batches being handled now: a stop waits for them before its last commit. */
  private readonly handling = new Set<Promise<void>>();
  /** Resolves once the consumer has first joined its group. */
  readonly whenJoined = new Promise<void>((resolve) => {
    this.joinedOnce = resolve;
  });

  constructor(
    kafka: Kafka,
    private readonly options: BatchConsumerOptions,
    private readonly handler: BatchHandler,
    private readonly logger: Logger,
    onFatal: (error: Error) => void,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(options.sessionTimeoutMs / 5),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: options.maxWaitTimeInMs,
      minBytes: options.minBytes,
    });
    this.commits =
      options.commits === 'resolved'
        ? new ResolvedCommits(RESOLVED_COMMIT_INTERVAL_MS, logger)
        : undefined;
    // A partition about to move to another member goes on there from the last commit: commit
    // what was resolved now (best effort: the rejoin does not wait for it).
    this.consumer.on(this.consumer.events.REBALANCING, () => {
      if (this.running) void this.commits?.commit(this.consumer);
    });
    this.gate =
      options.recordFormat &&
      new FormatGate(options.name, options.recordFormat, this.consumer, logger);
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joinedOnce();
      this.gate?.keepOnly(payload.memberAssignment);
      this.keepPositions(payload.memberAssignment);
      options.hooks?.joined?.(payload.memberAssignment);
    });
    this.watch = new ConsumerWatch(this.consumer, (error) => {
      if (!this.stopping && brokerUnavailable(error)) this.restartLater(error, onFatal);
      else onFatal(error);
    });
  }

  /** Starts the consumer again once its broker answers (see brokerUnavailable). */
  private restartLater(error: Error, onFatal: (error: Error) => void): void {
    // `running` stays true: the rejoin then goes on after what was resolved (keepPositions).
    this.logger.warn(
      { consumer: this.options.name, err: error.message, retry_in_ms: RESTART_DELAY_MS },
      'consumer lost its broker; starting it again',
    );
    this.starting = (async () => {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
        if (this.stopping) return;
        try {
          await this.consumer.disconnect();
          await this.run();
          return;
        } catch (failure) {
          if (this.stopping) return;
          if (!brokerUnavailable(failure)) return onFatal(failure as Error);
        }
      }
    })();
  }

  get name(): string {
    return this.options.name;
  }

  /** Waits for `startAfter`, then joins and consumes; a stop meanwhile ends it quietly. */
  async start(): Promise<void> {
    await this.options.startAfter?.();
    if (this.stopping) return;
    this.starting = this.run();
    try {
      await this.starting;
    } catch (error) {
      if (!this.stopping) throw error; // a stop during start-up is no failure
    }
  }

  private async run(): Promise<void> {
    const { options } = this;
    await this.consumer.connect();
    // A new group starts at the beginning: every consumer here is idempotent, none may miss.
    await this.consumer.subscribe({ topics: options.topics, fromBeginning: true });
    if (this.stopping) return;
    await this.consumer.run({
      // kafkajs's auto-commit commits after every batch; ResolvedCommits does it on an interval.
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.handle(payload),
    });
    // Only on the first start: a consumer started again after losing its broker (`running`
    // stays true through that) keeps its timers and state.
    const firstStart = !this.running;
    this.running = true;
    if (firstStart) {
      this.commits?.start(this.consumer);
      options.hooks?.started?.(this.consumer);
    }
    this.logger.info(
      { consumer: options.name, topics: options.topics, group_id: options.groupId },
      'consumer started',
    );
  }

  /** Partitions stopped at a record of a format this release cannot read (/health). */
  formatReport(): FormatReport | null {
    return this.gate?.report() ?? null;
  }

  /** Hands the batch, up to a record it cannot read, to the handler; none once stopping. */
  private async handle(payload: EachBatchPayload): Promise<void> {
    // Not resolved, so not committed: the group's next reader takes it.
    if (this.stopping) return;
    const batch = this.gate ? this.gate.admit(payload.batch) : payload.batch;
    if (batch !== payload.batch && batch.messages.length === 0) return;
    const admitted = batch === payload.batch ? payload : { ...payload, batch };
    const handled = this.handler(
      this.commits ? this.tracked(admitted, this.commits) : admitted,
      this.consumer,
    );
    this.handling.add(handled);
    try {
      await handled;
    } finally {
      this.handling.delete(handled);
    }
  }

  /** The batch with its `resolveOffset` noted for the commits, and for a rejoin. */
  private tracked(payload: EachBatchPayload, commits: ResolvedCommits): EachBatchPayload {
    const { topic, partition } = payload.batch;
    return {
      ...payload,
      resolveOffset: (offset: string) => {
        payload.resolveOffset(offset);
        commits.resolved(topic, partition, offset);
      },
    };
  }

  /**
   * A rejoin (a broker restart, a missed heartbeat, another member coming or going) makes
   * kafkajs read every kept partition from its last commit again, and the commits of the
   * last second, or of a broker outage, may have been refused: the handler would redo what
   * it already handed on (a matcher: send those callbacks twice). A kept partition goes on
   * after what this member resolved (the next commit records that position); a partition
   * that moved to another member is forgotten.
   */
  private keepPositions(assigned: Record<string, number[]>): void {
    for (const position of this.commits?.keepOnly(assigned) ?? [])
      if (this.running) this.consumer.seek(position);
  }

  /** Graceful: take nothing more, finish the batch in hand, commit what is handed on, leave. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.starting?.catch(() => undefined);
    if (this.running) await this.options.hooks?.drain?.();
    // The batches in hand finish, then what they resolved is committed, then the group is left.
    await Promise.all(this.handling);
    this.commits?.stop();
    if (this.running) await this.commits?.commit(this.consumer);
    await this.consumer.disconnect();
  }

  /** Leaves the group at once without committing anything more (crash simulation in tests). */
  async abort(): Promise<void> {
    this.stopping = true;
    this.commits?.stop();
    await this.options.hooks?.abort?.();
    await this.consumer.disconnect();
  }
}
