// `npm run web:api-types`: writes the web app's REST API types from management's OpenAPI
// document (built from the controllers and DTOs; no server, broker or database needed).
// `--print` writes them to stdout instead, for the spec that checks the committed file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWebApiTypes } from './lib/web-api-types';
import { WEB_API_TYPES_PATH } from './lib/web-api-types-path';

renderWebApiTypes().then(
  (types) => {
    if (process.argv.includes('--print')) {
      process.stdout.write(types);
      return;
    }
    writeFileSync(join(__dirname, '..', WEB_API_TYPES_PATH), types);
    console.log(`wrote ${WEB_API_TYPES_PATH}`);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
