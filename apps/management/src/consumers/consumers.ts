import type { Logger } from 'pino';
import { RECORD_FORMAT_CHECK, type Topics } from '@app/contracts';
import { consumersProvider } from '@app/runtime';
import type { ManagementConfig } from '../management.config';

/** What an attempts fetch waits to gather (MANAGEMENT_ATTEMPTS_BATCH_WAIT_MS bounds the wait). */
const ATTEMPTS_BATCH_BYTES = 512 * 1024;

/** The replay progress consumer's group, named after the attempts consumer's. */
export function replayProgressGroupId(config: Pick<ManagementConfig, 'MANAGEMENT_CONSUMER_GROUP'>) {
  return `${config.MANAGEMENT_CONSUMER_GROUP}.replay-progress`;
}

/** `/health` keys and `@EventPattern` names of management's consumers. */
export const ATTEMPTS_CONSUMER = 'attempts_consumer';
export const REPLAY_PROGRESS_CONSUMER = 'replay_progress_consumer';

/**
 * Management's consumers: the attempt log commits each batch itself once it is written
 * (a commit refused by a rebalance is not a fault); replay progress commits what it resolved.
 * Both stop a partition at a record of a newer format (`recordFormat`, FormatGate).
 */
export function managementConsumers(context: {
  config: ManagementConfig;
  logger: Logger;
  topics: Topics;
}) {
  const { config, topics } = context;
  return consumersProvider(context.logger, [], (transport) =>
    transport
      .consume({
        name: ATTEMPTS_CONSUMER,
        groupId: config.MANAGEMENT_CONSUMER_GROUP,
        topics: [topics.attempts],
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        commits: 'handler',
        // Off the callbacks' path: outcomes gather into fewer, larger writes.
        maxWaitTimeInMs: config.MANAGEMENT_ATTEMPTS_BATCH_WAIT_MS,
        minBytes: ATTEMPTS_BATCH_BYTES,
        recordFormat: RECORD_FORMAT_CHECK,
      })
      .consume({
        name: REPLAY_PROGRESS_CONSUMER,
        groupId: replayProgressGroupId(config),
        topics: [topics.replayProgress],
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        commits: 'resolved',
        maxWaitTimeInMs: config.KAFKA_FETCH_MAX_WAIT_MS,
        recordFormat: RECORD_FORMAT_CHECK,
      }),
  );
}
