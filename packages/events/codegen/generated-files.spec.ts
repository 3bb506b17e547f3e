import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EVENT_CATALOG, EVENT_TYPES } from '../src';
import { generatedFiles } from './generated-files';

const root = join(__dirname, '..');
const files = generatedFiles();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('generated files (npm run events:generate)', () => {
  it.each(Object.keys(files))('%s is up to date with the catalog', (path) => {
    expect(existsSync(join(root, path))).toBe(true);
    expect(read(path)).toBe(files[path]);
  });

  it('has no schema file left over from a type that is gone', () => {
    expect(readdirSync(join(root, 'schemas')).map((name) => `schemas/${name}`)).toEqual(
      Object.keys(files)
        .filter((path) => path.startsWith('schemas/'))
        .sort(),
    );
  });

  // Other languages validate with these files alone: each must compile on its own, and accept
  // the catalog's example and refuse a broken one, as the platform's own validator does.
  it.each(EVENT_TYPES.map((type) => [type]))(
    'schemas/%s.schema.json stands alone and judges data as the catalog does',
    (type) => {
      const ajv = new Ajv2020({ strict: true });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(read(`schemas/${type}.schema.json`)) as object);
      expect(validate(EVENT_CATALOG[type].example)).toBe(true);
      expect(validate({})).toBe(false);
    },
  );

  it('envelope.schema.json accepts a domain event and refuses an operational type', () => {
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(read('schemas/envelope.schema.json')) as object);
    const event = {
      id: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11',
      type: 'contact.created',
      organisation_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
      occurred_at: '2026-11-23T10:00:00.000Z',
      data: EVENT_CATALOG['contact.created'].example,
    };
    expect(validate(event)).toBe(true);
    expect(validate({ ...event, type: 'webhook.disabled' })).toBe(false);
    expect(validate({ ...event, extra: 1 })).toBe(false);
  });

  it('catalog.json gives every type its version, topic and key', () => {
    const catalog = JSON.parse(read('schemas/catalog.json')) as {
      event_types: { type: string; version: number; topic: string; key: string }[];
    };
    expect(catalog.event_types.find((entry) => entry.type === 'conversation.close')).toEqual(
      expect.objectContaining({
        version: 1,
        topic: 'domain.conversations',
        key: 'data.conversation.id',
        published_by: 'producers',
      }),
    );
    expect(catalog.event_types.map((entry) => entry.type)).toEqual([...EVENT_TYPES]);
  });
});
