import { DeferralPacer } from './deferral-pacer';

describe('DeferralPacer', () => {
  it('lines up a burst of deferrals at the pace of a dead endpoint, at most one delay more', () => {
    // 10 connections, 2 s timeout: one slot every 200 ms.
    const pacer = new DeferralPacer(10, 2000);
    const extras = Array.from({ length: 5 }, () => pacer.extraWait('https://a', 0, 10_000));
    expect(extras).toEqual([0, 200, 400, 600, 800]);
    const later = Array.from({ length: 100 }, () => pacer.extraWait('https://a', 0, 10_000));
    expect(Math.max(...later)).toBe(10_000);
    // Another endpoint has its own line.
    expect(pacer.extraWait('https://b', 0, 10_000)).toBe(0);
  });

  it('paces by the durations seen, and starts afresh once the line is past', () => {
    const pacer = new DeferralPacer(10, 2000);
    pacer.observe('https://fast', 50);
    pacer.extraWait('https://fast', 0, 1000);
    expect(pacer.extraWait('https://fast', 0, 1000)).toBe(5);
    expect(pacer.extraWait('https://fast', 60_000, 1000)).toBe(0);
  });

  it("sizes an endpoint's share by what it works through within the budget, within bounds", () => {
    const pacer = new DeferralPacer(10, 2000);
    // Not seen yet: as slow as the timeout, 50 in 10 s, so the floor.
    expect(pacer.share('https://new', 10_000, 100, 500)).toBe(100);
    pacer.observe('https://ok', 400);
    expect(pacer.share('https://ok', 10_000, 100, 500)).toBe(250);
    pacer.observe('https://fast', 20);
    expect(pacer.share('https://fast', 10_000, 100, 500)).toBe(500);
  });
});
