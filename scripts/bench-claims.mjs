#!/usr/bin/env node
/**
 * Claims benchmark (the claims issue, "Speed"; docs/architecture.md, "Claims: funder
 * claims"): in headless Chromium with a persistent profile (IndexedDB on disk), ten
 * years of claims — 12 projects, 8 partners, 10 budget lines, 3,840 partner claims
 * holding 38,400 claim lines, each submitted and approved, and their changes in a log
 * of about 112,000 entries — and what opening the screens costs: a claim to the funder
 * with its charts (target under 300 ms) and a partner claim's history (target under
 * 50 ms). The claim's timing is printed beside a plain toArray() of the tables it reads.
 *
 * Fair comparisons (docs/architecture.md, "Performance"): every step has a fresh store of
 * its own, built and deleted outside the timing, then a pause until LevelDB is quiet;
 * a fresh page per step; the order of the steps rotates from round to round; medians
 * of at least 3 rounds, with their range. The page side is
 * renderer/features/claims/bench-claims-harness.ts. It prints figures and writes
 * bench-results/claims.json; it does not pass or fail.
 *
 *   npm run bench:claims          (CHROMIUM_PATH to use another Chromium; BENCH_ROUNDS=5 for more rounds)
 */
import { chromium } from 'playwright-core';
import { buildBenchPage, serveFolder } from './bench-site.mjs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS || 3));
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS || 4000);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const range = (values) => [Math.min(...values), Math.max(...values)];
const ms = (v) => `${v.toFixed(1)} ms`;
const round1 = (v) => Number(v.toFixed(1));

const loadAtStart = loadavg()[0];
const work = await mkdtemp(join(tmpdir(), 'quorum-bench-claims-'));
const site = join(work, 'site');
const profile = join(work, 'profile');
await mkdir(site);
await buildBenchPage(root, site, { harness: 'renderer/features/claims/bench-claims-harness.ts', globalName: 'benchClaims', title: 'Quorum claims benchmark' });
const server = await serveFolder(site);
const address = `http://127.0.0.1:${server.address().port}/`;
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function freshPage() {
  const page = await context.newPage();
  page.setDefaultTimeout(0);
  await page.goto(address);
  await page.waitForFunction(() => 'benchClaims' in globalThis);
  return page;
}

/** One step: a fresh store built and left to settle, the timing on a fresh page, the store deleted; none of that but the timing is timed. */
async function step(kind, n) {
  const name = `quorum-bench-claims-${kind}-${n}`;
  let page = await freshPage();
  const store = await page.evaluate((storeName) => globalThis.benchClaims.buildStore(storeName), name);
  await page.close();
  await sleep(PAUSE_MS);
  page = await freshPage();
  const result =
    kind === 'openClaim'
      ? await page.evaluate(([storeName, open, rawFirst]) => globalThis.benchClaims.timeOpenClaim(storeName, open, rawFirst), [name, store.open, n % 2 === 1])
      : await page.evaluate(([storeName, claimId]) => globalThis.benchClaims.timeClaimHistory(storeName, claimId), [name, store.historyOf]);
  await page.close();
  page = await freshPage();
  await page.evaluate((storeName) => globalThis.benchClaims.deleteStore(storeName), name);
  await page.close();
  await sleep(PAUSE_MS / 2);
  return { store, result };
}

const KINDS = ['openClaim', 'claimHistory'];
const results = Object.fromEntries(KINDS.map((k) => [k, []]));
let storeShape;
try {
  for (let round = 0; round < rounds; round++) {
    // Rotate the order, so no step always runs first or after the same one.
    const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]);
    for (const kind of order) {
      const { store, result } = await step(kind, round);
      storeShape ??= store;
      results[kind].push(result);
      const line =
        kind === 'openClaim'
          ? `${ms(result.ms)} (reads and derivation ${ms(result.loadMs)}, drawing ${ms(result.drawMs)}, ${result.charts} charts; toArray of the same tables ${ms(result.rawMs)})`
          : `newest 30 of ${result.total} changes in ${ms(result.ms)}, every change in ${ms(result.allMs)}`;
      console.log(`round ${round + 1}, ${kind}: ${line}`);
    }
  }
  const claim = results.openClaim;
  const history = results.claimHistory;
  const summary = {
    measuredAt: new Date().toISOString(),
    chromium: context.browser()?.version() ?? executablePath,
    rounds,
    store: storeShape,
    openClaim: {
      medianMs: round1(median(claim.map((r) => r.ms))),
      rangeMs: range(claim.map((r) => r.ms)).map(round1),
      loadMedianMs: round1(median(claim.map((r) => r.loadMs))),
      drawMedianMs: round1(median(claim.map((r) => r.drawMs))),
      toArrayMedianMs: round1(median(claim.map((r) => r.rawMs))),
      charts: claim[0].charts,
      approvedClaimsInQuarter: claim[0].approvedClaims,
    },
    claimHistory: {
      medianMs: round1(median(history.map((r) => r.ms))),
      rangeMs: range(history.map((r) => r.ms)).map(round1),
      everyChangeMedianMs: round1(median(history.map((r) => r.allMs))),
      changes: history[0].total,
    },
    targets: { openClaimMs: '< 300', claimHistoryMs: '< 50' },
    // The machine's load average (one minute) when the run began and ended: the figures are of a machine this busy.
    loadAverage: { start: Number(loadAtStart.toFixed(1)), end: Number(loadavg()[0].toFixed(1)) },
  };
  console.log('');
  console.log(`load average ${summary.loadAverage.start} at the start, ${summary.loadAverage.end} at the end (the machine has ${(await import('node:os')).cpus().length} cores)`);
  console.log(`store: ${storeShape.claims.toLocaleString('en-GB')} partner claims with ${storeShape.claimLines.toLocaleString('en-GB')} claim lines, ${storeShape.projects} projects, ${storeShape.partners} partners, ${storeShape.budgetLines} budget lines over 40 quarters; a log of ${storeShape.logEntries.toLocaleString('en-GB')} entries in ${storeShape.runs} runs`);
  const c = summary.openClaim;
  console.log(`open a claim to the funder with its charts: median ${c.medianMs} ms (${c.rangeMs[0]}–${c.rangeMs[1]}): reads and derivation ${c.loadMedianMs} ms, drawing ${c.drawMedianMs} ms; a toArray of the same tables ${c.toArrayMedianMs} ms; target < 300 ms`);
  const h = summary.claimHistory;
  console.log(`a partner claim's history: median ${h.medianMs} ms (${h.rangeMs[0]}–${h.rangeMs[1]}) for the newest of its ${h.changes} changes, every change ${h.everyChangeMedianMs} ms; target < 50 ms`);
  await mkdir(join(root, 'bench-results'), { recursive: true });
  await writeFile(join(root, 'bench-results', 'claims.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log('written to bench-results/claims.json');
} finally {
  await context.close();
  server.close();
  await rm(work, { recursive: true, force: true });
}
