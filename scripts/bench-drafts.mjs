#!/usr/bin/env node
/**
 * Drafts benchmark (issue 7, part 6): one hour of typing into a minutes
 * record at one draft save a second, in headless Chromium with a persistent
 * profile (IndexedDB on disk). 3,600 saves of a text that grows to 20 KB, a
 * commit on every five-minute tick and at the end (renderer/db/drafts.ts), in
 * three cases: no bundle during the hour (one at the end); a bundle for a
 * partner every fifteen minutes that the partner answers before the next;
 * and the same bundles unanswered (each carries everything the partner has
 * not acknowledged). The page side is renderer/db/bench-drafts-harness.ts.
 *
 * Prints log growth (bytes of the changeLog rows, as JSON) and bundle growth
 * (bytes of the hour's bundles beyond an empty bundle's), both as multiples
 * of the final text, and the median and 95th percentile of one save and of one
 * commit. Writes bench-results/drafts.json. It does not pass or fail.
 *
 *   npm run bench:drafts          (CHROMIUM_PATH to use another Chromium)
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCENARIOS = ['no-bundles', 'bundles-answered', 'bundles-unanswered'];

async function bundleHarness(dir) {
  const result = await build({
    stdin: {
      contents: "import * as harness from './renderer/db/bench-drafts-harness.ts'; globalThis.benchDrafts = harness;",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-drafts-entry.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  await writeFile(join(dir, 'bench.js'), result.outputFiles[0].contents);
  await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>Quorum drafts benchmark</title><script type="module" src="bench.js"></script>');
}

function serve(dir) {
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

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (t) => `${t.medianMs.toFixed(2)} ms median, ${t.p95Ms.toFixed(2)} ms p95 (max ${t.maxMs.toFixed(1)} ms, ${t.count})`;

const work = await mkdtemp(join(tmpdir(), 'quorum-bench-drafts-'));
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
  const results = [];
  for (const scenario of SCENARIOS) {
    // A fresh page per case: nothing carried over in the page.
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => 'benchDrafts' in globalThis);
    const started = Date.now();
    const r = await page.evaluate((name) => globalThis.benchDrafts.typeOneHour(name), scenario);
    await page.close();
    results.push(r);
    console.log(`\n${scenario} (${((Date.now() - started) / 1000).toFixed(1)} s to simulate)`);
    console.log(`  final text ${kb(r.finalTextBytes)}; stored text is the final text: ${r.storedEqualsFinal}; drafts left: ${r.draftsLeft}`);
    console.log(`  save:   ${ms(r.saves)}`);
    console.log(`  commit: ${ms(r.commits)}`);
    console.log(`  log growth: ${kb(r.log.growthBytes)} = ${r.log.growthTimesText}× the final text (${r.log.entriesAdded} entries in ${r.log.runsAdded} runs added)`);
    console.log(
      `  bundles: ${r.bundles.count}, growth ${kb(r.bundles.growthCompressedBytes)} compressed = ${r.bundles.growthCompressedTimesText}× the final text (${kb(r.bundles.growthReadableBytes)} readable = ${r.bundles.growthReadableTimesText}×); each: ${r.bundles.each.map((b) => `${kb(b.compressedBytes)} (${b.changes} changes)`).join(', ')}`,
    );
  }
  const all = {
    measuredAt: new Date().toISOString(),
    chromium: context.browser()?.version() ?? executablePath,
    simulation: '3,600 draft saves one a second of a text growing to 20 KB; commit every 5 minutes and at the end; bundles every 15 minutes where the case says so',
    targets: { saveMedianMs: '< 5', growthTimesText: '< 3' },
    results,
  };
  await mkdir(join(root, 'bench-results'), { recursive: true });
  await writeFile(join(root, 'bench-results', 'drafts.json'), `${JSON.stringify(all, null, 2)}\n`);
  console.log('\nwritten to bench-results/drafts.json');
} finally {
  await context.close();
  server.close();
  await rm(work, { recursive: true, force: true });
}
