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
import { chromium } from 'playwright-core';
import { buildBenchPage, serveFolder } from './bench-site.mjs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCENARIOS = ['no-bundles', 'bundles-answered', 'bundles-unanswered'];

const bundleHarness = (dir) => buildBenchPage(root, dir, { harness: 'renderer/db/bench-drafts-harness.ts', globalName: 'benchDrafts', title: 'Quorum drafts benchmark' });
const serve = serveFolder;

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
