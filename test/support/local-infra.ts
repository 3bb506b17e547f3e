import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The local services the integration tests run against, and the scripts that manage them. */
export const SERVICES = ['kafka', 'ferretdb'] as const;
export type Service = (typeof SERVICES)[number];

const ROOT = join(__dirname, '..', '..');

export function serviceScript(service: Service): string {
  return join(ROOT, 'scripts', `${service}.sh`);
}

/**
 * Runs `scripts/<service>.sh <command>`; returns false when it exits non-zero. `env` selects
 * a second instance (LOCAL_KAFKA_PORT, LOCAL_FERRETDB_STATE_DIR...; see the scripts).
 */
export function runServiceScript(
  service: Service,
  command: 'up' | 'down' | 'status',
  quiet = false,
  env: Record<string, string> = {},
): boolean {
  try {
    execFileSync('bash', [serviceScript(service), command], {
      stdio: quiet ? 'ignore' : 'inherit',
      env: { ...process.env, ...env },
    });
    return true;
  } catch {
    return false;
  }
}

/** Where the tests record which services they started, so teardown stops only those. */
export const STARTED_FILE = join(ROOT, '.local', 'started-by-tests.json');
