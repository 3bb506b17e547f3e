import { dataTypeName, typeDeclaration, typeOf } from './typescript-types';

describe('the TypeScript type of a JSON schema', () => {
  it('names a data type after its event type', () => {
    expect(dataTypeName('contact_details.updated')).toBe('ContactDetailsUpdatedData');
    expect(dataTypeName('form_submission.completed')).toBe('FormSubmissionCompletedData');
  });

  it.each([
    [{ type: 'string', format: 'uuid' }, 'string'],
    [{ type: ['string', 'null'] }, 'string | null'],
    [{ type: 'integer', minimum: 0 }, 'number'],
    [{ type: 'string', const: 'closed' }, "'closed'"],
    [{ type: 'string', enum: ['user', 'api'] }, "'user' | 'api'"],
    [{ anyOf: [{ type: 'string' }, { type: 'null' }] }, 'string | null'],
    [{ type: 'array', items: { type: 'string' } }, 'string[]'],
    [{ type: 'array', items: { type: ['string', 'null'] } }, 'Array<string | null>'],
    [{}, 'unknown'],
  ])('%j is %s', (schema, type) => {
    expect(typeOf(schema)).toBe(type);
  });

  it('makes required properties required, the rest optional', () => {
    expect(
      typeOf({
        type: 'object',
        properties: { id: { type: 'string' }, note: { type: 'string' } },
        required: ['id'],
        additionalProperties: false,
      }),
    ).toBe('{\n  id: string;\n  note?: string;\n}');
  });

  it('leaves an open object open, and types the values of a map', () => {
    expect(typeOf({ type: 'object', properties: {}, additionalProperties: true })).toBe(
      '{\n  [key: string]: unknown;\n}',
    );
    expect(typeOf({ type: 'object' })).toBe('{\n  [key: string]: unknown;\n}');
    expect(typeOf({ type: 'object', additionalProperties: { type: 'boolean' } })).toBe(
      '{\n  [key: string]: boolean;\n}',
    );
  });

  it('carries descriptions over as doc comments', () => {
    expect(
      typeDeclaration('Tag', {
        type: 'object',
        description: 'A label.',
        properties: { color: { type: 'string', description: 'Hex, e.g. #1565C0.' } },
        additionalProperties: false,
      }),
    ).toBe(
      '/** A label. */\nexport type Tag = {\n  /** Hex, e.g. #1565C0. */\n  color?: string;\n};',
    );
  });

  it('refuses a JSON Schema type it has no TypeScript for, rather than guess', () => {
    expect(() => typeOf({ type: 'tuple' })).toThrow(
      /no TypeScript type for JSON Schema type tuple/,
    );
  });
});
