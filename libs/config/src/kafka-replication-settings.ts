import {
  IsInt,
  IsOptional,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { KafkaSettings } from './kafka-settings';
import { NumberFromString } from './transforms';

/** Kafka takes a replication factor as a 16-bit integer. */
const MAX_REPLICAS = 32767;

/** Writes with acks=all need this many in-sync replicas: more than there are fails every write. */
function AtMostReplicationFactor() {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'atMostReplicationFactor',
      target: target.constructor,
      propertyName: property,
      options: { message: 'must not exceed KAFKA_REPLICATION_FACTOR' },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const factor = (args.object as KafkaReplicationSettings).KAFKA_REPLICATION_FACTOR;
          return factor === undefined || typeof value !== 'number' || value <= factor;
        },
      },
    });
}

/**
 * How the platform's topics are replicated when an app or `npm run topics` creates them, and
 * what `npm run topics` checks: unset means the broker's own defaults.
 */
export class KafkaReplicationSettings extends KafkaSettings {
  /** Replicas of every partition of a topic the platform creates. */
  @IsOptional()
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(MAX_REPLICAS)
  KAFKA_REPLICATION_FACTOR?: number;

  /** `min.insync.replicas` of every topic of the platform. */
  @IsOptional()
  @NumberFromString()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @AtMostReplicationFactor()
  KAFKA_MIN_INSYNC_REPLICAS?: number;
}
