import { pathReader, type PathReader } from './body-path';
import {
  FIELD_OPERATORS,
  LOGICAL_OPERATORS,
  MAX_FILTER_BYTES,
  MAX_LOGICAL_NESTING,
  MAX_PATH_SEGMENTS,
  type FilterPredicate,
} from './filter-language';
import { isJsonObject, jsonEquals, selfOrSome } from './json-values';
import { compileLinearRegex } from './linear-regex';

/** A filter that failed validation; `problems` name the path of each. */
export class InvalidFilterError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'InvalidFilterError';
  }
}

const ALWAYS: FilterPredicate = () => true;
const NEVER: FilterPredicate = () => false;

function all(clauses: FilterPredicate[]): FilterPredicate {
  if (clauses.length === 0) return ALWAYS;
  if (clauses.length === 1) return clauses[0];
  return (body) => {
    for (const clause of clauses) if (!clause(body)) return false;
    return true;
  };
}

function any(clauses: FilterPredicate[]): FilterPredicate {
  return (body) => {
    for (const clause of clauses) if (clause(body)) return true;
    return false;
  };
}

const equalsOrHas = (field: unknown, operand: unknown) =>
  selfOrSome(field, (value) => jsonEquals(value, operand));

/**
 * One walk over a filter that both checks it and builds its evaluator, so what management
 * accepts and what the matcher runs cannot drift apart. Every problem is recorded with its
 * path (`filter.data.tags.$in must be a list`); the predicate is only used when there are none.
 */
class FilterCompiler {
  readonly problems: string[] = [];

  filter(value: unknown, label: string, prefix: readonly string[], nesting: number) {
    if (!isJsonObject(value)) return this.refuse(label, 'must be an object');
    const clauses: FilterPredicate[] = [];
    for (const [key, operand] of Object.entries(value)) {
      const here = `${label}.${key}`;
      if (key === '$and' || key === '$or')
        clauses.push(this.logical(key, operand, here, prefix, nesting + 1));
      else if (key.startsWith('$'))
        this.refuse(
          here,
          `is not allowed here: use ${LOGICAL_OPERATORS.join(' or ')}, or a field path`,
        );
      else clauses.push(this.field(key, operand, here, prefix, nesting));
    }
    return all(clauses);
  }

  private field(
    key: string,
    operand: unknown,
    here: string,
    prefix: readonly string[],
    nesting: number,
  ): FilterPredicate {
    const segments = key.split('.');
    if (segments.some((segment) => segment === ''))
      return this.refuse(here, 'has an empty path segment');
    const path = [...prefix, ...segments];
    if (path.length > MAX_PATH_SEGMENTS)
      return this.refuse(here, `is deeper than ${MAX_PATH_SEGMENTS} path segments`);
    if (!isJsonObject(operand)) {
      const read = pathReader(path);
      return (body) => equalsOrHas(read(body), operand);
    }
    const keys = Object.keys(operand);
    const operators = keys.filter((name) => name.startsWith('$')).length;
    if (keys.length === 0) return this.refuse(here, 'must not be an empty object');
    // No operator: a nested filter whose keys continue the path.
    if (operators === 0) return this.filter(operand, here, path, nesting);
    if (operators < keys.length) return this.refuse(here, 'mixes operators ($…) with field names');
    return this.operators(operand, here, path, nesting);
  }

  private operators(
    operands: Record<string, unknown>,
    here: string,
    path: readonly string[],
    nesting: number,
  ): FilterPredicate {
    const read = pathReader(path);
    const clauses: FilterPredicate[] = [];
    for (const [operator, operand] of Object.entries(operands)) {
      const at = `${here}.${operator}`;
      const clause = this.operator(operator, operand, at, read, path, nesting);
      if (clause) clauses.push(clause);
    }
    return all(clauses);
  }

