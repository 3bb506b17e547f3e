import { HOUR_MS, hourOf, wholeHoursBefore } from './hour-buckets';

describe('hour buckets', () => {
  it('floors to the UTC hour', () => {
    expect(hourOf(new Date('2026-12-02T07:59:59.999Z'))).toEqual(new Date('2026-12-02T07:00:00Z'));
    expect(hourOf(new Date('2026-12-02T08:00:00.000Z'))).toEqual(new Date('2026-12-02T08:00:00Z'));
  });

  it('lists the whole hours before the cutoff, not the cutoff hour itself', () => {
    const cutoff = new Date('2026-12-02T10:30:00Z');
    expect(wholeHoursBefore(cutoff, new Date('2026-12-02T07:45:00Z'))).toEqual([
      new Date('2026-12-02T07:00:00Z'),
      new Date('2026-12-02T08:00:00Z'),
      new Date('2026-12-02T09:00:00Z'),
    ]);
    expect(wholeHoursBefore(cutoff, new Date('2026-12-02T10:00:00Z'))).toEqual([]);
    expect(wholeHoursBefore(cutoff, new Date(cutoff.getTime() + HOUR_MS))).toEqual([]);
  });
});
