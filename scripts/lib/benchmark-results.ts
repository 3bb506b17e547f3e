/*
 * The results part of docs/benchmarks.md, assembled from the files the benchmarks write
 * (docs/benchmarks/<name>.md, bench/support/results.ts): which run wrote each file (command,
 * commit, date, machine), and each goal beside the figure of the latest run. Nothing in that
 * part is typed by hand; `npm run docs:benchmarks` rewrites it, and
 * test/benchmarks-doc.spec.ts fails when it is stale.
 */

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const BENCHMARKS_DOC_PATH = 'docs/benchmarks.md';
export const RESULTS_DIR = 'docs/benchmarks';

export const RESULTS_BEGIN =
  '<!-- results: written by `npm run docs:benchmarks` (scripts/assemble-benchmarks.ts) from docs/benchmarks/*.md; do not edit by hand -->';
export const RESULTS_END = '<!-- results: end -->';

/** One table of a results file, its rows keyed by column header. */
export interface ResultsSection {
  title: string;
  rows: Array<Record<string, string>>;
  notes: string[];
}

/** A results file as its run wrote it. */
export interface ResultsFile {
  /** The file's name without `.md`: `sender`, `pipeline-rate-1000`. */
  name: string;
  command: string;
  /** As the file states it; null when the run did not record it. */
  commit: string | null;
  /** ISO 8601, UTC. */
  writtenAt: string;
  /** CPUs and memory, as `2 × <model>, <n> GiB`. */
  machine: string;
  node: string;
  seed: string;
  sections: ResultsSection[];
}

