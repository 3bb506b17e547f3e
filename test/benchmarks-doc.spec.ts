import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { provenanceLine, type RunProvenance } from '../bench/support/results';
import {
  BENCHMARKS_DOC_PATH,
  RESULTS_BEGIN,
  RESULTS_END,
  assembleFromResultsDir,
  assembleResults,
  parseResultsFile,
  withResults,
} from '../scripts/lib/benchmark-results';

const root = join(__dirname, '..');

const run: RunProvenance = {
  command: 'npm run bench:sender',
  commit: null,
  writtenAt: '2026-12-03T12:00:08.649Z',
  machine: '2 × Intel(R) Xeon(R) Processor, 24 GiB',
  node: 'v20.20.2',
  seed: '1',
};

/** A results file of bench:sender as `writeResults` writes it, its burst row `burst`. */
function senderFile(provenance: RunProvenance, burst = '| sender burst (20 webhooks) | 0.65 |') {
  return [
    `# ${provenance.command}`,
    '',
    provenanceLine(provenance),
    '',
    '## Sender next to raw undici POSTs to the same receivers',
    '',
    '| run | vs raw |',
    '| --- | --- |',
    '| raw undici POST (ceiling) | 1.00 |',
    burst,
    '',
    '- CPU per delivered callback in the fastest burst (this whole process): 0.549 ms',
    '',
  ].join('\n');
}

describe('docs/benchmarks.md', () => {
  const doc = readFileSync(join(root, BENCHMARKS_DOC_PATH), 'utf8');

  it('holds the results exactly as assembled from docs/benchmarks/*.md (run `npm run docs:benchmarks`)', () => {
    const begin = doc.indexOf(RESULTS_BEGIN);
    const end = doc.indexOf(RESULTS_END);
    expect(begin).toBeGreaterThan(-1);
    expect(doc.slice(begin, end + RESULTS_END.length)).toBe(assembleFromResultsDir(root));
  });

  it('has a section for every bench and drill script of package.json', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const benchmarks = Object.keys(scripts).filter((name) => /^(bench|drill)(:|$)/.test(name));
    expect(benchmarks).toContain('bench:sender');
    for (const name of benchmarks) expect(doc).toContain(`### \`npm run ${name}\``);
  });
});

describe('the results assembled from the files the benchmarks write', () => {
  it('states the commit a run recorded, and "not recorded" where it recorded none', () => {
    const results = assembleResults([
      { name: 'sender', text: senderFile({ ...run, commit: '0123456789ab' }) },
      { name: 'custom', text: senderFile({ ...run, command: 'npm run bench:custom' }) },
    ]);
    expect(results).toMatch(
      /\[sender\]\(benchmarks\/sender\.md\) +\| `npm run bench:sender` +\| 0123456789ab +\| 2026-12-03 12:00 +\| 2 × Intel\(R\) Xeon\(R\) Processor, 24 GiB, Node v20\.20\.2/,
    );
    expect(results).toMatch(
      /\[custom\]\(benchmarks\/custom\.md\) +\| `npm run bench:custom` +\| not recorded/,
    );
  });

  it('reads back the line a run writes, a commit with uncommitted changes included', () => {
    const commit = '0123456789ab with uncommitted changes';
    const parsed = parseResultsFile('sender', senderFile({ ...run, commit }));
    expect(parsed).toMatchObject({ ...run, commit });
  });

  it('puts each goal beside the figure the run wrote', () => {
    const results = assembleResults([{ name: 'sender', text: senderFile(run) }]);
    expect(results).toMatch(
      /\| bench:sender +\| burst: callbacks\/s vs raw undici[^|]*\| ≥ 0\.8 +\| 0\.65 +\|/,
    );
    expect(results).toMatch(/\| CPU ms per callback, fastest burst[^|]*\| — +\| 0\.549 +\|/);
  });

  it('names the file and the row when a figure is missing, instead of leaving it out', () => {
    const renamed = senderFile(run, '| sender in a burst | 0.65 |');
    expect(() => assembleResults([{ name: 'sender', text: renamed }])).toThrow(
      'docs/benchmarks/sender.md: no row "sender burst…"',
    );
  });

  it('refuses a file without the line saying which run wrote it', () => {
    expect(() => assembleResults([{ name: 'sender', text: '# npm run bench:sender\n' }])).toThrow(
      'docs/benchmarks/sender.md: no "Written by …" line',
    );
  });

  it('replaces only the part between the markers, and refuses a document without them', () => {
    const doc = `# Benchmarks\n\nBefore.\n\n${RESULTS_BEGIN}\nold\n${RESULTS_END}\n\nAfter.\n`;
    expect(withResults(doc, `${RESULTS_BEGIN}\nnew\n${RESULTS_END}`)).toBe(
      `# Benchmarks\n\nBefore.\n\n${RESULTS_BEGIN}\nnew\n${RESULTS_END}\n\nAfter.\n`,
    );
    expect(() => withResults('# Benchmarks\n', 'new')).toThrow('the results markers are missing');
  });
});
