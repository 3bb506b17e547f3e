import {
  Kafka,
  logLevel,
  type KafkaConfig,
  type LogEntry,
  type logCreator,
  type RetryOptions,
} from 'kafkajs';
import type { Logger } from 'pino';
import { eventProducerConfig, kafkaConnectionConfig } from '@webhook-platform/events';
import { validateEnv, KafkaSettings } from '@app/config';
import { registerCompressionCodecs } from './compression-codecs';
import type { KafkaRequests } from './kafka-requests';

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

/**
 * Brokers, TLS and SASL as kafkajs takes them: the events package's, which producers use
 * too, so a producer and the platform reach a cluster the same way.
 */
export { kafkaConnectionConfig };

export interface KafkaClientOptions {
  /** How to reach the cluster: brokers, TLS, SASL. */
  settings: KafkaSettings;
  clientId: string;
  /** Where kafkajs logs; without one (tools, tests) it logs nothing. */
  logger?: Logger;
  /** kafkajs's retry of requests and connections; the default suits long-running apps. */
  retry?: RetryOptions;
  /** Counts the requests of every producer, consumer and admin made from the client. */
  requests?: KafkaRequests;
}

/** A client whose producers, consumers and admins report their requests to `requests`. */
class CountedKafka extends Kafka {
  constructor(
    config: KafkaConfig,
    private readonly requests: KafkaRequests,
  ) {
    super(config);
  }

  override producer(...args: Parameters<Kafka['producer']>) {
    return this.requests.watch(super.producer(...args), 'producer');
  }

  override consumer(...args: Parameters<Kafka['consumer']>) {
    return this.requests.watch(super.consumer(...args), 'consumer');
  }

  override admin(...args: Parameters<Kafka['admin']>) {
    return this.requests.watch(super.admin(...args), 'admin');
  }
}

/**
 * Every Kafka client of the platform is made here (apps, topic CLI, benchmarks, drills,
 * tests), so TLS and SASL apply to all of them alike. One client per process; producers,
 * consumers and the admin are made from it.
 */
export function createKafkaClient({
  settings,
  clientId,
  logger,
  retry,
  requests,
}: KafkaClientOptions): Kafka {
  // Producers may compress with any codec Kafka has; kafkajs alone reads gzip only.
  registerCompressionCodecs();
  const config: KafkaConfig = {
    clientId,
    ...kafkaConnectionConfig(settings),
    ...(logger
      ? {
          logLevel: logLevel.WARN,
          logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
        }
      : { logLevel: logLevel.NOTHING }),
    connectionTimeout: 3000,
    retry: retry ?? { initialRetryTime: 300, retries: 8 },
  };
  return requests ? new CountedKafka(config, requests) : new Kafka(config);
}

/**
 * A client for a tool, benchmark or test: the same KAFKA_* variables as the apps (checked the
 * same way, a bad one named), brokers overridable for a second cluster such as the drills'.
 */
export function createKafkaClientFromEnv(
  clientId: string,
  overrides: Partial<Record<keyof KafkaSettings, string>> = {},
  env: Record<string, string | undefined> = process.env,
): Kafka {
  const settings = validateEnv(KafkaSettings, { ...env, ...overrides });
  return createKafkaClient({ settings, clientId });
}

/**
 * The producer the platform relies on for at-least-once hand-over, with the settings the
 * events package gives every producer: idempotent, acks from all in-sync replicas, at most
 * one in-flight request per connection, murmur2 keys, retrying rather than giving up a
 * record while Kafka is away (eventProducerConfig says why for each).
 */
export function createReliableProducer(kafka: Kafka) {
  return kafka.producer(eventProducerConfig());
}
