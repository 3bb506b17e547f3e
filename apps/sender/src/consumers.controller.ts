import { EventPattern, Payload } from '@nestjs/microservices';
import type { EachBatchPayload } from 'kafkajs';
import { BatchConsumers } from '@app/kafka';
import { DELIVERIES_CONSUMER } from './consumers';
import { DeliveryConsumer } from './intake/delivery-consumer';

/** The sender's Kafka batch handler (declared in consumers.ts): one call into its consumer. */
@BatchConsumers()
export class ConsumersController {
  constructor(private readonly deliveries: DeliveryConsumer) {}

  @EventPattern(DELIVERIES_CONSUMER)
  deliveryBatch(@Payload() payload: EachBatchPayload): Promise<void> {
    return this.deliveries.handleBatch(payload);
  }
}
