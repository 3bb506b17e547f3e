/** Reads one dotted path's value out of a callback body; undefined when it is not there. */
export type PathReader = (body: unknown) => unknown;

interface Step {
  key: string;
  /** The list index the segment names, or -1 when it is not a whole number. */
  index: number;
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

function read(current: unknown, steps: readonly Step[], from: number): unknown {
  for (let i = from; i < steps.length; i++) {
    const { key, index } = steps[i];
    if (Array.isArray(current)) {
      if (index >= 0) {
        current = current[index];
        continue;
      }
      // A name on a list (`data.tags.name`): that field of every item, as one list.
      const values: unknown[] = [];
      for (const item of current) {
        const value = read(item, steps, i);
        if (Array.isArray(value)) values.push(...(value as unknown[]));
        else if (value !== undefined) values.push(value);
      }
      return values.length > 0 ? values : undefined;
    }
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key))
      return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A reader for a path split into segments, prepared once per filter. A segment that is a
 * whole number picks a list element; any other name on a list reads it from every item.
 * Only own properties are read, so `constructor` or `__proto__` never reach the prototype.
 */
export function pathReader(segments: readonly string[]): PathReader {
  const steps = segments.map((key) => ({ key, index: ARRAY_INDEX.test(key) ? Number(key) : -1 }));
  return (body) => read(body, steps, 0);
}
