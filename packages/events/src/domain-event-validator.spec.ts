import { EVENT_CATALOG } from './catalog';
import { DomainEventValidator } from './domain-event-validator';
import { EVENT_TYPES } from './event-types';

const ORG = '3c90c3cc-0d44-4b50-8888-8dd25736052a';

function envelope(overrides: Record<string, unknown> = {}) {
  return {
    id: '0b6f0f0e-3f1c-4c53-9a55-6f0c2b1f2d11',
    type: 'contact.created',
    organisation_id: ORG,
    occurred_at: '2026-11-23T10:00:00.000Z',
    data: EVENT_CATALOG['contact.created'].example,
    ...overrides,
  };
}

describe('DomainEventValidator', () => {
  const validator = new DomainEventValidator();

  it.each(EVENT_TYPES)('accepts the catalog example of %s', (type) => {
    const result = validator.parse(
      JSON.stringify(envelope({ type, data: EVENT_CATALOG[type].example })),
    );
    expect(result).toMatchObject({ ok: true, event: { type } });
  });

  const rejected: Array<[string, Buffer | string | null, RegExp]> = [
    ['an empty message', null, /empty message/],
    ['invalid JSON', '{"id": ', /invalid JSON/],
    ['a JSON array', '[]', /invalid envelope: \(root\) must be object/],
    [
      'a missing id',
      JSON.stringify({ ...envelope(), id: undefined }),
      /invalid envelope: id must have required property/,
    ],
    [
      'a non-uuid organisation',
      JSON.stringify(envelope({ organisation_id: 'acme' })),
      /organisation_id must match format "uuid"/,
    ],
    [
      'a bad timestamp',
      JSON.stringify(envelope({ occurred_at: 'yesterday' })),
      /occurred_at must match format "date-time"/,
    ],
    [
      'an unknown field',
      JSON.stringify(envelope({ extra: 1 })),
      /invalid envelope: extra must NOT have additional properties/,
    ],
    [
      'an unknown type',
      JSON.stringify(envelope({ type: 'contact.exploded' })),
      /unknown event type "contact.exploded"/,
    ],
    [
      'data that breaks its schema',
      JSON.stringify(envelope({ data: { id: 'x' } })),
      /invalid data for contact.created: data\//,
    ],
    ['bytes that are not UTF-8 JSON', Buffer.from([0xff, 0xfe, 0x00]), /invalid JSON/],
  ];

  it.each(rejected)('rejects %s with a reason', (_label, raw, reason) => {
    const result = validator.parse(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('accepts an event of exactly EVENT_MAX_BYTES and rejects one byte more, before parsing it', () => {
    const event = JSON.stringify(envelope());
    const exact = new DomainEventValidator({ maxEventBytes: Buffer.byteLength(event) });
    expect(exact.parse(event).ok).toBe(true);
    expect(exact.parse(Buffer.from(event)).ok).toBe(true);
    const smaller = new DomainEventValidator({ maxEventBytes: Buffer.byteLength(event) - 1 });
    expect(smaller.parse(event)).toEqual({
      ok: false,
      reason: `event too large: ${Buffer.byteLength(event)} bytes, more than EVENT_MAX_BYTES (${Buffer.byteLength(event) - 1})`,
    });
  });

  it('counts bytes, not characters: a multi-byte name is larger than it looks', () => {
    const event = JSON.stringify(
      envelope({ data: { ...EVENT_CATALOG['contact.created'].example, full_name: 'Ölçü Yılmaz' } }),
    );
    const validator = new DomainEventValidator({ maxEventBytes: event.length });
    expect(validator.parse(event)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^event too large/),
    });
  });

  it('defaults to 100 KiB', () => {
    expect(new DomainEventValidator().maxEventBytes).toBe(102_400);
  });
});
