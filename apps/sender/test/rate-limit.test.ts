import type { AttemptOutcome, DeliveryRecord } from '@app/contracts';
import { Harness, Receiver, selfSignedCert, type ReceivedRequest } from './sender-support';
import { waitFor } from '../../../test/support/wait-for';

/**
 * A rate limit per webhook (docs/design.md, "A rate limit per webhook"): a webhook limited
 * to 5 callbacks a second gets a burst of 50 spread over about ten seconds, each once and
 * as its first attempt (waiting for the limit is not an attempt), while another webhook's
 * burst, produced after it, goes out at once. Timing bounds are loose on purpose: the
 * machine running the tests may be busy.
 */
describe('a rate limit per webhook', () => {
  const tls = selfSignedCert();
  const harness = new Harness();
  const limitedReceiver = new Receiver(tls);
  const freeReceiver = new Receiver(tls);
  const COUNT = 50;
  const RATE = 5;

  beforeAll(async () => {
    await Promise.all([harness.start(), limitedReceiver.start(), freeReceiver.start()]);
    await harness.collect('attempts', 'retry1');
    await harness.startSender(harness.config(), { ca: [tls.cert] });
  });
  afterAll(async () => {
    await harness.stop();
    await Promise.all([limitedReceiver.stop(), freeReceiver.stop()]);
  });

  it('spaces one webhook to its limit, delivers each once as attempt 1, and holds up no other', async () => {
    const limited = await harness.addWebhook({
      url: limitedReceiver.url('/limited'),
      rateLimit: RATE,
    });
    const free = await harness.addWebhook({ url: freeReceiver.url('/free') });
    const limitedRecords = Array.from({ length: COUNT }, () => harness.record(limited.id));
    const freeRecords = Array.from({ length: COUNT }, () => harness.record(free.id));
    const producedAt = Date.now();
    await harness.produce(limitedRecords);
    await harness.produce(freeRecords);

    // The other webhook's burst goes out at once, not behind the limited one's ten seconds.
    await waitFor('the unlimited callbacks', () => distinctIds(freeReceiver.requests) === COUNT);
    const freeSpan = Math.max(...freeReceiver.requests.map((r) => r.at)) - producedAt;
    expect(freeSpan).toBeLessThan(5_000);

    await waitFor(
      'the limited callbacks',
      () => distinctIds(limitedReceiver.requests) === COUNT,
      60_000,
    );
    // Each limited callback arrived once.
    expect(limitedReceiver.requests).toHaveLength(COUNT);
    const arrivals = limitedReceiver.requests.map((r) => r.at).sort((a, b) => a - b);
    // 50 at 5 a second: the first at once, the last about 9.8 s later.
    expect(arrivals[COUNT - 1] - arrivals[0]).toBeGreaterThanOrEqual(8_000);
    // Never a burst: no second holds many more than five (slack for a late timer).
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(RATE + 2);

    // Those whose turn was too far off went the way of a crowded endpoint's: deferred onto
    // the next stage as the same first attempt.
    const deferred = harness
      .output<DeliveryRecord>('retry1')
      .filter((r) => r.webhook_id === limited.id);
    expect(deferred.length).toBeGreaterThan(0);
    expect(
      deferred.every((r) => r.attempt === 1 && r.deferred === 1 && r.history.length === 0),
    ).toBe(true);

    // One outcome each, attempt 1, succeeded: deferrals for the limit were no attempts.
    const ids = new Set(limitedRecords.map((r) => r.delivery_id));
    const outcomes = () =>
      harness.output<AttemptOutcome>('attempts').filter((o) => ids.has(o.delivery_id));
    await waitFor('the limited outcomes', () => outcomes().length >= COUNT);
    expect(outcomes()).toHaveLength(COUNT);
    expect(outcomes().every((o) => o.attempt === 1 && o.status === 'succeeded')).toBe(true);
    expect(new Set(outcomes().map((o) => o.delivery_id)).size).toBe(COUNT);
  });
});

function distinctIds(requests: ReceivedRequest[]): number {
  return new Set(requests.map((r) => String(r.headers['webhook-id']))).size;
}

/** The most arrivals within any one second (arrivals sorted). */
function busiestSecond(arrivals: number[]): number {
  let most = 0;
  for (let start = 0, end = 0; start < arrivals.length; start += 1) {
    while (end < arrivals.length && arrivals[end] < arrivals[start] + 1000) end += 1;
    most = Math.max(most, end - start);
  }
  return most;
}
