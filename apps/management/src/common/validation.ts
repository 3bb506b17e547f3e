import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Every constraint message, with nested properties spelled as a path (`headers.x-key`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    // Checks of one field may share a message: say it once.
    const own = [...new Set(Object.values(error.constraints ?? {}))].map((message) =>
      message.startsWith(error.property) || message.startsWith(`property ${error.property} `)
        ? message.replace(error.property, path)
        : `${path}: ${message}`,
    );
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/** The one validation pipe: unknown fields are refused, messages name the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
  });
}
