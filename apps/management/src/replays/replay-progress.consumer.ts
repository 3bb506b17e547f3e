import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import {
  RecordValidator,
  rejectMessage,
  type RejectedEvent,
  type ReplayProgress,
  type Topics,
} from '@app/contracts';
import { checkConsumer, ConsumerWatch, KafkaConnection, withHeartbeats } from '@app/kafka';
import { HealthChecks, shutDownOnFatal } from '@app/observability';
import { TOPICS } from '@app/runtime';
import { RejectionProducer } from '../deliveries/rejection.producer';
import { ManagementConfig } from '../management.config';
import { ReplayRepository } from './replay.repository';

/**
 * Reads the matcher's replay progress (`webhooks.replay-progress`) into the replays
 * collection. A batch's offsets are resolved only after its reports are written; the writes
 * are idempotent and keep the newest report, so a replayed batch changes nothing. A record
 * that is not a progress report goes to the rejected-events topic with the reason.
 */
@Injectable()
export class ReplayProgressConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly validator = new RecordValidator();
  private readonly consumer: Consumer;
  private readonly fatal: (error: Error) => void;

  constructor(
    kafka: KafkaConnection,
    @Inject(TOPICS) private readonly topics: Topics,
    private readonly config: ManagementConfig,
    private readonly replays: ReplayRepository,
    private readonly rejections: RejectionProducer,
    private readonly logger: PinoLogger,
    health: HealthChecks,
    indicators: HealthIndicatorService,
  ) {
    this.logger.setContext('ReplayProgressConsumer');
    this.fatal = shutDownOnFatal(logger.logger, 'replay progress consumer');
    this.consumer = kafka.kafka.consumer({
      groupId: this.groupId,
      maxWaitTimeInMs: 200,
      sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
    });
    const watch = new ConsumerWatch(this.consumer, this.fatal);
    health.register(() => checkConsumer(indicators, 'replay_progress_consumer', watch));
  }

  private get groupId(): string {
    return `${this.config.MANAGEMENT_CONSUMER_GROUP}.replay-progress`;
  }

  onApplicationBootstrap(): void {
    this.start().catch(this.fatal);
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topics.replayProgress, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.logger.info(
      { topic: this.topics.replayProgress, group_id: this.groupId },
      'replay progress consumer started',
    );
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    // The newest report of each replay in the batch is all that matters.
    const newest = new Map<string, ReplayProgress>();
    const rejections: RejectedEvent[] = [];
    for (const message of batch.messages) {
      const parsed = this.validator.replayProgress(message.value);
      if (parsed.ok) {
        const seen = newest.get(parsed.value.replay_id);
        if (!seen || seen.reported_at <= parsed.value.reported_at)
          newest.set(parsed.value.replay_id, parsed.value);
      } else {
        this.logger.warn(
          { partition: batch.partition, offset: message.offset, reason: parsed.reason },
          'setting aside a record that is not a replay progress report',
        );
        rejections.push(rejectMessage(message, batch, `invalid replay progress: ${parsed.reason}`));
      }
    }
    await withHeartbeats(
      () => payload.heartbeat(),
      () =>
        Promise.all([
          ...[...newest.values()].map((progress) => this.replays.applyProgress(progress)),
          this.rejections.publish(rejections),
        ]),
    );
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
  }
}
