import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Consumer, EachBatchPayload, Producer } from 'kafkajs';
import { HealthIndicatorService } from '@nestjs/terminus';
import { PinoLogger } from 'nestjs-pino';
import {
  DOMAIN_TOPIC_KEYS,
  RecordValidator,
  rejectMessage,
  type ReplayProgress,
  type Topics,
} from '@app/contracts';
import { checkConsumer, ConsumerWatch, createReliableProducer, KafkaConnection } from '@app/kafka';
import { HealthChecks, shutDownOnFatal } from '@app/observability';
import { TOPICS } from '@app/runtime';
import { DomainEventConsumer } from './domain-event-consumer';
import { MatcherConfig } from './matcher.config';
import { MatcherMetrics } from './matcher.metrics';
import { ReplayRunner } from './replay-runner';

/**
 * Consumes replay requests (`webhooks.replays`) in a group of its own and runs them one at a
 * time per instance with ReplayRunner, reporting progress on `webhooks.replay-progress`.
 * A request's offset is committed once its replay has completed or failed (and said so);
 * a replay cut short by a shutdown or a rebalance is left uncommitted, so the request is run
 * again from the start by the next owner, with the same delivery ids. A record that is not
 * a valid request goes to the rejected-events topic with the reason.
 */
@Injectable()
export class ReplayConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly validator = new RecordValidator();
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly runner: ReplayRunner;
  private readonly fatal: (error: Error) => void;
  private stopped = false;

  constructor(
    private readonly kafka: KafkaConnection,
    @Inject(TOPICS) private readonly topics: Topics,
    private readonly config: MatcherConfig,
    private readonly live: DomainEventConsumer,
    private readonly metrics: MatcherMetrics,
    private readonly logger: PinoLogger,
    health: HealthChecks,
    indicators: HealthIndicatorService,
  ) {
    logger.setContext(ReplayConsumer.name);
    this.fatal = shutDownOnFatal(logger.logger, 'replay consumer');
    this.consumer = kafka.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatInterval: Math.floor(config.KAFKA_SESSION_TIMEOUT_MS / 5),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 500,
    });
    this.producer = createReliableProducer(kafka.kafka);
    this.runner = new ReplayRunner({
      kafka: kafka.kafka,
      admin: kafka.admin,
      producer: this.producer,
      deliveriesTopic: topics.deliveries,
      domainTopics: DOMAIN_TOPIC_KEYS.map((key) => topics[key]),
      groupPrefix: `${this.groupId}.reader`,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      maxEventsPerSecond: config.MATCHER_REPLAY_MAX_EVENTS_PER_SECOND,
      logger: logger.logger,
      onBatch: (scanned, delivered) => {
        metrics.replayEventsScanned.inc(scanned);
        metrics.replayDeliveries.inc(delivered);
      },
    });
    const watch = new ConsumerWatch(this.consumer, this.fatal);
    health.register(() => checkConsumer(indicators, 'replay_consumer', watch));
  }

  private get groupId(): string {
    return `${this.config.MATCHER_CONSUMER_GROUP}.replays`;
  }

  onApplicationBootstrap(): void {
    this.start().catch(this.fatal);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.consumer.disconnect(); // the replay in hand stops at its next batch
    await this.producer.disconnect();
  }

  /** Live matching first: replays start once the live consumer has joined its group. */
  private async start(): Promise<void> {
    await this.live.whenJoined;
    if (this.stopped) return;
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topics.replays, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.logger.info(
      { topic: this.topics.replays, group: this.groupId },
      'consuming replay requests',
    );
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale() || this.stopped) return;
      const parsed = this.validator.replayRequest(message.value);
      if (!parsed.ok) {
        this.logger.warn(
          { partition: batch.partition, offset: message.offset, reason: parsed.reason },
          'setting aside a record that is not a replay request',
        );
        const rejection = rejectMessage(message, batch, `invalid replay request: ${parsed.reason}`);
        await this.producer.send({
          topic: this.topics.rejectedEvents,
          acks: -1,
          messages: [{ key: message.key, value: JSON.stringify(rejection) }],
        });
      } else {
        let lostGroup = false;
        const end = await this.runner.run(
          parsed.value,
          async (progress) => {
            await this.report(progress);
            // Keeps this group's session while the replay runs; a failed heartbeat means the
            // request now belongs to another member, so the replay stops here.
            await payload.heartbeat().catch(() => {
              lostGroup = true;
            });
          },
          () => this.stopped || lostGroup || !payload.isRunning() || payload.isStale(),
        );
        this.metrics.replaysFinished.inc({ outcome: end });
        if (end === 'interrupted') return;
      }
      payload.resolveOffset(message.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  private async report(progress: ReplayProgress): Promise<void> {
    await this.producer.send({
      topic: this.topics.replayProgress,
      acks: -1,
      messages: [{ key: progress.replay_id, value: JSON.stringify(progress) }],
    });
  }
}
