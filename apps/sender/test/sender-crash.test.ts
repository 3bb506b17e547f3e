import type { AttemptOutcome } from '@app/contracts';
import { Harness, Receiver, selfSignedCert } from './sender-support';
import { waitFor } from '../../../test/support/wait-for';

/**
 * At-least-once across a crash: a sender leaves its group mid-load without committing
 * anything more and a new instance in the same group takes over; every delivery reaches
 * the receiver and has a succeeded outcome.
 */
describe('sender crash mid-load', () => {
  const tls = selfSignedCert();
  const harness = new Harness();
  const receiver = new Receiver(tls, () => ({ delayMs: 20 }));

  beforeAll(async () => {
    await Promise.all([harness.start(), receiver.start()]);
    await harness.collect('attempts');
  });
  afterAll(async () => {
    await harness.stop();
    await receiver.stop();
  });

  it('loses no delivery when an instance dies and another takes over', async () => {
    const webhooks = await Promise.all(
      Array.from({ length: 20 }, (_, i) => harness.addWebhook({ url: receiver.url(`/hook/${i}`) })),
    );
    const records = Array.from({ length: 600 }, (_, i) =>
      harness.record(webhooks[i % webhooks.length].id),
    );
    const config = harness.config({ SENDER_MAX_IN_FLIGHT: '40', SENDER_MAX_PER_ENDPOINT: '4' });

    const first = await harness.startSender(config, { ca: [tls.cert] });
    await harness.produce(records);
    await waitFor('first deliveries', () => receiver.requests.length >= 150, 30_000);
    await first.abort();
    const deliveredByFirst = receiver.requests.length;
    expect(deliveredByFirst).toBeLessThan(records.length);

    await harness.startSender(config, { ca: [tls.cert] });
    const received = () => new Set(receiver.requests.map((r) => r.headers['webhook-id']));
    await waitFor(
      'every delivery',
      () => records.every((r) => received().has(r.delivery_id)),
      60_000,
    );
    const succeeded = () =>
      new Set(
        harness
          .output<AttemptOutcome>('attempts')
          .filter((o) => o.status === 'succeeded')
          .map((o) => o.delivery_id),
      );
    await waitFor(
      'every outcome',
      () => records.every((r) => succeeded().has(r.delivery_id)),
      20_000,
    );
    console.log(
      `[sender-crash] ${records.length} deliveries: ${deliveredByFirst} requests before the crash, ${receiver.requests.length - records.length} duplicates after takeover`,
    );
  });
});
