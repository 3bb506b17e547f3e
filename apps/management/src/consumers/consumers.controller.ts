import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EachBatchPayload } from 'kafkajs';
import { BatchConsumers, type ConsumerControl } from '@app/kafka';
import { AttemptsConsumer } from '../deliveries/attempts.consumer';
import { ReplayProgressConsumer } from '../replays/replay-progress.consumer';
import { ATTEMPTS_CONSUMER, REPLAY_PROGRESS_CONSUMER } from './consumers';

/** Management's Kafka batch handlers (declared in consumers.ts): one call into a service each. */
@BatchConsumers()
export class ConsumersController {
  constructor(
    private readonly attempts: AttemptsConsumer,
    private readonly replayProgress: ReplayProgressConsumer,
  ) {}

  @EventPattern(ATTEMPTS_CONSUMER)
  attemptOutcomes(
    @Payload() payload: EachBatchPayload,
    @Ctx() consumer: ConsumerControl,
  ): Promise<void> {
    return this.attempts.handleBatch(payload, consumer);
  }

  @EventPattern(REPLAY_PROGRESS_CONSUMER)
  replayProgressReports(@Payload() payload: EachBatchPayload): Promise<void> {
    return this.replayProgress.handleBatch(payload);
  }
}
