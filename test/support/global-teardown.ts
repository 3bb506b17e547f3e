import { existsSync, readFileSync, rmSync } from 'node:fs';
import { runServiceScript, STARTED_FILE, type Service } from './local-infra';

/** Stops what global-setup started, so a test run leaves no process behind. */
export default function globalTeardown(): void {
  if (!existsSync(STARTED_FILE)) return;
  const started = JSON.parse(readFileSync(STARTED_FILE, 'utf8')) as Service[];
  for (const service of started.reverse()) runServiceScript(service, 'down');
  rmSync(STARTED_FILE, { force: true });
}
