import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaSettings } from './kafka-settings';
import { InvalidConfigurationError, validateEnv } from './validate-env';

function problems(env: Record<string, string>): string[] {
  try {
    validateEnv(KafkaSettings, env);
    return [];
  } catch (error) {
    return (error as InvalidConfigurationError).problems;
  }
}

describe('KafkaSettings', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-settings-'));
    file = join(dir, 'readable.pem');
    writeFileSync(file, 'x');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is plaintext without SASL by default', () => {
    expect(validateEnv(KafkaSettings, {})).toMatchObject({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_SSL: false,
      KAFKA_SASL_MECHANISM: undefined,
    });
  });

  it('takes a SCRAM setup with a password file, the mechanism in any case', () => {
    expect(
      validateEnv(KafkaSettings, {
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: file,
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'webhooks',
        KAFKA_SASL_PASSWORD_FILE: file,
      }),
    ).toMatchObject({ KAFKA_SSL: true, KAFKA_SASL_MECHANISM: 'scram-sha-512' });
  });

  it.each([
    [
      { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_PASSWORD: 'p' },
      /^KAFKA_SASL_MECHANISM: needs KAFKA_SASL_USERNAME/,
    ],
    [
      { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' },
      /^KAFKA_SASL_MECHANISM: needs KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE/,
    ],
    [
      { KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
      /^KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512/,
    ],
    [{ KAFKA_SASL_USERNAME: 'u' }, /^KAFKA_SASL_USERNAME: is set but KAFKA_SASL_MECHANISM is not/],
    [
      { KAFKA_SSL_CA_FILE: '/nowhere/ca.pem', KAFKA_SSL: 'true' },
      /^KAFKA_SSL_CA_FILE: cannot read the file \/nowhere\/ca.pem/,
    ],
    [{ KAFKA_SSL_CA_FILE: 'FILE' }, /^KAFKA_SSL_CA_FILE: is set but KAFKA_SSL is not true/],
    [
      { KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: 'FILE' },
      /^KAFKA_SSL_CERT_FILE: needs KAFKA_SSL_KEY_FILE/,
    ],
    [
      {
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_SASL_PASSWORD_FILE: 'FILE',
      },
      /^KAFKA_SASL_PASSWORD_FILE: and KAFKA_SASL_PASSWORD are both set/,
    ],
  ])('refuses %j, naming the variable', (env, message) => {
    const withFile = Object.fromEntries(
      Object.entries(env).map(([name, value]) => [name, value === 'FILE' ? file : value]),
    );
    expect(problems(withFile)).toEqual([expect.stringMatching(message)]);
  });

  it('never prints a password it refuses, but does print a file path', () => {
    const [problem] = problems({ KAFKA_SASL_PASSWORD: 'hunter2-secret' });
    expect(problem).toMatch(/^KAFKA_SASL_PASSWORD: .*\(value hidden\)$/);
    expect(
      problems({
        KAFKA_SSL: 'true',
        KAFKA_SSL_KEY_FILE: '/nowhere/k.pem',
        KAFKA_SSL_CERT_FILE: file,
      }).join(),
    ).toContain('/nowhere/k.pem');
  });
});
