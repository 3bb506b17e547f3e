import { readFileSync } from 'node:fs';
import {
  Kafka,
  logLevel,
  Partitioners,
  type KafkaConfig,
  type LogEntry,
  type logCreator,
  type RetryOptions,
  type SASLOptions,
} from 'kafkajs';
import type { Logger } from 'pino';
import { validateEnv, KafkaSettings } from '@app/config';
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

/** A password file's content, without the newline an editor or `echo` leaves at its end. */
function readSecretFile(path: string): string {
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/** PEM is text: kept as a string, the settings also cross to a worker thread intact. */
const readPem = (path: string) => readFileSync(path, 'utf8');

/**
 * Brokers, TLS and SASL as kafkajs takes them. Files are read here, once, when the client is
 * built (KafkaSettings checked at start that they can be read).
 */
export function kafkaConnectionConfig(
  settings: KafkaSettings,
): Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'> {
  const ssl = settings.KAFKA_SSL
    ? {
        ...(settings.KAFKA_SSL_CA_FILE ? { ca: [readPem(settings.KAFKA_SSL_CA_FILE)] } : {}),
        ...(settings.KAFKA_SSL_CERT_FILE && settings.KAFKA_SSL_KEY_FILE
          ? {
              cert: readPem(settings.KAFKA_SSL_CERT_FILE),
              key: readPem(settings.KAFKA_SSL_KEY_FILE),
            }
          : {}),
      }
    : undefined;
  let sasl: SASLOptions | undefined;
  if (settings.KAFKA_SASL_MECHANISM) {
    const password =
      settings.KAFKA_SASL_PASSWORD ?? readSecretFile(settings.KAFKA_SASL_PASSWORD_FILE ?? '');
    sasl = {
      mechanism: settings.KAFKA_SASL_MECHANISM,
      username: settings.KAFKA_SASL_USERNAME ?? '',
      password,
    };
  }
  return {
    brokers: settings.KAFKA_BROKERS,
    // kafkajs takes `true` for TLS verified against the system's CAs.
    ...(ssl ? { ssl: Object.keys(ssl).length > 0 ? ssl : true } : {}),
    ...(sasl ? { sasl } : {}),
  };
}

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