  private operator(
    operator: string,
    operand: unknown,
    at: string,
    read: PathReader,
    path: readonly string[],
    nesting: number,
  ): FilterPredicate | undefined {
    switch (operator) {
      case '$eq':
        return (body) => equalsOrHas(read(body), operand);
      case '$neq':
        return (body) => !equalsOrHas(read(body), operand);
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        const compare = this.comparison(operator, operand, at);
        return compare && ((body) => selfOrSome(read(body), compare));
      }
      case '$in':
      case '$nin': {
        if (!Array.isArray(operand)) return this.refuse(at, 'must be a list');
        const list: unknown[] = operand;
        const isIn = (value: unknown) => list.some((item) => jsonEquals(value, item));
        return operator === '$in'
          ? (body) => selfOrSome(read(body), isIn)
          : (body) => !selfOrSome(read(body), isIn);
      }
      case '$exist':
        if (typeof operand !== 'boolean') return this.refuse(at, 'must be true or false');
        return (body) => (read(body) !== undefined) === operand;
      case '$regex': {
        if (typeof operand !== 'string') return this.refuse(at, 'must be a string');
        const regex = compileLinearRegex(operand);
        if (!regex.ok)
          return this.refuse(
            at,
            `is not a regular expression that runs in linear time (${regex.reason}); backreferences and lookaround are not supported`,
          );
        const { test } = regex;
        return (body) =>
          selfOrSome(read(body), (value) => typeof value === 'string' && test(value));
      }
      case '$and':
      case '$or':
        return this.logical(operator, operand, at, path, nesting + 1);
      default:
        return this.refuse(
          at,
          `is not a known operator (use ${[...FIELD_OPERATORS, ...LOGICAL_OPERATORS].join(', ')})`,
        );
    }
  }

  private comparison(
    operator: '$gt' | '$gte' | '$lt' | '$lte',
    operand: unknown,
    at: string,
  ): ((value: unknown) => boolean) | undefined {
    if (typeof operand !== 'number' && typeof operand !== 'string') {
      this.refuse(at, 'must be a number or a string');
      return undefined;
    }
    // Only like with like: a number field against a number, a string (an ISO time, say)
    // against a string; anything else does not match.
    const kind = typeof operand;
    switch (operator) {
      case '$gt':
        return (value) => typeof value === kind && (value as typeof operand) > operand;
      case '$gte':
        return (value) => typeof value === kind && (value as typeof operand) >= operand;
      case '$lt':
        return (value) => typeof value === kind && (value as typeof operand) < operand;
      case '$lte':
        return (value) => typeof value === kind && (value as typeof operand) <= operand;
    }
  }

  private logical(
    operator: '$and' | '$or',
    operand: unknown,
    at: string,
    prefix: readonly string[],
    nesting: number,
  ): FilterPredicate {
    if (nesting > MAX_LOGICAL_NESTING)
      return this.refuse(at, `nests $and/$or deeper than ${MAX_LOGICAL_NESTING} levels`);
    if (!Array.isArray(operand)) return this.refuse(at, 'must be a list of filters');
    if (operand.length === 0) return this.refuse(at, 'must list at least one filter');
    const parts = operand.map((sub, i) => this.filter(sub, `${at}[${i}]`, prefix, nesting));
    return operator === '$and' ? all(parts) : any(parts);
  }

  private refuse(label: string, message: string): FilterPredicate {
    this.problems.push(`${label} ${message}`);
    return NEVER;
  }
}

export interface FilterAnalysis {
  /** Empty when the filter is valid. */
  problems: string[];
  /** Meaningful only when there are no problems. */
  predicate: FilterPredicate;
}

/** Checks a filter and builds its evaluator in one pass; `name` starts every problem's path. */
export function analyseFilter(filter: unknown, name = 'filter'): FilterAnalysis {
  const compiler = new FilterCompiler();
  const bytes = Buffer.byteLength(JSON.stringify(filter) ?? '', 'utf8');
  if (bytes > MAX_FILTER_BYTES)
    return {
      problems: [`${name} must be at most ${MAX_FILTER_BYTES} bytes as JSON (it is ${bytes})`],
      predicate: NEVER,
    };
  const predicate = compiler.filter(filter, name, [], 0);
  return { problems: compiler.problems, predicate };
}

/** What is wrong with a filter, each naming its path; empty when it is valid. */
export function filterProblems(filter: unknown, name = 'filter'): string[] {
  return analyseFilter(filter, name).problems;
}

/**
 * The evaluator of a valid filter: regular expressions compiled once, here, not per event.
 * Throws InvalidFilterError otherwise.
 */
export function compileFilter(filter: unknown): FilterPredicate {
  const { problems, predicate } = analyseFilter(filter);
  if (problems.length > 0) throw new InvalidFilterError(problems);
  return predicate;
}
