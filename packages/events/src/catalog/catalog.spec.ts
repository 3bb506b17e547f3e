import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DOMAIN_EVENT_TYPES, EVENT_TYPES, type EventType } from '../event-types';
import { EVENT_CATALOG, listEventTypes } from './index';
import { EXAMPLE_ORGANISATION_ID } from './shared-schemas';

// The same options producers' and the matcher's validators use: strict mode makes an unknown
// keyword or a sloppy type a compile error here rather than a silently ignored rule there.
function compileAll(): Record<EventType, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [type, ajv.compile(EVENT_CATALOG[type].schema)]),
  ) as Record<EventType, ValidateFunction>;
}

type Path = readonly (string | number)[];

function isContainer(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A deep copy of `type`'s example with `change` applied at `path`, for negative cases. */
function exampleWith(type: EventType, path: Path, change: { set: unknown } | 'delete'): unknown {
  const copy = structuredClone(EVENT_CATALOG[type].example);
  let parent: unknown = copy;
  for (const key of path.slice(0, -1)) {
    parent = isContainer(parent) ? parent[key] : undefined;
  }
  const last = path[path.length - 1];
  if (!isContainer(parent) || last === undefined)
    throw new Error(`no ${path.join('.')} in ${type}`);
  if (change === 'delete') delete parent[last];
  else parent[last] = change.set;
  return copy;
}

/** Every `organisation_id` anywhere in a payload. */
function organisationIds(value: unknown): unknown[] {
  if (!isContainer(value)) return [];
  const own = 'organisation_id' in value ? [value.organisation_id] : [];
  return [...own, ...Object.values(value).flatMap(organisationIds)];
}

const STREAM_OF_PREFIX = [
  ['contact', 'contacts'],
  ['conversation.', 'conversations'],
  ['form_submission.', 'form-submissions'],
  ['delivery.', 'operational'],
  ['webhook.', 'operational'],
] as const;

describe('event catalog', () => {
  const validators = compileAll();

  it('defines exactly the 15 domain and 3 operational event types, each under its own name', () => {
    expect(Object.keys(EVENT_CATALOG).sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPES).toHaveLength(18);
    expect(
      DOMAIN_EVENT_TYPES.filter((type) => EVENT_CATALOG[type].stream !== 'operational'),
    ).toHaveLength(15);
    expect(EVENT_TYPES.filter((type) => EVENT_CATALOG[type].stream === 'operational')).toEqual([
      'delivery.dead_lettered',
      'delivery.recovered',
      'webhook.disabled',
    ]);
    for (const type of EVENT_TYPES) expect(EVENT_CATALOG[type].type).toBe(type);
  });

  it('lists the definitions in EVENT_TYPES order', () => {
    expect(listEventTypes().map((definition) => definition.type)).toEqual([...EVENT_TYPES]);
  });

  describe.each(EVENT_TYPES.map((type) => [type]))('%s', (type) => {
    const definition = EVENT_CATALOG[type];

    it('has a one-sentence description and the stream its name implies', () => {
      expect(definition.description).toMatch(/^[A-Z].*\.$/);
      const stream = STREAM_OF_PREFIX.find(([prefix]) => type.startsWith(prefix))?.[1];
      expect(definition.stream).toBe(stream);
    });

    it('has an example that satisfies its schema', () => {
      const validate = validators[type];
      const valid = validate(definition.example);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('has an example that belongs to the shared example organisation', () => {
      const ids = organisationIds(definition.example);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids)).toEqual(new Set([EXAMPLE_ORGANISATION_ID]));
    });

    it('derives a non-empty aggregate id from its example', () => {
      const id = definition.aggregateIdOf(definition.example);
      expect(typeof id).toBe('string');
      expect(id.length).toBeGreaterThan(0);
    });

    it('refuses to derive an aggregate id from data without one', () => {
      expect(() => definition.aggregateIdOf({})).toThrow(TypeError);
    });
  });

  it('keys contacts and form submissions by their id, conversation events by the conversation', () => {
    const keyOf = (type: EventType) =>
      EVENT_CATALOG[type].aggregateIdOf(EVENT_CATALOG[type].example);
    expect(keyOf('contact.created')).toBe('ebde67d4-8efd-4ec8-bda1-237f183ce7a1');
    expect(keyOf('conversation.inbound')).toBe('73d0f2a9-d52c-4542-92df-7e0f0bb1a2b9');
    expect(keyOf('conversation.close')).toBe(keyOf('conversation.inbound'));
    expect(keyOf('form_submission.completed')).toBe('b3b3cc2a-90e5-4c70-b5ee-ef497b3d4acc');
    expect(keyOf('webhook.disabled')).toBe('a4d1f1c2-3b5e-4f6a-8b7c-9d0e1f2a3b4c');
    expect(keyOf('delivery.dead_lettered')).toBe(keyOf('webhook.disabled'));
  });

  type Rejection = [
    label: string,
    type: EventType,
    path: Path,
    change: { set: unknown } | 'delete',
    expected: Partial<ErrorObject>,
  ];

  // One case per line reads as a table; prettier would spread each over eight lines.
  // prettier-ignore
  const rejections: Rejection[] = [
    // contacts
    ['contact without id', 'contact.created', ['id'], 'delete', { keyword: 'required', params: { missingProperty: 'id' } }],
    ['whatsapp number not in E.164', 'contact.created', ['whatsapp'], { set: '0151 23456789' }, { keyword: 'pattern', instancePath: '/whatsapp' }],
    ['malformed email', 'contact_details.updated', ['email'], { set: 'lena.schneider' }, { keyword: 'format', instancePath: '/email' }],
    ['tags that are not an array', 'contact_details.updated', ['tags'], { set: 'Neukunde' }, { keyword: 'type', instancePath: '/tags' }],
    ['a nested custom field value', 'contact_details.updated', ['custom_fields', 'bike_model'], { set: { brand: 'Cube' } }, { keyword: 'anyOf', instancePath: '/custom_fields/bike_model' }],
    ['created_at that is not a date-time', 'contact.created', ['created_at'], { set: '23.11.2026 08:14' }, { keyword: 'format', instancePath: '/created_at' }],
    ['contact.deleted without deleted_at', 'contact.deleted', ['deleted_at'], 'delete', { keyword: 'required', params: { missingProperty: 'deleted_at' } }],
    // conversations
    ['no conversation', 'conversation.inbound', ['conversation'], 'delete', { keyword: 'required', params: { missingProperty: 'conversation' } }],
    ['an unknown key in the wrapper', 'conversation.inbound', ['contact'], { set: {} }, { keyword: 'additionalProperties', params: { additionalProperty: 'contact' } }],
    ['a message on a tag event', 'conversation.tag', ['message'], { set: {} }, { keyword: 'additionalProperties', params: { additionalProperty: 'message' } }],
    ['an outbound message on conversation.inbound', 'conversation.inbound', ['message', 'direction'], { set: 'outbound' }, { keyword: 'const', instancePath: '/message/direction' }],
    ['an unknown channel', 'conversation.outbound', ['conversation', 'channel'], { set: 'telegram' }, { keyword: 'enum', instancePath: '/conversation/channel' }],
    ['a sending error without error code', 'conversation.sending_error', ['error', 'code'], 'delete', { keyword: 'required', instancePath: '/error' }],
    ['a numeric conversation id', 'conversation.assign', ['conversation', 'id'], { set: 4711 }, { keyword: 'type', instancePath: '/conversation/id' }],
    ['an assign event without assignee', 'conversation.assign', ['assignee'], { set: null }, { keyword: 'type', instancePath: '/assignee' }],
    ['an open conversation on conversation.close', 'conversation.close', ['conversation', 'status'], { set: 'open' }, { keyword: 'const', instancePath: '/conversation/status' }],
    ['an unknown reopen source', 'conversation.reopen', ['source'], { set: 'magic' }, { keyword: 'enum', instancePath: '/source' }],
    // form submissions
    ['no answers', 'form_submission.completed', ['answers'], 'delete', { keyword: 'required', params: { missingProperty: 'answers' } }],
    ['an answer without question_id', 'form_submission.completed', ['answers', 0, 'question_id'], 'delete', { keyword: 'required', instancePath: '/answers/0' }],
    ['status aborted on a completed submission', 'form_submission.completed', ['status'], { set: 'aborted' }, { keyword: 'const', instancePath: '/status' }],
    ['an aborted submission without reason', 'form_submission.aborted', ['reason'], 'delete', { keyword: 'required', params: { missingProperty: 'reason' } }],
    ['an unknown abort reason', 'form_submission.aborted', ['reason'], { set: 'bored' }, { keyword: 'enum', instancePath: '/reason' }],
    ['a form id that is not a uuid', 'form_submission.aborted', ['form', 'id'], { set: 'terminanfrage' }, { keyword: 'format', instancePath: '/form/id' }],
    // operational
    ['a dead letter without delivery id', 'delivery.dead_lettered', ['delivery_id'], 'delete', { keyword: 'required', params: { missingProperty: 'delivery_id' } }],
    ['an unknown error kind', 'delivery.dead_lettered', ['last_error_kind'], { set: 'boom' }, { keyword: 'enum', instancePath: '/last_error_kind' }],
    ['zero attempts', 'delivery.recovered', ['attempts'], { set: 0 }, { keyword: 'minimum', instancePath: '/attempts' }],
    ['a disable without failing_since', 'webhook.disabled', ['failing_since'], 'delete', { keyword: 'required', params: { missingProperty: 'failing_since' } }],
    ['an unknown disable reason', 'webhook.disabled', ['reason'], { set: 'bored' }, { keyword: 'enum', instancePath: '/reason' }],
  ];

  it.each(rejections)('rejects %s (%s)', (_label, type, path, change, expected) => {
    const validate = validators[type];
    expect(validate(exampleWith(type, path, change))).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
  });

  // Entities are open on purpose (see shared-schemas.ts): a new producer field must not turn
  // into a rejected event. Nullable fields accept null.
  // prettier-ignore
  const acceptances: [label: string, type: EventType, path: Path, value: unknown][] = [
    ['a new field on a contact', 'contact.created', ['preferred_language'], 'de'],
    ['a new field on a message', 'conversation.outbound', ['message', 'template_name'], 'termin_bestaetigung'],
    ['a new field on a conversation', 'conversation.tag', ['conversation', 'inbox_id'], 'b73f608c-bc74-4205-a616-8b862de33879'],
    ['a new field on a form submission', 'form_submission.completed', ['channel'], 'whatsapp'],
    ['a contact without a WhatsApp number', 'contact.created', ['whatsapp'], null],
    ['an unassign by an automation', 'conversation.unassign', ['actor'], null],
    ['a submission outside a conversation', 'form_submission.completed', ['conversation_id'], null],
    ['a dead letter without any response', 'delivery.dead_lettered', ['last_status_code'], null],
  ];

  it.each(acceptances)('accepts %s (%s)', (_label, type, path, value) => {
    const validate = validators[type];
    const valid = validate(exampleWith(type, path, { set: value }));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
