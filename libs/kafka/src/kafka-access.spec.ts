import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { validateEnv, KafkaSettings } from '@app/config';
import { explainKafkaError } from './kafka-access';
import { kafkaConnectionConfig } from './kafka-client';

const scram = validateEnv(KafkaSettings, {
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'webhooks',
  KAFKA_SASL_PASSWORD: 'hunter2-secret',
});

describe('explainKafkaError', () => {
  it('names a SASL failure as Kafka authentication, without the password', () => {
    const explained = explainKafkaError(
      Object.assign(new Error('SASL SCRAM SHA512: Invalid username or password'), {
        name: 'KafkaJSSASLAuthenticationError', // kafkajs's typings give its constructor no message
      }),
      scram,
    );
    expect(explained?.kind).toBe('authentication');
    expect(explained?.detail).toMatch(
      /^Kafka authentication failed \(SASL scram-sha-512 as "webhooks"\)/,
    );
    expect(explained?.message).not.toContain('hunter2-secret');
  });

  it('finds a TLS failure behind the error kafkajs gives up with', () => {
    const cause = new KafkaJSConnectionError('Connection error: self-signed certificate', {
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    const gaveUp = new KafkaJSNumberOfRetriesExceeded(cause, {
      retryCount: 8,
      retryTime: 30000,
    });
    expect(explainKafkaError(gaveUp, scram)).toMatchObject({
      kind: 'tls',
      detail: expect.stringMatching(/^TLS connection to Kafka failed: SELF_SIGNED_CERT_IN_CHAIN/),
    });
  });

  it('leaves a refused connection to the retries', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED', {
      code: 'ECONNREFUSED',
    });
    expect(explainKafkaError(refused, scram)).toBeUndefined();
  });
});

describe('kafkaConnectionConfig', () => {
  it('is the brokers alone by default', () => {
    expect(kafkaConnectionConfig(validateEnv(KafkaSettings, {}))).toEqual({
      brokers: ['127.0.0.1:9092'],
    });
  });

  it('reads the CA, the client certificate and the password file, without the trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafka-client-'));
    try {
      const write = (name: string, text: string) => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      const config = kafkaConnectionConfig(
        validateEnv(KafkaSettings, {
          KAFKA_BROKERS: 'b1:9094,b2:9094',
          KAFKA_SSL: 'true',
          KAFKA_SSL_CA_FILE: write('ca.pem', 'CA'),
          KAFKA_SSL_CERT_FILE: write('client.crt', 'CERT'),
          KAFKA_SSL_KEY_FILE: write('client.key', 'KEY'),
          KAFKA_SASL_MECHANISM: 'scram-sha-256',
          KAFKA_SASL_USERNAME: 'webhooks',
          KAFKA_SASL_PASSWORD_FILE: write('password', 'from-file\n'),
        }),
      );
      expect(config).toEqual({
        brokers: ['b1:9094', 'b2:9094'],
        ssl: { ca: ['CA'], cert: 'CERT', key: 'KEY' },
        sasl: { mechanism: 'scram-sha-256', username: 'webhooks', password: 'from-file' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verifies TLS against the system CAs when no CA file is given', () => {
    expect(kafkaConnectionConfig(validateEnv(KafkaSettings, { KAFKA_SSL: 'true' })).ssl).toBe(true);
  });
});
