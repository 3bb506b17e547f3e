import type { AttemptOutcome, DeadLetterRecord, DeliveryRecord } from '@app/contracts';
import { Harness, Receiver, selfSignedCert } from './sender-support';
import { waitFor } from '../../../test/support/wait-for';

/**
 * Isolation under a flood (docs/design.md, "A flooded endpoint"): a receiver that never
 * answers gets far more records than the sender may hold pending at once, and a healthy
 * receiver's callbacks still go out at once, while the flooded ones are deferred without
 * an attempt and end, each with exactly four attempts, in the dead-letter topic.
 */
describe('a flooded endpoint', () => {
  const tls = selfSignedCert();
  const harness = new Harness();
  const dead = new Receiver(tls, () => ({ delayMs: 60_000 }));
  const healthy = new Receiver(tls);
  const FLOOD = 300;
  const HEALTHY = 20;

  beforeAll(async () => {
    await Promise.all([harness.start(), dead.start(), healthy.start()]);
    await harness.collect('attempts', 'deadLetter', 'retry1');
  });
  afterAll(async () => {
    await harness.stop();
    await Promise.all([dead.stop(), healthy.stop()]);
  });

  it('delays only itself, and every flooded delivery gets its four attempts', async () => {
    const flooded = await harness.addWebhook({ url: dead.url('/never') });
    const fine = await harness.addWebhook({ url: healthy.url('/hook') });
    // The second sender below takes over this one's group and offsets.
    const group = `flood-${flooded.id}`;
    // 3 × 10 = 30 records pending at most, far fewer than the flood; the dead endpoint
    // frees a slot every half second (2 connections, 1 s timeout).
    const first = await harness.startSender(
      harness.config({
        SENDER_CONSUMER_GROUP: group,
        SENDER_MAX_IN_FLIGHT: '3',
        SENDER_MAX_PER_ENDPOINT: '2',
        SENDER_ENDPOINT_BACKLOG: '4',
        WEBHOOK_TIMEOUT_MS: '1000',
      }),
      { ca: [tls.cert] },
    );
    const flood = Array.from({ length: FLOOD }, () => harness.record(flooded.id));
    const later = Array.from({ length: HEALTHY }, () => harness.record(fine.id));
    await harness.produce(flood);
    await harness.produce(later);

    const healthyIds = new Set(later.map((r) => r.delivery_id));
    const arrived = () =>
      new Set(
        healthy.requests
          .map((r) => String(r.headers['webhook-id']))
          .filter((id) => healthyIds.has(id)),
      ).size;
    await waitFor('healthy callbacks', () => arrived() === HEALTHY, 30_000, 5);
    // Without isolation the flood fills every pending slot and the healthy callbacks wait
    // for minutes (this wait times out). With it, they go out after a handful of flooded
    // attempts.
    expect(dead.requests.length).toBeLessThan(12);

    // The rest of the flood was deferred, as the same first attempt, onto the next stage.
    const deferred = harness
      .output<DeliveryRecord>('retry1')
      .filter((r) => r.webhook_id === flooded.id && r.deferred === 1);
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.every((r) => r.attempt === 1 && r.history.length === 0)).toBe(true);

    // The rest runs on a sender with a short timeout and more connections, so the flood's
    // 1,200 attempts end soon.
    await first.stop();
    await harness.startSender(
      harness.config({
        SENDER_CONSUMER_GROUP: group,
        SENDER_MAX_IN_FLIGHT: '40',
        SENDER_MAX_PER_ENDPOINT: '20',
        WEBHOOK_TIMEOUT_MS: '100',
      }),
      { ca: [tls.cert] },
    );
    const floodIds = new Set(flood.map((r) => r.delivery_id));
    const deadLettered = () => harness.deliveryIdsOn('deadLetter', floodIds);
    await waitFor(
      'every flooded delivery dead-lettered',
      () => deadLettered().size === FLOOD,
      90_000,
    );
    for (const record of harness.output<DeadLetterRecord>('deadLetter'))
      if (floodIds.has(record.delivery_id))
        expect(record.history.map((h) => h.attempt)).toEqual([1, 2, 3, 4]);
    // Four attempts each (a redelivery after the hand-over may repeat one, never add a
    // fifth): a deferral is never an attempt. The outcomes travel on another topic than
    // the dead letters, so the collector may see them a moment later.
    const attemptsOf = () => {
      const attempts = new Map<string, Set<number>>();
      for (const outcome of harness.output<AttemptOutcome>('attempts'))
        if (floodIds.has(outcome.delivery_id))
          attempts.set(
            outcome.delivery_id,
            (attempts.get(outcome.delivery_id) ?? new Set()).add(outcome.attempt),
          );
      return attempts;
    };
    await waitFor(
      'every flooded outcome collected',
      () => [...attemptsOf().values()].filter((a) => a.size === 4).length === FLOOD,
    );
    for (const numbers of attemptsOf().values()) expect(numbers).toEqual(new Set([1, 2, 3, 4]));
  });
});
