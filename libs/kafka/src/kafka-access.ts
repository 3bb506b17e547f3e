import type { Kafka } from 'kafkajs';
import { InvalidConfigurationError, type KafkaSettings } from '@app/config';
import { createKafkaClient } from './kafka-client';

/**
 * A Kafka connection problem that no retry fixes: wrong credentials, a certificate the client
 * does not trust. Named for the operator, with the variables to check; never the secret.
 */
export class KafkaAccessError extends InvalidConfigurationError {
  constructor(
    readonly kind: 'authentication' | 'tls',
    readonly detail: string,
  ) {
    super([detail]);
    this.name = 'KafkaAccessError';
  }
}

/** What this reads of an error and its causes. */
interface ErrorFacts {
  name?: string;
  code?: string;
  /** kafkajs's protocol error type, e.g. SASL_AUTHENTICATION_FAILED. */
  type?: string;
  cause?: unknown;
}

/** kafkajs wraps the error that ended its retries; the cause chain holds the first one. */
function causes(error: unknown): ErrorFacts[] {
  const chain: ErrorFacts[] = [];
  let current = error as ErrorFacts | undefined;
  while (current && chain.length < 5) {
    chain.push(current);
    current = current.cause as ErrorFacts | undefined;
  }
  return chain;
}

/** Node's TLS and certificate error codes (`SELF_SIGNED_CERT_IN_CHAIN`, `ERR_SSL_…`, `ERR_TLS_…`). */
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;

/** The access problem behind a kafkajs error, if it is one; anything else is for retrying. */
export function explainKafkaError(
  error: unknown,
  settings: KafkaSettings,
): KafkaAccessError | undefined {
  for (const cause of causes(error)) {
    if (
      cause.name === 'KafkaJSSASLAuthenticationError' ||
      cause.type === 'SASL_AUTHENTICATION_FAILED' ||
      cause.type === 'UNSUPPORTED_SASL_MECHANISM'
    )
      return new KafkaAccessError(
        'authentication',
        `Kafka authentication failed (SASL ${settings.KAFKA_SASL_MECHANISM ?? 'none'} as ` +
          `"${settings.KAFKA_SASL_USERNAME ?? ''}"): check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME ` +
          `and KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE`,
      );
    if (cause.code && TLS_CODE.test(cause.code))
      return new KafkaAccessError(
        'tls',
        `TLS connection to Kafka failed: ${cause.code} (the broker's certificate is not trusted, ` +
          `or the listener is not TLS): check KAFKA_SSL and KAFKA_SSL_CA_FILE`,
      );
  }
  return undefined;
}

/** Long enough for a broker that is still starting, short of a supervisor's patience. */
const ACCESS_DEADLINE_MS = 25_000;

/**
 * Connects once, before anything else, so that wrong credentials or an untrusted certificate
 * stop the app at once with a named cause. kafkajs retries a TLS failure like a refused
 * connection (about a minute) and then reports only that it gave up; this check uses a
 * client that does not retry, and retries here only what may pass (a broker not up yet).
 */
export async function checkKafkaAccess(settings: KafkaSettings, clientId: string): Promise<void> {
  const kafka: Kafka = createKafkaClient({ settings, clientId, retry: { retries: 0 } });
  const deadline = Date.now() + ACCESS_DEADLINE_MS;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.disconnect();
      return;
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      const explained = explainKafkaError(error, settings);
      if (explained) throw explained;
      // Not an access problem: the app's own connection retries it, as it always has.
      if (Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
