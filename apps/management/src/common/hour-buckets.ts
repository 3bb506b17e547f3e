/**
 * Retention deletes by hour bucket rather than by a time range: FerretDB 1.x pushes only
 * equality filters down to its backend, so `{ at: { $lt: cutoff } }` reads the whole
 * collection there, while `{ hour: <an hour> }` is an index lookup on FerretDB and MongoDB
 * alike. Documents carry the UTC hour of their time next to it (`attempted_hour`,
 * `deleted_hour`).
 */
export const HOUR_MS = 3_600_000;

/** The start of the UTC hour `date` falls in. */
export function hourOf(date: Date): Date {
  return new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
}

/** The hour buckets that lie wholly before `cutoff`, from `from`'s hour on, oldest first. */
export function wholeHoursBefore(cutoff: Date, from: Date): Date[] {
  const hours: Date[] = [];
  for (let at = hourOf(from).getTime(); at < hourOf(cutoff).getTime(); at += HOUR_MS)
    hours.push(new Date(at));
  return hours;
}
