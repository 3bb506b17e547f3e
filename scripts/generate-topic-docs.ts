// `npm run docs:topics`: writes the topic table of docs/operators.md from the topic registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATORS_GUIDE_PATH, withTopicTable } from '../libs/contracts/src/topic-table';

const target = join(__dirname, '..', OPERATORS_GUIDE_PATH);
writeFileSync(target, withTopicTable(readFileSync(target, 'utf8')));
console.log(`wrote the topic table of ${OPERATORS_GUIDE_PATH}`);
