import { DeferralLine } from './deferral-line';

describe('DeferralLine', () => {
  it('lines up records of a key one spacing apart, at most one delay more', () => {
    const line = new DeferralLine(100);
    expect([0, 1, 2].map(() => line.extraWait('a', 0, 1000, 300))).toEqual([0, 300, 600]);
    expect([0, 1, 2].map(() => line.extraWait('a', 0, 1000, 300))).toEqual([900, 1000, 1000]);
    // Another key has its own line; a line in the past starts afresh.
    expect(line.extraWait('b', 0, 1000, 300)).toBe(0);
    expect(line.extraWait('a', 60_000, 1000, 300)).toBe(0);
  });

  it('starts a line no earlier than the key allows', () => {
    const line = new DeferralLine(100);
    expect(line.extraWait('a', 0, 1000, 100, 1500)).toBe(500);
    expect(line.extraWait('a', 0, 1000, 100, 1500)).toBe(600);
  });

  it('remembers a bounded number of keys (least recently used forgotten)', () => {
    const line = new DeferralLine(2);
    line.extraWait('a', 0, 1000, 500);
    line.extraWait('b', 0, 1000, 500);
    line.extraWait('c', 0, 1000, 500);
    expect(line.extraWait('a', 0, 1000, 500)).toBe(0);
  });
});
