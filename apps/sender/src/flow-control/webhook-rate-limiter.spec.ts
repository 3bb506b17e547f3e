import { WebhookRateLimiter } from './webhook-rate-limiter';

/** A limiter with a backlog share of `endpointBacklog` and the longest wait in memory. */
const rateLimiter = (endpointBacklog: number, maxRateWaitMs = 2000) =>
  new WebhookRateLimiter({ endpointBacklog, maxRateWaitMs, remembered: 50_000 });

describe('WebhookRateLimiter', () => {
  it('spaces the calls of one webhook one interval apart, starting at once', () => {
    const limiter = rateLimiter(100);
    // 5 per second: one slot every 200 ms.
    const waits = Array.from({ length: 5 }, () => limiter.slot('a', 5, 1000));
    expect(waits).toEqual([0, 200, 400, 600, 800].map((waitMs) => ({ kind: 'send', waitMs })));
    // Another webhook has its own line.
    expect(limiter.slot('b', 5, 1000)).toEqual({ kind: 'send', waitMs: 0 });
    // Once the line is past, the next call goes at once again.
    expect(limiter.slot('a', 5, 60_000)).toEqual({ kind: 'send', waitMs: 0 });
  });

  it('defers a call whose slot is further off than the longest wait in memory', () => {
    const limiter = rateLimiter(100, 2000);
    // 2 per second: slots at 0, 500, ..., 2000 ms wait; the one at 2500 ms is too far.
    const slots = Array.from({ length: 6 }, () => limiter.slot('a', 2, 0));
    expect(slots.slice(0, 5).map((s) => s.kind)).toEqual(['send', 'send', 'send', 'send', 'send']);
    expect(slots[5]).toEqual({ kind: 'defer' });
    // A deferred call took no slot: the line frees up as time passes.
    expect(limiter.slot('a', 2, 500)).toEqual({ kind: 'send', waitMs: 2000 });
  });

  it('lets no more than the backlog share wait in memory, however fast the limit', () => {
    const limiter = rateLimiter(3, 2000);
    const kinds = Array.from({ length: 5 }, () => limiter.slot('a', 1000, 0).kind);
    // 3 waits of 1 ms in line after the one sent at once; the fifth is deferred.
    expect(kinds).toEqual(['send', 'send', 'send', 'send', 'defer']);
  });

  it('sends an urgent call (a test call) at once, and the line after it keeps the pace', () => {
    const limiter = rateLimiter(100, 2000);
    for (let i = 0; i < 5; i += 1) limiter.slot('a', 2, 0);
    expect(limiter.slot('a', 2, 0)).toEqual({ kind: 'defer' });
    expect(limiter.slot('a', 2, 0, true)).toEqual({ kind: 'send', waitMs: 0 });
    // The urgent call took the 2500 ms slot.
    expect(limiter.slot('a', 2, 1000)).toEqual({ kind: 'send', waitMs: 2000 });
  });

  it('starts calls one interval apart even when a stall fires their timers together', () => {
    const limiter = rateLimiter(10);
    // Three slots at 5 a second: 0, 200 and 400 ms.
    expect([0, 1, 2].map(() => limiter.slot('a', 5, 0))).toEqual([
      { kind: 'send', waitMs: 0 },
      { kind: 'send', waitMs: 200 },
      { kind: 'send', waitMs: 400 },
    ]);
    expect(limiter.startAfter('a', 5, 0)).toBe(0);
    // The loop stalled until 1000 ms: both later timers fire then; one starts, one waits.
    expect(limiter.startAfter('a', 5, 1000)).toBe(0);
    expect(limiter.startAfter('a', 5, 1000)).toBe(200);
    expect(limiter.startAfter('a', 5, 1200)).toBe(0);
    // Another webhook has its own spacing.
    expect(limiter.startAfter('b', 5, 1200)).toBe(0);
  });

  it('remembers a bounded number of webhooks (least recently used forgotten)', () => {
    const limiter = rateLimiter(100, 2000);
    limiter.slot('first', 1, 0);
    expect(limiter.slot('first', 1, 0)).toEqual({ kind: 'send', waitMs: 1000 });
    for (let i = 0; i < 50_000; i += 1) limiter.slot(`w${i}`, 1, 0);
    // Forgotten: its pace starts afresh (at most one extra call early, never a lost record).
    expect(limiter.slot('first', 1, 0)).toEqual({ kind: 'send', waitMs: 0 });
  });

  it('reserves a slot for an ordered record however far off, without deferring', () => {
    const limiter = rateLimiter(2, 1000);
    expect([0, 1, 2, 3, 4].map(() => limiter.reserve('w', 1, 0))).toEqual([
      0, 1000, 2000, 3000, 4000,
    ]);
    // The line is shared with unordered records of the webhook.
    expect(limiter.slot('w', 1, 0)).toEqual({ kind: 'defer' });
  });
});
