import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { headerProblems } from './header-rules';

/** `headers`: an object of header name → value, checked by headerProblems. */
export function IsWebhookHeaders(allowNull = false, options?: ValidationOptions) {
  return (object: object, propertyName: string): void => {
    registerDecorator({
      name: 'webhookHeaders',
      target: object.constructor,
      propertyName,
      options: {
        ...options,
        message: (args: ValidationArguments) => headerProblems(args.value, allowNull).join('; '),
      },
      validator: {
        validate: (value: unknown) => headerProblems(value, allowNull).length === 0,
      },
    });
  };
}
