/**
 * Serves join-page.tsx on the app's own address, for the end-to-end tests:
 * esbuild bundles it (about a second) and the browser context answers requests
 * for /e2e-join.* from memory, so the page shares the app's origin and with it
 * the partner's IndexedDB store. See join-page.tsx for why it exists.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import { inject } from 'vitest';

export interface JoinPageFiles {
  js: string;
  css: string;
}

export async function bundleJoinPage(): Promise<JoinPageFiles> {
  const result = await build({
    entryPoints: { 'e2e-join': resolve('renderer/e2e/join-page.tsx') },
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const text = (extension: string) => result.outputFiles.find((file) => file.path.endsWith(extension))?.text ?? '';
  return { js: text('.js'), css: text('.css') };
}

const PAGE = `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <title>Join a consortium · Quorum</title>
    <link rel="stylesheet" href="./e2e-join.css" />
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./e2e-join.js"></script>
  </body>
</html>`;

/** Makes the join page answer in `context`; returns its address for a data store. */
export async function serveJoinPage(context: BrowserContext, files: JoinPageFiles): Promise<(store: string) => string> {
  const base = inject('appUrl');
  await context.route(`${base}e2e-join.**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith('.js')) return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: files.js });
    if (path.endsWith('.css')) return route.fulfill({ contentType: 'text/css; charset=utf-8', body: files.css });
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE });
  });
  return (store) => `${base}e2e-join.html?db=${encodeURIComponent(store)}`;
}
