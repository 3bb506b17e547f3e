import {
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Inject,
} from '@nestjs/common';
import {
  rejectMessage,
  type AttemptOutcome,
  type RejectedEvent,
  type Topics,
  RecordValidator,
} from '@app/contracts';
import {
  checkConsumer,
  ConsumerWatch,
  isLostMembership,
  KafkaConnection,
  withHeartbeats,
} from '@app/kafka';
import { TOPICS } from '@app/runtime';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthChecks } from '@app/observability';
import { ManagementMetrics } from '../common/metrics';
import { ManagementConfig } from '../management.config';
import { AutoDisableService } from '../webhooks/auto-disable.service';
import { AttemptLogService } from './attempt-log.service';
import { RejectionProducer } from './rejection.producer';

/** Wait before a consumer that kafkajs gave up on is built again. */
const RESTART_DELAY_MS = 2000;

/**
 * Reads `webhooks.attempts` and hands each batch to the attempt log, then to auto-disable
 * (which follows each webhook's streak of dead letters).
 * Offsets are committed only after the batch is written, so a crash replays it, and the
 * writes are idempotent. A record that is not a valid outcome is logged and set aside on
 * `webhooks.rejected-events` with the reason: it must never stop the consumer, nor vanish.
 *
 * Self-recovery: the group is heartbeated while a batch is written (a slow or restarting
 * store must not get the member evicted); a commit refused because the member lost its
 * partitions is not a fault (the batch is replayed by the next owner); and if kafkajs still
 * stops the consumer for good (a crash it deems non-retriable), a new consumer is built.
 */
@Injectable()
export class AttemptsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly validator = new RecordValidator();
  private consumer: Consumer | undefined;
  private watch: ConsumerWatch | undefined;
  private shuttingDown = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kafka: KafkaConnection,
    @Inject(TOPICS) private readonly topics: Topics,
    private readonly config: ManagementConfig,
    private readonly log: AttemptLogService,
    private readonly autoDisable: AutoDisableService,
    private readonly rejections: RejectionProducer,
    private readonly metrics: ManagementMetrics,
    private readonly logger: PinoLogger,
    health: HealthChecks,
    indicators: HealthIndicatorService,
  ) {
    this.logger.setContext('AttemptsConsumer');
    health.register(() =>
      this.watch
        ? checkConsumer(indicators, 'attempts_consumer', this.watch)
        : indicators.check('attempts_consumer').down({ state: 'not started' }),
    );
  }

  onApplicationBootstrap(): Promise<void> {
    return this.startConsumer();
  }

  async onModuleDestroy(): Promise<void> {
    this.shuttingDown = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
  }

  private async startConsumer(): Promise<void> {
    const consumer = this.kafka.kafka.consumer({
      groupId: this.config.MANAGEMENT_CONSUMER_GROUP,
      maxWaitTimeInMs: 200,
      sessionTimeout: this.config.KAFKA_SESSION_TIMEOUT_MS,
    });
    this.consumer = consumer;
    // kafkajs restarts only after errors it deems retriable; otherwise the consumer stays
    // stopped and the log would never catch up again without a process restart.
    this.watch = new ConsumerWatch(consumer, (error) => {
      this.logger.error({ err: error }, 'attempts consumer stopped for good; building a new one');
      this.scheduleRestart();
    });
    await consumer.connect();
    // A new group starts at the beginning: outcomes are idempotent, and none may be missed.
    await consumer.subscribe({ topic: this.topics.attempts, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.logger.info(
      { topic: this.topics.attempts, group_id: this.config.MANAGEMENT_CONSUMER_GROUP },
      'attempts consumer started',
    );
  }

  private scheduleRestart(): void {
    if (this.shuttingDown) return;
    this.restartTimer = setTimeout(() => {
      const previous = this.consumer;
      void (previous?.disconnect() ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => this.startConsumer())
        .catch((error: Error) => {
          this.logger.error({ err: error }, 'attempts consumer did not start; trying again');
          this.scheduleRestart();
        });
    }, RESTART_DELAY_MS);
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const outcomes: AttemptOutcome[] = [];
    const rejections: RejectedEvent[] = [];
    for (const message of batch.messages) {
      const parsed = this.validator.attemptOutcome(message.value);
      if (parsed.ok) {
        outcomes.push(parsed.value);
      } else {
        this.metrics.attemptsRejected.inc();
        this.logger.warn(
          {
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            reason: parsed.reason,
          },
          'setting aside a record that is not an attempt outcome',
        );
        rejections.push(rejectMessage(message, batch, `invalid attempt outcome: ${parsed.reason}`));
      }
    }
    await withHeartbeats(
      () => payload.heartbeat(),
      async () => {
        await Promise.all([this.log.record(outcomes), this.rejections.publish(rejections)]);
        await this.autoDisable.observe(outcomes);
      },
    );
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    try {
      await this.consumer?.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      ]);
    } catch (error) {
      if (!isLostMembership(error)) throw error;
      // Written but not committed: the partition's next owner replays the batch (idempotent).
      this.logger.warn(
        { topic: batch.topic, partition: batch.partition, err: (error as Error).message },
        'commit refused: the group moved on while the batch was written; it will be replayed',
      );
      return;
    }
    await payload.heartbeat();
  }
}
