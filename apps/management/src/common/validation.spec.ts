import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation';

describe('flattenValidationErrors', () => {
  it('names nested fields by their path', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      {
        property: 'headers',
        children: [
          { property: 'x-key', constraints: { custom: 'must not contain CR or LF' }, children: [] },
        ],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      'name must be a string',
      'headers.x-key: must not contain CR or LF',
    ]);
  });

  it('says a message shared by several checks of one field once', () => {
    const message = 'rate_limit must be a whole number from 1 to 10000';
    const errors: ValidationError[] = [
      { property: 'rate_limit', constraints: { isInt: message, min: message, max: message } },
    ];
    expect(flattenValidationErrors(errors)).toEqual([message]);
  });
});
