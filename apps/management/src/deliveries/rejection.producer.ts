import { Inject, Injectable } from '@nestjs/common';
import { recordMessage, type RejectedEvent, type Topics } from '@app/contracts';
import { ReliableProducer, sendBounded } from '@app/kafka';
import { TOPICS } from '@app/runtime';

/** Sets records the attempts consumer cannot read aside on `webhooks.rejected-events`. */
@Injectable()
export class RejectionProducer {
  constructor(
    private readonly kafka: ReliableProducer,
    @Inject(TOPICS) private readonly topics: Topics,
  ) {}

  /** Resolves once Kafka has every record (acks=all); keyed as they were received. */
  async publish(rejections: RejectedEvent[]): Promise<void> {
    if (rejections.length === 0) return;
    await sendBounded(this.kafka.producer, [
      {
        topic: this.topics.rejectedEvents,
        messages: rejections.map((r) => recordMessage(r.source.key, r)),
      },
    ]);
  }
}
