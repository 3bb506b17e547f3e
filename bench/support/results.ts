import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const RESULTS_DIR = join(ROOT, 'docs', 'benchmarks');
/** What a benchmark runs: a change here that is not committed makes the commit an approximation. */
const CODE = ['apps', 'libs', 'bench', 'test/support'];

/** What produced a results file; scripts/lib/benchmark-results.ts reads it back. */
export interface RunProvenance {
  command: string;
  /** `<hash>`, or `<hash> with uncommitted changes`; null where git cannot say. */
  commit: string | null;
  /** ISO 8601, UTC. */
  writtenAt: string;
  /** `<cpus> × <model>, <memory> GiB` */
  machine: string;
  node: string;
  seed: string;
}

/** The line under a results file's title. */
export function provenanceLine(run: RunProvenance): string {
  const commit = run.commit === null ? '' : ` at commit ${run.commit}`;
  return (
    `Written by \`${run.command}\`${commit} on ${run.writtenAt} ` +
    `(${run.machine}, Node ${run.node}, BENCH_SEED=${run.seed}). ` +
    'Do not edit: the next run replaces this file.'
  );
}

/** The commit the code is at, and whether the code differs from it; null without git. */
function commitOfTheCode(): string | null {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const hash = git(['rev-parse', '--short=12', 'HEAD']).trim();
    const changed = git(['status', '--porcelain', '--', ...CODE]).trim() !== '';
    return changed ? `${hash} with uncommitted changes` : hash;
  } catch {
    return null;
  }
}
/** Read when the benchmark starts, before a commit made during the run could change it. */
const COMMIT = commitOfTheCode();

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
 * (command, commit, seed, machine, date), so docs/benchmarks.md shows figures a run wrote
 * (`npm run docs:benchmarks` assembles them), never figures pasted by hand. Each run
 * replaces the file.
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
    provenanceLine({
      command,
      commit: COMMIT,
      writtenAt: new Date().toISOString(),
      machine: `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
      node: process.version,
      seed: process.env.BENCH_SEED ?? '1',
    }),
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
