import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const RESULTS_DIR = join(__dirname, '..', '..', 'docs', 'benchmarks');

/** A table as Markdown (the same columns as the printed one). */
export function markdownTable(rows: Array<Record<string, string>>): string {
  const columns = Object.keys(rows[0] ?? {});
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns),
    line(columns.map(() => '---')),
    ...rows.map((row) => line(columns.map((c) => row[c] ?? ''))),
  ].join('\n');
}

/**
 * Writes a benchmark run's tables to docs/benchmarks/<name>.md, with what produced them
 * (command, seed, machine, date), so docs/benchmarks.md shows figures a run wrote, never
 * figures pasted by hand. Each run replaces the file.
 */
export function writeResults(
  name: string,
  command: string,
  sections: Array<{ title: string; rows: Array<Record<string, string>>; notes?: string[] }>,
): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const cpu = cpus();
  const header = [
    `# ${command}`,
    '',
    `Written by \`${command}\` on ${new Date().toISOString()} (${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, BENCH_SEED=${process.env.BENCH_SEED ?? 1}). ` +
      'Do not edit: the next run replaces this file.',
  ];
  const body = sections.flatMap(({ title, rows, notes }) => [
    '',
    `## ${title}`,
    '',
    markdownTable(rows),
    ...(notes && notes.length > 0 ? ['', ...notes.map((note) => `- ${note}`)] : []),
  ]);
  const file = join(RESULTS_DIR, `${name}.md`);
  writeFileSync(file, [...header, ...body, ''].join('\n'));
  console.log(`\nresults written to docs/benchmarks/${name}.md`);
  return file;
}
