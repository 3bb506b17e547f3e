import { EVENT_CATALOG, listEventTypes } from '../src/catalog';
import { DOMAIN_EVENT_ENVELOPE_SCHEMA } from '../src/domain-event';
import { EVENT_TOPIC_DEFAULTS, STREAM_TOPIC } from '../src/domain-topics';
import { DOMAIN_EVENT_TYPES, EVENT_TYPES } from '../src/event-types';
import { dataTypeName, typeDeclaration } from './typescript-types';

/*
 * The files generated from the catalog, as path (relative to packages/events) → content.
 * `npm run events:generate` writes them; a spec fails when one on disk differs.
 */

const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** src/event-data.ts: the TypeScript type of every event type's `data`. */
export function eventDataSource(): string {
  const declarations = listEventTypes().map(({ type, version, schema }) =>
    typeDeclaration(dataTypeName(type), {
      ...schema,
      description: `\`data\` of \`${type}\` (version ${version}): ${String(schema.description)}`,
    }),
  );
  const map = EVENT_TYPES.map((type) => `  '${type}': ${dataTypeName(type)};`);
  return [
    '// Generated from the JSON schemas of src/catalog by `npm run events:generate`; do not edit.',
    '// A spec (codegen/generated-files.spec.ts) fails when this file is stale.',
    '',
    ...declarations.flatMap((declaration) => [declaration, '']),
    '/** Every event type with the type of its `data`. */',
    'export type EventDataMap = {',
    ...map,
    '};',
    '',
    "/** The `data` of an event of type `T`, e.g. `EventData<'contact.created'>`. */",
    'export type EventData<T extends keyof EventDataMap> = EventDataMap[T];',
    '',
  ].join('\n');
}

/** schemas/<type>.schema.json: one file per event type, its `data` schema. */
export function dataSchemaFile(type: (typeof EVENT_TYPES)[number]): string {
  const { version, description, schema } = EVENT_CATALOG[type];
  return json({
    $schema: JSON_SCHEMA_DIALECT,
    $comment: `${type}, version ${version}: ${description} Validates the envelope's \`data\`; generated from the catalog of the @webhook-platform/events package.`,
    ...schema,
  });
}

/** schemas/envelope.schema.json: the message value every producer sends. */
export function envelopeSchemaFile(): string {
  return json({
    $schema: JSON_SCHEMA_DIALECT,
    $comment:
      "The value of every message on a domain topic (UTF-8 JSON). `data` must also satisfy the type's own schema, <type>.schema.json.",
    title: 'domain event envelope',
    ...DOMAIN_EVENT_ENVELOPE_SCHEMA,
    properties: {
      ...DOMAIN_EVENT_ENVELOPE_SCHEMA.properties,
      type: { type: 'string', enum: [...DOMAIN_EVENT_TYPES] },
    },
  });
}

/** schemas/catalog.json: every type with its version, topic, Kafka key and schema file. */
export function catalogFile(): string {
  return json({
    $comment:
      'The event catalog for producers in any language: publish a type on its topic, keyed by the value at `key` (docs/producers.md).',
    event_types: listEventTypes().map(({ type, version, description, stream, keyPath }) => ({
      type,
      version,
      description,
      published_by: stream === 'operational' ? 'platform' : 'producers',
      topic: EVENT_TOPIC_DEFAULTS[STREAM_TOPIC[stream]],
      key: `data.${keyPath.join('.')}`,
      schema: `${type}.schema.json`,
    })),
  });
}

/** Every generated file: path relative to packages/events → content. */
export function generatedFiles(): Record<string, string> {
  return {
    'src/event-data.ts': eventDataSource(),
    'schemas/envelope.schema.json': envelopeSchemaFile(),
    'schemas/catalog.json': catalogFile(),
    ...Object.fromEntries(
      EVENT_TYPES.map((type) => [`schemas/${type}.schema.json`, dataSchemaFile(type)]),
    ),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
