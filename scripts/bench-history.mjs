#!/usr/bin/env node
/**
 * History benchmark (issue 7, part 8): in headless Chromium with a persistent
 * profile (IndexedDB on disk), a store whose log holds 300,000 entries in
 * packed runs of 1,000 from three copies over ten years (40 organisations:
 * 35 edited in 15 sittings of 1 to 5 saves each, their representatives in 5;
 * 5 edited the worst way, 65 changes each at moments of their own; 3,000 long
 * minutes texts; the rest spread over 31,000 other records), built with
 * bulkPut of the runs and of the rows with their `_log`. Then one
 * organisation's History (the organisation and its representative, as its
 * page asks), each record on a fresh page: through the rows' `_log`
 * (renderer/db/history.ts changesToRecords, the way the app reads it now),
 * and, for comparison, by scanning the whole log (the old way). The page side
 * is renderer/db/bench-history-harness.ts.
 *
 * Prints the median over several organisations and every figure; writes
 * bench-results/history.json. It does not pass or fail.
 *
 *   npm run bench:history          (CHROMIUM_PATH to use another Chromium)
 *   BENCH_ENTRIES=100000 npm run bench:history   (a smaller log)
 */
import { chromium } from 'playwright-core';
import { buildBenchPage, serveFolder } from './bench-site.mjs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const entries = Number(process.env.BENCH_ENTRIES || 300_000);
const RECORDS = 9;
const SCATTERED = 3;
const OLD_RECORDS = 3;

const bundleHarness = (dir) => buildBenchPage(root, dir, { harness: 'renderer/db/bench-history-harness.ts', globalName: 'benchHistory', title: 'Quorum history benchmark' });
const serve = serveFolder;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const work = await mkdtemp(join(tmpdir(), 'quorum-bench-history-'));
const site = join(work, 'site');
const profile = join(work, 'profile');
await mkdir(site);
await bundleHarness(site);
const server = await serve(site);
const address = `http://127.0.0.1:${server.address().port}/`;
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** A fresh page with the harness loaded: nothing read before is kept in the page. */
async function freshPage() {
  const page = await context.newPage();
  page.setDefaultTimeout(0);
  await page.goto(address);
  await page.waitForFunction(() => 'benchHistory' in globalThis);
  return page;
}

try {
  const name = 'quorum-bench-history';
  let page = await freshPage();
  const store = await page.evaluate(([n, count]) => globalThis.benchHistory.buildStore(n, globalThis.benchHistory.shapeFor(count)), [name, entries]);
  await page.close();
  console.log(`store: ${store.entries.toLocaleString('en-GB')} entries in ${store.runs} runs, ${store.rows.toLocaleString('en-GB')} rows with _log (built in ${(store.buildMs / 1000).toFixed(1)} s)`);

  // Organisations edited in sittings, spread across the range of runs their history touches; and the scattered ones, the worst case.
  const typical = store.organisations.filter((o) => !o.scattered).sort((a, b) => a.runs - b.runs);
  const chosen = typical.filter((_, i, all) => i % Math.max(1, Math.floor(all.length / RECORDS)) === 0).slice(0, RECORDS);
  const scattered = store.organisations.filter((o) => o.scattered).slice(0, SCATTERED);
  const timeOne = async (o) => {
    page = await freshPage();
    const r = await page.evaluate(([n, org, rep]) => globalThis.benchHistory.timeRecordHistory(n, org, rep, 30), [name, o.org, o.rep]);
    await page.close();
    page = await freshPage();
    const a = await page.evaluate(([n, org, rep]) => globalThis.benchHistory.timeRecordHistory(n, org, rep), [name, o.org, o.rep]);
    await page.close();
    console.log(
      `  ${o.scattered ? 'scattered' : 'in sittings'}: opened (newest ${r.changes} of ${r.total}) ${r.ms.toFixed(1)} ms reading ${r.runsRead} runs (${r.readingRunsMs.toFixed(1)} ms of it); all ${a.changes} changes ${a.ms.toFixed(1)} ms reading ${a.runsRead} runs (${a.readingRunsMs.toFixed(1)} ms)`,
    );
    return { opened: r, all: a };
  };
  const first = [];
  const every = [];
  for (const o of chosen) {
    const { opened, all } = await timeOne(o);
    first.push(opened);
    every.push(all);
  }
  const worstFirst = [];
  const worstEvery = [];
  for (const o of scattered) {
    const { opened, all } = await timeOne(o);
    worstFirst.push(opened);
    worstEvery.push(all);
  }
  const old = [];
  for (const o of chosen.slice(0, OLD_RECORDS)) {
    page = await freshPage();
    const r = await page.evaluate(([n, org, rep]) => globalThis.benchHistory.timeWholeLog(n, org, rep), [name, o.org, o.rep]);
    await page.close();
    old.push(r);
    console.log(`  the same by scanning the whole log (the old way): ${r.ms.toFixed(0)} ms (${r.changes} changes)`);
  }
  const results = {
    measuredAt: new Date().toISOString(),
    chromium: context.browser()?.version() ?? executablePath,
    store: { entries: store.entries, runs: store.runs, rows: store.rows, buildMs: store.buildMs },
    medianMs: {
      opened: Number(median(first.map((r) => r.ms)).toFixed(1)),
      allChanges: Number(median(every.map((r) => r.ms)).toFixed(1)),
      wholeLogScan: Number(median(old.map((r) => r.ms)).toFixed(0)),
      scatteredOpened: Number(median(worstFirst.map((r) => r.ms)).toFixed(1)),
      scatteredAllChanges: Number(median(worstEvery.map((r) => r.ms)).toFixed(1)),
    },
    scattered: worstEvery.map((r, i) => ({ openedMs: Number(worstFirst[i].ms.toFixed(1)), allMs: Number(r.ms.toFixed(1)), changes: r.changes, runsRead: r.runsRead })),
    opened: first.map((r) => ({ ms: Number(r.ms.toFixed(1)), changes: r.changes, total: r.total, runsRead: r.runsRead })),
    allChanges: every.map((r) => ({ ms: Number(r.ms.toFixed(1)), changes: r.changes, runsRead: r.runsRead })),
    wholeLogScan: old.map((r) => ({ ms: Math.round(r.ms), changes: r.changes })),
    targets: { openedMs: '< 50' },
  };
  console.log('');
  console.log(
    `one organisation's History (median of ${first.length} edited in sittings, fresh page each): ${results.medianMs.opened} ms opened (newest 30), ${results.medianMs.allChanges} ms for all its changes, through _log; ${results.medianMs.wholeLogScan} ms scanning the whole log (median of ${old.length})`,
  );
  console.log(`worst case, an organisation whose 65 changes are each in a run of its own (median of ${worstFirst.length}): ${results.medianMs.scatteredOpened} ms opened, ${results.medianMs.scatteredAllChanges} ms for all`);
  await mkdir(join(root, 'bench-results'), { recursive: true });
  await writeFile(join(root, 'bench-results', 'history.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench-results/history.json');
} finally {
  await context.close();
  server.close();
  await rm(work, { recursive: true, force: true });
}
