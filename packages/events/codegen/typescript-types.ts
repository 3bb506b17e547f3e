import type { JsonSchema } from '../src/catalog';

/*
 * Writes the TypeScript type of a JSON Schema, for the subset the catalog uses (see
 * src/catalog/shared-schemas.ts): `type` (one or a list), `properties` with `required`,
 * `additionalProperties` (false, true or a schema), `items`, `enum`, `const`, `anyOf`.
 * Keywords that only narrow a value (`format`, `pattern`, `minimum`, `minLength`) have no
 * TypeScript counterpart: the validator checks them at run time. Each `description` becomes
 * the property's doc comment.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PRIMITIVES: Record<string, string> = {
  string: 'string',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  null: 'null',
};

/** `contact_details.updated` → `ContactDetailsUpdatedData`. */
export function dataTypeName(eventType: string): string {
  const words = eventType.split(/[._]/).map((word) => word[0].toUpperCase() + word.slice(1));
  return `${words.join('')}Data`;
}

/** The type of values `schema` accepts, indented for a nesting depth of `depth`. */
export function typeOf(schema: JsonSchema, depth = 0): string {
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(' | ');
  if (Array.isArray(schema.anyOf))
    return union((schema.anyOf as JsonSchema[]).map((branch) => typeOf(branch, depth)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  if (types[0] === undefined) return 'unknown';
  return union(
    types.map((type) => {
      if (type === 'object') return objectType(schema, depth);
      if (type === 'array') return arrayType(schema, depth);
      const primitive = PRIMITIVES[String(type)];
      if (!primitive) throw new Error(`no TypeScript type for JSON Schema type ${String(type)}`);
      return primitive;
    }),
  );
}

/** A literal type as the repository writes it: strings in single quotes. */
function literal(value: unknown): string {
  return typeof value === 'string'
    ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : JSON.stringify(value);
}

function union(members: string[]): string {
  return [...new Set(members)].join(' | ');
}

function arrayType(schema: JsonSchema, depth: number): string {
  const items = schema.items ? typeOf(schema.items as JsonSchema, depth) : 'unknown';
  return items.includes(' | ') || items.includes('\n') ? `Array<${items}>` : `${items}[]`;
}

function objectType(schema: JsonSchema, depth: number): string {
  const inner = '  '.repeat(depth + 1);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const lines: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    lines.push(...docComment(property.description, inner));
    const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
    lines.push(`${inner}${key}${required.has(name) ? '' : '?'}: ${typeOf(property, depth + 1)};`);
  }
  // Absent `additionalProperties` means any further property is allowed, as `true` does.
  const additional = schema.additionalProperties ?? true;
  if (additional !== false) {
    const value = additional === true ? 'unknown' : typeOf(additional as JsonSchema, depth + 1);
    lines.push(`${inner}[key: string]: ${value};`);
  }
  return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`;
}

function docComment(description: unknown, indent: string): string[] {
  if (typeof description !== 'string') return [];
  return [`${indent}/** ${description.replace(/\*\//g, '*\\/')} */`];
}

/** One named type declaration for `schema`, with its description as doc comment. */
export function typeDeclaration(name: string, schema: JsonSchema): string {
  return [...docComment(schema.description, ''), `export type ${name} = ${typeOf(schema)};`].join(
    '\n',
  );
}
