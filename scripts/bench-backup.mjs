#!/usr/bin/env node
/**
 * Backup benchmark (issue 12, items 1-2): a copy holding the sync benchmark's
 * store (BENCH_CHANGES of the secretariat's changes, default 100,000, and 1,000 of
 * a partner's, imported as a bundle, so rows, log and ledger are what an import
 * writes) in headless Chromium with IndexedDB on disk. Times a backup (seal, read
 * in one transaction, encode, gzip, read back and check) beside a plain read of
 * every table, and a restore (read and check the file, write everything in one
 * transaction into an empty store) beside a bulkPut of the same rows in one
 * transaction; medians of 3 with their range, the order of each pair alternating,
 * a pause before each step. The page side is renderer/db/bench-backup-harness.ts.
 * Prints the figures and writes bench-results/backup.json. It does not pass or fail.
 *
 *   npm run bench:backup          (CHROMIUM_PATH to use another Chromium)
 */
import { chromium } from 'playwright-core';
import { buildBenchPage, serveFolder } from './bench-site.mjs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OWN = Number(process.env.BENCH_CHANGES || 100_000);
const FORWARDED = 1000;
const RUNS = 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (xs) => ({ medianMs: Math.round(median(xs)), minMs: Math.round(Math.min(...xs)), maxMs: Math.round(Math.max(...xs)) });
const pause = (ms) => new Promise((done) => setTimeout(done, ms));
const mb = (bytes) => `${(bytes / 1_000_000).toFixed(1)} MB`;

const work = await mkdtemp(join(tmpdir(), 'quorum-bench-backup-'));
const site = join(work, 'site');
await mkdir(site);
await buildBenchPage(root, site, { harness: 'renderer/db/bench-backup-harness.ts', globalName: 'benchBackup', title: 'Quorum backup benchmark' });
const server = await serveFolder(site);
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => 'benchBackup' in globalThis);
  const started = Date.now();
  const size = await page.evaluate(([own, forwarded]) => globalThis.benchBackup.prepare(own, forwarded), [OWN, FORWARDED]);
  console.log(`store: ${size.records.toLocaleString('en-GB')} records, ${size.changes.toLocaleString('en-GB')} changes in ${size.logRows} log rows (${((Date.now() - started) / 1000).toFixed(0)} s to prepare)`);

  const backup = [];
  const phases = {};
  const read = [];
  const restore = [];
  const restoreRead = [];
  const restoreWrite = [];
  const bulkPut = [];
  let bytes = 0;
  let jsonBytes = 0;
  let rows = 0;
  for (let run = 0; run < RUNS; run++) {
    await pause(3000);
    const b = await page.evaluate(() => globalThis.benchBackup.timeBackup());
    backup.push(b.ms);
    for (const [name, ms] of Object.entries(b.phases)) (phases[name] ??= []).push(ms);
    read.push(b.readMs);
    bytes = b.bytes;
    jsonBytes = b.jsonBytes;
    // Restore and bulkPut alternate which goes first.
    const steps = run % 2 === 0 ? ['restore', 'bulkPut'] : ['bulkPut', 'restore'];
    for (const step of steps) {
      if (step === 'restore') {
        await page.evaluate(() => globalThis.benchBackup.prepareTarget());
        await pause(3000);
        const r = await page.evaluate(() => globalThis.benchBackup.timeRestore());
        restore.push(r.ms);
        restoreRead.push(r.readMs);
        restoreWrite.push(r.restoreMs);
        rows = r.rows;
      } else {
        await pause(3000);
        bulkPut.push((await page.evaluate(() => globalThis.benchBackup.timeBulkPut())).ms);
      }
    }
    console.log(`run ${run + 1}: backup ${Math.round(b.ms)} ms (read ${Math.round(b.readMs)} ms); restore ${Math.round(restore.at(-1))} ms; bulkPut ${Math.round(bulkPut.at(-1))} ms`);
  }
  await page.evaluate(() => globalThis.benchBackup.cleanUp());
  const result = {
    when: new Date().toISOString(),
    store: size,
    file: { bytes, jsonBytes },
    backup: summary(backup),
    backupPhases: Object.fromEntries(Object.entries(phases).map(([name, xs]) => [name, Math.round(median(xs))])),
    readEveryTable: summary(read),
    restore: summary(restore),
    restoreReadAndCheck: summary(restoreRead),
    restoreWrite: summary(restoreWrite),
    bulkPutSameRows: summary(bulkPut),
    rows,
  };
  console.log(`\nfile: ${mb(bytes)} compressed, ${mb(jsonBytes)} of JSON`);
  console.log(`backup: ${result.backup.medianMs} ms median (${result.backup.minMs}–${result.backup.maxMs}); reading every table alone ${result.readEveryTable.medianMs} ms`);
  console.log(`  steps (medians): ${Object.entries(result.backupPhases).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`);
  console.log(`restore: ${result.restore.medianMs} ms median (${result.restore.minMs}–${result.restore.maxMs}): reading and checking ${result.restoreReadAndCheck.medianMs} ms, writing ${result.restoreWrite.medianMs} ms; bulkPut of the same ${rows.toLocaleString('en-GB')} rows ${result.bulkPutSameRows.medianMs} ms`);
  await mkdir(join(root, 'bench-results'), { recursive: true });
  await writeFile(join(root, 'bench-results', 'backup.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await context.close();
  server.close();
  await rm(work, { recursive: true, force: true });
}
