import type { Logger } from 'pino';
import { DOMAIN_TOPIC_KEYS, RECORD_FORMAT_CHECK, type Topics } from '@app/contracts';
import type { KafkaBatchTransport } from '@app/kafka';
import { consumersProvider } from '@app/runtime';
import type { MatcherConfig } from './matcher.config';
import { replayGroupId } from './replay-consumer';
import { SubscriptionTableService } from './subscription-table.service';

/** `/health` keys and `@EventPattern` names of the matcher's consumers. */
export const DOMAIN_EVENT_CONSUMER = 'domain_event_consumer';
export const REPLAY_CONSUMER = 'replay_consumer';

/**
 * The matcher's consumers, both committing what their handler resolved (only what Kafka
 * acknowledged). Live matching waits for the whole subscription table; replays wait for
 * live matching to have joined its group, and stop a partition at a request of a newer
 * format (`recordFormat`, FormatGate).
 */
export function matcherConsumers(context: {
  config: MatcherConfig;
  logger: Logger;
  topics: Topics;
}) {
  const { config, topics } = context;
  return consumersProvider(
    context.logger,
    [SubscriptionTableService],
    (transport: KafkaBatchTransport, table: SubscriptionTableService) =>
      transport
        .consume({
          name: DOMAIN_EVENT_CONSUMER,
          groupId: config.MATCHER_CONSUMER_GROUP,
          topics: DOMAIN_TOPIC_KEYS.map((key) => topics[key]),
          sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
          commits: 'resolved',
          maxWaitTimeInMs: config.KAFKA_FETCH_MAX_WAIT_MS,
          partitionsConsumedConcurrently: config.MATCHER_PARTITIONS_CONCURRENCY,
          startAfter: () => table.whenCaughtUp(),
          // No recordFormat: these topics carry the domain event envelope (operational
          // events too), which has no format version; a bad event is rejected with its reason.
        })
        .consume({
          name: REPLAY_CONSUMER,
          groupId: replayGroupId(config),
          topics: [topics.replays],
          sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
          commits: 'resolved',
          maxWaitTimeInMs: config.KAFKA_FETCH_MAX_WAIT_MS,
          startAfter: () => transport.whenJoined(DOMAIN_EVENT_CONSUMER),
          recordFormat: RECORD_FORMAT_CHECK,
        }),
  );
}
