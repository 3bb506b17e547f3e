import { accessSync, constants, readFileSync } from 'node:fs';
import {
  Partitioners,
  type Kafka,
  type KafkaConfig,
  type Producer,
  type ProducerConfig,
  type SASLOptions,
} from 'kafkajs';

/*
 * How a producer reaches the cluster, from the same KAFKA_* variables the platform's apps
 * read (docs/operators.md, "Connecting securely"), with the same defaults and rules. The
 * apps check them with class-validator (libs/config's KafkaSettings); this package reads them
 * with plain code so that a producer installs no framework. A spec there holds both to the
 * same verdicts.
 */

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Brokers, TLS and SASL; plaintext without SASL unless set. */
export interface KafkaConnectionSettings {
  KAFKA_BROKERS: string[];
  /** TLS to the brokers, verified against the system's CAs or KAFKA_SSL_CA_FILE. */
  KAFKA_SSL: boolean;
  /** PEM file of the CA(s) that signed the brokers' certificates (a private CA). */
  KAFKA_SSL_CA_FILE?: string;
  /** PEM client certificate for mutual TLS; needs KAFKA_SSL_KEY_FILE. */
  KAFKA_SSL_CERT_FILE?: string;
  /** PEM private key of the client certificate; needs KAFKA_SSL_CERT_FILE. */
  KAFKA_SSL_KEY_FILE?: string;
  KAFKA_SASL_MECHANISM?: SaslMechanism;
  KAFKA_SASL_USERNAME?: string;
  /** The SASL password itself; or KAFKA_SASL_PASSWORD_FILE, never both. */
  KAFKA_SASL_PASSWORD?: string;
  /** A file holding the SASL password (a mounted secret); a trailing newline is ignored. */
  KAFKA_SASL_PASSWORD_FILE?: string;
}

const BROKER = /^[^\s:,]+:\d{1,5}$/;
const SECRET = /PASSWORD$/;

/**
 * Reads and checks the KAFKA_* variables. A bad value throws one error that names every
 * variable at fault, never printing a password.
 */
