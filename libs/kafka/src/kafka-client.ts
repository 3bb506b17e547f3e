import { Kafka, logLevel, Partitioners, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own logs into the app's JSON logger. */
function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      logger[LEVELS[level] ?? 'info']({ kafka: extra }, message);
    };
}

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
}

/** One kafkajs client per app; producers, consumers and the admin are made from it. */
export function createKafkaClient({ brokers, clientId, logger }: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    connectionTimeout: 3000,
    retry: { initialRetryTime: 300, retries: 8 },
  });
}

/**
 * The producer settings the platform relies on for at-least-once hand-over: idempotent,
 * acks from all in-sync replicas, at most one in-flight request per connection (keeps
 * idempotence ordering guarantees with kafkajs).
 */
export function createReliableProducer(kafka: Kafka) {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // The Java client's murmur2 partitioning: a key lands on the partition other Kafka
    // clients would pick too (and kafkajs stops warning about its changed default).
    createPartitioner: Partitioners.DefaultPartitioner,
    // An idempotent producer keeps retrying rather than give up a record: while Kafka is
    // away the caller waits, and commits nothing, instead of failing the batch.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000 },
  });
}
