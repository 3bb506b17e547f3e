/** Reads one dotted path's value out of a callback body; undefined when it is not there. */
export type PathReader = (body: unknown) => unknown;

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * A reader for a path split into segments, prepared once per filter. A segment that is a
 * whole number picks a list element; only own properties are read, so `constructor` or
 * `__proto__` never reach the prototype.
 */
export function pathReader(segments: readonly string[]): PathReader {
  const steps = segments.map((key) => ({ key, index: ARRAY_INDEX.test(key) ? Number(key) : -1 }));
  return (body) => {
    let current = body;
    for (const { key, index } of steps) {
      if (Array.isArray(current)) {
        if (index < 0) return undefined;
        current = current[index];
      } else if (typeof current === 'object' && current !== null) {
        if (!Object.hasOwn(current, key)) return undefined;
        current = (current as Record<string, unknown>)[key];
      } else {
        return undefined;
      }
    }
    return current;
  };
}
