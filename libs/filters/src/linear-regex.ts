import { LRUCache } from 'lru-cache';
import { RE2JS } from 're2js';

export type RegexCheck =
  { ok: true; test: (value: string) => boolean } | { ok: false; reason: string };

/**
 * Compiled patterns, shared: a compiled RE2JS program takes about 11 KiB, and webhooks of one
 * organisation often repeat a pattern. Compiled programs are immutable, so sharing is safe;
 * one evicted here lives on in the filters that hold it.
 */
const compiled = new LRUCache<string, RegexCheck>({ max: 10_000 });

/**
 * Compiles a `$regex` with RE2's linear-time engine (the pure-JS port, so nothing native to
 * build). What RE2 refuses — backreferences, lookaround — is exactly what can make a
 * backtracking engine take exponential time, so refusing it here keeps one event's match
 * bounded by its length. Unanchored, like JavaScript's `RegExp.test`.
 */
export function compileLinearRegex(pattern: string): RegexCheck {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  let check: RegexCheck;
  try {
    const regex = RE2JS.compile(pattern);
    check = { ok: true, test: (value) => regex.test(value) };
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    check = { ok: false, reason };
  }
  compiled.set(pattern, check);
  return check;
}
