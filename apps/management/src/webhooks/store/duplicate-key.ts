/**
 * Is this a unique-index violation? MongoDB says code 11000; FerretDB 1.x says so on insert
 * but reports an update that breaks a unique index as an internal error carrying
 * PostgreSQL's unique-violation state (SQLSTATE 23505).
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 11000 || (typeof message === 'string' && /\(SQLSTATE 23505\)/.test(message));
}
