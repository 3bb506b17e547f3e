import type { Admin, Producer } from 'kafkajs';
import request from 'supertest';
import {
  RECORD_FORMAT_CHECK,
  RECORD_FORMAT_HEADER,
  RECORD_FORMAT_VERSION,
  type AttemptOutcome,
  type RejectedEvent,
  type ReplayProgress,
  type ReplayRequest,
  type Topics,
} from '@app/contracts';
import { createKafkaClientFromEnv } from '@app/kafka';
import { ATTEMPTS_CONSUMER, REPLAY_PROGRESS_CONSUMER } from '../src/consumers/consumers';
import type { ReplayDto } from '../src/replays/replay.dto';
import {
  committedOffset,
  healthOf,
  NEWER_MAJOR,
  NEWER_MINOR,
  produceAt,
  stoppedPartitions,
  UNKNOWN_FIELDS,
} from '../../../test/support/record-formats';
import { TopicCollector } from '../../../test/support/topic-collector';
import { waitFor } from '../../../test/support/wait-for';
import {
  attemptOutcome,
  startManagement,
  webhookBody,
  type ManagementUnderTest,
} from './management-support';

/**
 * Management during a rolling upgrade (docs/operators.md, "Upgrading"), on the real broker
 * and store: attempt outcomes and replay progress a newer release wrote with fields this
 * one does not know are stored; one of a newer major format stops its partition, is not
 * rejected, and nothing after it in that partition is stored. The API answers throughout.
 */
