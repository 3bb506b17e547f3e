import { SubscriptionIndex } from './subscription-index';
import { change } from './route-change.fixture';

describe('SubscriptionIndex', () => {
  it('matches live webhooks by organisation and event type', () => {
    const index = new SubscriptionIndex();
    index.apply([
      change({ id: 'w1', events: ['contact.created', 'conversation.inbound'] }),
      change({ id: 'w2' }),
      change({ id: 'w3', organisation_id: 'org-b' }),
      change({ id: 'w4', active: false }),
      change({ id: 'w5', deleted: true }),
    ]);
    expect([...index.match('org-a', 'contact.created')].sort()).toEqual(['w1', 'w2']);
    expect(index.match('org-a', 'conversation.inbound')).toEqual(['w1']);
    expect(index.match('org-b', 'contact.created')).toEqual(['w3']);
    expect(index.match('org-a', 'contact.deleted')).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('follows updates, deactivation and deletion', () => {
    const index = new SubscriptionIndex();
    index.apply([change({ id: 'w1' })]);
    index.apply([change({ id: 'w1', events: ['contact.deleted'] })]);
    expect(index.match('org-a', 'contact.created')).toEqual([]);
    expect(index.match('org-a', 'contact.deleted')).toEqual(['w1']);
    index.apply([change({ id: 'w1', events: ['contact.deleted'], active: false })]);
    expect(index.match('org-a', 'contact.deleted')).toEqual([]);
    index.apply([change({ id: 'w1', events: ['contact.deleted'] })]);
    index.apply([change({ id: 'w1', deleted: true })]);
    expect(index.size).toBe(0);
  });
});
