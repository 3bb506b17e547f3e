import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EachBatchPayload, Producer } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import {
  DOMAIN_TOPIC_KEYS,
  RecordValidator,
  recordMessage,
  rejectMessage,
  type ReplayProgress,
  type Topics,
} from '@app/contracts';
import { createReliableProducer, KafkaConnection } from '@app/kafka';
import { TOPICS } from '@app/runtime';
import { MatcherConfig } from './matcher.config';
import { MatcherMetrics } from './matcher.metrics';
import { ReplayRunner } from './replay-runner';

/**
 * Consumes replay requests (`webhooks.replays`, run by KafkaBatchTransport in a group of its
 * own, see consumers.ts) and runs them one at a time per instance with ReplayRunner,
 * reporting progress on `webhooks.replay-progress`.
 * A request's offset is committed once its replay has completed or failed (and said so);
 * a replay cut short by a shutdown or a rebalance is left uncommitted, so the request is run
 * again from the start by the next owner, with the same delivery ids. A record that is not
 * a valid request goes to the rejected-events topic with the reason.
 */
@Injectable()
export class ReplayConsumer implements OnModuleInit, OnApplicationShutdown {
  private readonly validator = new RecordValidator();
  private readonly producer: Producer;
  private readonly runner: ReplayRunner;

  constructor(
    kafka: KafkaConnection,
    @Inject(TOPICS) private readonly topics: Topics,
    config: MatcherConfig,
    private readonly metrics: MatcherMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ReplayConsumer.name);
    this.producer = createReliableProducer(kafka.kafka);
    const groupId = replayGroupId(config);
    this.runner = new ReplayRunner({
      kafka: kafka.kafka,
      admin: kafka.admin,
      producer: this.producer,
      deliveriesTopic: topics.deliveries,
      domainTopics: DOMAIN_TOPIC_KEYS.map((key) => topics[key]),
      groupPrefix: `${groupId}.reader`,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      maxEventsPerSecond: config.MATCHER_REPLAY_MAX_EVENTS_PER_SECOND,
      maxEventBytes: config.EVENT_MAX_BYTES,
      logger: logger.logger,
      onBatch: (scanned, delivered) => {
        metrics.replayEventsScanned.inc(scanned);
        metrics.replayDeliveries.inc(delivered);
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  /** After the consumers have drained (the transport closes before this hook). */
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) return;
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
          messages: [recordMessage(message.key, rejection)],
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
          () => lostGroup || !payload.isRunning() || payload.isStale(),
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
      messages: [recordMessage(progress.replay_id, progress)],
    });
  }
}

/** Replays have a group of their own: a long replay must not hold up live matching. */
export function replayGroupId(config: Pick<MatcherConfig, 'MATCHER_CONSUMER_GROUP'>): string {
  return `${config.MATCHER_CONSUMER_GROUP}.replays`;
}
