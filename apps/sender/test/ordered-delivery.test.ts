import { randomUUID } from 'node:crypto';
import type { AttemptOutcome, DeadLetterRecord, DeliveryRecord } from '@app/contracts';
import { Harness, Receiver, selfSignedCert, type ReceivedRequest } from './sender-support';
import { waitFor } from '../../../test/support/wait-for';

interface Arrival {
  entity: string;
  seq: number;
  delivery: string;
  ok: boolean;
  at: number;
}

/** What an entity's events carry here: which entity, and their place in its order. */
function parse(request: ReceivedRequest): { entity: string; seq: number } {
  const { data } = JSON.parse(request.body) as { data: { entity: string; seq: number } };
  return data;
}

/**
 * Every callback of an entity came after each earlier one of that entity had ended: a 2xx
 * answer, or `attempts` failed answers (its dead letter). Returns the violations.
 */
function orderViolations(arrivals: Arrival[], attempts: number): string[] {
  const violations: string[] = [];
  const ended = new Map<string, Set<number>>();
  const failures = new Map<string, number>();
  for (const arrival of arrivals) {
    const done = ended.get(arrival.entity) ?? new Set<number>();
    ended.set(arrival.entity, done);
    for (let earlier = 0; earlier < arrival.seq; earlier++)
      if (!done.has(earlier))
        violations.push(`${arrival.entity}#${arrival.seq} came before #${earlier} had ended`);
    const key = `${arrival.entity}#${arrival.seq}`;
    if (!arrival.ok) failures.set(key, (failures.get(key) ?? 0) + 1);
    if (arrival.ok || failures.get(key) === attempts) done.add(arrival.seq);
  }
  return violations;
}

