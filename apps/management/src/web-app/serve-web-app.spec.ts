import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { CLIENT_ROUTE, serveWebApp } from './serve-web-app';

@Controller()
class ApiStandInController {
  @Get(['v1/webhooks', 'docs', 'health', 'metrics', 'settings-json'])
  answer(): { from: string } {
    return { from: 'api' };
  }
}

describe('serving the web app', () => {
  let dir: string;
  let app: INestApplication;
  let http: App;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-app-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>web app</title>');
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
    const module = await Test.createTestingModule({
      controllers: [ApiStandInController],
    }).compile();
    app = module.createNestApplication({ logger: false });
    expect(serveWebApp(app, dir)).toBe(true);
    await app.init();
    http = app.getHttpServer() as App;
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/sign-in',
    '/settings/integration/webhooks',
    '/settings/integration/webhooks/8a1f',
  ])(
    'answers the client route %s with index.html, uncached and under a same-origin policy',
    async (path) => {
      const response = await request(http).get(path).expect(200);
      expect(response.text).toContain('<title>web app</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    },
  );

  it.each(['/v1/webhooks', '/docs', '/health', '/metrics', '/settings-json'])(
    'leaves %s to the API',
    async (path) => {
      const response = await request(http).get(path).expect(200);
      expect(response.body).toEqual({ from: 'api' });
    },
  );

  it('serves hashed assets cached for good, and 404s a missing one', async () => {
    const asset = await request(http).get('/assets/main-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await request(http).get('/assets/missing.js').expect(404);
  });

  it('serves nothing when there is no build', () => {
    expect(serveWebApp(app, join(dir, 'nowhere'))).toBe(false);
  });

  it('matches no API path with the client-route pattern', () => {
    for (const path of ['/v1', '/v1/webhooks', '/docs', '/docs-json', '/health', '/metrics'])
      expect(CLIENT_ROUTE.test(path)).toBe(false);
  });
});
