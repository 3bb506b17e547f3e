import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian and Ubuntu put the browser; CHROMIUM_PATH names another. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const WHAT_TO_INSTALL =
  'the browser tests need Chromium: install the Debian package `chromium` ' +
  '(apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary';

export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * Makes sure the browser tests have a browser: as root on Debian, a missing one is installed
 * from the distribution (browser downloads by Playwright are not used). Otherwise it says what
 * to install and leaves the failure to the browser tests, so every other test still runs.
 */
export function ensureChromium(): void {
  if (findChromium()) return;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('\n[browser] Chromium is missing; installing the Debian package chromium...');
    const apt = (args: string[]) =>
      execFileSync('apt-get', args, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    try {
      apt(['install', '-y', '--no-install-recommends', 'chromium']);
    } catch {
      try {
        apt(['update']);
        apt(['install', '-y', '--no-install-recommends', 'chromium']);
      } catch {
        // Reported below.
      }
    }
  }
  if (!findChromium()) console.warn(`\n[browser] ${WHAT_TO_INSTALL}`);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless system Chromium with a fresh profile. Background networking, component updates
 * and sync are off: on a machine without internet they hang on refused connections.
 */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(WHAT_TO_INSTALL);
  const profile = mkdtempSync(join(tmpdir(), 'webhooks-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
