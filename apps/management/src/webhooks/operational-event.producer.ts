import { Inject, Injectable } from '@nestjs/common';
import { operationalEventMessage, type DomainEvent, type Topics } from '@app/contracts';
import { ReliableProducer, sendBounded } from '@app/kafka';
import { TOPICS } from '@app/runtime';

/** Publishes the operational events management knows first (`webhook.disabled`). */
@Injectable()
export class OperationalEventProducer {
  constructor(
    private readonly kafka: ReliableProducer,
    @Inject(TOPICS) private readonly topics: Topics,
  ) {}

  /** Resolves once Kafka has every event (acks=all); keyed by the webhook they are about. */
  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await sendBounded(this.kafka.producer, [
      { topic: this.topics.operationalEvents, messages: events.map(operationalEventMessage) },
    ]);
  }
}
