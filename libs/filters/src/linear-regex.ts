import { RE2JS } from 're2js';

export type RegexCheck =
  { ok: true; test: (value: string) => boolean } | { ok: false; reason: string };

/**
 * Compiles a `$regex` with RE2's linear-time engine (the pure-JS port, so nothing native to
 * build). What RE2 refuses — backreferences, lookaround — is exactly what can make a
 * backtracking engine take exponential time, so refusing it here keeps one event's match
 * bounded by its length. Unanchored, like JavaScript's `RegExp.test`.
 */
export function compileLinearRegex(pattern: string): RegexCheck {
  try {
    const regex = RE2JS.compile(pattern);
    return { ok: true, test: (value) => regex.test(value) };
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    return { ok: false, reason };
  }
}
