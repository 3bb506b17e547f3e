import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_API_TYPES_PATH } from '../scripts/lib/web-api-types-path';

const root = join(__dirname, '..');

describe('the web app API types', () => {
  // openapi-typescript is ESM-only underneath, so the generator runs as its own process.
  it('are committed exactly as generated from the management OpenAPI document (run `npm run web:api-types`)', () => {
    const fresh = execFileSync(
      process.execPath,
      ['-r', '@swc-node/register', join(root, 'scripts', 'generate-web-api-types.ts'), '--print'],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    expect(readFileSync(join(root, WEB_API_TYPES_PATH), 'utf8')).toBe(fresh);
  }, 60_000);
});
