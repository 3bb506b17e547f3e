import { SubscriptionIndex } from './subscription-index';
import { snapshot } from './webhook-snapshot.fixture';

describe('SubscriptionIndex', () => {
  it('matches live webhooks by organisation and event type', () => {
    const index = new SubscriptionIndex();
    index.apply([
      snapshot({ _id: 'w1', events: ['contact.created', 'conversation.inbound'] }),
      snapshot({ _id: 'w2' }),
      snapshot({ _id: 'w3', organisation_id: 'org-b' }),
      snapshot({ _id: 'w4', active: false }),
      snapshot({ _id: 'w5', deleted_at: new Date() }),
    ]);
    expect([...index.match('org-a', 'contact.created')].sort()).toEqual(['w1', 'w2']);
    expect(index.match('org-a', 'conversation.inbound')).toEqual(['w1']);
    expect(index.match('org-b', 'contact.created')).toEqual(['w3']);
    expect(index.match('org-a', 'contact.deleted')).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('follows updates, deactivation and deletion', () => {
    const index = new SubscriptionIndex();
    index.apply([snapshot({ _id: 'w1' })]);
    index.apply([snapshot({ _id: 'w1', events: ['contact.deleted'] })]);
    expect(index.match('org-a', 'contact.created')).toEqual([]);
    expect(index.match('org-a', 'contact.deleted')).toEqual(['w1']);
    index.apply([snapshot({ _id: 'w1', events: ['contact.deleted'], active: false })]);
    expect(index.match('org-a', 'contact.deleted')).toEqual([]);
    index.apply([snapshot({ _id: 'w1', events: ['contact.deleted'] })]);
    index.apply([snapshot({ _id: 'w1', deleted_at: new Date() })]);
    expect(index.size).toBe(0);
  });
});
