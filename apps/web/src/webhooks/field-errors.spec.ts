import { mapApiErrors } from './field-errors';

describe("the form's error mapping", () => {
  it('puts a refused URL next to the URL field, in its label', () => {
    expect(mapApiErrors(['target_url must use https'])).toEqual({
      fields: { target_url: ['URL must use https'] },
      headers: {},
      form: [],
    });
  });

  it('puts a private address and a duplicate URL next to the URL field', () => {
    const errors = mapApiErrors([
      'target_url host resolves to a non-public address: 10.0.0.0/8 is private',
      'target_url is already used by another webhook of this organisation',
    ]);
    expect(errors.fields.target_url).toEqual([
      'URL host resolves to a non-public address: 10.0.0.0/8 is private',
      'URL is already used by another webhook of this organisation',
    ]);
  });

  it('puts header problems next to the header they name, also when joined in one message', () => {
    const errors = mapApiErrors([
      'headers.Host is reserved and cannot be set; headers.X-Empty must not be empty',
    ]);
    expect(errors.headers).toEqual({
      host: ['Host is reserved and cannot be set'],
      'x-empty': ['X-Empty must not be empty'],
    });
    expect(errors.fields).toEqual({});
  });

  it('puts filter problems next to the filter box, by path, also when joined in one message', () => {
    const errors = mapApiErrors([
      'filter.data.tags.$in must be a list; filter.$or[0].type.$like is not a known operator',
      'filter must be an object',
    ]);
    expect(errors.fields.filter).toEqual([
      'Filter: data.tags.$in must be a list',
      'Filter: $or[0].type.$like is not a known operator',
      'Filter must be an object',
    ]);
    expect(errors.form).toEqual([]);
  });

  it('puts an invalid header name next to that row', () => {
    const errors = mapApiErrors([
      'headers: "X Bad" is not a valid header name (1 to 64 token characters)',
    ]);
    expect(errors.headers).toEqual({
      'x bad': ['“X Bad” is not a valid header name (1 to 64 token characters)'],
    });
  });

  it('puts whole-list problems on their field', () => {
    const errors = mapApiErrors([
      'events must list at least one event type',
      'headers must have at most 20 entries',
      'name must be 1 to 100 characters',
    ]);
    expect(errors.fields).toEqual({
      events: ['Events must list at least one event type'],
      headers: ['HTTP headers must have at most 20 entries'],
      name: ['Name must be 1 to 100 characters'],
    });
  });

  it('keeps what names no field for the form as a whole', () => {
    const errors = mapApiErrors([
      'the webhook was changed by another request; read it and try again',
      'property colour should not exist',
    ]);
    expect(errors.form).toEqual([
      'the webhook was changed by another request; read it and try again',
      'property colour should not exist',
    ]);
    expect(errors.fields).toEqual({});
  });
});
