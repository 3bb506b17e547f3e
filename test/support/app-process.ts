import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..');

/**
 * One of the apps as a separate process, from the build in dist/ (npm test builds first),
 * so tests can kill -9 it. Its JSON log goes to .local/test-logs/<name>-<port>.log.
 */
export class AppProcess {
  private child: ChildProcess | undefined;

  constructor(
    readonly app: 'management' | 'matcher' | 'sender',
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    const logs = join(ROOT, '.local', 'test-logs');
    mkdirSync(logs, { recursive: true });
    const log = createWriteStream(join(logs, `${this.app}-${this.port}.log`), { flags: 'a' });
    this.child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', this.app, 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.pipe(log);
    this.child.stderr!.pipe(log);
    await waitFor(
      `${this.app} on port ${this.port} to be healthy`,
      () => this.healthy(),
      30_000,
      200,
    );
  }

  async healthy(): Promise<boolean> {
    if (this.child?.exitCode !== null)
      throw new Error(`${this.app} exited with code ${String(this.child?.exitCode)}`);
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
