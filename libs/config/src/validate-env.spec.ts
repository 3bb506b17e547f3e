import { IsInt, MinLength, Max, Min } from 'class-validator';
import { BaseConfig } from './base-config';
import { BooleanFlag, NumberFromString } from './transforms';
import { InvalidConfigurationError, validateEnv } from './validate-env';
import { IsBoolean } from 'class-validator';

class ExampleConfig extends BaseConfig {
  @NumberFromString()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3999;

  @BooleanFlag()
  @IsBoolean()
  FEATURE = false;

  @MinLength(24)
  ADMIN_TOKEN = 'a-default-token-long-enough';
}

describe('validateEnv', () => {
  it('applies defaults when nothing is set', () => {
    const config = validateEnv(ExampleConfig, {});
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:27017/webhooks');
    expect(config.PORT).toBe(3999);
    expect(config.FEATURE).toBe(false);
  });

  it('converts strings into lists, numbers and booleans', () => {
    const config = validateEnv(ExampleConfig, {
      KAFKA_BROKERS: 'a:9092, b:9093',
      PORT: '4000',
      FEATURE: 'yes',
    });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(config.PORT).toBe(4000);
    expect(config.FEATURE).toBe(true);
  });

  it.each([
    ['KAFKA_BROKERS', 'localhost'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['MONGODB_URI', 'postgres://x'],
    ['FEATURE', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => validateEnv(ExampleConfig, { [name]: value })).toThrow(InvalidConfigurationError);
    expect(() => validateEnv(ExampleConfig, { [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('names a bad credential but never prints its value', () => {
    expect(() => validateEnv(ExampleConfig, { ADMIN_TOKEN: 'hunter2' })).toThrow(
      'ADMIN_TOKEN: must be longer than or equal to 24 characters (value hidden)',
    );
    expect(() => validateEnv(ExampleConfig, { ADMIN_TOKEN: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
