// The web app's build: plain esbuild JSX (no plugin needed), into dist/web, which
// management serves from its own origin (apps/management/src/web-app/serve-web-app.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npx vite apps/web` for working on the page: the API stays on management.
    proxy: { '/v1': 'http://127.0.0.1:3000' },
  },
});
