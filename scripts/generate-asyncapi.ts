// `npm run docs:asyncapi`: writes docs/asyncapi.yaml from the contracts library.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ASYNCAPI_DOCUMENT_PATH,
  buildAsyncApiDocument,
  renderAsyncApiYaml,
} from '../libs/contracts/src/asyncapi';

const root = join(__dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
};
const target = join(root, ASYNCAPI_DOCUMENT_PATH);
writeFileSync(target, renderAsyncApiYaml(buildAsyncApiDocument({ version })));
console.log(`wrote ${ASYNCAPI_DOCUMENT_PATH}`);
