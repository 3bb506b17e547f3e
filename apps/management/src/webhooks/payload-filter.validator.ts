import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { filterProblems } from '@app/filters';

/**
 * A payload filter, checked by @app/filters (the same walk the matcher compiles with); the
 * message names the path of each problem (`filter.data.tags.$in must be a list`). With
 * `allowNull`, null passes: on PATCH it removes the filter.
 */
export function IsPayloadFilter(allowNull = false, options?: ValidationOptions) {
  return (object: object, propertyName: string): void => {
    const problems = (value: unknown) =>
      allowNull && value === null ? [] : filterProblems(value, propertyName);
    registerDecorator({
      name: 'payloadFilter',
      target: object.constructor,
      propertyName,
      options: {
        ...options,
        message: (args: ValidationArguments) => problems(args.value).join('; '),
      },
      validator: { validate: (value: unknown) => problems(value).length === 0 },
    });
  };
}
