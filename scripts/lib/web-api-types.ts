import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import { buildManagementOpenApiDocument } from './openapi-document';

const HEADER =
  '// Generated from the management OpenAPI document by `npm run web:api-types`; do not edit.\n' +
  '// A unit spec (test/web-api-types.spec.ts) fails when this file is stale.\n';

/** The TypeScript types of the management REST API, as the web app's client uses them. */
export async function renderWebApiTypes(): Promise<string> {
  const document = await buildManagementOpenApiDocument();
  const ast = await openapiTS(document as unknown as OpenAPI3);
  return HEADER + astToString(ast);
}
