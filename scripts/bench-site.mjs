/**
 * What the browser benchmarks share: a page built from one harness module with
 * esbuild, and a static server on 127.0.0.1 for the folder it is written to.
 */
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bundles `harness` (a path from the repository root) into `dir`/bench.js, exposed as `globalThis[globalName]`, with an index.html that loads it. */
export async function buildBenchPage(root, dir, { harness, globalName, title }) {
  const result = await build({
    stdin: { contents: `import * as harness from './${harness}'; globalThis.${globalName} = harness;`, resolveDir: root, loader: 'ts', sourcefile: `${globalName}-entry.ts` },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    // A harness that draws screens (React) imports their CSS, which the page does without; React as the app ships it.
    loader: { '.css': 'empty' },
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'bench.js'), result.outputFiles[0].contents);
  await writeFile(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="bench.js"></script>`);
}

/** Serves the files of `dir` on a free port of 127.0.0.1; resolves to the listening server. */
export function serveFolder(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  const server = createServer(async (request, response) => {
    const name = request.url === '/' ? 'index.html' : request.url.slice(1).split('?')[0];
    try {
      const body = await readFile(join(dir, name));
      response.writeHead(200, { 'content-type': types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}
