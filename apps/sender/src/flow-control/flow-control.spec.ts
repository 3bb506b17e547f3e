import type { DeliveryRecord } from '@app/contracts';
import type { ResolvedWebhook } from '../webhook-lookup/webhook-directory';
import { FlowControl, type Decision } from './flow-control';
import { defaultLimits } from './sender-limits.fixture';

const limits = defaultLimits();

const record = (trigger: DeliveryRecord['trigger'] = 'event') =>
  ({ trigger, attempt: 1 }) as DeliveryRecord;
const webhook = (endpoint: string, rateLimit: number | null = null, id = endpoint) =>
  ({ id, endpoint, rateLimit }) as ResolvedWebhook;

/**
 * Holds `count` calls to `endpoint` open (running or waiting for a slot) until released; they
 * then report `durationMs`, which paces the endpoint like any attempt.
 */
function hold(flow: FlowControl, endpoint: string, count: number, durationMs = 2000) {
  let release!: () => void;
  const gate = new Promise<{ durationMs: number }>(
    (resolve) => (release = () => resolve({ durationMs })),
  );
  const calls = Array.from({ length: count }, () => flow.call(endpoint, () => gate));
  return async () => {
    release();
    await Promise.all(calls);
  };
}

/** The extra waits of `count` records deferred at `now` with a stage delay of `delayMs`. */
function extras(
  flow: FlowControl,
  target: ResolvedWebhook,
  count: number,
  now: number,
  delayMs: number,
) {
  return Array.from({ length: count }, () => {
    const decision: Decision = flow.decide(record(), target, now);
    if (decision.kind !== 'defer') throw new Error(`expected a deferral, got ${decision.kind}`);
    return decision.extraWait(delayMs);
  });
}

describe('FlowControl', () => {
  it('sends at once what is neither crowded nor rate-limited', () => {
    const flow = new FlowControl(limits);
    expect(flow.decide(record(), webhook('https://a'), 0)).toEqual({
      kind: 'send',
      waitMs: 0,
      spacing: null,
    });
  });

  it("defers an endpoint's records past its share, lined up at the pace of a dead endpoint", async () => {
    const flow = new FlowControl(limits);
    const release = hold(flow, 'https://dead', 100);
    expect(flow.crowded('https://dead')).toBe(true);
    expect(flow.crowded('https://other')).toBe(false);
    // 10 connections, 2 s timeout (no attempt seen yet): one slot every 200 ms, at most one delay more.
    expect(extras(flow, webhook('https://dead'), 5, 0, 10_000)).toEqual([0, 200, 400, 600, 800]);
    expect(Math.max(...extras(flow, webhook('https://dead'), 100, 0, 10_000))).toBe(10_000);
    // A line in the past starts afresh.
    expect(extras(flow, webhook('https://dead'), 1, 60_000, 10_000)).toEqual([0]);
    // A test call is never put off: somebody waits for its result.
    expect(flow.decide(record('test'), webhook('https://dead'), 0).kind).toBe('send');
    await release();
    expect(flow.crowded('https://dead')).toBe(false);
  });

  it("sizes an endpoint's share by what it works through within the budget, within bounds", async () => {
    const flow = new FlowControl(limits);
    const paced = async (endpoint: string, durationMs: number) =>
      flow.call(endpoint, () => Promise.resolve({ durationMs }));
    // Not seen yet: as slow as the timeout, 50 in the 10 s budget, so the floor of 100.
    let release = hold(flow, 'https://new', 100);
    expect(flow.crowded('https://new')).toBe(true);
    await release();
    // 400 ms an attempt: 250 within the budget.
    await paced('https://ok', 400);
    release = hold(flow, 'https://ok', 249, 400);
    expect(flow.crowded('https://ok')).toBe(false);
    await release();
    release = hold(flow, 'https://ok', 250, 400);
    expect(flow.crowded('https://ok')).toBe(true);
    await release();
    // 20 ms an attempt: 5,000 within the budget, capped at five times the backlog.
    await paced('https://fast', 20);
    release = hold(flow, 'https://fast', 500);
    expect(flow.crowded('https://fast')).toBe(true);
    await release();
  });

  it('sizes the share for twice the first retry delay when that is longer than the floor', async () => {
    const flow = new FlowControl(defaultLimits({ retryDelaysMs: [30_000, 60_000, 60_000] }));
    await flow.call('https://ok', () => Promise.resolve({ durationMs: 400 }));
    // 60 s at 400 ms and 10 at once: 1,500, capped at 500.
    const release = hold(flow, 'https://ok', 499);
    expect(flow.crowded('https://ok')).toBe(false);
    await release();
  });

  it("waits for a rate-limited webhook's turn, and defers it when the turn is too far off", () => {
    const flow = new FlowControl(limits);
    const limited = webhook('https://r', 10, 'w1');
    // 10 per second: turns 100 ms apart, up to 2 s of them wait in memory.
    const turns = Array.from({ length: 21 }, () => flow.decide(record(), limited, 0));
    expect(turns.map((d) => (d.kind === 'send' ? d.waitMs : -1))).toEqual(
      Array.from({ length: 21 }, (_, i) => i * 100),
    );
    expect(turns[0]).toMatchObject({ spacing: { webhookId: 'w1', ratePerSecond: 10 } });
    // The next is deferred, lined up one interval apart after the waiting calls (slot 2100 ms),
    // at most one stage delay more.
    expect(extras(flow, limited, 3, 0, 1000)).toEqual([1000, 1000, 1000]);
    const other = webhook('https://r2', 10, 'w2');
    for (let i = 0; i < 21; i += 1) flow.decide(record(), other, 0);
    expect(extras(flow, other, 3, 0, 10_000)).toEqual([0, 100, 200]);
    // A test call goes at once, unspaced.
    expect(flow.decide(record('test'), limited, 0)).toEqual({
      kind: 'send',
      waitMs: 0,
      spacing: null,
    });
  });

  it('never defers an ordered record: it waits for its turn however far off', () => {
    const flow = new FlowControl(limits);
    const limited = webhook('https://o', 1, 'w');
    expect([0, 1, 2, 3, 4].map(() => flow.decideInOrder(limited, 0).waitMs)).toEqual([
      0, 1000, 2000, 3000, 4000,
    ]);
    // The line is shared with the webhook's unordered records.
    expect(flow.decide(record(), limited, 0).kind).toBe('defer');
    expect(flow.decideInOrder(webhook('https://u'), 0)).toEqual({
      kind: 'send',
      waitMs: 0,
      spacing: null,
    });
  });
});
