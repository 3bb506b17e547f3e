import { Inject, Injectable } from '@nestjs/common';
import { recordMessage, type DeliveryRecord, type Topics } from '@app/contracts';
import { ReliableProducer, sendBounded } from '@app/kafka';
import { TOPICS } from '@app/runtime';
import { PUBLISH_DEADLINE_MS, withinPublishDeadline } from '../common/publish-deadline';

/** Publishes delivery records (test, redeliver, recover) to `webhooks.deliveries`, keyed by webhook id. */
@Injectable()
export class DeliveryProducer {
  constructor(
    private readonly kafka: ReliableProducer,
    @Inject(TOPICS) private readonly topics: Topics,
  ) {}

  /**
   * Resolves once every in-sync replica has the record. The producer retries for as long as
   * Kafka is away; an HTTP caller is not kept waiting that long: after `deadlineMs` this
   * fails with 503 (the record may still go out later, under its own delivery id).
   */
  async publish(record: DeliveryRecord, deadlineMs = PUBLISH_DEADLINE_MS): Promise<void> {
    const sent = this.kafka.producer.send({
      topic: this.topics.deliveries,
      acks: -1,
      messages: [recordMessage(record.webhook_id, record)],
    });
    await withinPublishDeadline(sent, 'the delivery', deadlineMs);
  }

  /** Several records (a recovered window) in as few size-bounded requests as it takes. */
  async publishMany(records: DeliveryRecord[], deadlineMs = PUBLISH_DEADLINE_MS): Promise<void> {
    if (records.length === 0) return;
    const sent = sendBounded(this.kafka.producer, [
      {
        topic: this.topics.deliveries,
        messages: records.map((record) => recordMessage(record.webhook_id, record)),
      },
    ]);
    await withinPublishDeadline(sent, 'the deliveries', deadlineMs);
  }
}
