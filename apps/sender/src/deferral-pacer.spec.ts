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
});
