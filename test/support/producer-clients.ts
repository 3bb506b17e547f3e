import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { waitFor } from './wait-for';

/*
 * The producers of the cross-client test, each installed the way a developer in another
 * repository would: the events package from its own `npm pack` tarball in an empty project,
 * confluent-kafka from PyPI in a virtualenv, franz-go from the Go module proxy. Each step
 * runs as a child process (async, so the local HTTPS receiver in this process keeps
 * answering), and each install is repeatable: a cached wheel, module or tarball is reused.
 */

const ROOT = join(__dirname, '..', '..');
const LOCAL = join(ROOT, '.local', 'examples');
const run = promisify(execFile);

/** A command's output; on failure an error with what it printed, so a broken step says why. */
export async function runStep(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? childEnv(),
      timeout: options.timeoutMs ?? 240_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr, message } = error as {
      stdout?: string;
      stderr?: string;
      message: string;
    };
    throw new Error(
      `${command} ${args.join(' ')} failed: ${message}\n${stdout ?? ''}\n${stderr ?? ''}`,
    );
  }
}

/**
 * This process's environment without npm's own `npm_*` variables (set when `npm test` runs
 * jest), which would make a child npm act on this repository rather than where it is run.
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
  );
  return { ...env, ...extra };
}

/** One line a producer prints per acknowledged event. */
export interface Landed {
  id: string;
  type: string;
  topic: string;
  key: string;
  partition: number;
  offset: number | string;
}

/** The JSON lines a producer printed. */
export function landedLines(stdout: string): Landed[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Landed);
}

/** The partition kafkajs's DefaultPartitioner (the Java client's murmur2), as the platform uses, picks for `key`. */
export function platformPartition(topic: string, key: string, partitions: number): number {
  const partitionMetadata = Array.from(
    { length: partitions },
    (_, partitionId): PartitionMetadata => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
      offlineReplicas: [],
    }),
  );
  return Partitioners.DefaultPartitioner()({
    topic,
    partitionMetadata,
    message: { key, value: null },
  });
}

/** A fresh empty project that installs the events package from the tarball `npm pack` made. */
export async function projectWithPackedPackage(): Promise<string> {
  const packs = mkdtempSync(join(tmpdir(), 'events-pack-'));
  const { stdout } = await runStep('npm', [
    'pack',
    '--workspace',
    'packages/events',
    '--pack-destination',
    packs,
    '--json',
  ]);
  const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[];
  const project = mkdtempSync(join(tmpdir(), 'events-consumer-'));
  const version = (name: string) =>
    (require(`${name}/package.json`) as { version: string }).version; // eslint-disable-line @typescript-eslint/no-require-imports
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'events-consumer',
      private: true,
      dependencies: {
        '@webhook-platform/events': `file:${join(packs, filename)}`,
        kafkajs: version('kafkajs'),
      },
      devDependencies: { '@types/node': version('@types/node') },
    }),
  );
  await runStep('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: project,
  });
  return project;
}

/**
 * A virtualenv under .local/ with the Python example's requirements; made once, then reused.
 * Test files run in parallel workers, so one installs at a time (two pips in one virtualenv
 * would trip over each other).
 */
export async function pythonWithConfluentKafka(): Promise<string> {
  const venv = join(LOCAL, 'python-venv');
  const python = join(venv, 'bin', 'python');
  mkdirSync(LOCAL, { recursive: true });
  await withLock(join(LOCAL, 'python-venv.lock'), async () => {
    // A virtualenv whose interpreter is gone (Python upgraded) is made anew.
    if (!existsSync(python)) await runStep('python3', ['-m', 'venv', '--clear', venv]);
    await runStep(python, [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--requirement',
      join(ROOT, 'examples', 'producers', 'python', 'requirements.txt'),
    ]);
  });
  return python;
}

/**
 * Runs `step` holding a lock file (this process's pid in it) that other test processes wait
 * for; a lock whose process is gone (killed mid-install) is taken over.
 */
async function withLock(file: string, step: () => Promise<void>): Promise<void> {
  await waitFor(
    `the lock ${file}`,
    () => {
      try {
        writeFileSync(file, String(process.pid), { flag: 'wx' });
        return true;
      } catch {
        takeOverIfAbandoned(file);
        return false;
      }
    },
    300_000,
    200,
  );
  try {
    await step();
  } finally {
    rmSync(file, { force: true });
  }
}

/** Removes the lock when the process that holds it is gone; one just being written is left. */
function takeOverIfAbandoned(file: string): void {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(file, { force: true });
  } catch {
    // Released meanwhile: the next try takes it.
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The Go example built with the machine's `go` (modules from the proxy, as go.sum pins them). */
export async function builtGoExample(): Promise<string> {
  const binary = join(LOCAL, 'go', 'webhookproducer');
  mkdirSync(join(LOCAL, 'go'), { recursive: true });
  await runStep('go', ['build', '-o', binary, '.'], {
    cwd: join(ROOT, 'examples', 'producers', 'go'),
    // The toolchain on the PATH, never one downloaded; go.sum is the source of truth.
    env: childEnv({ GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' }),
  });
  return binary;
}