const HEADER =
  /^Written by `(?<command>[^`]+)`(?: at commit (?<commit>[^ ]+(?: with uncommitted changes)?))? on (?<writtenAt>\S+) \((?<machine>.+), Node (?<node>v[\d.]+), BENCH_SEED=(?<seed>[^)]+)\)\./;

/** Parses a file written by `writeResults`; throws, naming the file, on anything else. */
export function parseResultsFile(name: string, text: string): ResultsFile {
  const lines = text.split('\n');
  const headerLine = lines.find((line) => line.startsWith('Written by '));
  const header = headerLine ? HEADER.exec(headerLine)?.groups : undefined;
  if (!header) throw new Error(`${RESULTS_DIR}/${name}.md: no "Written by …" line`);
  const sections: ResultsSection[] = [];
  let section: ResultsSection | undefined;
  let columns: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith('## ')) {
      section = { title: line.slice(3).trim(), rows: [], notes: [] };
      sections.push(section);
      columns = undefined;
    } else if (section && line.startsWith('|')) {
      const cells = line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split('|')
        .map((cell) => cell.trim());
      if (!columns) columns = cells;
      else if (!cells.every((cell) => /^:?-+:?$/.test(cell)))
        section.rows.push(Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])));
    } else if (section && line.startsWith('- ')) {
      section.notes.push(line.slice(2));
    }
  }
  return {
    name,
    command: header.command,
    commit: header.commit ?? null,
    writtenAt: header.writtenAt,
    machine: header.machine,
    node: header.node,
    seed: header.seed,
    sections,
  };
}

/**
 * The cell of the first row whose first column `row` matches, in the column named `column`
 * (or, failing that, the first whose name starts with it), in the section `section` names.
 */
function cell(
  file: ResultsFile,
  section: string,
  row: (label: string) => boolean,
  column: string,
  rowName: string,
): string {
  const where = `${RESULTS_DIR}/${file.name}.md`;
  const found = file.sections.find((s) => s.title.startsWith(section));
  if (!found) throw new Error(`${where}: no section "${section}…"`);
  const hit = found.rows.find((r) => row(Object.values(r)[0] ?? ''));
  if (!hit) throw new Error(`${where}: no row ${rowName} in "${found.title}"`);
  const key = column in hit ? column : Object.keys(hit).find((k) => k.startsWith(column));
  const value = key === undefined ? undefined : hit[key];
  if (value === undefined) throw new Error(`${where}: no column "${column}" in "${found.title}"`);
  return value;
}

const startsWith = (prefix: string) => (label: string) => label.startsWith(prefix);

/** The part of a note that `pattern` captures, in the section `section` names. */
function noted(file: ResultsFile, section: string, pattern: RegExp): string | null {
  const found = file.sections.find((s) => s.title.startsWith(section));
  for (const note of found?.notes ?? []) {
    const match = pattern.exec(note);
    if (match) return match[1];
  }
  return null;
}

function required(file: ResultsFile, value: string | null, what: string): string {
  if (value === null) throw new Error(`${RESULTS_DIR}/${file.name}.md: no note with ${what}`);
  return value;
}

/** A figure of a run, with its goal (`—` when none was set). */
export interface Figure {
  benchmark: string;
  figure: string;
  goal: string;
  value: string;
}

type FigureReader = (file: ResultsFile, name: string) => Array<Omit<Figure, 'benchmark'>>;

/**
 * What each results file contributes, by the file's name. The goals are the ones issues 9
 * (pipeline, matcher, sender, CPU, idle store), 12 (flooded endpoint) and 13 (filters) set,
 * and no loss or duplicate in any run; this is the one place they are written down.
 */
const READERS: Array<{ name: RegExp; benchmark: string; read: FigureReader }> = [
  {
    name: /^pipeline-burst$/,
    benchmark: 'bench',
    read: (f) => [
      {
        figure: 'burst: callbacks/s out vs raw undici',
        goal: '≥ 0.4',
        value: cell(f, 'Pipeline', startsWith('pipeline'), 'vs baseline', '"pipeline…"'),
      },
      cpuPerCallback(f, 'burst'),
      {
        figure: 'store idle with the webhooks stored: FerretDB + PostgreSQL, % of a core',
        goal: '≤ 2',
        value: ['ferretdb', 'postgres']
          .map((p) => cell(f, 'Idle', startsWith(p), 'CPU % of one core', `"${p}…"`))
          .join(' + '),
      },
      lostAndDuplicated(f, 'burst'),
    ],
  },
  {
    name: /^pipeline-rate-(\d+)$/,
    benchmark: 'bench',
    read: (f, name) => {
      const rate = /(\d+)$/.exec(name)?.[1] ?? '';
      const pipeline = (column: string) =>
        cell(f, 'Pipeline', startsWith('pipeline'), column, '"pipeline…"');
      return [
        {
          figure: `${rate} events/s: p50 / p99 ms, event to receipt`,
          goal: rate === '1000' ? 'p99 ≤ 100' : rate === '200' ? 'p50 ≤ 50, p99 ≤ 250' : '—',
          value: `${pipeline('p50 ms')} / ${pipeline('p99 ms')}`,
        },
        {
          figure: `${rate} events/s: callbacks/s out (vs raw undici)`,
          goal: '—',
          value: `${pipeline('requests/s out')} (${pipeline('vs baseline')})`,
        },
        cpuPerCallback(f, `${rate} events/s`),
        ...(f.sections.some((section) => section.title.startsWith('Kafka requests'))
          ? steadyLoadCost(f, rate)
          : []),
        lostAndDuplicated(f, `${rate} events/s`),
      ];
    },
  },
  {
    name: /^matcher$/,
    benchmark: 'bench:matcher',
    read: (f) => {
      const unfiltered = (label: string) =>
        label.startsWith('matcher') && !label.includes('filter');
      const filtered = (label: string) => label.startsWith('matcher') && label.includes('filter');
      const catchUp = (webhooks: string) =>
        cell(f, 'Start-up', (label) => label === webhooks, 'spawn to ready s', `"${webhooks}"`);
      return [
        {
          figure: 'events/s vs a plain kafkajs copy',
          goal: '≥ 0.8',
          value: cell(f, 'Throughput', unfiltered, 'vs baseline', '"matcher…" (unfiltered)'),
        },
        {
          figure: 'filtered vs unfiltered events/s (3-clause filters)',
          goal: '≥ 0.8',
          value: cell(f, 'Throughput', filtered, 'vs unfiltered matcher', '"matcher… filter"'),
        },
        {
          figure: 'CPU ms per record, unfiltered / filtered',
          goal: '—',
          value: ['unfiltered', 'filtered']
            .map((kind) =>
              cell(
                f,
                'Throughput',
                kind === 'filtered' ? filtered : unfiltered,
                'CPU ms per record',
                `"matcher…" (${kind})`,
              ),
            )
            .join(' / '),
        },
        {
          figure: 'ready on 100,000 webhooks / on none, s from spawn',
          goal: '—',
          value: `${catchUp('100000')} / ${catchUp('0')}`,
        },
      ];
    },
  },
  {
    name: /^sender$/,
    benchmark: 'bench:sender',
    read: (f) => [
      {
        figure: 'burst: callbacks/s vs raw undici, fastest round of each',
        goal: '≥ 0.8',
        value: cell(f, 'Sender', startsWith('sender burst'), 'vs raw', '"sender burst…"'),
      },
      {
        figure: 'CPU ms per callback, fastest burst (whole process)',
        goal: '—',
        value: required(
          f,
          noted(f, 'Sender', /CPU per delivered callback in the fastest burst.*: ([\d.]+) ms/),
          'the CPU per delivered callback',
        ),
      },
    ],
  },
  {
    name: /^flood(-timeout-\d+)?$/,
    benchmark: 'bench:flood',
    read: (f, name) => {
      const settings = name === 'flood' ? 'own settings' : `${/\d+$/.exec(name)?.[0]} ms timeout`;
      const section = 'Healthy webhooks';
      const floodRow = (label: string) => label.startsWith('healthy +') && label.includes('dead');
      const perRound = noted(f, section, /flood \/ baseline ([\d., ]+\(median [\d.]+\))/);
      const figures: Array<Omit<Figure, 'benchmark'>> = [
        {
          figure: `${settings}: healthy p99, flood window / baseline window`,
          goal: '≤ 1.2',
          value: perRound
            ? perRound.replace(/^(.*) \(median ([\d.]+)\)$/, '$2 (median of rounds $1)')
            : `${cell(f, section, floodRow, 'p99 vs baseline', '"healthy + … dead endpoint"')} (one round)`,
        },
      ];
      const floor = noted(f, section, /flood \/ floor [\d., ]+\(median ([\d.]+)\)/);
      if (floor)
        figures.push({
          figure: `${settings}: healthy p99, flood window / floor window, median of rounds`,
          goal: '—',
          value: floor,
        });
      const flooded = cell(f, section, floodRow, 'flooded webhook', '"healthy + … dead endpoint"');
      if (flooded.includes('dead-lettered'))
        figures.push({
          figure: `${settings}: flooded deliveries dead-lettered`,
          goal: 'all, each with attempts 1 to 4',
          value: flooded,
        });
      return figures;
    },
  },
  {
    name: /^replay(-cap-\d+)?$/,
    benchmark: 'bench:replay',
    read: (f, name) => {
      const cap = name === 'replay' ? 'default cap' : `cap ${/\d+$/.exec(name)?.[0]}`;
      const section = 'Replay';
      const duringRow = (label: string) => label.startsWith('live') && label.includes('during');
      const withoutRow = (label: string) => label.startsWith('live') && label.includes('no replay');
      const during = (column: string) =>
        cell(f, section, duringRow, column, '"live … during a replay…"');
      const without = cell(f, section, withoutRow, 'live p99 ms', '"live … no replay…"');
      return [
        {
          figure: `${cap}: events scanned/s; live p99 ms during the replay / without one`,
          goal: '—',
          value: `${during('events/s').replace(/ scanned$/, '')}; ${during('live p99 ms')} / ${without}`,
        },
        {
          figure: `${cap}: replayed deliveries (expected, lost, duplicated)`,
          goal: 'lost 0, duplicated 0',
          value: during('replay deliveries (expected, lost, duplicated)'),
        },
      ];
    },
  },
];

function cpuPerCallback(f: ResultsFile, load: string): Omit<Figure, 'benchmark'> {
  return {
    figure: `${load}: CPU ms per callback, all processes`,
    goal: '≤ 1',
    value: cell(f, 'CPU', startsWith('all processes'), 'CPU ms per callback', '"all processes"'),
  };
}

/**
 * What a steady load and an idle platform cost (issue 32): the platform's own CPU per
 * callback (apps, broker, store; not the benchmark's load and receivers), its latency goals,
 * Kafka requests and store commands per callback, and the platform idle.
 */
function steadyLoadCost(f: ResultsFile, rate: string): Array<Omit<Figure, 'benchmark'>> {
  const platform = startsWith('platform');
  const perCallback = (label: string) =>
    cell(
      f,
      'Kafka requests and store commands per callback',
      startsWith(label),
      'all apps',
      `"${label}"`,
    );
  return [
    {
      figure: `${rate} events/s: CPU ms per callback, platform (apps, broker, store)`,
      goal: '≤ 2.5',
      value: cell(f, 'CPU', platform, 'CPU ms per callback', '"platform…"'),
    },
    {
      figure: `${rate} events/s: Kafka requests / store commands per callback`,
      goal: 'printed',
      value: `${perCallback('all Kafka requests')} / ${perCallback('all store commands')}`,
    },
    {
      figure: 'idle with the webhooks stored: platform, % of one core',
      goal: '≤ 5',
      value: cell(f, 'Idle', platform, 'CPU % of one core', '"platform…"'),
    },
  ];
}

function lostAndDuplicated(f: ResultsFile, load: string): Omit<Figure, 'benchmark'> {
  const count = (column: string) =>
    cell(f, 'Callbacks counted', startsWith('count'), column, '"count"');
  return {
    figure: `${load}: healthy callbacks missing / duplicated`,
    goal: '0 / 0',
    value: `${count('missing')} / ${count('duplicated')}`,
  };
}

/** The order files are listed in: by benchmark as package.json names them, then by name. */
function rank(name: string): number {
  const index = READERS.findIndex((reader) => reader.name.test(name));
  return index === -1 ? READERS.length : index;
}

/** A table whose columns line up in the source too. */
function table(header: string[], rows: string[][]): string[] {
  const width = (text: string) => [...text].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function when(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : iso;
}

/** The results part, markers included, from the results files' names and texts. */
export function assembleResults(files: Array<{ name: string; text: string }>): string {
  const parsed = files
    .map(({ name, text }) => parseResultsFile(name, text))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  const link = (f: ResultsFile) => `[${f.name}](benchmarks/${f.name}.md)`;
  const runs = table(
    ['file', 'written by', 'commit', 'written (UTC)', 'machine'],
    parsed.map((f) => [
      link(f),
      `\`${f.command}\``,
      f.commit ?? 'not recorded',
      when(f.writtenAt),
      `${f.machine}, Node ${f.node}, BENCH_SEED=${f.seed}`,
    ]),
  );
  const figures = parsed.flatMap((f) => {
    const reader = READERS.find((r) => r.name.test(f.name));
    return (reader?.read(f, f.name) ?? []).map((figure) => [
      reader?.benchmark ?? '',
      figure.figure,
      figure.goal,
      figure.value,
      link(f),
    ]);
  });
  return [
    RESULTS_BEGIN,
    '<!-- prettier-ignore-start -->',
    '',
    '### The runs',
    '',
    ...runs,
    '',
    '### Goals and the latest figures',
    '',
    ...table(['benchmark', 'figure', 'goal', 'latest', 'run'], figures),
    '',
    '<!-- prettier-ignore-end -->',
    RESULTS_END,
  ].join('\n');
}

/** `doc` with the part between the markers (included) replaced by `results`. */
export function withResults(doc: string, results: string): string {
  const begin = doc.indexOf(RESULTS_BEGIN);
  const end = doc.indexOf(RESULTS_END);
  if (begin === -1 || end === -1 || end < begin)
    throw new Error(`${BENCHMARKS_DOC_PATH}: the results markers are missing or out of order`);
  return doc.slice(0, begin) + results + doc.slice(end + RESULTS_END.length);
}

/** The results part as the files in docs/benchmarks/ under `root` give it now. */
export function assembleFromResultsDir(root: string): string {
  const dir = join(root, RESULTS_DIR);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.md'))
    .map((file) => ({
      name: file.slice(0, -'.md'.length),
      text: readFileSync(join(dir, file), 'utf8'),
    }));
  return assembleResults(files);
}
