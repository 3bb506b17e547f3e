import { Webhook } from 'standardwebhooks';
import type { AttemptOutcome, DeadLetterRecord, RejectedEvent } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { REDACTED } from '../src/http/redaction';
import {
  Harness,
  Receiver,
  selfSignedCert,
  type Behaviour,
  type SenderUnderTest,
} from './sender-support';
import { caughtUp } from '../../../test/support/caught-up';
import { waitFor } from '../../../test/support/wait-for';

/**
 * The sender against the real broker and store, with local HTTPS receivers trusted through
 * the client's `ca` option: one sender instance serves every case of this suite.
 */
describe('sender', () => {
  const tls = selfSignedCert();
  const harness = new Harness();
  const receiver: Receiver = new Receiver(tls, (path, request): ReturnType<Behaviour> => {
    // A request-bin style receiver: answers with the request it got, headers included,
    // after `pad` bytes (to put a secret across the excerpt's 4 KB limit).
    if (path.startsWith('/echo/')) {
      const pad = Number(path.split('/')[2].split('?')[0]);
      const echo = { path, headers: request.headers, body: request.body };
      const first = String(request.headers.authorization);
      return { status: 500, body: 'x'.repeat(pad) + first + JSON.stringify(echo) };
    }
    if (path.startsWith('/status/')) return { status: Number(path.split('/')[2]) };
    if (path.startsWith('/redirect/'))
      return {
        status: Number(path.split('/')[2]),
        headers: { location: receiver.url('/redirect-target') },
      };
    if (path.startsWith('/slow/')) return { delayMs: Number(path.split('/')[2]) };
    if (path === '/reset') return { reset: true };
    if (path === '/big') return { body: 'x'.repeat(100_000) };
    return { status: 200, body: '{"ok":true}' };
  });
  const untrusted = new Receiver(selfSignedCert());
  const listener = new Receiver(tls); // on 0.0.0.0: what a blocked address would reach
  let sender: SenderUnderTest;
  const outcomesOf = (webhookId: string) =>
    harness.output<AttemptOutcome>('attempts').filter((o) => o.webhook_id === webhookId);

  beforeAll(async () => {
    await Promise.all([
      harness.start(),
      receiver.start(),
      untrusted.start(),
      listener.start('0.0.0.0'),
    ]);
    await harness.collect('attempts', 'deadLetter');
    sender = await harness.startSender(harness.config(), { ca: [tls.cert] });
  });
  afterAll(async () => {
    await harness.stop();
    await Promise.all([receiver.stop(), untrusted.stop(), listener.stop()]);
  });

  it('delivers a signed callback on the first try and records the outcome', async () => {
    const { id, secret } = await harness.addWebhook({
      url: receiver.url('/ok'),
      method: 'PUT',
      headers: { Authorization: 'Bearer s3cr3t', 'x-custom': 'yes' },
    });
    const record = harness.record(id);
    await harness.produce([record]);
    await waitFor('outcome', () => outcomesOf(id).length === 1, 20_000);

    const [request] = receiver.on('/ok');
    expect(request.method).toBe('PUT');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^webhook-platform\/\d+\.\d+\.\d+/);
    expect(request.headers['webhook-id']).toBe(record.delivery_id);
    expect(request.headers.authorization).toBe('Bearer s3cr3t');
    expect(request.headers['x-custom']).toBe('yes');
    expect(JSON.parse(request.body)).toEqual(record.payload);
    expect(
      new Webhook(secret).verify(request.body, request.headers as Record<string, string>),
    ).toEqual(record.payload);

    const [outcome] = outcomesOf(id);
    expect(outcome).toMatchObject({
      delivery_id: record.delivery_id,
      series_id: record.series_id,
      trigger: 'event',
      attempt: 1,
      status: 'succeeded',
      status_code: 200,
      error_kind: null,
      next: 'done',
      response_excerpt: '{"ok":true}',
      payload: record.payload,
    });
    // Never a URL, header value or secret on a topic.
    const raw = JSON.stringify(harness.output('attempts'));
    expect(raw).not.toContain('s3cr3t');
    expect(raw).not.toContain('https://');
    expect(raw).not.toContain(secret.slice(6, 20));
  });

  it('signs with every live secret and drops expired ones', async () => {
    const live = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const old = `whsec_${Buffer.alloc(32, 8).toString('base64')}`;
    const expired = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    const { id } = await harness.addWebhook({
      url: receiver.url('/ok-rotated'),
      secrets: [
        { secret: live, expires_at: null },
        { secret: old, expires_at: new Date(Date.now() + 3600_000) },
        { secret: expired, expires_at: new Date(Date.now() - 1000) },
      ],
    });
    await harness.produce([harness.record(id)]);
    await waitFor('outcome', () => outcomesOf(id).length === 1, 20_000);
    const [request] = receiver.on('/ok-rotated');
    const headers = request.headers as Record<string, string>;
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(live).verify(request.body, headers)).not.toThrow();
    expect(() => new Webhook(old).verify(request.body, headers)).not.toThrow();
    expect(() => new Webhook(expired).verify(request.body, headers)).toThrow();
  });

  it('retries a 500 exactly three times at the configured spacing, then dead-letters it', async () => {
    const { id } = await harness.addWebhook({ url: receiver.url('/status/500') });
    const record = harness.record(id);
    await harness.produce([record]);
    await waitFor(
      'dead letter',
      () =>
        harness
          .output<DeadLetterRecord>('deadLetter')
          .some((d) => d.delivery_id === record.delivery_id),
      20_000,
    );
    // Nothing more may come: every record read and finished, every outcome collected.
    await caughtUp(harness.kafka, [sender.consumerGroup, harness.collectorGroup!]);
    const calls = receiver.on('/status/500');
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => c.headers['webhook-id']))).toEqual(
      new Set([record.delivery_id]),
    );
    for (let i = 1; i < calls.length; i += 1) {
      const gap = calls[i].at - calls[i - 1].at;
      expect(gap).toBeGreaterThanOrEqual(280);
      expect(gap).toBeLessThan(2500);
    }
    const outcomes = outcomesOf(id).sort((a, b) => a.attempt - b.attempt);
    expect(outcomes.map((o) => [o.attempt, o.status, o.status_code, o.error_kind, o.next])).toEqual(
      [
        [1, 'failed', 500, 'http_status', 'retry'],
        [2, 'failed', 500, 'http_status', 'retry'],
        [3, 'failed', 500, 'http_status', 'retry'],
        [4, 'failed', 500, 'http_status', 'dead_letter'],
      ],
    );
    expect(outcomes[0].next_attempt_at).not.toBeNull();
    const dead = harness
      .output<DeadLetterRecord>('deadLetter')
      .find((d) => d.delivery_id === record.delivery_id)!;
    expect(dead.history.map((h) => h.attempt)).toEqual([1, 2, 3, 4]);
    expect(dead.payload).toEqual(record.payload);
    expect(dead.dead_lettered_at).toBeDefined();
  });

  it.each([301, 302, 307])('treats a %i as a failure and never follows it', async (code) => {
    const { id } = await harness.addWebhook({ url: receiver.url(`/redirect/${code}`) });
    await harness.produce([harness.record(id)]);
    await waitFor('outcome', () => outcomesOf(id).length >= 1, 20_000);
    expect(outcomesOf(id)[0]).toMatchObject({
      status: 'failed',
      status_code: code,
      error_kind: 'redirect',
      next: 'retry',
    });
    expect(receiver.on('/redirect-target')).toHaveLength(0);
  });

  it('fails an answer after 2.5 s as a timeout and accepts one after 1.5 s', async () => {
    const slow = await harness.addWebhook({ url: receiver.url('/slow/2500') });
    const ok = await harness.addWebhook({ url: receiver.url('/slow/1500') });
    await harness.produce([harness.record(slow.id), harness.record(ok.id)]);
    await waitFor(
      'outcomes',
      () => outcomesOf(slow.id).length >= 1 && outcomesOf(ok.id).length >= 1,
      20_000,
    );
    const [timedOut] = outcomesOf(slow.id);
    expect(timedOut).toMatchObject({ status: 'failed', error_kind: 'timeout', status_code: null });
    expect(timedOut.duration_ms).toBeGreaterThanOrEqual(1900);
    expect(timedOut.duration_ms).toBeLessThan(2600);
    expect(outcomesOf(ok.id)[0]).toMatchObject({ status: 'succeeded', status_code: 200 });
  });

  it('fails a connection reset and a TLS error cleanly', async () => {
    const reset = await harness.addWebhook({ url: receiver.url('/reset') });
    const badTls = await harness.addWebhook({ url: untrusted.url('/tls') });
    await harness.produce([harness.record(reset.id), harness.record(badTls.id)]);
    await waitFor(
      'outcomes',
      () => outcomesOf(reset.id).length >= 1 && outcomesOf(badTls.id).length >= 1,
      20_000,
    );
    expect(outcomesOf(reset.id)[0]).toMatchObject({
      status: 'failed',
      error_kind: 'connection',
      next: 'retry',
    });
    expect(outcomesOf(badTls.id)[0]).toMatchObject({
      status: 'failed',
      error_kind: 'tls',
      next: 'retry',
    });
    expect(untrusted.requests).toHaveLength(0);
  });

  it('refuses a blocked address without connecting', async () => {
    // 0.0.0.0 would reach the local listener, but it is not a public (or allowed) address.
    const { id } = await harness.addWebhook({ url: `https://0.0.0.0:${listener.port}/blocked` });
    await harness.produce([harness.record(id)]);
    await waitFor('outcome', () => outcomesOf(id).length >= 1, 20_000);
    expect(outcomesOf(id)[0]).toMatchObject({ status: 'failed', error_kind: 'blocked_address' });
    expect(listener.connections).toBe(0);
  });

  it('cancels a delivery whose webhook was deleted or deactivated', async () => {
    const deleted = await harness.addWebhook({ url: receiver.url('/deleted') });
    const inactive = await harness.addWebhook({ url: receiver.url('/inactive'), active: false });
    const deactivated = await harness.addWebhook({ url: receiver.url('/deactivated') });
    // Called once while live, so the sender holds it in its cache before the change.
    await harness.produce([harness.record(deactivated.id)]);
    await waitFor('first call', () => receiver.on('/deactivated').length === 1, 20_000);
    await harness.deleteWebhook(deleted.id);
    const deactivatedAt = await harness.deactivateWebhook(deactivated.id);
    await waitFor(
      'the changes on the routing topic',
      () =>
        sender.routes.versionOf(deleted.id) === 'deleted' &&
        sender.routes.versionOf(deactivated.id) === deactivatedAt,
      10_000,
    );
    await harness.produce([
      harness.record(deleted.id),
      harness.record(inactive.id),
      harness.record(deactivated.id),
    ]);
    await waitFor(
      'outcomes',
      () =>
        outcomesOf(deleted.id).length >= 1 &&
        outcomesOf(inactive.id).length >= 1 &&
        outcomesOf(deactivated.id).length >= 2,
      20_000,
    );
    for (const outcome of [
      outcomesOf(deleted.id)[0],
      outcomesOf(inactive.id)[0],
      outcomesOf(deactivated.id)[1],
    ])
      expect(outcome).toMatchObject({
        status: 'cancelled',
        error_kind: 'webhook_gone',
        next: 'dropped',
        status_code: null,
      });
    expect(receiver.on('/deleted')).toHaveLength(0);
    expect(receiver.on('/inactive')).toHaveLength(0);
    expect(receiver.on('/deactivated')).toHaveLength(1);
  });

  it('sets an invalid record aside on the dead-letter topic and keeps going', async () => {
    await harness.produceRaw('{"not":"a delivery"}');
    const { id } = await harness.addWebhook({ url: receiver.url('/after-invalid') });
    await harness.produce([harness.record(id)]);
    await waitFor('outcome', () => outcomesOf(id).length >= 1, 20_000);
    await waitFor(
      'rejected',
      () =>
        harness
          .output<RejectedEvent>('deadLetter')
          .some((d) => d.reason?.startsWith('invalid delivery record')),
      5000,
    );
    const rejected = harness
      .output<RejectedEvent>('deadLetter')
      .find((d) => d.reason?.startsWith('invalid'))!;
    expect(Buffer.from(rejected.raw_value_base64!, 'base64').toString()).toBe(
      '{"not":"a delivery"}',
    );
    expect(rejected.source.topic).toBe(harness.topics.deliveries);
  });

  it('holds a retry until not_before without blocking other deliveries or the group', async () => {
    const joins = async () =>
      (await sender.registry.getSingleMetric('kafka_consumer_group_joins_total')!.get()).values[0]
        .value;
    const joinsBefore = await joins();
    const { id } = await harness.addWebhook({ url: receiver.url('/later') });
    const fresh = await harness.addWebhook({ url: receiver.url('/now') });
    // Longer than the session timeout (6 s): the paused consumer must keep heartbeating.
    const notBefore = Date.now() + 7000;
    const first = harness.record(id);
    const retry = {
      ...first,
      attempt: 2,
      not_before: new Date(notBefore).toISOString(),
      history: [
        {
          attempt: 1,
          attempted_at: first.created_at,
          status_code: 500,
          error_kind: 'http_status' as const,
          error: 'HTTP 500',
          duration_ms: 3,
        },
      ],
    };
    // Its retry-1 partition is paused meanwhile; the deliveries topic keeps flowing.
    await harness.produce([retry], 'retry1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await harness.produce([harness.record(fresh.id)]);
    await waitFor('fresh delivery', () => receiver.on('/now').length === 1, 5000);
    // Long before the held retry is due: a consumer held by the paused partition would
    // deliver it only after. (A bound of 1.5 s from sending failed once under a full suite.)
    expect(receiver.on('/now')[0].at).toBeLessThan(notBefore - 2000);
    expect(receiver.on('/later')).toHaveLength(0);
    await waitFor('retry', () => receiver.on('/later').length === 1, 15_000);
    expect(receiver.on('/later')[0].at).toBeGreaterThanOrEqual(notBefore);
    expect(receiver.on('/later')[0].at).toBeLessThan(notBefore + 1500);
    await waitFor('outcome', () => outcomesOf(id).length === 1, 5000);
    expect(outcomesOf(id)[0]).toMatchObject({ attempt: 2, status: 'succeeded' });
    expect(await joins()).toBe(joinsBefore);
  });

  it.each([0, 4090])(
    'redacts what an echoing receiver sends back, on every topic (secret at byte %i)',
    async (pad) => {
      const token = `${randomUUID()}-bearer-token`;
      const apiKey = `key-${randomUUID()}`;
      const url = receiver.url(`/echo/${pad}?token=${randomUUID()}`);
      const { id, secret } = await harness.addWebhook({
        url,
        headers: { Authorization: token, 'x-api-key': apiKey },
      });
      const record = harness.record(id);
      await harness.produce([record]);
      const deadLetter = () =>
        harness
          .output<DeadLetterRecord>('deadLetter')
          .filter((d) => d.delivery_id === record.delivery_id);
      await waitFor('dead letter', () => deadLetter().length === 1, 20_000);

      const signatures = receiver.requests
        .filter((r) => r.path === new URL(url).pathname + new URL(url).search)
        .map((r) => String(r.headers['webhook-signature']));
      expect(signatures).toHaveLength(4);
      const leaked = JSON.stringify([...outcomesOf(id), ...deadLetter()]);
      const secrets = [token, apiKey, secret, secret.slice('whsec_'.length), url];
      for (const value of [...secrets, ...signatures, ...signatures.map((s) => s.slice(3))])
        expect(leaked).not.toContain(value);
      // The limit cut through the token: not even its first characters may remain.
      expect(leaked).not.toContain(token.slice(0, 8));
      // The token stands right after the padding, so each excerpt starts with the padding and
      // the marker (cut by the 4 KB limit when the token straddled it).
      const start = ('x'.repeat(pad) + REDACTED).slice(0, 4096);
      for (const outcome of outcomesOf(id)) {
        expect(outcome.response_excerpt?.startsWith(start)).toBe(true);
        expect(Buffer.byteLength(outcome.response_excerpt ?? '')).toBeLessThanOrEqual(4096);
      }
    },
  );

  it('keeps only the first 4 KB of a response body', async () => {
    const { id } = await harness.addWebhook({ url: receiver.url('/big') });
    await harness.produce([harness.record(id)]);
    await waitFor('outcome', () => outcomesOf(id).length >= 1, 20_000);
    expect(outcomesOf(id)[0].response_excerpt).toHaveLength(4096);
  });
});
