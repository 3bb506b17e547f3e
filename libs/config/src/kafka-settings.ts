import { accessSync, constants } from 'node:fs';
import {
  ArrayNotEmpty,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { Transform } from 'class-transformer';
import {
  SASL_MECHANISMS,
  type KafkaConnectionSettings,
  type SaslMechanism,
} from '@webhook-platform/events';
import { BooleanFlag, CommaSeparated } from './transforms';

export { SASL_MECHANISMS, type SaslMechanism };

/** The path names a file this process can read; checked once, at start. */
function IsReadableFile() {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isReadableFile',
      target: target.constructor,
      propertyName: property,
      options: {
        message: (args: ValidationArguments) => `cannot read the file ${String(args.value)}`,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || value === '') return false;
          try {
            accessSync(value, constants.R_OK);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

/** A rule between settings, checked only when this one is set; the message names the other. */
function WhenSet(message: string, holds: (settings: KafkaSettings) => boolean) {
  return (target: object, property: string) =>
    registerDecorator({
      // The name keys the error's constraints: one per rule, or two rules would share a message.
      name: `whenSet: ${message}`,
      target: target.constructor,
      propertyName: property,
      options: { message },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === undefined || holds(args.object as KafkaSettings),
      },
    });
}

const tlsOn = (settings: KafkaSettings) => settings.KAFKA_SSL === true;
const saslOn = (settings: KafkaSettings) => settings.KAFKA_SASL_MECHANISM !== undefined;

/**
 * How a client reaches the Kafka cluster: brokers, TLS and SASL. Every Kafka client of the
 * platform (apps, topic CLI, benchmarks, drills) is built from these, so a cluster that
 * needs TLS or SASL works everywhere once these variables are set. Plaintext by default.
 * Producers read the same variables with the events package's kafkaSettingsFromEnv, which
 * kafka-settings-parity.spec.ts holds to the same verdicts.
 */
export class KafkaSettings implements KafkaConnectionSettings {
  @CommaSeparated()
  @ArrayNotEmpty({ message: 'must list at least one broker' })
  @Matches(/^[^\s:,]+:\d{1,5}$/, {
    each: true,
    message: 'must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  /** TLS to the brokers, verified against the system's CAs or KAFKA_SSL_CA_FILE. */
  @BooleanFlag()
  @IsBoolean({ message: 'must be true or false' })
  KAFKA_SSL = false;

  /** PEM file of the CA(s) that signed the brokers' certificates (a private CA). */
  @IsOptional()
  @WhenSet('is set but KAFKA_SSL is not true', tlsOn)
  @IsReadableFile()
  KAFKA_SSL_CA_FILE?: string;

  /** PEM client certificate for mutual TLS; needs KAFKA_SSL_KEY_FILE. */
  @IsOptional()
  @WhenSet('is set but KAFKA_SSL is not true', tlsOn)
  @WhenSet('needs KAFKA_SSL_KEY_FILE (mutual TLS takes both)', (s) => !!s.KAFKA_SSL_KEY_FILE)
  @IsReadableFile()
  KAFKA_SSL_CERT_FILE?: string;

  /** PEM private key of the client certificate; needs KAFKA_SSL_CERT_FILE. */
  @IsOptional()
  @WhenSet('is set but KAFKA_SSL is not true', tlsOn)
  @WhenSet('needs KAFKA_SSL_CERT_FILE (mutual TLS takes both)', (s) => !!s.KAFKA_SSL_CERT_FILE)
  @IsReadableFile()
  KAFKA_SSL_KEY_FILE?: string;

  /** SASL authentication; unset means none. Needs a username and a password. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsOptional()
  @IsIn(SASL_MECHANISMS, { message: `must be one of ${SASL_MECHANISMS.join(', ')}` })
  @WhenSet('needs KAFKA_SASL_USERNAME', (s) => !!s.KAFKA_SASL_USERNAME)
  @WhenSet(
    'needs KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE',
    (s) => s.KAFKA_SASL_PASSWORD !== undefined || s.KAFKA_SASL_PASSWORD_FILE !== undefined,
  )
  KAFKA_SASL_MECHANISM?: SaslMechanism;

  @IsOptional()
  @IsString()
  @WhenSet('is set but KAFKA_SASL_MECHANISM is not', saslOn)
  KAFKA_SASL_USERNAME?: string;

  /** The SASL password itself; or KAFKA_SASL_PASSWORD_FILE, never both. */
  @IsOptional()
  @IsString()
  @WhenSet('is set but KAFKA_SASL_MECHANISM is not', saslOn)
  KAFKA_SASL_PASSWORD?: string;

  /** A file holding the SASL password (a mounted secret); a trailing newline is ignored. */
  @IsOptional()
  @WhenSet('is set but KAFKA_SASL_MECHANISM is not', saslOn)
  @WhenSet(
    'and KAFKA_SASL_PASSWORD are both set: set one',
    (s) => s.KAFKA_SASL_PASSWORD === undefined,
  )
  @IsReadableFile()
  KAFKA_SASL_PASSWORD_FILE?: string;
}
