import { groupEventTypes } from './event-list';

describe('groupEventTypes', () => {
  it('groups the catalog in its own order, operational events in a group of their own', () => {
    const groups = groupEventTypes([
      { type: 'contact.created', group: 'contacts' },
      { type: 'contact.deleted', group: 'contacts' },
      { type: 'delivery.dead_lettered', group: 'operational' },
      { type: 'webhook.disabled', group: 'operational' },
    ]);
    expect(groups.map((g) => [g.group, g.types.map((t) => t.type)])).toEqual([
      ['contacts', ['contact.created', 'contact.deleted']],
      ['operational', ['delivery.dead_lettered', 'webhook.disabled']],
    ]);
    expect(groups[1].title).toMatch(/platform/);
  });
});
