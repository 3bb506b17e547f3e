/** A replay window checked against the rules of docs/design.md; null errors when it is fine. */
export type CheckedWindow = { ok: true; since: Date; until: Date } | { ok: false; message: string };

const DAY_MS = 86_400_000;

/**
 * The window of a replay: `since` inclusive, `until` exclusive and now by default; not
 * empty, not reversed, not in the future, at most `maxDays` long. The message names the
 * field. Pure (the caller passes the time).
 */
export function checkReplayWindow(
  since: string,
  until: string | undefined,
  now: Date,
  maxDays: number,
): CheckedWindow {
  const start = new Date(since);
  const end = until === undefined ? now : new Date(until);
  if (Number.isNaN(start.getTime())) return { ok: false, message: 'since must be a date-time' };
  if (Number.isNaN(end.getTime())) return { ok: false, message: 'until must be a date-time' };
  if (end.getTime() > now.getTime())
    return { ok: false, message: 'until must not be in the future' };
  if (end.getTime() <= start.getTime())
    return { ok: false, message: 'until must be after since (the window is empty or reversed)' };
  if (end.getTime() - start.getTime() > maxDays * DAY_MS)
    return { ok: false, message: `since must be at most ${maxDays} days before until` };
  return { ok: true, since: start, until: end };
}
