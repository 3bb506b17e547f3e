import { Transform } from 'class-transformer';

/** `a,b , c` → ['a', 'b', 'c']; an array passes through. */
export const CommaSeparated = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item.length > 0)
      : value,
  );

/** `true/1/yes` → true, `false/0/no` → false; anything else is kept for the validator to refuse. */
export const BooleanFlag = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const normalised = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(normalised)) return true;
    if (['false', '0', 'no'].includes(normalised)) return false;
    return value;
  });

/** A numeric string → number; anything else is kept for the validator to refuse. */
export const NumberFromString = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))
      ? Number(value)
      : value,
  );
