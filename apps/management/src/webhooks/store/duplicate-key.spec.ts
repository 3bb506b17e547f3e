import { isDuplicateKeyError } from './duplicate-key';

describe('isDuplicateKeyError', () => {
  it('knows MongoDB’s and FerretDB’s answers to a unique-index violation', () => {
    expect(isDuplicateKeyError({ code: 11000, message: 'E11000 duplicate key error' })).toBe(true);
    expect(
      isDuplicateKeyError({
        code: 1,
        message:
          'ERROR: duplicate key value violates unique constraint "webhooks_idx" (SQLSTATE 23505)',
      }),
    ).toBe(true);
  });

  it('leaves other errors alone', () => {
    expect(isDuplicateKeyError({ code: 1, message: 'connection reset' })).toBe(false);
    expect(isDuplicateKeyError(new Error('(SQLSTATE 40001) serialization failure'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });
});
