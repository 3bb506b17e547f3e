import { ValidateIf } from 'class-validator';

/**
 * Like @IsOptional, but only an absent field is skipped: an explicit `null` is still
 * validated (and refused), so `{"name": null}` cannot slip through to the database.
 */
export const OptionalField = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Absent or `null` skips validation: for fields where null means "none" (e.g. no limit). */
export const NullableField = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null);
