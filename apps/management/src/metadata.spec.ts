import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('the OpenAPI plugin metadata', () => {
  // Prettier formats the generated file and loads its parsers as ES modules, so the generator
  // runs as its own process.
  it('is committed exactly as generated from the DTOs (run `npm run management:openapi-metadata`)', () => {
    const fresh = execFileSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(root, 'scripts', 'generate-openapi-plugin-metadata.ts'),
        '--print',
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    expect(readFileSync(join(__dirname, 'metadata.ts'), 'utf8')).toBe(fresh);
  }, 60_000);
});
