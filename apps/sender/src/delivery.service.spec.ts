import pino from 'pino';
import { Registry } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import type { DeliveryRecord } from '@app/contracts';
import type { FollowUp, HandOver } from './attempt-outcome';
import { FlowControl } from './flow-control/flow-control';
import { defaultLimits } from './flow-control/sender-limits.fixture';
import {
  DeliveryService,
  type CallbackSender,
  type HandOverSink,
  type WebhookLookup,
} from './delivery.service';
import type { CallbackRequest } from './http/http-delivery.client';
import { SenderMetrics } from './sender.metrics';
import type { DirectoryEntry } from './webhook-lookup/webhook-directory';

const secret = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const now = new Date('2026-11-23T10:00:00.000Z');
const record: DeliveryRecord = {
  delivery_id: 'd1',
  webhook_id: 'w1',
  organisation_id: 'o1',
  trigger: 'event',
  series_id: 'd1',
  attempt: 1,
  created_at: now.toISOString(),
  history: [],
  payload: {
    id: 'e1',
    type: 'contact.created',
    timestamp: now.toISOString(),
    organisation_id: 'o1',
    data: { a: 1 },
  },
};
const live: DirectoryEntry = {
  kind: 'live',
  webhook: {
    id: 'w1',
    organisationId: 'o1',
    url: 'https://example.com/hook',
    endpoint: 'https://example.com',
    method: 'PATCH',
    headers: [['Authorization', 'Bearer x']],
    secrets: [{ key: Buffer.alloc(32, 3), expiresAt: null }],
    rateLimit: null,
    sensitive: ['Bearer x'],
  },
};

/** A receiver's 2xx answer after `durationMs`. */
function answered(statusCode: number, durationMs: number) {
  return { status: 'succeeded' as const, statusCode, durationMs, excerpt: null };
}

function service(
  entry: DirectoryEntry,
  answer: Awaited<ReturnType<CallbackSender['send']>>,
  sinkFailures = 0,
) {
  const calls: CallbackRequest[] = [];
  const handed: HandOver[] = [];
  const deferred: FollowUp[] = [];
  let failures = sinkFailures;
  const lookup: WebhookLookup = { resolve: () => Promise.resolve(entry), cached: () => undefined };
  const http: CallbackSender = { send: (call) => (calls.push(call), Promise.resolve(answer)) };
  const sink: HandOverSink = {
    handOn: (h) => {
      if (failures-- > 0) return Promise.reject(new Error('broker down'));
      handed.push(h);
      return Promise.resolve();
    },
    defer: (f) => (deferred.push(f), Promise.resolve()),
  };
  const retryDelaysMs = [300, 300, 300];
  const flow = new FlowControl(
    defaultLimits({
      maxInFlight: 10,
      maxPerEndpoint: 2,
      endpointBacklog: 3,
      // An endpoint not seen yet is taken to be this slow: 10 s of it at two connections is
      // two records, so its share is the floor of three.
      timeoutMs: 10_000,
      retryDelaysMs,
    }),
  );
  const svc = new DeliveryService(
    lookup,
    http,
    sink,
    flow,
    new SenderMetrics(new Registry()),
    pino({ level: 'silent' }),
    { retryDelaysMs, userAgent: 'webhook-platform/test', now: () => now },
  );
  /** A call to the webhook's endpoint that never ends: it holds a slot, or waits for one. */
  const hang = () =>
    void flow.call(
      'https://example.com',
      () => new Promise<{ durationMs: number }>(() => undefined),
    );
  return { svc, calls, handed, deferred, hang };
}

