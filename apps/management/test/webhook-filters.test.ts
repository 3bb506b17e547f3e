import request from 'supertest';
import type { WebhookRoute } from '@app/contracts';
import { TopicCollector } from '../../../test/support/topic-collector';
import { testTopics } from '../../../test/support/test-env';
import { waitFor } from '../../../test/support/wait-for';
import { startManagement, webhookBody, type ManagementUnderTest } from './management-support';

/**
 * Payload filters through the API on the real store and broker: stored, shown, published
 * with the routing snapshot, cleared with null, refused with a 400 naming the path, and
 * tried with filter-test.
 */
describe('webhook payload filters', () => {
  const topics = testTopics();
  let mgmt: ManagementUnderTest;
  let org: { organisationId: string; key: string };
  let routes: TopicCollector<WebhookRoute | null>;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const filter = {
    'data.conversation.channel': { $in: ['email', 'sms'] },
    $or: [{ 'data.tags.name': 'VIP' }, { 'data.conversation.priority': { $gte: 2 } }],
  };
  const routesOf = (id: string) =>
    routes.on(topics.webhookRoutes).filter((record) => record.key === id);

  beforeAll(async () => {
    mgmt = await startManagement({ topics });
    org = await mgmt.newOrganisation();
    routes = await TopicCollector.start([topics.webhookRoutes]);
  });
  afterAll(async () => {
    await routes?.stop();
    await mgmt?.close();
  });

  it('stores and shows a filter, publishes it with the route, and clears it with null', async () => {
    const created = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody({ filter }))
      .expect(201);
    const id = created.body.id as string;
    expect(created.body.filter).toEqual(filter);
    const got = await request(mgmt.http).get(`/v1/webhooks/${id}`).set(as(org.key)).expect(200);
    expect(got.body.filter).toEqual(filter);
    await waitFor('the filtered route', () => routesOf(id).length === 1, 10_000);
    expect(routesOf(id)[0].value).toMatchObject({ webhook_id: id, filter });

    const cleared = await request(mgmt.http)
      .patch(`/v1/webhooks/${id}`)
      .set(as(org.key))
      .send({ filter: null })
      .expect(200);
    expect(cleared.body.filter).toBeNull();
    await waitFor('the unfiltered route', () => routesOf(id).length === 2, 10_000);
    expect(routesOf(id)[1].value).not.toHaveProperty('filter');

    const again = await request(mgmt.http)
      .patch(`/v1/webhooks/${id}`)
      .set(as(org.key))
      .send({ filter: { type: 'conversation.inbound' } })
      .expect(200);
    expect(again.body.filter).toEqual({ type: 'conversation.inbound' });
  });

  it.each([
    ['a non-list $in', { 'data.tags': { $in: 'vip' } }, 'filter.data.tags.$in must be a list'],
    [
      'an unknown operator',
      { 'data.tags': { $like: 'v' } },
      'filter.data.tags.$like is not a known operator',
    ],
    [
      'a path of 9 segments',
      { 'a.b.c.d.e.f.g.h.i': 1 },
      'filter.a.b.c.d.e.f.g.h.i is deeper than 8 path segments',
    ],
    [
      'a backreference',
      { 'data.x': { $regex: '(a)\\1' } },
      'filter.data.x.$regex is not a regular expression',
    ],
    [
      'a filter over 4 KB',
      { 'data.x': { $in: Array.from({ length: 600 }, (_, i) => `v${i}`) } },
      'filter must be at most 4096 bytes',
    ],
    ['a list', ['not', 'an', 'object'], 'filter must be an object'],
  ])('refuses %s with a 400 naming the path', async (_case, bad, message) => {
    const created = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody({ filter: bad }))
      .expect(400);
    expect(created.body.message).toEqual([
      expect.stringMatching(new RegExp(`^${escape(message)}`)),
    ]);
    const tried = await request(mgmt.http)
      .post('/v1/webhooks/filter-test')
      .set(as(org.key))
      .send({ filter: bad, event: {} })
      .expect(400);
    expect(tried.body.message).toEqual([expect.stringMatching(new RegExp(`^${escape(message)}`))]);
  });

  it('refuses a bad filter on update too, and null on create', async () => {
    const created = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody())
      .expect(201);
    const patched = await request(mgmt.http)
      .patch(`/v1/webhooks/${created.body.id as string}`)
      .set(as(org.key))
      .send({ filter: { $or: [] } })
      .expect(400);
    expect(patched.body.message).toEqual(['filter.$or must list at least one filter']);
    const nullOnCreate = await request(mgmt.http)
      .post('/v1/webhooks')
      .set(as(org.key))
      .send(webhookBody({ filter: null }))
      .expect(400);
    expect(nullOnCreate.body.message).toEqual(['filter must be an object']);
  });

  it('answers filter-test with whether the sample event passes, and is not taken for an id', async () => {
    const event = {
      id: 'evt_1',
      type: 'conversation.inbound',
      timestamp: '2026-11-23T10:00:00.000Z',
      organisation_id: org.organisationId,
      data: { conversation: { channel: 'email', priority: 1 }, tags: [{ name: 'VIP' }] },
    };
    const test = (body: object) =>
      request(mgmt.http).post('/v1/webhooks/filter-test').set(as(org.key)).send(body);
    expect((await test({ filter, event }).expect(200)).body).toEqual({ matches: true });
    const other = { ...event, data: { ...event.data, tags: [] } };
    expect((await test({ filter, event: other }).expect(200)).body).toEqual({ matches: false });
    const noEvent = await test({ filter }).expect(400);
    expect(noEvent.body.message).toEqual([expect.stringMatching(/^event must be an object/)]);
    await test({ filter, event, extra: 1 }).expect(400);
    await request(mgmt.http).post('/v1/webhooks/filter-test').send({ filter, event }).expect(401);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