describe('management: records of another release', () => {
  let mgmt: ManagementUnderTest;
  let key: string;
  let organisationId: string;
  let webhookId: string;
  let producer: Producer;
  let admin: Admin;
  let collector: TopicCollector<RejectedEvent | ReplayRequest>;
  const at = (topic: keyof Topics, partition: number) => ({ topic: mgmt.topics[topic], partition });
  const api = (path: string) => request(mgmt.http).get(path).set('authorization', `Bearer ${key}`);
  const outcome = (overrides: Partial<AttemptOutcome> = {}) =>
    attemptOutcome({ webhookId, organisationId }, overrides);
  const logged = async () =>
    new Set(
      (
        (await api(`/v1/webhooks/${webhookId}/deliveries?limit=100`).expect(200)).body as {
          data: Array<{ delivery_id: string }>;
        }
      ).data.map((entry) => entry.delivery_id),
    );
  const rejected = () =>
    collector.on(mgmt.topics.rejectedEvents).map((r) => (r.value as RejectedEvent).source);

  /** A replay asked for through the API (so management knows it), and its progress report. */
  async function requestReplay(): Promise<{ id: string; report: ReplayProgress }> {
    const since = new Date(Date.now() - 60_000).toISOString();
    const replay = (
      await request(mgmt.http)
        .post(`/v1/webhooks/${webhookId}/replay`)
        .set('authorization', `Bearer ${key}`)
        .send({ since })
        .expect(202)
    ).body as ReplayDto;
    const now = new Date().toISOString();
    const report: ReplayProgress = {
      replay_id: replay.id,
      webhook_id: webhookId,
      organisation_id: organisationId,
      state: 'completed',
      events_scanned: 3,
      events_matched: 1,
      events_total: 3,
      error: null,
      started_at: now,
      reported_at: now,
    };
    return { id: replay.id, report };
  }
  const stateOf = async (replayId: string) =>
    ((await api(`/v1/webhooks/${webhookId}/replays/${replayId}`).expect(200)).body as ReplayDto)
      .state;

  beforeAll(async () => {
    mgmt = await startManagement();
    ({ key, organisationId } = await mgmt.newOrganisation());
    webhookId = (
      (
        await request(mgmt.http)
          .post('/v1/webhooks')
          .set('authorization', `Bearer ${key}`)
          .send(webhookBody())
          .expect(201)
      ).body as { id: string }
    ).id;
    const kafka = createKafkaClientFromEnv('record-formats-test');
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    collector = await TopicCollector.start([mgmt.topics.rejectedEvents, mgmt.topics.replays]);
  });
  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await collector?.stop();
    await mgmt?.close();
  });

  it('stores an attempt outcome with fields it does not know, of a newer minor', async () => {
    const recorded = outcome();
    const withUnknown = {
      ...recorded,
      ...UNKNOWN_FIELDS,
      payload: { ...recorded.payload, ...UNKNOWN_FIELDS },
    };
    await produceAt(producer, at('attempts', 0), webhookId, withUnknown, NEWER_MINOR);
    await waitFor('the attempt in the log', async () => (await logged()).has(recorded.delivery_id));
    const [entry] = (
      (await api(`/v1/webhooks/${webhookId}/deliveries`).expect(200)).body as {
        data: Array<{ delivery_id: string; payload: unknown }>;
      }
    ).data.filter((e) => e.delivery_id === recorded.delivery_id);
    // What it did not know is not kept: a redelivery sends the body this release knows.
    expect(entry.payload).toEqual(recorded.payload);
  });

  it('stores replay progress with fields it does not know, of a newer minor, and writes its request in its own format', async () => {
    const { id, report } = await requestReplay();
    const sent = await waitFor('the replay request on the topic', () =>
      collector.on(mgmt.topics.replays).find((r) => (r.value as ReplayRequest).replay_id === id),
    );
    expect(sent.headers[RECORD_FORMAT_HEADER]).toBe(RECORD_FORMAT_VERSION);
    await produceAt(
      producer,
      at('replayProgress', 0),
      id,
      { ...report, ...UNKNOWN_FIELDS },
      NEWER_MINOR,
    );
    await waitFor('the replay completed', async () => (await stateOf(id)) === 'completed');
  });

  it('stops an attempts partition at an outcome of a newer major: not rejected, nothing after it stored, /health says so', async () => {
    const first = outcome();
    const newer = { ...outcome(), shape: 'unknown to this release' };
    const behind = outcome();
    await produceAt(producer, at('attempts', 1), webhookId, first);
    const stopsAt = await produceAt(producer, at('attempts', 1), webhookId, newer, NEWER_MAJOR);
    await produceAt(producer, at('attempts', 1), webhookId, behind);

    const health = await waitFor('the stop on /health', async () => {
      const answer = await healthOf(mgmt.app);
      return stoppedPartitions(answer.details[ATTEMPTS_CONSUMER]).length > 0 ? answer : null;
    });
    expect(health.status).toBe(503);
    expect(health.details[ATTEMPTS_CONSUMER]).toMatchObject({
      status: 'down',
      state: 'running',
      reads_format: RECORD_FORMAT_CHECK.reads,
    });
    expect(stoppedPartitions(health.details[ATTEMPTS_CONSUMER])).toEqual([
      { topic: mgmt.topics.attempts, partition: 1, offset: stopsAt, format_version: NEWER_MAJOR },
    ]);
    await waitFor('the outcome before it', async () => (await logged()).has(first.delivery_id));
    await waitFor('the commit up to the stopped outcome', async () => {
      const group = mgmt.config.MANAGEMENT_CONSUMER_GROUP;
      return (await committedOffset(admin, group, mgmt.topics.attempts, 1)) === stopsAt;
    });
    // Other partitions flow: a bad record elsewhere is rejected as ever, and once that is
    // on the rejected-events topic, nothing of the stopped partition is there.
    await produceAt(producer, at('attempts', 2), 'marker', 'not an outcome');
    await waitFor('the marker rejected', () =>
      rejected().some((source) => source.topic === mgmt.topics.attempts),
    );
    expect(rejected()).toEqual([
      expect.objectContaining({ topic: mgmt.topics.attempts, partition: 2 }),
    ]);
    const log = await logged();
    expect(log.has(newer.delivery_id)).toBe(false);
    expect(log.has(behind.delivery_id)).toBe(false);
  });

  it('stops a replay progress partition at a report of a newer major: not rejected, nothing after it stored, /health says so', async () => {
    const first = await requestReplay();
    const newer = await requestReplay();
    const behind = await requestReplay();
    const partition = at('replayProgress', 1);
    await produceAt(producer, partition, first.id, first.report);
    const stopsAt = await produceAt(
      producer,
      partition,
      newer.id,
      { ...newer.report, shape: 'unknown to this release' },
      NEWER_MAJOR,
    );
    await produceAt(producer, partition, behind.id, behind.report);

    const check = await waitFor('the stop on /health', async () => {
      const { details } = await healthOf(mgmt.app);
      const found = details[REPLAY_PROGRESS_CONSUMER];
      return stoppedPartitions(found).length > 0 ? found : null;
    });
    expect(check).toMatchObject({ status: 'down', reads_format: RECORD_FORMAT_CHECK.reads });
    expect(stoppedPartitions(check)).toEqual([
      {
        topic: mgmt.topics.replayProgress,
        partition: 1,
        offset: stopsAt,
        format_version: NEWER_MAJOR,
      },
    ]);
    await waitFor('the report before it', async () => (await stateOf(first.id)) === 'completed');
    await waitFor('the commit up to the stopped report', async () => {
      const group = `${mgmt.config.MANAGEMENT_CONSUMER_GROUP}.replay-progress`;
      return (await committedOffset(admin, group, mgmt.topics.replayProgress, 1)) === stopsAt;
    });
    await produceAt(producer, at('replayProgress', 2), 'marker', 'not a report');
    await waitFor('the marker rejected', () =>
      rejected().some((source) => source.topic === mgmt.topics.replayProgress),
    );
    expect(rejected().filter((source) => source.topic === mgmt.topics.replayProgress)).toEqual([
      expect.objectContaining({ partition: 2 }),
    ]);
    expect(await stateOf(newer.id)).toBe('requested');
    expect(await stateOf(behind.id)).toBe('requested');
  });
});