describe('DeliveryService', () => {
  it('sends the signed callback with the custom headers and hands on the outcome', async () => {
    const { svc, calls, handed } = service(live, answered(204, 5));
    await svc.deliver(record);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({
      url: 'https://example.com/hook',
      method: 'PATCH',
      body: JSON.stringify(record.payload),
    });
    expect(call.headers).toMatchObject({
      'webhook-id': 'd1',
      'webhook-timestamp': String(now.getTime() / 1000),
      Authorization: 'Bearer x',
      'user-agent': 'webhook-platform/test',
    });
    const verifier = new Webhook(secret);
    // The verifier checks the timestamp against its own clock; compare the signature instead.
    expect(call.headers['webhook-signature']).toBe(verifier.sign('d1', now, call.body));
    expect(handed[0].outcome).toMatchObject({ status: 'succeeded', next: 'done' });
  });

  it('cancels without a call when the webhook is gone', async () => {
    const { svc, calls, handed } = service(
      { kind: 'gone', reason: 'webhook deleted' },
      answered(200, 1),
    );
    await svc.deliver(record);
    expect(calls).toHaveLength(0);
    expect(handed[0].outcome).toMatchObject({
      status: 'cancelled',
      error_kind: 'webhook_gone',
      next: 'dropped',
      error: 'webhook deleted',
    });
  });

  it('keeps trying to hand on while Kafka is unavailable', async () => {
    const { svc, handed } = service(
      live,
      {
        status: 'failed',
        errorKind: 'timeout',
        error: 't',
        statusCode: null,
        durationMs: 2000,
        excerpt: null,
      },
      2,
    );
    await svc.deliver(record);
    expect(handed).toHaveLength(1);
    expect(handed[0].followUp?.topic).toBe('retry1');
  });

  it('defers without an attempt once the endpoint holds its share, and never a test call', async () => {
    const { svc, calls, handed, deferred, hang } = service(live, answered(200, 1));
    // Three callbacks to the same origin hang: two run, one waits for a slot.
    for (let i = 0; i < 3; i += 1) hang();
    await svc.deliver(record);
    expect(calls).toHaveLength(0);
    expect(handed).toHaveLength(0);
    expect(deferred).toEqual([
      {
        topic: 'retry1',
        value: expect.objectContaining({ attempt: 1, deferred: 1, not_before: expect.any(String) }),
      },
    ]);
    const test: DeliveryRecord = { ...record, trigger: 'test' };
    const sent = svc.deliver(test);
    await new Promise((resolve) => setImmediate(resolve));
    // Not deferred: it waits for a slot behind the hanging calls.
    expect(deferred).toHaveLength(1);
    void sent;
  });

  /**
   * After one call that took `durationMs`, the endpoint holds records up to the cap of 15
   * (five times its share of 3) and only the next one is deferred.
   */
  async function holdsUpToTheCap(durationMs: number): Promise<void> {
    const { svc, calls, deferred, hang } = service(live, answered(200, durationMs));
    await svc.deliver(record);
    expect(calls).toHaveLength(1);
    for (let i = 0; i < 14; i += 1) hang();
    // The fifteenth waits for a slot...
    void svc.deliver({ ...record, delivery_id: 'd2' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(deferred).toHaveLength(0);
    // ...and the sixteenth is deferred.
    await svc.deliver({ ...record, delivery_id: 'd3' });
    expect(deferred).toHaveLength(1);
  }

  it('lets an endpoint seen to be fast hold more before deferring, up to five times its share', async () => {
    // One call at 1 ms: two connections work through far more than 15 in the 10 s a share is for.
    await holdsUpToTheCap(1);
  });

  it('sizes the share for 10 s even when the first retry delay is shorter', async () => {
    // At 500 ms a call, twice the 300 ms delay is about two records, below the floor of 3; in
    // 10 s two connections work through 40, more than the cap of 15.
    await holdsUpToTheCap(500);
  });

  it('defers without an attempt past the rate limit, and never holds a test call', async () => {
    // 10,000 a second with a backlog share of 3: one call at once, three waiting (0.1 ms
    // apart), then the line is full.
    const limited: DirectoryEntry = {
      kind: 'live',
      webhook: { ...(live.kind === 'live' ? live.webhook : never()), rateLimit: 10_000 },
    };
    const { svc, calls, handed, deferred } = service(limited, answered(200, 1));
    await Promise.all(Array.from({ length: 5 }, () => svc.deliver(record)));
    expect(calls).toHaveLength(4);
    expect(handed.map((h) => h.outcome.attempt)).toEqual([1, 1, 1, 1]);
    // Waiting for the limit is not an attempt: no outcome, the same attempt number.
    expect(deferred).toEqual([
      {
        topic: 'retry1',
        value: expect.objectContaining({ attempt: 1, deferred: 1, not_before: expect.any(String) }),
      },
    ]);
    await svc.deliver({ ...record, trigger: 'test' });
    expect(calls).toHaveLength(5);
    expect(deferred).toHaveLength(1);
  });
});

function never(): never {
  throw new Error('unreachable');
}