export function kafkaSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): KafkaConnectionSettings {
  const get = (name: string) => (env[name] === '' ? undefined : env[name]);
  const problems: string[] = [];
  const problem = (name: string, message: string) => {
    const value = get(name);
    const shown =
      value === undefined ? 'not set' : SECRET.test(name) ? 'value hidden' : `got "${value}"`;
    problems.push(`${name}: ${message} (${shown})`);
  };

  const brokers = (get('KAFKA_BROKERS') ?? '127.0.0.1:9092')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  if (brokers.length === 0) problem('KAFKA_BROKERS', 'must list at least one broker');
  else if (!brokers.every((broker) => BROKER.test(broker)))
    problem('KAFKA_BROKERS', 'must be a comma-separated list of host:port');

  const ssl = flag(get('KAFKA_SSL'));
  if (ssl === undefined) problem('KAFKA_SSL', 'must be true or false');
  const file = (name: string) => {
    const path = get(name);
    if (path === undefined) return undefined;
    try {
      accessSync(path, constants.R_OK);
    } catch {
      problem(name, `cannot read the file ${path}`);
    }
    return path;
  };
  const settings: KafkaConnectionSettings = {
    KAFKA_BROKERS: brokers,
    KAFKA_SSL: ssl === true,
    KAFKA_SSL_CA_FILE: file('KAFKA_SSL_CA_FILE'),
    KAFKA_SSL_CERT_FILE: file('KAFKA_SSL_CERT_FILE'),
    KAFKA_SSL_KEY_FILE: file('KAFKA_SSL_KEY_FILE'),
    KAFKA_SASL_USERNAME: get('KAFKA_SASL_USERNAME'),
    KAFKA_SASL_PASSWORD: get('KAFKA_SASL_PASSWORD'),
    KAFKA_SASL_PASSWORD_FILE: file('KAFKA_SASL_PASSWORD_FILE'),
  };
  for (const name of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const)
    if (settings[name] !== undefined && !settings.KAFKA_SSL)
      problem(name, 'is set but KAFKA_SSL is not true');
  if (settings.KAFKA_SSL_CERT_FILE && !settings.KAFKA_SSL_KEY_FILE)
    problem('KAFKA_SSL_CERT_FILE', 'needs KAFKA_SSL_KEY_FILE (mutual TLS takes both)');
  if (settings.KAFKA_SSL_KEY_FILE && !settings.KAFKA_SSL_CERT_FILE)
    problem('KAFKA_SSL_KEY_FILE', 'needs KAFKA_SSL_CERT_FILE (mutual TLS takes both)');

  const mechanism = get('KAFKA_SASL_MECHANISM')?.trim().toLowerCase();
  if (mechanism !== undefined) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism))
      problem('KAFKA_SASL_MECHANISM', `must be one of ${SASL_MECHANISMS.join(', ')}`);
    else settings.KAFKA_SASL_MECHANISM = mechanism as SaslMechanism;
    if (!settings.KAFKA_SASL_USERNAME) problem('KAFKA_SASL_MECHANISM', 'needs KAFKA_SASL_USERNAME');
    if (
      settings.KAFKA_SASL_PASSWORD === undefined &&
      settings.KAFKA_SASL_PASSWORD_FILE === undefined
    )
      problem('KAFKA_SASL_MECHANISM', 'needs KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE');
  } else {
    for (const name of [
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
      'KAFKA_SASL_PASSWORD_FILE',
    ] as const)
      if (settings[name] !== undefined) problem(name, 'is set but KAFKA_SASL_MECHANISM is not');
  }
  if (settings.KAFKA_SASL_PASSWORD !== undefined && settings.KAFKA_SASL_PASSWORD_FILE !== undefined)
    problem('KAFKA_SASL_PASSWORD_FILE', 'and KAFKA_SASL_PASSWORD are both set: set one');

  if (problems.length > 0)
    throw new Error(`Invalid Kafka configuration:\n  - ${problems.join('\n  - ')}`);
  return settings;
}

/** `true/1/yes` → true, `false/0/no` or unset → false; anything else → undefined (refused). */
function flag(value: string | undefined): boolean | undefined {
  if (value === undefined) return false;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) return true;
  if (['false', '0', 'no'].includes(normalised)) return false;
  return undefined;
}

/** A password file's content, without the newline an editor or `echo` leaves at its end. */
function readSecretFile(path: string): string {
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/** PEM is text: kept as a string, the settings also cross to a worker thread intact. */
const readPem = (path: string) => readFileSync(path, 'utf8');

/**
 * Brokers, TLS and SASL as kafkajs takes them. Files are read here, once, when the client is
 * built (the settings were checked to be readable when read).
 */
export function kafkaConnectionConfig(
  settings: KafkaConnectionSettings,
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

/**
 * The producer settings the platform relies on for at-least-once hand-over: idempotent,
 * acks from all in-sync replicas (DomainEventPublisher asks for them), at most one in-flight
 * request per connection (keeps idempotence's ordering with kafkajs), no topic creation.
 */
export function eventProducerConfig(): ProducerConfig {
  return {
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // The Java client's murmur2 partitioning: a key lands on the partition other Kafka
    // clients configured for murmur2 pick too (docs/producers.md, "Other languages").
    createPartitioner: Partitioners.DefaultPartitioner,
    // An idempotent producer keeps retrying rather than give up a record: while Kafka is
    // away the caller waits instead of failing the batch.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5000 },
  };
}

/**
 * A producer with eventProducerConfig's settings, and `overrides` on top (say, a bounded
 * `retry` for a caller that must give up rather than wait); connect it before publishing.
 */
export function createEventProducer(kafka: Kafka, overrides: ProducerConfig = {}): Producer {
  return kafka.producer({ ...eventProducerConfig(), ...overrides });
}
