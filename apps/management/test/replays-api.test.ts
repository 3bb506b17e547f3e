import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import request from 'supertest';
import type { ReplayProgress, ReplayRequest } from '@app/contracts';
import { createKafkaClientFromEnv } from '@app/kafka';
import { TopicCollector } from '../../../test/support/topic-collector';
import { waitFor } from '../../../test/support/wait-for';
import type { ReplayDto } from '../src/replays/replay.dto';
import { startManagement, webhookBody, type ManagementUnderTest } from './management-support';

/**
 * The replay endpoints of management on the real broker and store: the request goes out on
 * `webhooks.replays` with the webhook's subscription, and the matcher's progress records
 * (written here by hand, as the matcher writes them) show on GET.
 */
describe('replay API', () => {
  let mgmt: ManagementUnderTest;
  let key: string;
  let organisationId: string;
  let collector: TopicCollector<ReplayRequest>;
  let producer: Producer;

  beforeAll(async () => {
    mgmt = await startManagement();
    ({ key, organisationId } = await mgmt.newOrganisation());
    collector = await TopicCollector.start([mgmt.topics.replays]);
    producer = createKafkaClientFromEnv('replay-test').producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await collector?.stop();
    await mgmt?.close();
  });

  const api = () => ({
    post: (path: string, body: unknown) =>
      request(mgmt.http)
        .post(path)
        .set('authorization', `Bearer ${key}`)
        .send(body as object),
    get: (path: string) => request(mgmt.http).get(path).set('authorization', `Bearer ${key}`),
  });

  async function createWebhook(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await api().post('/v1/webhooks', webhookBody(overrides)).expect(201);
    return (created.body as { id: string }).id;
  }

  it('answers 202 with the replay, sends the request with the webhook’s subscription, and shows progress', async () => {
    const webhookId = await createWebhook({ events: ['contact.created', 'contact.deleted'] });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const accepted = await api().post(`/v1/webhooks/${webhookId}/replay`, { since }).expect(202);
    const replay = accepted.body as ReplayDto;
    expect(replay).toMatchObject({
      webhook_id: webhookId,
      since,
      state: 'requested',
      events_scanned: 0,
      events_matched: 0,
      events_total: null,
      finished_at: null,
    });

    const sent = await waitFor('the replay request on the topic', () =>
      collector.on(mgmt.topics.replays).find((r) => r.value.replay_id === replay.id),
    );
    expect(sent.key).toBe(webhookId);
    expect(sent.value).toEqual({
      replay_id: replay.id,
      webhook_id: webhookId,
      organisation_id: organisationId,
      events: ['contact.created', 'contact.deleted'],
      since,
      until: replay.until,
      requested_at: replay.requested_at,
    });

    const report = (
      state: ReplayProgress['state'],
      scanned: number,
      at: number,
    ): ReplayProgress => ({
      replay_id: replay.id,
      webhook_id: webhookId,
      organisation_id: organisationId,
      state,
      events_scanned: scanned,
      events_matched: Math.floor(scanned / 10),
      events_total: 1000,
      error: null,
      started_at: new Date(at - 5000).toISOString(),
      reported_at: new Date(at).toISOString(),
    });
    const now = Date.now();
    // The final report, then a late running one: the newest by reported_at wins.
    await producer.send({
      topic: mgmt.topics.replayProgress,
      messages: [
        { key: replay.id, value: JSON.stringify(report('running', 400, now)) },
        { key: replay.id, value: JSON.stringify(report('completed', 1000, now + 2000)) },
      ],
    });
    await producer.send({
      topic: mgmt.topics.replayProgress,
      messages: [{ key: replay.id, value: JSON.stringify(report('running', 700, now + 1000)) }],
    });
    const done = await waitFor('the replay to show as completed', async () => {
      const body = (await api().get(`/v1/webhooks/${webhookId}/replays/${replay.id}`).expect(200))
        .body as ReplayDto;
      return body.state === 'completed' ? body : null;
    });
    expect(done).toMatchObject({
      events_scanned: 1000,
      events_matched: 100,
      events_total: 1000,
      error: null,
      finished_at: new Date(now + 2000).toISOString(),
    });
    // A marker after the late report, on the same partition (same key): once the marker is
    // applied, the late report has been read too, and must not have rolled the replay back.
    const marker = (await api().post(`/v1/webhooks/${webhookId}/replay`, { since }).expect(202))
      .body as ReplayDto;
    await producer.send({
      topic: mgmt.topics.replayProgress,
      messages: [
        {
          key: replay.id,
          value: JSON.stringify({
            ...report('failed', 0, now),
            replay_id: marker.id,
            error: 'marker',
          }),
        },
      ],
    });
    await waitFor('the marker report to be applied', async () => {
      const body = (await api().get(`/v1/webhooks/${webhookId}/replays/${marker.id}`))
        .body as ReplayDto;
      return body.state === 'failed';
    });
    const after = (await api().get(`/v1/webhooks/${webhookId}/replays/${replay.id}`))
      .body as ReplayDto;
    expect(after).toEqual(done);
  });

  /** An instant `hours` before now: windows relative to today, never a fixed date. */
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

  it.each([
    [{}, 'since'],
    [{ since: 'yesterday' }, 'since'],
    [{ since: new Date(Date.now() - 1000).toISOString(), until: 'soon' }, 'until'],
    [{ since: hoursAgo(2), until: hoursAgo(2) }, 'until must be after since'],
    [{ since: hoursAgo(1), until: hoursAgo(2) }, 'until must be after since'],
    [
      {
        since: new Date(Date.now() - 1000).toISOString(),
        until: new Date(Date.now() + 600_000).toISOString(),
      },
      'until must not be in the future',
    ],
    [
      { since: new Date(Date.now() - 15 * 86_400_000).toISOString() },
      'since must be at most 14 days',
    ],
    [{ since: new Date(Date.now() - 1000).toISOString(), extra: 1 }, 'extra'],
  ])('refuses %j with 400 naming the field', async (body, named) => {
    const webhookId = await createWebhook();
    const refused = await api().post(`/v1/webhooks/${webhookId}/replay`, body).expect(400);
    expect(JSON.stringify(refused.body)).toContain(named);
  });

  it('answers 409 for an inactive webhook and 404 for an unknown webhook or replay', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const inactive = await createWebhook({ active: false });
    await api().post(`/v1/webhooks/${inactive}/replay`, { since }).expect(409);
    await api().post(`/v1/webhooks/${randomUUID()}/replay`, { since }).expect(404);
    const webhookId = await createWebhook();
    await api().get(`/v1/webhooks/${webhookId}/replays/${randomUUID()}`).expect(404);
    await api().get(`/v1/webhooks/${webhookId}/replays/nope`).expect(404);

    // Another organisation sees neither the webhook nor its replay.
    const accepted = (await api().post(`/v1/webhooks/${webhookId}/replay`, { since }).expect(202))
      .body as ReplayDto;
    const other = await mgmt.newOrganisation();
    await request(mgmt.http)
      .get(`/v1/webhooks/${webhookId}/replays/${accepted.id}`)
      .set('authorization', `Bearer ${other.key}`)
      .expect(404);
  });
});
