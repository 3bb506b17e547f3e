import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import { format, resolveConfig } from 'prettier';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..');

/** Where management's generated OpenAPI plugin metadata lives, relative to the repository root. */
export const OPENAPI_PLUGIN_METADATA_PATH = 'apps/management/src/metadata.ts';

const MANAGEMENT_SOURCE = join(root, 'apps', 'management', 'src');

const HEADER =
  '// Generated from the management DTOs by `npm run management:openapi-metadata` (the\n' +
  '// @nestjs/swagger CLI plugin, read-only); do not edit. configure-app.ts loads it before it\n' +
  '// builds the OpenAPI document; a unit spec (metadata.spec.ts) fails when it is stale.\n';

/**
 * Management's DTO files (the plugin's default `*.dto.ts`) and what they import, compiled as
 * the build compiles them (tsconfig.build.json). Only the DTOs are roots: the metadata file
 * itself (imported by configure-app.ts) must not decide the order the files are visited in,
 * or one run could print a different file than the next.
 */
function managementDtoProgram(): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  const rootNames = parsed.fileNames
    .filter((file) => file.startsWith(`${MANAGEMENT_SOURCE}/`) && file.endsWith('.dto.ts'))
    .sort();
  return ts.createProgram({ rootNames, options: parsed.options });
}

/**
 * What the @nestjs/swagger CLI plugin would add to management's DTOs and controllers at
 * compile time (types, required, nullable, enums of literal unions, and the rules of
 * class-validator decorators written directly on a property), as the metadata file that
 * `SwaggerModule.loadPluginMetadata` takes. The build is plain tsc and the tests run under
 * SWC, so the plugin cannot transform the code; Nest's read-only visitor writes the same
 * metadata to a file instead.
 */
export async function renderOpenApiPluginMetadata(): Promise<string> {
  const outputDir = mkdtempSync(join(tmpdir(), 'openapi-plugin-metadata-'));
  try {
    new PluginMetadataGenerator().generate({
      visitors: [
        new ReadonlyVisitor({ pathToSource: MANAGEMENT_SOURCE, classValidatorShim: true }),
      ],
      outputDir,
      tsProgramRef: managementDtoProgram(),
      printDiagnostics: false,
    });
    const generated = readFileSync(join(outputDir, 'metadata.ts'), 'utf8');
    const target = join(root, OPENAPI_PLUGIN_METADATA_PATH);
    const options = await resolveConfig(target);
    return format(HEADER + generated, { ...options, filepath: target });
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}
