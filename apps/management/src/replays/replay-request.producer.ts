import { Inject, Injectable } from '@nestjs/common';
import { recordMessage, type ReplayRequest, type Topics } from '@app/contracts';
import { ReliableProducer } from '@app/kafka';
import { TOPICS } from '@app/runtime';
import { withinPublishDeadline } from '../common/publish-deadline';

/** Publishes replay requests to `webhooks.replays`, keyed by webhook id, for the matcher. */
@Injectable()
export class ReplayRequestProducer {
  constructor(
    private readonly kafka: ReliableProducer,
    @Inject(TOPICS) private readonly topics: Topics,
  ) {}

  /** Resolves once every in-sync replica has the request; 503 after the publish deadline. */
  async publish(request: ReplayRequest): Promise<void> {
    const sent = this.kafka.producer.send({
      topic: this.topics.replays,
      acks: -1,
      messages: [recordMessage(request.webhook_id, request)],
    });
    await withinPublishDeadline(sent, 'the replay request');
  }
}
