/*
 * The payload filter language (docs/design.md, "Payload filters"): a JSON object whose keys
 * are dotted paths into the callback body and whose values are plain values (equality, or
 * membership when the field is a list) or operator objects; `$and` / `$or` combine lists of
 * filters, and several keys at one level must all hold.
 */

/** Any JSON value a filter may hold. */
export type FilterJson =
  string | number | boolean | null | FilterJson[] | { [key: string]: FilterJson };

/** A filter as stored and sent: a JSON object (validated by filterProblems). */
export type PayloadFilter = { [key: string]: FilterJson };

/** Decides whether one callback body passes a compiled filter. */
export type FilterPredicate = (body: unknown) => boolean;

/** Operators on one field's value. */
export const FIELD_OPERATORS = [
  '$eq',
  '$neq',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exist',
  '$regex',
] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

/** Operators that combine whole filters. */
export const LOGICAL_OPERATORS = ['$and', '$or'] as const;
export type LogicalOperator = (typeof LOGICAL_OPERATORS)[number];

/** Segments a path may have, counted from the body's root (nested keys included). */
export const MAX_PATH_SEGMENTS = 8;
/** `$and` / `$or` nested in one another at most this deep. */
export const MAX_LOGICAL_NESTING = 8;
/** A filter's size as UTF-8 JSON, at most. */
export const MAX_FILTER_BYTES = 4096;
