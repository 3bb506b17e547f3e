import { routeOf } from './webhook-snapshot';

const webhook = {
  _id: 'w1',
  organisation_id: 'org-a',
  events: ['contact.created'],
  active: true,
  updated_at: new Date(1000),
  deleted_at: null,
};

describe('routeOf', () => {
  it('carries the stored filter, parsed', () => {
    expect(routeOf({ ...webhook, filter_json: '{"data.tags.name":"VIP"}' })).toEqual({
      webhook_id: 'w1',
      organisation_id: 'org-a',
      events: ['contact.created'],
      active: true,
      version: 1000,
      ordering: 'none',
      filter: { 'data.tags.name': 'VIP' },
    });
  });

  it('leaves `filter` out when the webhook has none', () => {
    expect(routeOf({ ...webhook, filter_json: null })).not.toHaveProperty('filter');
    expect(routeOf(webhook)).not.toHaveProperty('filter');
  });

  it('is null for a deleted webhook', () => {
    expect(routeOf({ ...webhook, deleted_at: new Date(2000) })).toBeNull();
  });
});
