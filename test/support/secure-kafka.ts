import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local broker's SASL_SSL listener, which `npm run kafka -- up --secure` opens (the test
 * run's global setup starts the broker that way): its address, the CA that signed its
 * certificate, a client certificate for mutual TLS and the SASL user. All made by
 * scripts/kafka.sh into .local/kafka/secure.
 */
export const SECURE_DIR = join(__dirname, '..', '..', '.local', 'kafka', 'secure');
export const SECURE_BROKERS = [`127.0.0.1:${process.env.LOCAL_KAFKA_SECURE_PORT ?? '9094'}`];

export function secureMaterial() {
  const file = (name: string) => join(SECURE_DIR, name);
  if (!existsSync(file('ca.pem')) || !existsSync(file('password')))
    throw new Error(
      `no SASL_SSL material in ${SECURE_DIR}: start the broker with npm run kafka -- up --secure`,
    );
  return {
    caFile: file('ca.pem'),
    certFile: file('client.crt'),
    keyFile: file('client.key'),
    passwordFile: file('password'),
    username: readFileSync(file('username'), 'utf8').trim(),
    password: readFileSync(file('password'), 'utf8').trim(),
  };
}

/** The KAFKA_* variables of an app that reaches the broker over SASL_SSL only. */
export function secureKafkaEnv(
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512',
  { mutualTls = false } = {},
): Record<string, string> {
  const material = secureMaterial();
  return {
    KAFKA_BROKERS: SECURE_BROKERS.join(','),
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: material.caFile,
    ...(mutualTls
      ? { KAFKA_SSL_CERT_FILE: material.certFile, KAFKA_SSL_KEY_FILE: material.keyFile }
      : {}),
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: material.username,
    KAFKA_SASL_PASSWORD_FILE: material.passwordFile,
  };
}
