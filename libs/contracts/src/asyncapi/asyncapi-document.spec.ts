import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { DomainEventValidator, EVENT_CATALOG, EVENT_TYPES } from '@webhook-platform/events';
import { RECORD_FORMAT_HEADER, RECORD_FORMAT_VERSION } from '../record-format';
import { STREAM_TOPIC, TOPIC_DEFAULTS, type TopicKey } from '../topics';
import {
  ASYNCAPI_DOCUMENT_PATH,
  STREAM_KEYS,
  buildAsyncApiDocument,
  renderAsyncApiYaml,
  valueAt,
} from './asyncapi-document';

const root = join(__dirname, '..', '..', '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
};

interface Message {
  headers?: unknown;
  payload: unknown;
  examples?: Array<{ name: string; summary?: string; headers?: unknown; payload: unknown }>;
  bindings?: { kafka?: { key?: { description?: string } } };
}
interface Channel {
  address: string;
  messages: Record<string, { $ref: string }>;
}
interface Document {
  channels: Record<string, Channel>;
  operations: Record<string, { channel: { $ref: string }; messages: Array<{ $ref: string }> }>;
  components: { schemas: Record<string, unknown>; messages: Record<string, Message> };
}

const document = buildAsyncApiDocument({ version }) as unknown as Document;

/** Follows a local `#/a/b/c` reference. */
function follow(pointer: string): unknown {
  expect(pointer.startsWith('#/')).toBe(true);
  return valueAt(document, pointer.slice(2).split('/'));
}

/** The schema with every local `$ref` replaced by its target, for Ajv. */
function inline(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inline);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $ref, ...rest } = schema as Record<string, unknown>;
  if (typeof $ref === 'string') {
    const target = follow($ref);
    expect(target).toBeDefined();
    return inline(target);
  }
  return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, inline(value)]));
}

/**
 * The paths in `value` its schema does not name. Platform records are open (readers ignore
 * what they do not know), so validation alone would not notice an example (typed with the
 * contract's interface) with a field the schema lacks.
 */
function unnamed(schema: unknown, value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const { properties, items, additionalProperties } = schema as {
    properties?: Record<string, unknown>;
    items?: unknown;
    additionalProperties?: unknown;
  };
  if (Array.isArray(value))
    return items ? value.flatMap((item, i) => unnamed(items, item, `${path}/${i}`)) : [];
  if (!properties || additionalProperties === true) return [];
  return Object.entries(value).flatMap(([name, child]) =>
    name in properties ? unnamed(properties[name], child, `${path}/${name}`) : [`${path}/${name}`],
  );
}

function messageOf(channelKey: string, messageId: string): Message {
  const reference = document.channels[channelKey].messages[messageId];
  expect(reference).toBeDefined();
  return follow(reference.$ref) as Message;
}

describe('AsyncAPI document', () => {
  // The same options as the platform's validators: strict, with formats.
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);

  it('is committed exactly as a fresh generation (run `npm run docs:asyncapi`)', () => {
    const committed = readFileSync(join(root, ASYNCAPI_DOCUMENT_PATH), 'utf8');
    expect(committed).toBe(renderAsyncApiYaml(buildAsyncApiDocument({ version })));
    expect(parse(committed)).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('has one channel per topic, at its default name', () => {
    const addresses = Object.fromEntries(
      Object.entries(document.channels).map(([key, channel]) => [key, channel.address]),
    );
    expect(addresses).toEqual(TOPIC_DEFAULTS);
  });

  it('resolves every reference of every operation', () => {
    for (const operation of Object.values(document.operations)) {
      expect(follow(operation.channel.$ref)).toBeDefined();
      for (const message of operation.messages) expect(follow(message.$ref)).toBeDefined();
    }
  });

  describe.each(EVENT_TYPES.map((type) => [type]))('%s', (type) => {
    const definition = EVENT_CATALOG[type];
    const channelKey: TopicKey = STREAM_TOPIC[definition.stream];

    it('is a message of its stream’s channel, with the catalog example valid against its schema', () => {
      const message = messageOf(channelKey, type);
      const validate = ajv.compile(inline(message.payload) as object);
      expect(message.examples).toHaveLength(1);
      const example = message.examples![0].payload as { data: unknown };
      expect(example.data).toEqual(definition.example);
      const valid = validate(example);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      // The platform's own validator accepts the example too.
      expect(new DomainEventValidator().validate(example)).toMatchObject({ ok: true });
    });

    it('documents the Kafka key the publisher uses', () => {
      const message = messageOf(channelKey, type);
      const { path } = STREAM_KEYS[definition.stream];
      const example = message.examples![0].payload as { data: Record<string, unknown> };
      const key = definition.aggregateIdOf(example.data);
      expect(valueAt(example.data, path)).toBe(key);
      expect(message.bindings?.kafka?.key?.description).toContain(`data.${path.join('.')}`);
      expect(message.examples![0].summary).toBe(`Kafka key: ${key}`);
    });
  });

  it('lists no event type twice and no other on the domain channels', () => {
    const listed = Object.values(STREAM_TOPIC).flatMap((key) =>
      Object.keys(document.channels[key].messages),
    );
    expect(listed.sort()).toEqual([...EVENT_TYPES].sort());
  });

  const platformMessages = Object.entries(document.channels)
    .filter(([key]) => !(Object.values(STREAM_TOPIC) as string[]).includes(key))
    .flatMap(([key, channel]) => Object.keys(channel.messages).map((id) => [key, id]));

  it.each(platformMessages)('%s: %s has examples valid against its schema', (key, id) => {
    const message = messageOf(key, id);
    const schema = inline(message.payload);
    const validate = ajv.compile(schema as object);
    expect(message.examples?.length).toBeGreaterThan(0);
    for (const example of message.examples ?? []) {
      const valid = validate(example.payload);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(unnamed(schema, example.payload)).toEqual([]);
    }
  });

  it.each(platformMessages)('%s: %s carries the format version header', (key, id) => {
    const message = messageOf(key, id);
    const validate = ajv.compile(inline(message.headers) as object);
    for (const example of message.examples ?? []) {
      expect(example.headers).toEqual({ [RECORD_FORMAT_HEADER]: RECORD_FORMAT_VERSION });
      expect(validate(example.headers)).toBe(true);
    }
    expect(validate({ [RECORD_FORMAT_HEADER]: '1.0.1' })).toBe(false);
  });
});
