#!/usr/bin/env node
// Prints the top frames of a V8 CPU profile (node --cpu-prof) by self time, so a
// benchmark's cost can be named before and after a change.
//   node scripts/cpu-profile-top.mjs <file.cpuprofile> [count] [--by-package]
// --by-package adds self time up per npm package, app/lib folder or node internal module.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const byPackage = args.includes('--by-package');
const [file, countArg] = args.filter((arg) => !arg.startsWith('--'));
if (!file) {
  console.error('usage: cpu-profile-top.mjs <file.cpuprofile> [count]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const count = Number(countArg ?? 20);
const selfByNode = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (deltas[i] ?? 0)));
const total = [...selfByNode.values()].reduce((a, b) => a + b, 0);
const byFrame = new Map();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/(apps|libs)\//, '$1/')}:${lineNumber + 1}` : '';
  const key = byPackage ? groupOf(url, functionName) : `${functionName || '(anonymous)'} ${where}`.trim();
  byFrame.set(key, (byFrame.get(key) ?? 0) + (selfByNode.get(node.id) ?? 0));
}
const idle = ['(idle)', '(program)', '(garbage collector)'];
const busy = total - idle.reduce((sum, name) => sum + (byFrame.get(name) ?? 0), 0);
console.log(`profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (not idle/program/GC)`);
for (const [frame, micros] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, count))
  console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${frame}`);

function groupOf(url, functionName) {
  if (!url) return functionName || '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const own = url.match(/\/(apps|libs|bench|test)\/([^/]+)/);
  if (own) return `${own[1]}/${own[2]}`;
  const internal = url.match(/^node:(?:internal\/)?([^/:]+)/);
  return internal ? `node:${internal[1]}` : url;
}
