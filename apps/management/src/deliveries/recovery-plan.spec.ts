import { RecoveryCollector, recoveryWindow, type RecoveryRow } from './recovery-plan';

const now = new Date('2026-11-23T10:00:00.000Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('recoveryWindow', () => {
  it('defaults until to now', () => {
    expect(recoveryWindow('2026-11-23T09:00:00.000Z', undefined, now)).toEqual({
      ok: true,
      window: { since: at(-60), until: now },
    });
  });

  it.each([
    ['an empty window', '2026-11-23T09:00:00.000Z', '2026-11-23T09:00:00.000Z', /empty/],
    [
      'a reversed window',
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T08:00:00.000Z',
      /later than since/,
    ],
    ['a window over 14 days', '2026-11-01T00:00:00.000Z', '2026-11-15T00:00:01.000Z', /14 days/],
  ])('refuses %s, naming until', (_label, since, until, message) => {
    const result = recoveryWindow(since, until, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.messages).toEqual([expect.stringMatching(/^until /)]);
    if (!result.ok) expect(result.messages[0]).toMatch(message);
  });

  it('accepts exactly 14 days', () => {
    expect(recoveryWindow('2026-11-01T00:00:00.000Z', '2026-11-15T00:00:00.000Z', now).ok).toBe(
      true,
    );
  });
});

describe('RecoveryCollector', () => {
  let n = 0;
  const row = (
    delivery: string,
    minutes: number,
    status: string,
    next: string,
    trigger = 'event',
  ): RecoveryRow => ({
    _id: `r${(n += 1)}`,
    delivery_id: delivery,
    trigger,
    status,
    next,
    attempted_at: at(minutes),
    payload_json: '{}',
  });
  const window = { since: at(-60), until: at(-10) };

  it('keeps the deliveries whose newest attempt gave up or was cancelled, and only those', () => {
    const collector = new RecoveryCollector(window);
    // newest first, as the repository reads them
    collector.add([
      row('later-success', -5, 'succeeded', 'done', 'redeliver'),
      row('dead', -20, 'failed', 'dead_letter'),
      row('retrying', -21, 'failed', 'retry'),
      row('cancelled', -22, 'cancelled', 'dropped'),
      row('ok', -30, 'succeeded', 'done'),
      row('later-success', -40, 'failed', 'dead_letter'),
      row('test', -45, 'failed', 'dead_letter', 'test'),
    ]);
    collector.add([row('dead', -50, 'failed', 'retry')]);
    expect(
      collector
        .deliveries()
        .map((d) => d.delivery_id)
        .sort(),
    ).toEqual(['cancelled', 'dead']);
  });

  it('leaves out a delivery attempted only after the window', () => {
    const collector = new RecoveryCollector(window);
    collector.add([row('after', -5, 'failed', 'dead_letter')]);
    expect(collector.deliveries()).toEqual([]);
  });

  it('resends a delivery whose newest attempt, after the window, failed again', () => {
    const collector = new RecoveryCollector(window);
    collector.add([row('d', -5, 'failed', 'dead_letter'), row('d', -30, 'failed', 'dead_letter')]);
    expect(collector.deliveries().map((d) => [d.delivery_id, d.attempted_at])).toEqual([
      ['d', at(-5)],
    ]);
  });
});
