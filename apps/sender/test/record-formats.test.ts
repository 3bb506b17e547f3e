import type { Admin, Producer } from 'kafkajs';
import {
  RECORD_FORMAT_CHECK,
  RECORD_FORMAT_HEADER,
  RECORD_FORMAT_VERSION,
  type AttemptOutcome,
  type AttemptSummary,
  type Topics,
} from '@app/contracts';
import { DELIVERIES_CONSUMER } from '../src/consumers';
import type { SenderConfig } from '../src/sender.config';
import { Harness, Receiver, selfSignedCert, type SenderUnderTest } from './sender-support';
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

/**
 * The sender during a rolling upgrade (docs/operators.md, "Upgrading"), on the real broker:
 * records a newer release wrote with fields this one does not know are delivered; a record
 * of a newer major format stops its partition (deliveries, retry and ordered topics alike,
 * and the routing topic), and is neither dead-lettered nor delivered.
 */
describe('sender: records of another release', () => {
  const tls = selfSignedCert();
  const harness = new Harness();
  const receiver = new Receiver(tls);
  let config: SenderConfig;
  let sender: SenderUnderTest;
  let producer: Producer;
  let admin: Admin;
  let outputs: TopicCollector<AttemptOutcome & { reason?: string }>;
  const at = (key: keyof Topics, partition: number) => ({ topic: harness.topics[key], partition });
  const deliveredIds = () => new Set(receiver.requests.map((r) => String(r.headers['webhook-id'])));

  beforeAll(async () => {
    await Promise.all([harness.start(), receiver.start()]);
    producer = harness.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    admin = harness.kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    outputs = await TopicCollector.start([harness.topics.attempts, harness.topics.deadLetter]);
    config = harness.config();
    sender = await harness.startSender(config, { ca: [tls.cert] });
  });
  afterAll(async () => {
    await harness.stop();
    await Promise.all([receiver.stop(), outputs.stop(), producer.disconnect(), admin.disconnect()]);
  });

  it('delivers records with fields it does not know, of a newer minor, from every topic it reads', async () => {
    const { id } = await harness.addWebhook({ url: receiver.url('/minor') });
    const first = harness.record(id);
    const failed: AttemptSummary = {
      attempt: 1,
      attempted_at: new Date().toISOString(),
      status_code: 503,
      error_kind: 'http_status',
      error: 'HTTP 503',
      duration_ms: 12,
    };
    const retry = harness.record(id, {
      attempt: 2,
      not_before: new Date().toISOString(),
      history: [failed],
    });
    const ordered = harness.record(id, { ordering_key: 'contact-1' });
    const withUnknown = <T extends { payload: object }>(record: T) => ({
      ...record,
      ...UNKNOWN_FIELDS,
      payload: { ...record.payload, ...UNKNOWN_FIELDS },
    });
    await produceAt(producer, at('deliveries', 0), id, withUnknown(first), NEWER_MINOR);
    await produceAt(
      producer,
      at('retry1', 0),
      id,
      { ...withUnknown(retry), history: [{ ...failed, ...UNKNOWN_FIELDS }] },
      NEWER_MINOR,
    );
    // Without the header: a record written before format versions.
    await produceAt(producer, at('deliveriesOrdered', 0), `${id}/contact-1`, withUnknown(ordered));

    const ids = [first, retry, ordered].map((record) => record.delivery_id);
    await waitFor('the three callbacks', () => ids.every((d) => deliveredIds().has(d)), 20_000);
    // What it does not know is not passed on: the receiver gets the body this release knows.
    for (const request of receiver.on('/minor'))
      expect(Object.keys(JSON.parse(request.body) as object).sort()).toEqual(
        ['data', 'id', 'organisation_id', 'timestamp', 'type'].sort(),
      );
    await waitFor('their outcomes', () =>
      ids.every((d) => outputs.records.some((r) => r.value.delivery_id === d)),
    );
    const outcomes = outputs.records.filter((r) => ids.includes(r.value.delivery_id));
    expect(outcomes.map((r) => r.value.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // Written in this release's format, whatever it read.
    for (const outcome of outcomes) {
      expect(outcome.headers[RECORD_FORMAT_HEADER]).toBe(RECORD_FORMAT_VERSION);
      expect(outcome.value).not.toHaveProperty('priority');
    }
  });

  it('stops a partition at a record of a newer major: not dead-lettered, nothing after it taken, /health says so', async () => {
    const { id } = await harness.addWebhook({ url: receiver.url('/major') });
    const before = harness.record(id);
    const newer = { ...harness.record(id), shape: 'unknown to this release' };
    const behind = harness.record(id);
    const retryBehind = harness.record(id, {
      attempt: 2,
      not_before: new Date().toISOString(),
      history: [
        {
          attempt: 1,
          attempted_at: new Date().toISOString(),
          status_code: 500,
          error_kind: 'http_status',
          error: 'HTTP 500',
          duration_ms: 3,
        },
      ],
    });
    const orderedBehind = harness.record(id, { ordering_key: 'contact-2' });

    await produceAt(producer, at('deliveries', 1), id, before);
    const stopsAt = {
      deliveries: await produceAt(producer, at('deliveries', 1), id, newer, NEWER_MAJOR),
      retry1: await produceAt(producer, at('retry1', 1), id, newer, NEWER_MAJOR),
      deliveriesOrdered: await produceAt(
        producer,
        at('deliveriesOrdered', 1),
        id,
        newer,
        NEWER_MAJOR,
      ),
    };
    await produceAt(producer, at('deliveries', 1), id, behind);
    await produceAt(producer, at('retry1', 1), id, retryBehind);
    await produceAt(producer, at('deliveriesOrdered', 1), `${id}/contact-2`, orderedBehind);

    const expected = (Object.keys(stopsAt) as Array<keyof typeof stopsAt>).map((key) => ({
      topic: harness.topics[key],
      partition: 1,
      offset: stopsAt[key],
      format_version: NEWER_MAJOR,
    }));
    const health = await waitFor(
      'the three partitions stopped on /health',
      async () => {
        const answer = await healthOf(sender.app);
        return stoppedPartitions(answer.details[DELIVERIES_CONSUMER]).length === 3 ? answer : null;
      },
      20_000,
    );
    expect(health.status).toBe(503);
    expect(health.details[DELIVERIES_CONSUMER]).toMatchObject({
      status: 'down',
      state: 'running',
      reads_format: RECORD_FORMAT_CHECK.reads,
    });
    expect(
      stoppedPartitions(health.details[DELIVERIES_CONSUMER]).sort((a, b) =>
        a.topic.localeCompare(b.topic),
      ),
    ).toEqual(expected.sort((a, b) => a.topic.localeCompare(b.topic)));

    // The record before it was delivered, and its partition committed up to the stop, not past.
    await waitFor('the record before it', () => deliveredIds().has(before.delivery_id));
    await waitFor('the commit up to the stopped record', async () => {
      const offset = await committedOffset(
        admin,
        config.SENDER_CONSUMER_GROUP,
        harness.topics.deliveries,
        1,
      );
      return offset === stopsAt.deliveries;
    });
    // Other partitions flow: an unreadable record elsewhere is set aside as ever, and once
    // that is on the dead-letter topic, nothing of the stopped partitions is there.
    await produceAt(producer, at('deliveries', 2), 'marker', 'not a delivery record');
    await waitFor('the marker set aside', () =>
      outputs.records.some((r) => r.value.reason?.startsWith('invalid delivery record')),
    );
    const deadLetters = outputs.on(harness.topics.deadLetter);
    expect(deadLetters).toHaveLength(1);
    for (const record of [newer, behind, retryBehind, orderedBehind])
      expect(deliveredIds().has(record.delivery_id)).toBe(false);
  });

  it('stops following a routing partition at a snapshot of a newer major, and /health says so', async () => {
    const route = { webhook_id: harness.organisationId, shape: 'unknown to this release' };
    const offset = await produceAt(
      producer,
      at('webhookRoutes', 0),
      route.webhook_id,
      route,
      NEWER_MAJOR,
    );
    const check = await waitFor('the routing partition stopped on /health', async () => {
      const { details } = await healthOf(sender.app);
      return stoppedPartitions(details.webhook_routes).length > 0 ? details.webhook_routes : null;
    });
    expect(check).toMatchObject({ status: 'down', rejected: 0 });
    expect(stoppedPartitions(check)).toEqual([
      { topic: harness.topics.webhookRoutes, partition: 0, offset, format_version: NEWER_MAJOR },
    ]);
  });
});
