import { checkReplayWindow } from './replay-window';

const now = new Date('2026-11-23T12:00:00.000Z');

describe('checkReplayWindow', () => {
  it('takes until as now when absent', () => {
    expect(checkReplayWindow('2026-11-23T10:00:00.000Z', undefined, now, 14)).toEqual({
      ok: true,
      since: new Date('2026-11-23T10:00:00.000Z'),
      until: now,
    });
  });

  it('accepts exactly the longest window', () => {
    expect(
      checkReplayWindow('2026-11-09T12:00:00.000Z', '2026-11-23T12:00:00.000Z', now, 14).ok,
    ).toBe(true);
  });

  it.each([
    [
      'an empty window',
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T10:00:00.000Z',
      /^until must be after since/,
    ],
    [
      'a reversed window',
      '2026-11-23T11:00:00.000Z',
      '2026-11-23T10:00:00.000Z',
      /^until must be after since/,
    ],
    [
      'a window ending in the future',
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T12:00:01.000Z',
      /^until must not be in the future/,
    ],
    [
      'a window too long',
      '2026-11-09T11:59:59.999Z',
      '2026-11-23T12:00:00.000Z',
      /^since must be at most 14 days/,
    ],
    [
      'a since in the future (until defaulting to now)',
      '2026-11-23T13:00:00.000Z',
      undefined,
      /^until must be after since/,
    ],
  ])('refuses %s, naming the field', (_name, since, until, message) => {
    const checked = checkReplayWindow(since, until, now, 14);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(message);
  });
});
