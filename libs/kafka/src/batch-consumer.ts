import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { ConsumerWatch } from './consumer-watch';
import { FormatGate, type FormatReport, type RecordFormatCheck } from './format-gate';

/** How long a consumer that lost its broker waits before each try to start again. */
const RESTART_DELAY_MS = 3_000;

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
   * `resolved`: kafkajs commits the resolved offsets every second and when it stops (the
   * handler resolves only what Kafka acknowledged). `handler`: the handler commits itself.
   */
  commits: 'resolved' | 'handler';
  partitionsConsumedConcurrently?: number;
  /** Longest fetch wait: short where a resumed partition or a new record must be seen soon. */
  maxWaitTimeInMs?: number;
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
  /** `resolved` commits: per partition held, one past the last offset the handler resolved. */
  private readonly positions = new Map<
    string,
    { topic: string; partition: number; offset: string }
  >();
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
    });
    this.gate =
      options.recordFormat &&
      new FormatGate(options.name, options.recordFormat, this.consumer, logger);
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.joinedOnce();
      this.gate?.keepOnly(payload.memberAssignment);
      if (options.commits === 'resolved') this.keepPositions(payload.memberAssignment);
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
      autoCommit: options.commits === 'resolved',
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.handle(payload),
    });
    // Only on the first start: a consumer started again after losing its broker (`running`
    // stays true through that) keeps its timers and state.
    const firstStart = !this.running;
    this.running = true;
    if (firstStart) options.hooks?.started?.(this.consumer);
    this.logger.info(
      { consumer: options.name, topics: options.topics, group_id: options.groupId },
      'consumer started',
    );
  }

  /** Partitions stopped at a record of a format this release cannot read (/health). */
  formatReport(): FormatReport | null {
    return this.gate?.report() ?? null;
  }

  /** Hands the batch, up to a record it cannot read, to the handler. */
  private async handle(payload: EachBatchPayload): Promise<void> {
    const batch = this.gate ? this.gate.admit(payload.batch) : payload.batch;
    if (batch !== payload.batch && batch.messages.length === 0) return;
    const admitted = batch === payload.batch ? payload : { ...payload, batch };
    await this.handler(
      this.options.commits === 'resolved' ? this.tracked(admitted) : admitted,
      this.consumer,
    );
  }

  /** The batch with its `resolveOffset` noted, so a rejoin can go on from there. */
  private tracked(payload: EachBatchPayload): EachBatchPayload {
    const { topic, partition } = payload.batch;
    return {
      ...payload,
      resolveOffset: (offset: string) => {
        payload.resolveOffset(offset);
        this.positions.set(`${partition}\u0000${topic}`, {
          topic,
          partition,
          offset: (BigInt(offset) + 1n).toString(),
        });
      },
    };
  }

  /**
   * A rejoin (a broker restart, a missed heartbeat, another member coming or going) makes
   * kafkajs read every kept partition from its last commit again, and the commits of the
   * last second, or of a broker outage, may have been refused: the handler would redo what
   * it already handed on (a matcher: send those callbacks twice). A kept partition goes on
   * after what this member resolved (with `resolved` commits kafkajs commits that position
   * as it seeks); a partition that moved to another member is forgotten.
   */
  private keepPositions(assigned: Record<string, number[]>): void {
    for (const [key, position] of this.positions) {
      if (!assigned[position.topic]?.includes(position.partition)) this.positions.delete(key);
      else if (this.running) this.consumer.seek(position);
    }
  }

  /** Graceful: take nothing more, finish the batch in hand, commit what is handed on, leave. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.starting?.catch(() => undefined);
    if (this.running) await this.options.hooks?.drain?.();
    // Waits for the batch in hand; with `resolved` commits, commits what it resolved.
    await this.consumer.disconnect();
  }

  /** Leaves the group at once without committing anything more (crash simulation in tests). */
  async abort(): Promise<void> {
    this.stopping = true;
    await this.options.hooks?.abort?.();
    await this.consumer.disconnect();
  }
}
