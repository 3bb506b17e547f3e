import {
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Inject,
} from '@nestjs/common';
import type { AttemptOutcome, Topics } from '@app/contracts';
import { KafkaConnection } from '@app/kafka';
import { TOPICS } from '@app/runtime';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthChecks } from '@app/observability';
import { ManagementMetrics } from '../common/metrics';
import { ManagementConfig } from '../management.config';
import { parseAttemptOutcome } from './attempt-outcome.parser';
import { AttemptLogService } from './attempt-log.service';

/**
 * Reads `webhooks.attempts` and hands each batch to the attempt log (one call, STYLE.md §1).
 * Offsets are committed only after the batch is written, so a crash replays it, and the
 * writes are idempotent. A record that is not a valid outcome is logged and skipped: it must
 * never stop the consumer.
 */
@Injectable()
export class AttemptsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: Consumer | undefined;
  private state: 'starting' | 'running' | 'restarting' | 'crashed' | 'stopped' = 'starting';

  constructor(
    private readonly kafka: KafkaConnection,
    @Inject(TOPICS) private readonly topics: Topics,
    private readonly config: ManagementConfig,
    private readonly log: AttemptLogService,
    private readonly metrics: ManagementMetrics,
    private readonly logger: PinoLogger,
    health: HealthChecks,
    indicators: HealthIndicatorService,
  ) {
    this.logger.setContext('AttemptsConsumer');
    health.register(() => {
      const check = indicators.check('attempts_consumer');
      return this.state === 'running' ? check.up() : check.down({ state: this.state });
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const consumer = this.kafka.kafka.consumer({
      groupId: this.config.MANAGEMENT_CONSUMER_GROUP,
      maxWaitTimeInMs: 200,
      sessionTimeout: this.config.KAFKA_SESSION_TIMEOUT_MS,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.state = 'running';
    });
    consumer.on(consumer.events.STOP, () => {
      this.state = 'stopped';
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.state = event.payload.restart ? 'restarting' : 'crashed';
      this.logger.error(
        { err: event.payload.error, restart: event.payload.restart },
        'attempts consumer crashed',
      );
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

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const outcomes: AttemptOutcome[] = [];
    for (const message of batch.messages) {
      const parsed = parseAttemptOutcome(message.value);
      if (parsed.ok) {
        outcomes.push(parsed.outcome);
      } else {
        this.metrics.attemptsRejected.inc();
        this.logger.warn(
          {
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            reason: parsed.reason,
          },
          'skipping a record that is not an attempt outcome',
        );
      }
    }
    await this.log.record(outcomes);
    const last = batch.lastOffset();
    payload.resolveOffset(last);
    await this.consumer?.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    await payload.heartbeat();
  }
}
