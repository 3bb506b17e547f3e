import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpRequest, HttpResponse } from '../common/http-types';

/**
 * Where `npm run build` puts the web app: dist/web, beside dist/apps (this file runs as
 * dist/apps/management/src/web-app/serve-web-app.js).
 */
export const BUILT_WEB_APP_DIR = join(__dirname, '..', '..', '..', '..', 'web');

/** The web app's first page after sign-in. */
export const WEB_APP_HOME = '/settings/integration/webhooks';

/**
 * The page addresses the web app routes on the client. Only these answer with index.html,
 * so the fallback can never shadow /v1, /docs, /health or /metrics.
 */
export const CLIENT_ROUTE = /^\/(?:sign-in|settings(?:\/[\w/-]*)?)?\/?$/;

/** The page only loads its own files and talks only to its own origin. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none'; " +
  "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * Serves the built web app from the same origin as the REST API: its files as they are
 * (hashed assets cached for good), and index.html for its client routes. Returns whether
 * a build was found; without one (e.g. the API tests, which run from source) nothing is
 * served.
 */
export function serveWebApp(app: INestApplication, dir = BUILT_WEB_APP_DIR): boolean {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const express = app as NestExpressApplication;
  express.use((request: HttpRequest, response: HttpResponse, next: () => void) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!CLIENT_ROUTE.test(request.path)) return next();
    response.setHeader('cache-control', 'no-cache');
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('x-content-type-options', 'nosniff');
    response.sendFile(indexFile);
  });
  express.useStaticAssets(join(dir, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    fallthrough: true,
  });
  return true;
}
