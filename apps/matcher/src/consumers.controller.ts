import { EventPattern, Payload } from '@nestjs/microservices';
import type { EachBatchPayload } from 'kafkajs';
import { BatchConsumers } from '@app/kafka';
import { DOMAIN_EVENT_CONSUMER, REPLAY_CONSUMER } from './consumers';
import { DomainEventConsumer } from './domain-event-consumer';
import { ReplayConsumer } from './replay-consumer';

/** The matcher's Kafka batch handlers (declared in consumers.ts): one call into a service each. */
@BatchConsumers()
export class ConsumersController {
  constructor(
    private readonly domainEvents: DomainEventConsumer,
    private readonly replays: ReplayConsumer,
  ) {}

  @EventPattern(DOMAIN_EVENT_CONSUMER)
  domainEventBatch(@Payload() payload: EachBatchPayload): Promise<void> {
    return this.domainEvents.handleBatch(payload);
  }

  @EventPattern(REPLAY_CONSUMER)
  replayRequestBatch(@Payload() payload: EachBatchPayload): Promise<void> {
    return this.replays.handleBatch(payload);
  }
}
