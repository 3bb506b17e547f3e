import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpuSecondsOf, peakRssMiBOf } from './proc-stats';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..');

/**
 * One of the apps as a separate process, from the build in dist/ (npm test builds first),
 * so tests can kill -9 it. Its JSON log goes to .local/test-logs/<name>-<port>.log.
 */
export class AppProcess {
  private child: ChildProcess | undefined;
  /** The last lines the process printed, so a failed start says why. */
  private recentOutput: string[] = [];

  constructor(
    readonly app: 'management' | 'matcher' | 'sender',
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Peak resident memory of the process so far, in MiB (Linux /proc). */
  peakRssMiB(): number | null {
    return peakRssMiBOf(this.child?.pid);
  }

  /** CPU seconds (user + system) the process has used so far (Linux /proc). */
  cpuSeconds(): number | null {
    return cpuSecondsOf(this.child?.pid);
  }

  async start(): Promise<void> {
    this.launch();
    await waitFor(
      `${this.app} on port ${this.port} to be healthy`,
      () => this.healthy(),
      30_000,
      200,
    );
  }

  /** Spawns the process without waiting for it to be healthy (for a start meant to fail). */
  launch(): void {
    const logs = join(ROOT, '.local', 'test-logs');
    mkdirSync(logs, { recursive: true });
    const log = createWriteStream(join(logs, `${this.app}-${this.port}.log`), { flags: 'a' });
    const entry = join(ROOT, 'dist', 'apps', this.app, 'src', 'main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    this.recentOutput = [];
    // BENCH_PROFILE_DIR: each app writes a V8 CPU profile there (node --cpu-prof) on exit.
    const profile = process.env.BENCH_PROFILE_DIR
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`,
          `--cpu-prof-name=${this.app}-${Date.now()}.cpuprofile`,
        ]
      : [];
    this.child = spawn(process.execPath, [...profile, entry], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    for (const stream of [this.child.stdout!, this.child.stderr!])
      stream.on('data', (chunk: Buffer) => {
        this.recentOutput.push(...chunk.toString().trimEnd().split('\n'));
        this.recentOutput.splice(0, Math.max(0, this.recentOutput.length - 20));
      });
  }

  /** Resolves when the process has exited, with its code and last lines; rejects after `ms`. */
  exited(ms: number): Promise<{ code: number | null; lastOutput: string[] }> {
    const child = this.child;
    if (!child) return Promise.reject(new Error(`${this.app} was never started`));
    const result = () => ({ code: child.exitCode, lastOutput: [...this.recentOutput] });
    if (child.exitCode !== null) return Promise.resolve(result());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(`${this.app} still running after ${ms} ms:\n${this.recentOutput.join('\n')}`),
        );
      }, ms);
      // 'close' comes after the output streams ended, so the last lines are in.
      child.once('close', () => {
        clearTimeout(timer);
        resolve(result());
      });
    });
  }

  async healthy(): Promise<boolean> {
    if (this.child?.exitCode !== null)
      throw new Error(
        `${this.app} exited with code ${String(this.child?.exitCode)}; last output:\n` +
          this.recentOutput.join('\n'),
      );
    try {
      return (await fetch(`http://127.0.0.1:${this.port}/health`)).ok;
    } catch {
      return false;
    }
  }

  /** kill -9: no shutdown hook runs, nothing is committed on the way out. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}
