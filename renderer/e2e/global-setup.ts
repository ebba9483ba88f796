/**
 * End-to-end set-up, once per run: build the renderer with the project's own Vite
 * config into a temporary folder (so a concurrent `npm run build` is not disturbed),
 * serve it on a free localhost port with a tiny static server, and hand the address
 * to the tests (`inject('appUrl')`). localhost is a secure context, so WebCrypto and
 * IndexedDB behave as they do under Electron's app:// scheme.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built renderer's address, ending in '/'. */
    appUrl: string;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function serveFolder(root: string): Server {
  return createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(root + sep)) {
        response.writeHead(403).end();
        return;
      }
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file');
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      // Vite names what it builds into assets/ by its content, so a copy the browser keeps is never stale, and Chromium compiles a
      // script it has cached once rather than at every page a test opens; the page itself is always fetched.
      const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
      createReadStream(file).pipe(response);
    })();
  });
}

export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(join(tmpdir(), 'quorum-e2e-renderer-'));
  await build({
    configFile: resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  const server = serveFolder(outDir);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  project.provide('appUrl', `http://127.0.0.1:${port}/`);

  return async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await rm(outDir, { recursive: true, force: true });
  };
}
