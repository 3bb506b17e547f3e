// `npm run docs:benchmarks`: rewrites the results part of docs/benchmarks.md (between its
// marker comments) from the files the benchmarks wrote to docs/benchmarks/. `--print` prints
// the part instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARKS_DOC_PATH, assembleFromResultsDir, withResults } from './lib/benchmark-results';

const root = join(__dirname, '..');
const results = assembleFromResultsDir(root);
if (process.argv.includes('--print')) {
  process.stdout.write(`${results}\n`);
} else {
  const target = join(root, BENCHMARKS_DOC_PATH);
  writeFileSync(target, withResults(readFileSync(target, 'utf8'), results));
  console.log(`wrote the results part of ${BENCHMARKS_DOC_PATH}`);
}
