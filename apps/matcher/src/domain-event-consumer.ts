import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EachBatchPayload, KafkaMessage, Message, Producer } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { deliveryMessage, DomainEventValidator, recordMessage, type Topics } from '@app/contracts';
import { CoalescingSender, createReliableProducer, KafkaConnection } from '@app/kafka';
import { TOPICS } from '@app/runtime';
import { planDeliveries, type Plan } from './delivery-planner';
import { MatcherConfig } from './matcher.config';
import { MatcherMetrics } from './matcher.metrics';
import { SubscriptionTableService } from './subscription-table.service';

/**
 * Consumes the domain-event topics (run by KafkaBatchTransport, see consumers.ts) and hands
 * each event on as delivery records.
 *
 * At least once: a batch is cut into chunks; each chunk's records (deliveries and
 * rejections) are handed to one idempotent producer (acks=all) that coalesces the chunks
 * of concurrently consumed partitions into few requests, and only when Kafka has
 * acknowledged a chunk are its offsets resolved for the next commit. A crash replays at
 * most the uncommitted chunks, and the deterministic delivery ids make the replay's
 * callbacks carry the same `webhook-id`. Consumption starts only once the subscription table
 * has been read to its end (consumers.ts), so no event is matched against half a table.
 */
@Injectable()
export class DomainEventConsumer implements OnModuleInit, OnApplicationShutdown {
  private readonly validator: DomainEventValidator;
  private readonly producer: Producer;
  private readonly sender: CoalescingSender;

  constructor(
    kafka: KafkaConnection,
    @Inject(TOPICS) private readonly topics: Topics,
    private readonly config: MatcherConfig,
    private readonly table: SubscriptionTableService,
    private readonly metrics: MatcherMetrics,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(DomainEventConsumer.name);
    this.validator = new DomainEventValidator({ maxEventBytes: config.EVENT_MAX_BYTES });
    this.producer = createReliableProducer(kafka.kafka);
    this.sender = new CoalescingSender(this.producer, config.KAFKA_PRODUCE_LINGER_MS);
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
    const source = { topic: batch.topic, partition: batch.partition };
    const size = this.config.MATCHER_CHUNK_SIZE;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(start, start + size);
      const now = new Date();
      const plans = chunk.map((message) =>
        planDeliveries(message, source, this.validator, this.table.index, now),
      );
      await this.produce(plans);
      this.record(chunk, plans);
      payload.resolveOffset(chunk[chunk.length - 1].offset);
      await payload.heartbeat();
    }
    this.metrics.consumerLag.set(
      { topic: batch.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
  }

  /**
   * Everything a chunk turned into, in as few size-bounded requests as it takes. Deliveries
   * are keyed by webhook id; ordered ones go to their own topic keyed by webhook and entity,
   * in the order the chunk read them.
   */
  private async produce(plans: Plan[]): Promise<void> {
    const deliveries: Message[] = [];
    const ordered: Message[] = [];
    const rejected: Message[] = [];
    for (const plan of plans) {
      if (plan.accepted) {
        for (const record of plan.deliveries) {
          const message = deliveryMessage(record);
          (record.ordering_key === undefined ? deliveries : ordered).push(message);
        }
      } else {
        rejected.push(recordMessage(plan.key, plan.rejection, plan.headers));
      }
    }
    const topicMessages = [
      { topic: this.topics.deliveries, messages: deliveries },
      { topic: this.topics.deliveriesOrdered, messages: ordered },
      { topic: this.topics.rejectedEvents, messages: rejected },
    ].filter((entry) => entry.messages.length > 0);
    await this.sender.send(topicMessages);
  }

  private record(chunk: KafkaMessage[], plans: Plan[]): void {
    const now = Date.now();
    plans.forEach((plan, i) => {
      if (!plan.accepted) {
        this.metrics.eventsRejected.inc();
        this.logger.warn(
          { source: plan.rejection.source, reason: plan.rejection.reason },
          'rejected domain event',
        );
        return;
      }
      this.metrics.eventsConsumed.inc({ type: plan.eventType });
      this.metrics.deliveriesMatched.inc({ type: plan.eventType }, plan.deliveries.length);
      this.metrics.processingSeconds.observe((now - Number(chunk[i].timestamp)) / 1000);
      this.logger.debug(
        {
          event_id: plan.eventId,
          event_type: plan.eventType,
          delivery_ids: plan.deliveries.map((d) => d.delivery_id),
        },
        'event matched',
      );
    });
  }
}
