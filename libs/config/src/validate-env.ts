import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Thrown at start-up when the environment is invalid; the message names each variable. */
export class InvalidConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidConfigurationError';
  }
}

/**
 * Reads the environment once into a typed, validated config object: defaults
 * are the class's initialisers, transforms turn strings into numbers, lists and booleans.
 */
export function validateEnv<T extends object>(
  configClass: ClassConstructor<T>,
  env: Record<string, string | undefined> = process.env,
): T {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(configClass, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new InvalidConfigurationError(errors.flatMap(describe));
  return config;
}

/**
 * Variables whose values are credentials: an error names them but never prints the value.
 * A `_FILE` variable holds the path of one, which the operator needs to see.
 */
const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD/;
const isSecret = (name: string) => SECRET_NAME.test(name) && !name.endsWith('_FILE');

function describe(error: ValidationError): string[] {
  const value =
    error.value === undefined
      ? 'not set'
      : isSecret(error.property)
        ? 'value hidden'
        : `got ${JSON.stringify(error.value)}`;
  const messages = Object.values(error.constraints ?? {}).map((message) =>
    message.replace(`${error.property} `, ''),
  );
  return [`${error.property}: ${messages.join('; ')} (${value})`];
}
