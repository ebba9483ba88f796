#!/usr/bin/env node
/**
 * Sync benchmark (PERFORMANCE.md): in headless Chromium with a persistent
 * profile (IndexedDB on disk), a bundle of 100,000 changes is exported and
 * imported (verify + merge + write), and the rows that import produced are
 * written with a plain Dexie bulkPut into an empty database, side by side:
 * import, bulkPut, import, bulkPut … three of each, medians reported. The
 * import runs in the import worker, as in the app, and the page records its
 * longest task meanwhile (how long the window could not respond).
 * Prints the figures and writes bench-results/sync.json. It does not pass or fail.
 *
 *   npm run bench:sync            (CHROMIUM_PATH to use another Chromium)
 *   BENCH_CHANGES=20000 npm run bench:sync   (a smaller run)
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const total = Number(process.env.BENCH_CHANGES || 100_000);
const forwarded = Math.round(total / 10);
const runs = 3;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function bundleHarness(dir) {
  const worker = await build({
    entryPoints: [join(root, 'renderer/db/sync/import-worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'import-worker.js'), worker.outputFiles[0].contents);
  const result = await build({
    stdin: {
      contents: "import * as harness from './renderer/db/sync/bench-harness.ts'; globalThis.benchSync = harness;",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-entry.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'bench.js'), result.outputFiles[0].contents);
  await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>Quorum sync benchmark</title><script type="module" src="bench.js"></script>');
}

function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  const server = createServer(async (request, response) => {
    const name = request.url === '/' ? 'index.html' : request.url.slice(1).split('?')[0];
    try {
      const { readFile } = await import('node:fs/promises');
      const body = await readFile(join(dir, name));
      response.writeHead(200, { 'content-type': types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

const work = await mkdtemp(join(tmpdir(), 'quorum-bench-'));
const site = join(work, 'site');
const profile = join(work, 'profile');
await mkdir(site);
await bundleHarness(site);
const server = await serve(site);
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => 'benchSync' in globalThis);

  const exports = [];
  const imports = [];
  const bulkPuts = [];
  let compressedBytes = 0;
  let readableBytes = 0;
  for (let i = 0; i < runs; i++) {
    await page.evaluate(([own, fwd]) => globalThis.benchSync.prepareSource(own, fwd), [total - forwarded, forwarded]);
    const exported = await page.evaluate(() => globalThis.benchSync.timeExport(true));
    exports.push(exported.ms);
    compressedBytes = exported.bytes;
    if (i === 0) readableBytes = (await page.evaluate(() => globalThis.benchSync.timeExport(false))).bytes;
    const imported = await page.evaluate(() => globalThis.benchSync.timeImport('import-worker.js'));
    imports.push(imported);
    const put = await page.evaluate(() => globalThis.benchSync.timeBulkPut());
    bulkPuts.push(put);
    console.log(
      `run ${i + 1}: export ${seconds(exported.ms)}, import ${seconds(imported.ms)} (preview ${seconds(imported.previewMs)}, apply ${seconds(imported.applyMs)}; page blocked at most ${Math.round(imported.longestTaskMs)} ms), bulkPut of ${put.rows} rows ${seconds(put.ms)}`,
    );
  }

  const importMs = median(imports.map((r) => r.ms));
  const bulkPutMs = median(bulkPuts.map((r) => r.ms));
  const results = {
    measuredAt: new Date().toISOString(),
    chromium: context.browser()?.version() ?? executablePath,
    changes: total,
    origins: { sender: total - forwarded, forwarded },
    rowsWritten: imports[0].rowsWritten,
    runs,
    medianMs: {
      export: Math.round(median(exports)),
      import: Math.round(importMs),
      importPreview: Math.round(median(imports.map((r) => r.previewMs))),
      importApply: Math.round(median(imports.map((r) => r.applyMs))),
      bulkPut: Math.round(bulkPutMs),
      longestPageTaskDuringImport: Math.round(median(imports.map((r) => r.longestTaskMs))),
      longestTimerGapDuringImport: Math.round(median(imports.map((r) => r.longestTimerGapMs))),
    },
    importToBulkPutRatio: Number((importMs / bulkPutMs).toFixed(2)),
    bytes: { compressed: compressedBytes, readable: readableBytes },
    allMs: { export: exports.map(Math.round), import: imports.map((r) => Math.round(r.ms)), bulkPut: bulkPuts.map((r) => Math.round(r.ms)) },
    targets: { importToBulkPutRatio: '≤ 2', exportMs: '< 3000', compressedBytes: '< 10 MB' },
  };
  console.log('');
  console.log(`changes: ${total} (${forwarded} forwarded from a second origin); rows written: ${results.rowsWritten}`);
  console.log(`export (median):  ${seconds(results.medianMs.export)}`);
  console.log(`import (median):  ${seconds(importMs)}  = preview ${seconds(results.medianMs.importPreview)} + apply ${seconds(results.medianMs.importApply)}`);
  console.log(`bulkPut (median): ${seconds(bulkPutMs)}`);
  console.log(`import / bulkPut: ${results.importToBulkPutRatio}`);
  console.log(`page thread blocked during import, longest task (median): ${results.medianMs.longestPageTaskDuringImport} ms (the import runs in a worker)`);
  console.log(`file: ${(compressedBytes / 1e6).toFixed(2)} MB compressed (.quorum), ${(readableBytes / 1e6).toFixed(2)} MB readable (.quorum.json)`);
  await mkdir(join(root, 'bench-results'), { recursive: true });
  await writeFile(join(root, 'bench-results', 'sync.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench-results/sync.json');
} finally {
  await context.close();
  server.close();
  await rm(work, { recursive: true, force: true });
}
