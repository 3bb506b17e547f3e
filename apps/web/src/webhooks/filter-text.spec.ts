import type { EventType } from '../api/types';
import { filterToText, parseFilterText, sampleEvent } from './filter-text';

describe('the filter box', () => {
  it('reads an empty box as no filter', () => {
    expect(parseFilterText('  \n')).toEqual({ ok: true, filter: null });
  });

  it('reads a JSON object', () => {
    expect(parseFilterText('{"data.tags.name": "VIP"}')).toEqual({
      ok: true,
      filter: { 'data.tags.name': 'VIP' },
    });
  });

  it.each([
    ['{data: 1}', /^Filter is not valid JSON/],
    ['["a"]', /^Filter must be a JSON object/],
    ['"text"', /^Filter must be a JSON object/],
  ])('explains in plain words why %s is not a filter', (text, message) => {
    const parsed = parseFilterText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('shows a saved filter as indented JSON, and none as an empty box', () => {
    expect(filterToText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(filterToText(null)).toBe('');
  });

  it('offers a sample event made from the catalog example', () => {
    const type = { type: 'contact.created', example: { id: 'c1' } } as unknown as EventType;
    expect(JSON.parse(sampleEvent(type))).toMatchObject({
      type: 'contact.created',
      data: { id: 'c1' },
    });
  });
});
