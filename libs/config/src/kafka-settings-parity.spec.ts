import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSettingsFromEnv } from '@webhook-platform/events';
import { KafkaSettings } from './kafka-settings';
import { InvalidConfigurationError, validateEnv } from './validate-env';

/*
 * Producers read the KAFKA_* variables with the events package's kafkaSettingsFromEnv (plain
 * code, no class-validator); the apps with KafkaSettings. Both must come to the same settings
 * and refuse the same variables, or a producer and the platform would connect differently.
 */

type Verdict = { settings: Record<string, unknown> } | { refused: string[] };

function apps(env: Record<string, string>): Verdict {
  try {
    return { settings: { ...validateEnv(KafkaSettings, env) } };
  } catch (error) {
    return { refused: names((error as InvalidConfigurationError).problems) };
  }
}

function producers(env: Record<string, string>): Verdict {
  try {
    const settings = kafkaSettingsFromEnv(env) as unknown as Record<string, unknown>;
    return {
      settings: Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
    };
  } catch (error) {
    return { refused: names((error as Error).message.split('\n').slice(1)) };
  }
}

/** The variables a list of problems names, each once, sorted. */
function names(problems: string[]): string[] {
  return [
    ...new Set(problems.map((problem) => problem.trim().replace(/^- /, '').split(':')[0])),
  ].sort();
}

describe('KAFKA_* read by the apps and by the events package', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-parity-'));
    file = join(dir, 'readable.pem');
    writeFileSync(file, 'x');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<Record<string, string>>([
    {},
    { KAFKA_BROKERS: 'a:9092, b:9093' },
    { KAFKA_BROKERS: 'nohost' },
    { KAFKA_BROKERS: ' , ' },
    { KAFKA_SSL: 'yes' },
    { KAFKA_SSL: 'maybe' },
    { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: 'FILE' },
    { KAFKA_SSL_CA_FILE: 'FILE' },
    { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nowhere/ca.pem' },
    { KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: 'FILE' },
    { KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: 'FILE', KAFKA_SSL_KEY_FILE: 'FILE' },
    { KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
    { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: 'FILE' },
    { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_PASSWORD: 'p' },
    { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' },
    { KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
    { KAFKA_SASL_USERNAME: 'u' },
    { KAFKA_SASL_PASSWORD: 'p' },
    {
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
      KAFKA_SASL_PASSWORD_FILE: 'FILE',
    },
  ])('%j: the same settings, or the same variables refused', (env) => {
    const withFile = Object.fromEntries(
      Object.entries(env).map(([name, value]) => [name, value === 'FILE' ? file : value]),
    );
    expect(producers(withFile)).toEqual(apps(withFile));
  });

  it('never prints a password in the package either', () => {
    expect(() => kafkaSettingsFromEnv({ KAFKA_SASL_PASSWORD: 'hunter2-secret' })).toThrow(
      /KAFKA_SASL_PASSWORD: is set but KAFKA_SASL_MECHANISM is not \(value hidden\)/,
    );
    expect(() => kafkaSettingsFromEnv({ KAFKA_SASL_PASSWORD: 'hunter2-secret' })).not.toThrow(
      /hunter2/,
    );
  });
});
