/** Where the web app's generated REST API types live, relative to the repository root. */
export const WEB_API_TYPES_PATH = 'apps/web/src/api/schema.d.ts';
