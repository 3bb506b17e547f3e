import type { Tally } from './delivery-ledger';

export interface DrillResult {
  name: string;
  tally: Tally;
  /** Expected callbacks never received after the drain period. */
  lost: number;
  /** Most duplicates the drill may cause: the callbacks of the in-flight window. */
  duplicateBound: number;
  /** Received callbacks without a succeeded attempt in management's log (null: not read). */
  logBehind: number | null;
  /** Apps not healthy once the drill drained (empty when all are). */
  unhealthy: string[];
  seconds: number;
  error?: string;
}

export function failed(result: DrillResult): boolean {
  return (
    result.lost > 0 ||
    result.tally.outOfOrder > 0 ||
    result.tally.duplicated > result.duplicateBound ||
    result.logBehind !== 0 ||
    result.unhealthy.length > 0 ||
    result.error !== undefined
  );
}

/** The summary table: one row per drill, plain text so it can be pasted into an issue. */
export function formatTable(results: readonly DrillResult[]): string {
  const header = [
    'drill',
    'published',
    'expected',
    'received',
    'duplicated',
    'dup bound',
    'lost',
    'out of order',
    'log behind',
    'unhealthy after',
    'time',
    'result',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.tally.published),
    String(r.tally.expected),
    String(r.tally.received),
    String(r.tally.duplicated),
    String(r.duplicateBound),
    String(r.lost),
    `${r.tally.outOfOrder} of ${r.tally.ordered}`,
    r.logBehind === null ? 'n/a' : String(r.logBehind),
    r.unhealthy.join(',') || '-',
    `${r.seconds} s`,
    r.error ? `ERROR: ${r.error}` : failed(r) ? 'FAIL' : 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
