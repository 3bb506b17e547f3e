import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from './generated-files';

/** `npm run events:generate`: writes the generated files; removes schema files of types gone. */
const root = join(__dirname, '..');
const files = generatedFiles();
mkdirSync(join(root, 'schemas'), { recursive: true });
for (const name of readdirSync(join(root, 'schemas')))
  if (!(`schemas/${name}` in files)) rmSync(join(root, 'schemas', name));
for (const [path, content] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(`wrote ${Object.keys(files).length} files under packages/events`);