/** Per-entity ordering on the real broker: in-place retries, dead letters, a crash. */
describe('ordered delivery', () => {
  const tls = selfSignedCert();
  const harness = new Harness();
  const arrivals: Arrival[] = [];
  /** Decides each answer from the entity, the sequence number and how often it came. */
  let answer: (entity: string, seq: number, seen: number) => number = () => 200;
  const seen = new Map<string, number>();
  const receiver = new Receiver(tls, (_path, request) => {
    const { entity, seq } = parse(request);
    const count = (seen.get(`${entity}#${seq}`) ?? 0) + 1;
    seen.set(`${entity}#${seq}`, count);
    const status = answer(entity, seq, count);
    arrivals.push({
      entity,
      seq,
      delivery: String(request.headers['webhook-id']),
      ok: status < 300,
      at: Date.now(),
    });
    return { status, delayMs: 5 };
  });

  beforeAll(async () => {
    await Promise.all([harness.start(), receiver.start()]);
    await harness.collect('attempts', 'retry1', 'deadLetter');
  });
  afterAll(async () => {
    await harness.stop();
    await receiver.stop();
  });
  beforeEach(() => {
    arrivals.length = 0;
    seen.clear();
  });

  /** `count` events of each entity, in order, for one webhook. */
  function stream(webhookId: string, entities: string[], count: number): DeliveryRecord[] {
    const records: DeliveryRecord[] = [];
    for (let seq = 0; seq < count; seq++)
      for (const entity of entities) {
        const record = harness.record(webhookId, { ordering_key: entity });
        record.payload.data = { id: entity, entity, seq };
        records.push(record);
      }
    return records;
  }

  const succeeded = (entity: string) => arrivals.filter((a) => a.entity === entity && a.ok);
  /**
   * The arrivals of one test's entities: each test's sender reads the topic from the start
   * (a group of its own), so earlier tests' records arrive again.
   */
  const of = (entities: string[]) => arrivals.filter((a) => entities.includes(a.entity));

  it('holds back only the failing entity, and sends it on after a success or a dead letter', async () => {
    const run = randomUUID().slice(0, 8);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => `${name}-${run}`);
    // a#2 fails once; d#0 always fails (dead letter); b and c never fail.
    answer = (entity, seq, count) =>
      (entity === a && seq === 2 && count === 1) || (entity === d && seq === 0) ? 500 : 200;
    const webhook = await harness.addWebhook({ url: receiver.url('/ordered') });
    const records = stream(webhook.id, [a, b, c, d], 10);
    const sender = await harness.startSender(harness.config({ WEBHOOK_RETRY_DELAYS: '2s,2s,2s' }), {
      ca: [tls.cert],
    });
    await harness.produce(records, 'deliveriesOrdered');

    await waitFor(
      'every callback to end',
      () => [a, b, c].every((e) => succeeded(e).length === 10) && succeeded(d).length === 9,
      60_000,
    );
    expect(orderViolations(of([a, b, c, d]), 4)).toEqual([]);
    // The other entities did not wait for a#2's retry, two seconds later.
    const retryOfA2 = arrivals.filter((x) => x.entity === a && x.seq === 2)[1];
    for (const entity of [b, c]) expect(succeeded(entity)[9].at).toBeLessThan(retryOfA2.at);
    // a#3 and later came only after a#2 succeeded.
    expect(succeeded(a).map((x) => x.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(
      arrivals.filter((x) => x.entity === a && x.seq > 2).every((x) => x.at > retryOfA2.at),
    ).toBe(true);
    // d#0 was tried four times, parked as a dead letter, and d#1 went only after that.
    const d0 = arrivals.filter((x) => x.entity === d && x.seq === 0);
    expect(d0).toHaveLength(4);
    expect(succeeded(d)[0]).toMatchObject({ seq: 1 });
    expect(succeeded(d)[0].at).toBeGreaterThan(d0[3].at);

    const delivered = new Set(records.map((r) => r.delivery_id));
    await waitFor('the dead letter', () =>
      harness
        .output<DeadLetterRecord>('deadLetter')
        .some((r) => delivered.has(r.delivery_id) && r.history.length === 4),
    );
    const outcomes = harness
      .output<AttemptOutcome>('attempts')
      .filter((o) => o.delivery_id === retryOfA2.delivery);
    expect(outcomes.map((o) => [o.attempt, o.status, o.next])).toEqual([
      [1, 'failed', 'retry'],
      [2, 'succeeded', 'done'],
    ]);
    // Retried in place: nothing of this webhook went through the retry topics.
    expect(harness.output<DeliveryRecord>('retry1').some((r) => delivered.has(r.delivery_id))).toBe(
      false,
    );
    await sender.stop(); // its group would deliver the next test's records too
  });

  it('waits for a rate limit in memory rather than deferring, so the order holds', async () => {
    const run = randomUUID().slice(0, 8);
    const entities = [`x-${run}`, `y-${run}`];
    answer = () => 200;
    const webhook = await harness.addWebhook({ url: receiver.url('/limited'), rateLimit: 5 });
    // 40 callbacks at 5 a second: far more than the 2 s a record may wait unordered.
    const records = stream(webhook.id, entities, 20);
    const sender = await harness.startSender(harness.config(), { ca: [tls.cert] });
    await harness.produce(records, 'deliveriesOrdered');
    await waitFor('every callback', () => of(entities).filter((x) => x.ok).length >= 40, 30_000);
    const mine = of(entities);
    expect(orderViolations(mine, 4)).toEqual([]);
    const span = mine[mine.length - 1].at - mine[0].at;
    expect(span).toBeGreaterThanOrEqual(6_000); // 40 slots 200 ms apart
    const ids = new Set(records.map((r) => r.delivery_id));
    expect(harness.output<DeliveryRecord>('retry1').some((r) => ids.has(r.delivery_id))).toBe(
      false,
    );
    await sender.stop();
  });

  it('keeps each entity in order when the sender crashes mid-stream', async () => {
    const run = randomUUID().slice(0, 8);
    const entities = Array.from({ length: 12 }, (_, i) => `contact-${i}-${run}`);
    // Every seventh event of an entity fails its first attempt and is retried in place.
    answer = (_entity, seq, count) => (seq % 7 === 3 && count === 1 ? 500 : 200);
    const webhook = await harness.addWebhook({ url: receiver.url('/crash') });
    const records = stream(webhook.id, entities, 25);
    const config = harness.config({ WEBHOOK_RETRY_DELAYS: '300ms,300ms,300ms' });

    const first = await harness.startSender(config, { ca: [tls.cert] });
    await harness.produce(records, 'deliveriesOrdered');
    await waitFor(
      'a third of the callbacks',
      () => of(entities).length >= records.length / 3,
      30_000,
    );
    await first.abort();
    const beforeCrash = of(entities).length;
    expect(beforeCrash).toBeLessThan(records.length);

    await harness.startSender(config, { ca: [tls.cert] });
    const ok = () => new Set(arrivals.filter((x) => x.ok).map((x) => x.delivery));
    await waitFor('every callback', () => records.every((r) => ok().has(r.delivery_id)), 60_000);
    expect(orderViolations(of(entities), 4)).toEqual([]);
    console.log(
      `[ordered-crash] ${records.length} ordered callbacks: ${beforeCrash} requests before the crash, ` +
        `${of(entities).filter((x) => x.ok).length - records.length} duplicates after takeover, 0 out of order`,
    );
  });
});
