// `npm run management:openapi-metadata`: writes the @nestjs/swagger plugin metadata of
// management's DTOs (apps/management/src/metadata.ts), which the OpenAPI
// document is built with. `--print` writes it to stdout instead, for the spec that checks
// the committed file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OPENAPI_PLUGIN_METADATA_PATH,
  renderOpenApiPluginMetadata,
} from './lib/openapi-plugin-metadata';

renderOpenApiPluginMetadata().then(
  (metadata) => {
    if (process.argv.includes('--print')) {
      process.stdout.write(metadata);
      return;
    }
    writeFileSync(join(__dirname, '..', OPENAPI_PLUGIN_METADATA_PATH), metadata);
    console.log(`wrote ${OPENAPI_PLUGIN_METADATA_PATH}`);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
