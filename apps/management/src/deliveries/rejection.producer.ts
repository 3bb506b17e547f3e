import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { RejectedEvent, Topics } from '@app/contracts';
import { createReliableProducer, KafkaConnection, sendBounded } from '@app/kafka';
import { TOPICS } from '@app/runtime';

/** Sets records the attempts consumer cannot read aside on `webhooks.rejected-events`. */
@Injectable()
export class RejectionProducer implements OnModuleInit, OnModuleDestroy {
  private readonly producer: Producer;

  constructor(
    kafka: KafkaConnection,
    @Inject(TOPICS) private readonly topics: Topics,
  ) {
    this.producer = createReliableProducer(kafka.kafka);
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Resolves once Kafka has every record (acks=all); keyed as they were received. */
  async publish(rejections: RejectedEvent[]): Promise<void> {
    if (rejections.length === 0) return;
    await sendBounded(this.producer, [
      {
        topic: this.topics.rejectedEvents,
        messages: rejections.map((r) => ({ key: r.source.key, value: JSON.stringify(r) })),
      },
    ]);
  }
}
