import type { Logger } from 'pino';
import { RECORD_FORMAT_CHECK, type Topics } from '@app/contracts';
import type { KafkaBatchTransport } from '@app/kafka';
import { consumersProvider } from '@app/runtime';
import { DeliveryConsumer } from './intake/delivery-consumer';
import type { SenderConfig } from './sender.config';
import { SenderLifecycle } from './sender-lifecycle';

/** `/health` key and `@EventPattern` name of the sender's consumer. */
export const DELIVERIES_CONSUMER = 'deliveries_consumer';

/**
 * The deliveries consumer: the handler commits (up to each partition's lowest unfinished
 * record, on its own timer), pauses retry partitions until due, and drains on stop. A
 * partition stops at a record of a newer format (`recordFormat`, FormatGate).
 */
export function senderConsumers(context: { config: SenderConfig; logger: Logger; topics: Topics }) {
  const { config } = context;
  return consumersProvider(
    context.logger,
    [DeliveryConsumer, SenderLifecycle],
    (transport: KafkaBatchTransport, deliveries: DeliveryConsumer, lifecycle: SenderLifecycle) =>
      transport.consume({
        name: DELIVERIES_CONSUMER,
        groupId: config.SENDER_CONSUMER_GROUP,
        topics: deliveries.subscribedTopics,
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        commits: 'handler',
        partitionsConsumedConcurrently: 8,
        // Short long-polls so a resumed retry partition is fetched again promptly.
        maxWaitTimeInMs: deliveries.fetchWaitMs,
        startAfter: () => lifecycle.whenReady(),
        recordFormat: RECORD_FORMAT_CHECK,
        hooks: deliveries.hooks,
      }),
  );
}
