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
    expect([...index.match('org-a', 'contact.created', {})].sort()).toEqual(['w1', 'w2']);
    expect(index.match('org-a', 'conversation.inbound', {})).toEqual(['w1']);
    expect(index.match('org-b', 'contact.created', {})).toEqual(['w3']);
    expect(index.match('org-a', 'contact.deleted', {})).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('follows updates, deactivation and deletion', () => {
    const index = new SubscriptionIndex();
    index.apply([change({ id: 'w1' })]);
    index.apply([change({ id: 'w1', events: ['contact.deleted'] })]);
    expect(index.match('org-a', 'contact.created', {})).toEqual([]);
    expect(index.match('org-a', 'contact.deleted', {})).toEqual(['w1']);
    index.apply([change({ id: 'w1', events: ['contact.deleted'], active: false })]);
    expect(index.match('org-a', 'contact.deleted', {})).toEqual([]);
    index.apply([change({ id: 'w1', events: ['contact.deleted'] })]);
    index.apply([change({ id: 'w1', deleted: true })]);
    expect(index.size).toBe(0);
  });

  describe('with payload filters', () => {
    const email = { data: { channel: 'email' } };
    const sms = { data: { channel: 'sms' } };

    it('keeps the webhooks whose filter the body passes, and every unfiltered one', () => {
      const index = new SubscriptionIndex();
      index.apply([
        change({ id: 'w1' }),
        change({ id: 'w2', filter: { 'data.channel': 'email' } }),
        change({ id: 'w3', filter: { 'data.channel': { $in: ['sms'] } } }),
      ]);
      expect(index.match('org-a', 'contact.created', email)).toEqual(['w1', 'w2']);
      expect(index.match('org-a', 'contact.created', sms)).toEqual(['w1', 'w3']);
    });

    it('costs nothing extra for a key without filters: the list itself', () => {
      const index = new SubscriptionIndex();
      index.apply([change({ id: 'w1' }), change({ id: 'w2' })]);
      expect(index.match('org-a', 'contact.created', email)).toBe(
        index.match('org-a', 'contact.created', sms),
      );
    });

    it('follows a filter being added, changed and removed', () => {
      const index = new SubscriptionIndex();
      index.apply([change({ id: 'w1' }), change({ id: 'w2' })]);
      index.apply([change({ id: 'w2', filter: { 'data.channel': 'sms' } })]);
      expect(index.match('org-a', 'contact.created', email)).toEqual(['w1']);
      index.apply([change({ id: 'w2', filter: { 'data.channel': 'email' } })]);
      expect(index.match('org-a', 'contact.created', email)).toEqual(['w1', 'w2']);
      index.apply([change({ id: 'w2', deleted: true })]);
      expect(index.match('org-a', 'contact.created', sms)).toEqual(['w1']);
      index.apply([change({ id: 'w2' })]);
      expect(index.match('org-a', 'contact.created', sms)).toEqual(['w1', 'w2']);
    });

    it('matches nothing for a filter that does not compile, and says so', () => {
      const index = new SubscriptionIndex();
      const invalid: string[] = [];
      index.apply(
        [change({ id: 'w1', filter: { 'data.channel': { $like: 'e' } } }), change({ id: 'w2' })],
        (webhookId) => invalid.push(webhookId),
      );
      expect(invalid).toEqual(['w1']);
      expect(index.match('org-a', 'contact.created', email)).toEqual(['w2']);
    });
  });
});
