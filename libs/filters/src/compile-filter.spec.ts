import { compileFilter, filterProblems, InvalidFilterError } from './compile-filter';
import { MAX_FILTER_BYTES } from './filter-language';

/** A callback body as a receiver gets it. */
const body = {
  id: 'evt_1',
  type: 'conversation.inbound',
  timestamp: '2026-11-23T10:00:00.000Z',
  organisation_id: 'org_1',
  data: {
    conversation: { channel: 'email', priority: 3, assignee: null },
    tags: ['vip', 'eu'],
    items: [{ sku: 'a-1' }, { sku: 'b-2' }],
  },
};

const matches = (filter: unknown) => compileFilter(filter)(body);

describe('compileFilter', () => {
  it('matches everything with an empty filter', () => {
    expect(matches({})).toBe(true);
  });

  it('compares a plain value for equality along a dotted path', () => {
    expect(matches({ 'data.conversation.channel': 'email' })).toBe(true);
    expect(matches({ 'data.conversation.channel': 'sms' })).toBe(false);
    expect(matches({ type: 'conversation.inbound' })).toBe(true);
  });

  it('reads a plain value against a list as membership', () => {
    expect(matches({ 'data.tags': 'vip' })).toBe(true);
    expect(matches({ 'data.tags': 'us' })).toBe(false);
    expect(matches({ 'data.tags': ['vip', 'eu'] })).toBe(true);
  });

  it('takes nested keys as the continuation of the path', () => {
    expect(matches({ data: { conversation: { channel: 'email' } } })).toBe(true);
    expect(matches({ data: { conversation: { channel: 'sms' } } })).toBe(false);
  });

  it('picks a list element by a numeric segment', () => {
    expect(matches({ 'data.items.1.sku': 'b-2' })).toBe(true);
    expect(matches({ 'data.items.2.sku': 'b-2' })).toBe(false);
  });

  it('reads a name on a list from every item, as membership', () => {
    expect(matches({ 'data.items.sku': 'b-2' })).toBe(true);
    expect(matches({ 'data.items.sku': { $in: ['c-3', 'a-1'] } })).toBe(true);
    expect(matches({ 'data.items.sku': 'c-3' })).toBe(false);
    expect(matches({ 'data.items.price': { $exist: true } })).toBe(false);
  });

  it('ANDs several keys at one level', () => {
    expect(matches({ 'data.conversation.channel': 'email', 'data.tags': 'vip' })).toBe(true);
    expect(matches({ 'data.conversation.channel': 'email', 'data.tags': 'us' })).toBe(false);
  });

  it.each([
    [{ $eq: 'email' }, true],
    [{ $eq: 'sms' }, false],
    [{ $neq: 'sms' }, true],
    [{ $neq: 'email' }, false],
    [{ $in: ['sms', 'email'] }, true],
    [{ $in: ['sms'] }, false],
    [{ $nin: ['sms'] }, true],
    [{ $nin: ['email'] }, false],
    [{ $exist: true }, true],
    [{ $exist: false }, false],
    [{ $regex: '^em' }, true],
    [{ $regex: 'ail$' }, true],
    [{ $regex: '^sms' }, false],
  ])('applies %j to a string field', (operator, expected) => {
    expect(matches({ 'data.conversation.channel': operator })).toBe(expected);
  });

  it.each([
    [{ $gt: 2 }, true],
    [{ $gt: 3 }, false],
    [{ $gte: 3 }, true],
    [{ $lt: 3 }, false],
    [{ $lte: 3 }, true],
    [{ $gt: '2' }, false], // a string never compares with a number
    [{ $gte: 2, $lt: 4 }, true], // several operators on one field: all of them
    [{ $gte: 2, $lt: 3 }, false],
  ])('applies %j to a number field', (operator, expected) => {
    expect(matches({ 'data.conversation.priority': operator })).toBe(expected);
  });

  it('compares strings in order (ISO times)', () => {
    expect(matches({ timestamp: { $gte: '2026-11-23T00:00:00Z' } })).toBe(true);
    expect(matches({ timestamp: { $lt: '2026-11-23T00:00:00Z' } })).toBe(false);
  });

  it('applies operators to each item of a list field', () => {
    expect(matches({ 'data.tags': { $in: ['us', 'eu'] } })).toBe(true);
    expect(matches({ 'data.tags': { $nin: ['eu'] } })).toBe(false);
    expect(matches({ 'data.tags': { $eq: 'eu' } })).toBe(true);
    expect(matches({ 'data.tags': { $neq: 'eu' } })).toBe(false);
    expect(matches({ 'data.tags': { $regex: '^v' } })).toBe(true);
  });

  it('treats a missing path as not equal, not in, and not existing', () => {
    expect(matches({ 'data.missing': 'x' })).toBe(false);
    expect(matches({ 'data.missing': { $neq: 'x' } })).toBe(true);
    expect(matches({ 'data.missing': { $nin: ['x'] } })).toBe(true);
    expect(matches({ 'data.missing': { $exist: false } })).toBe(true);
    expect(matches({ 'data.missing': { $gt: 0 } })).toBe(false);
    expect(matches({ 'data.missing': { $regex: '.*' } })).toBe(false);
    expect(matches({ 'id.deeper.still': 'x' })).toBe(false);
  });

  it('treats null as a value that exists', () => {
    expect(matches({ 'data.conversation.assignee': null })).toBe(true);
    expect(matches({ 'data.conversation.assignee': { $exist: true } })).toBe(true);
  });

  it('never reads inherited properties', () => {
    expect(matches({ 'data.constructor': { $exist: true } })).toBe(false);
    expect(matches({ 'data.tags.length': 2 })).toBe(false);
  });

  it('combines sub-filters with $and and $or', () => {
    const email = { 'data.conversation.channel': 'email' };
    const sms = { 'data.conversation.channel': 'sms' };
    const vip = { 'data.tags': 'vip' };
    expect(matches({ $or: [sms, email] })).toBe(true);
    expect(matches({ $or: [sms] })).toBe(false);
    expect(matches({ $and: [email, vip] })).toBe(true);
    expect(matches({ $and: [email, sms] })).toBe(false);
    expect(matches({ $and: [{ $or: [sms, vip] }, email] })).toBe(true);
    expect(matches({ $or: [sms], 'data.tags': 'vip' })).toBe(false);
  });

  it('takes $or on a field as alternatives relative to that field', () => {
    expect(matches({ 'data.conversation': { $or: [{ channel: 'sms' }, { priority: 3 }] } })).toBe(
      true,
    );
  });

  it('compiles a regular expression once, not per event', () => {
    const predicate = compileFilter({ id: { $regex: '^evt_' } });
    expect(predicate({ id: 'evt_2' })).toBe(true);
    expect(predicate({ id: 'xyz' })).toBe(false);
  });

  it('runs a pattern that backtracking engines take exponential time on in linear time', () => {
    const predicate = compileFilter({ id: { $regex: '^(a+)+$' } });
    const started = Date.now();
    expect(predicate({ id: `${'a'.repeat(5000)}!` })).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('throws InvalidFilterError with every problem', () => {
    expect(() => compileFilter({ a: { $in: 'x' }, b: { $gt: true } })).toThrow(
      new InvalidFilterError([
        'filter.a.$in must be a list',
        'filter.b.$gt must be a number or a string',
      ]),
    );
  });
});

describe('filterProblems', () => {
  it('accepts a valid filter', () => {
    expect(
      filterProblems({
        'data.conversation.channel': { $in: ['email', 'sms'] },
        $or: [{ 'data.tags': 'vip' }, { 'data.conversation.priority': { $gte: 2 } }],
      }),
    ).toEqual([]);
  });

  it.each([
    [null, 'filter must be an object'],
    [[], 'filter must be an object'],
    ['x', 'filter must be an object'],
    [{ 'data.tags': { $in: 'vip' } }, 'filter.data.tags.$in must be a list'],
    [{ 'data.tags': { $nin: { a: 1 } } }, 'filter.data.tags.$nin must be a list'],
    [{ 'data.x': { $like: 'a' } }, 'filter.data.x.$like is not a known operator'],
    [{ $eq: 1 }, 'filter.$eq is not allowed here'],
    [{ 'data.x': { $exist: 'yes' } }, 'filter.data.x.$exist must be true or false'],
    [{ 'data.x': { $regex: 1 } }, 'filter.data.x.$regex must be a string'],
    [{ 'data.x': { $lt: null } }, 'filter.data.x.$lt must be a number or a string'],
    [{ 'data.x': { $eq: 1, y: 2 } }, 'filter.data.x mixes operators'],
    [{ 'data.x': {} }, 'filter.data.x must not be an empty object'],
    [{ 'data..x': 1 }, 'filter.data..x has an empty path segment'],
    [{ $and: {} }, 'filter.$and must be a list of filters'],
    [{ $or: [] }, 'filter.$or must list at least one filter'],
    [{ $or: [1] }, 'filter.$or[0] must be an object'],
    [{ $and: [{ 'a.b': { $in: 1 } }] }, 'filter.$and[0].a.b.$in must be a list'],
  ])('refuses %j: %s', (filter, problem) => {
    const problems = filterProblems(filter);
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(problem)).toBe(true);
  });

  it('refuses a path deeper than 8 segments, nested keys included', () => {
    expect(filterProblems({ 'a.b.c.d.e.f.g.h': 1 })).toEqual([]);
    expect(filterProblems({ 'a.b.c.d.e.f.g.h.i': 1 })).toEqual([
      'filter.a.b.c.d.e.f.g.h.i is deeper than 8 path segments',
    ]);
    expect(filterProblems({ 'a.b.c.d': { 'e.f.g': { 'h.i': 1 } } })).toEqual([
      'filter.a.b.c.d.e.f.g.h.i is deeper than 8 path segments',
    ]);
  });

  it('refuses $and/$or nested deeper than 8 levels', () => {
    let filter: unknown = { a: 1 };
    for (let i = 0; i < 8; i++) filter = { $and: [filter] };
    expect(filterProblems(filter)).toEqual([]);
    expect(filterProblems({ $or: [filter] })[0]).toMatch(/nests \$and\/\$or deeper than 8/);
  });

  it('refuses a filter over 4 KB as JSON', () => {
    const big = { 'data.x': { $in: Array.from({ length: 1000 }, (_, i) => `value-${i}`) } };
    expect(filterProblems(big)).toEqual([
      expect.stringMatching(
        new RegExp(`^filter must be at most ${MAX_FILTER_BYTES} bytes as JSON`),
      ),
    ]);
  });

  it.each(['(a)\\1', '(?=a)b', '(?<!a)b', '('])(
    'refuses the regular expression %s, which needs backtracking or does not parse',
    (pattern) => {
      expect(filterProblems({ 'data.x': { $regex: pattern } })).toEqual([
        expect.stringMatching(
          /^filter\.data\.x\.\$regex is not a regular expression that runs in linear time/,
        ),
      ]);
    },
  );

  it('names the filter by the given name', () => {
    expect(filterProblems({ a: { $in: 1 } }, 'body.filter')).toEqual([
      'body.filter.a.$in must be a list',
    ]);
  });
});
