#!/usr/bin/env node
/**
 * Sync benchmark (issue 7, "Speed"), in headless Chromium with a persistent
 * profile, so IndexedDB is on disk as in the app (a plain newContext keeps it
 * in memory). It never passes or fails: it prints its figures and writes them
 * to bench-results/sync.json (not committed).
 *
 * Two figures, each an import against a raw Dexie bulkPut of the rows that
 * import writes (recorded from the import itself, one bulkPut per write call
 * the import makes, so chunked as it chunks them):
 *   - large: a bundle of 100,000 changes (90,000 from the secretariat, 10,000
 *     forwarded from a partner) into a fresh copy;
 *   - small: a partner's typical bundle of 1,000 changes into a copy that
 *     already holds the large import (and, for bulkPut, into the store the
 *     large bulkPut filled).
 * The imports run in the import worker, as in the app, started from a page
 * that holds nothing but the bundles (the first page holds the source and the
 * baseline's rows, and its garbage collection would count against them).
 * The small import is timed with its worker started by the import itself (a
 * bundle opened before any worker was ready), and, into a store of its own,
 * with a worker started ahead, before the pause, with the store open ("warm";
 * this import its first): as the app does now, the Sync page starting one ahead
 * and each import the next (renderer/features/sync/service.ts prepareImportWorker). With BENCH_BASE=<git
 * ref>, the import worker of that commit (its renderer/ and shared/, built with
 * this checkout's packages) imports it too, cold, into a third store: a
 * before/after in one run. The small steps' order rotates from run to run.
 *
 * Fairness: every timed step has a store of its own, created and deleted
 * outside the timing; before every timed step the script pauses (BENCH_PAUSE_MS,
 * 5 s) and then waits until the profile's IndexedDB files have stopped changing
 * and the browser is idle, because all the databases of one origin share one
 * LevelDB and the compaction left by one step would otherwise land in the next;
 * the order alternates from run to run (import first, then bulkPut first, …);
 * the medians of BENCH_RUNS runs (3) are reported with their range.
 *
 * Before the timed runs, untimed: the large import on the page's thread
 * records what it writes (the rows of the large baseline); then the small
 * import, into the copy that made, runs on the thread of the import page
 * with every store operation timed and the CPU profiler on (the breakdown
 * printed at the end), recording what it writes (the small baseline's rows).
 * The baselines run in a worker of their own, as the imports run in the
 * import worker.
 *
 *   npm run bench:sync                        (CHROMIUM_PATH to use another Chromium)
 *   BENCH_PROFILE_LARGE=1 npm run bench:sync  (also profile the large import: bench-results/sync.json largeProfile)
 *   BENCH_CHANGES=20000 BENCH_RUNS=2 npm run bench:sync   (a smaller, quicker run)
 *   BENCH_BASE=HEAD npm run bench:sync        (the small import of HEAD's worker beside this tree's)
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { serveFolder } from './bench-site.mjs';
import { mkdtemp, mkdir, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summariseCpuProfile } from './bench-profile.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const total = Number(process.env.BENCH_CHANGES || 100_000);
const forwarded = Math.round(total / 10);
const smallChanges = Number(process.env.BENCH_SMALL_CHANGES || 1000);
const runs = Math.max(1, Number(process.env.BENCH_RUNS || 3));
const pauseMs = Number(process.env.BENCH_PAUSE_MS ?? 5000);
/** A commit whose import worker is measured too, started cold, on the small bundle: a before/after in one run. */
const baseRef = process.env.BENCH_BASE || '';
const baseLabel = baseRef ? execFileSync('git', ['-C', root, 'rev-parse', '--short', baseRef], { encoding: 'utf8' }).trim() : '';
const started = Date.now();
const loadBefore = loadavg();

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => {
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const stats = (values, digits = 0) => {
  const round = (v) => Number(v.toFixed(digits));
  return { median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), all: values.map(round) };
};
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms) => `${Math.round(ms)} ms`;
const range = (s, format) => `${format(s.median)} (range ${format(s.min)}–${format(s.max)})`;
const log = (line = '') => console.log(line);

let workerBytes = 0;

async function bundleHarness(dir) {
  const options = { bundle: true, format: 'esm', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent', absWorkingDir: root };
  // Minified, as Vite builds it for the app (renderer/features/sync/service.ts starts it); the page's bundle is not, so profiles name functions.
  const worker = await build({ ...options, minify: true, entryPoints: [join(root, 'renderer/db/sync/import-worker.ts')] });
  await writeFile(join(dir, 'import-worker.js'), worker.outputFiles[0].contents);
  workerBytes = worker.outputFiles[0].contents.byteLength;
  if (baseRef) {
    // The import worker as it was at BENCH_BASE, from that commit's renderer/ and shared/ (this checkout's node_modules), for a before/after in one run.
    const tree = join(dir, '..', 'base-tree');
    await mkdir(tree, { recursive: true });
    execFileSync('sh', ['-c', `git -C "${root}" archive "${baseRef}" renderer shared | tar -x -C "${tree}"`]);
    await symlink(join(root, 'node_modules'), join(tree, 'node_modules'));
    const base = await build({ ...options, absWorkingDir: tree, minify: true, entryPoints: [join(tree, 'renderer/db/sync/import-worker.ts')] });
    await writeFile(join(dir, 'import-worker-base.js'), base.outputFiles[0].contents);
  }
  const page = await build({
    ...options,
    stdin: { contents: "import * as harness from './renderer/db/sync/bench-harness.ts'; globalThis.benchSync = harness;", resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
  });
  await writeFile(join(dir, 'bench.js'), page.outputFiles[0].contents);
  const baseline = await build({
    ...options,
    stdin: { contents: "import { serveBaseline } from './renderer/db/sync/bench-harness.ts'; serveBaseline();", resolveDir: root, loader: 'ts', sourcefile: 'bench-worker-entry.ts' },
  });
  await writeFile(join(dir, 'bench-worker.js'), baseline.outputFiles[0].contents);
  await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>Quorum sync benchmark</title><script type="module" src="bench.js"></script>');
  return page.outputFiles[0].text;
}

const serve = serveFolder;

/** Sizes and times of every file under `dir` (the profile's IndexedDB), as one string. */
async function filesState(dir) {
  const parts = [];
  const walk = async (path) => {
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        try {
          const s = await stat(full);
          parts.push(`${full}:${s.size}:${s.mtimeMs}`);
        } catch {
          // Deleted meanwhile: compaction is still going on, and the next look sees it.
        }
      }
    }
  };
  await walk(dir);
  return parts.sort().join('\n');
}

/** CPU time (clock ticks) used so far by this process's descendants: the browser and its helpers. */
async function browserTicks() {
  const parents = new Map();
  const ticks = new Map();
  for (const name of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = await readFile(`/proc/${name}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended meanwhile.
    }
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === process.pid) {
        sum += t;
        break;
      }
    }
  }
  return sum;
}

/**
 * The pause before a timed step: `pauseMs`, then until the IndexedDB files
 * have not changed and the browser has used under 5% of a core for 1.5 s
 * (at most 30 s more). Returns how long it waited.
 */
async function settle(indexedDbDir) {
  const t0 = Date.now();
  await sleep(pauseMs);
  const deadline = Date.now() + 30_000;
  let files = await filesState(indexedDbDir);
  let ticks = await browserTicks();
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(500);
    const nowFiles = await filesState(indexedDbDir);
    const nowTicks = await browserTicks();
    // /proc ticks are 1/100 s: 2 ticks in 0.5 s is 4% of one core.
    const quiet = nowFiles === files && nowTicks - ticks <= 2;
    files = nowFiles;
    ticks = nowTicks;
    if (!quiet) quietSince = Date.now();
    else if (Date.now() - quietSince >= 1500) break;
  }
  return Date.now() - t0;
}

function stageTable(timings) {
  const names = timings[0].stages.map((s) => s.name);
  return names.map((name, i) => ({ name, ms: Math.round(median(timings.map((t) => t.stages[i].ms))) }));
}

function opTable(ops, limit) {
  return [...ops]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, limit)
    .map((op) => ({ ...op, ms: Number(op.ms.toFixed(1)) }));
}

const work = await mkdtemp(join(tmpdir(), 'quorum-bench-'));
const site = join(work, 'site');
const profile = join(work, 'profile');
await mkdir(site);
const bundleText = await bundleHarness(site);
const server = await serve(site);
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const indexedDbDir = join(profile, 'Default', 'IndexedDB');
const waits = [];
const pause = async () => waits.push(await settle(indexedDbDir));
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => 'benchSync' in globalThis);
  const bench = (fn, ...args) => page.evaluate(([name, list]) => globalThis.benchSync[name](...list), [fn, args]);
  // The imports run from a page of their own, whose heap holds only the bundles, as the app's window would:
  // the first page holds the source and the baseline's rows, and its garbage collection would count against the import.
  const importPage = await context.newPage();
  importPage.setDefaultTimeout(0);
  await importPage.goto(page.url());
  await importPage.waitForFunction(() => 'benchSync' in globalThis);
  const importer = (fn, ...args) => importPage.evaluate(([name, list]) => globalThis.benchSync[name](...list), [fn, args]);

  log(`Quorum sync benchmark: ${total} changes (${forwarded} forwarded), a partner's bundle of ${smallChanges}; ${runs} runs, ${pauseMs / 1000} s pauses`);
  if (loadBefore[0] > 1) log(`note: the machine is busy (load average ${loadBefore.map((l) => l.toFixed(1)).join(', ')}); the figures will be noisier`);
  await bench('prepareSource', total - forwarded, forwarded);
  await pause();
  const firstExport = await bench('timeExport', true);
  const readable = await bench('timeExport', false);
  const small = await bench('preparePartnerBundle', smallChanges);

  // Untimed: record what the large import writes (the baseline's rows) into a copy that then holds 100,000 changes.
  log('recording what the large import writes (untimed) …');
  await bench('prepareImportStore', 'bench-capture');
  await pause();
  const largeCapture = await bench('captureImport', 'bench-capture', 'large');
  const heldStore = await bench('storeSize', 'bench-capture');

  // Untimed: the breakdown of the small import, into that copy, on the import page's thread,
  // every store operation timed and the CPU profiler on; it records what it writes too, for the baseline.
  log('profiling the small import (untimed) …');
  await importer('setBundle', 'small', await bench('bundleBase64', 'small'));
  await pause();
  const startup = await importer('startupParts', 'bench-capture', 'import-worker.js');
  await pause();
  const received = bench('receiveCapture', 'small');
  const cdp = await context.newCDPSession(importPage);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const smallProfile = await importer('profileImport', 'bench-capture', 'small');
  const { profile: cpuProfile } = await cdp.send('Profiler.stop');
  await received;
  await bench('deleteStore', 'bench-capture');
  await bench('startBaseline', 'bench-worker.js');
  const smallCpu = summariseCpuProfile(cpuProfile, bundleText);

  // On request only (it adds a minute): the same for the large import.
  let largeProfile;
  if (process.env.BENCH_PROFILE_LARGE) {
    log('profiling the large import (untimed) …');
    await importer('setBundle', 'large', await bench('bundleBase64', 'large'));
    await bench('prepareImportStore', 'bench-profile');
    await pause();
    await cdp.send('Profiler.start');
    const timing = await importer('profileImport', 'bench-profile', 'large', false);
    const { profile } = await cdp.send('Profiler.stop');
    await bench('deleteStore', 'bench-profile');
    largeProfile = { ms: Math.round(timing.ms), stages: timing.stages.map((s) => ({ ...s, ms: Math.round(s.ms) })), storeOps: opTable(timing.ops, 25), cpu: summariseCpuProfile(profile, bundleText) };
  }
  await cdp.detach();

  const exports = [];
  const large = { import: [], bulkPut: [] };
  // import: the app's way, the worker started by the import; warm: a worker started ahead, with the store open, this its first import;
  // base: BENCH_BASE's worker, started by the import. Each into a store of its own.
  const smallRuns = { import: [], bulkPut: [], warm: [], base: [] };
  const extraSteps = ['warm', ...(baseRef ? ['base'] : [])];
  for (let i = 0; i < runs; i++) {
    const importFirst = i % 2 === 0;
    const order = importFirst ? ['import', 'bulkPut'] : ['bulkPut', 'import'];
    const importStore = `bench-import-${i}`;
    const putStore = `bench-bulkput-${i}`;
    await bench('resetSource');
    await pause();
    exports.push((await bench('timeExport', true)).ms);
    await importer('setBundle', 'large', await bench('bundleBase64', 'large'));
    for (const step of order) {
      if (step === 'import') await bench('prepareImportStore', importStore);
      else await bench('prepareEmptyStore', putStore);
      await pause();
      if (step === 'import') large.import.push(await importer('timeImport', importStore, 'large', 'import-worker.js'));
      else large.bulkPut.push(await bench('timeBulkPut', putStore, 'large'));
    }
    // Untimed: a store holding the large import for each other small import.
    const extraStores = {};
    for (const step of extraSteps) {
      extraStores[step] = `bench-${step}-${i}`;
      await bench('prepareImportStore', extraStores[step]);
      await pause();
      await importer('timeImport', extraStores[step], 'large', 'import-worker.js');
    }
    // Rotated on its own, so that each small step comes first in one run (the first after the stores' preparation finds LevelDB busiest).
    const smallSteps = ['import', 'bulkPut', ...extraSteps];
    const smallOrder = smallSteps.map((_, k) => smallSteps[(k + i) % smallSteps.length]);
    for (const step of smallOrder) {
      if (step === 'warm') await importer('warmWorker', 'import-worker.js', extraStores.warm);
      await pause();
      if (step === 'import') smallRuns.import.push(await importer('timeImport', importStore, 'small', 'import-worker.js', 'cold'));
      else if (step === 'bulkPut') smallRuns.bulkPut.push(await bench('timeBulkPut', putStore, 'small'));
      else if (step === 'warm') smallRuns.warm.push(await importer('timeImport', extraStores.warm, 'small', 'import-worker.js', 'warm'));
      else smallRuns.base.push(await importer('timeImport', extraStores.base, 'small', 'import-worker-base.js', 'cold'));
    }
    await bench('deleteStore', importStore);
    await bench('deleteStore', putStore);
    for (const store of Object.values(extraStores)) await bench('deleteStore', store);
    const li = large.import[i];
    const lb = large.bulkPut[i];
    const si = smallRuns.import[i];
    const sb = smallRuns.bulkPut[i];
    const others = extraSteps.map((step) => `, ${step === 'base' ? baseLabel : 'worker started ahead'} ${millis(smallRuns[step][i].ms)} (${(smallRuns[step][i].ms / sb.ms).toFixed(1)}×)`).join('');
    log(
      `run ${i + 1} (${order.join(' then ')}; small: ${smallOrder.join(', ')}): export ${seconds(exports[i])}; large import ${seconds(li.ms)}, bulkPut ${seconds(lb.ms)} (${(li.ms / lb.ms).toFixed(2)}×); small import ${millis(si.ms)}, bulkPut ${millis(sb.ms)} (${(si.ms / sb.ms).toFixed(1)}×)${others}`,
    );
  }

  const ratios = large.import.map((t, i) => t.ms / large.bulkPut[i].ms);
  const smallRatios = smallRuns.import.map((t, i) => t.ms / smallRuns.bulkPut[i].ms);
  const verifyName = (s) => s.name.startsWith('verify');
  const verifyShares = large.import.map((t) => t.stages.find(verifyName).ms / t.ms);
  const results = {
    measuredAt: new Date().toISOString(),
    chromium: context.browser()?.version() ?? executablePath,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverage: { before: loadBefore.map((l) => Number(l.toFixed(2))), after: loadavg().map((l) => Number(l.toFixed(2))) } },
    method: {
      runs,
      pauseMs,
      orders: Array.from({ length: runs }, (_, i) => (i % 2 === 0 ? 'import, bulkPut' : 'bulkPut, import')),
      waitedBeforeStepsMs: stats(waits),
      baseline: 'the rows each import wrote (recorded from it), one Dexie bulkPut per write call the import made, one transaction, in a worker of its own (as the import runs in the import worker)',
      stores: 'one per timed step, created and deleted outside the timing; the small steps use the stores their large steps filled',
    },
    large: {
      changes: total,
      origins: { sender: total - forwarded, forwarded },
      rowsWritten: largeCapture.rowsWritten,
      writeCalls: largeCapture.writeCalls,
      applied: large.import[0].applied,
      refused: large.import[0].refused,
      heldBack: large.import[0].heldBack,
      firstRefusal: large.import[0].firstRefusal,
      exportMs: stats([firstExport.ms, ...exports]),
      importMs: stats(large.import.map((t) => t.ms)),
      bulkPutMs: stats(large.bulkPut.map((t) => t.ms)),
      importToBulkPut: stats(ratios, 2),
      verifyShareOfImport: stats(verifyShares, 3),
      stagesMedianMs: stageTable(large.import),
      longestPageTaskMs: stats(large.import.map((t) => t.longestTaskMs)),
      longestTimerGapMs: stats(large.import.map((t) => t.longestTimerGapMs)),
      bytes: { compressed: firstExport.bytes, readable: readable.bytes },
    },
    small: {
      changes: small.changes,
      bytes: small.bytes,
      storeBefore: heldStore,
      rowsWritten: smallProfile.rowsWritten,
      writeCalls: smallProfile.writeCalls,
      applied: smallRuns.import[0].applied,
      refused: smallRuns.import[0].refused,
      heldBack: smallRuns.import[0].heldBack,
      conflicts: smallRuns.import[0].conflicts,
      firstRefusal: smallRuns.import[0].firstRefusal,
      importMs: stats(smallRuns.import.map((t) => t.ms)),
      bulkPutMs: stats(smallRuns.bulkPut.map((t) => t.ms)),
      importToBulkPut: stats(smallRatios, 1),
      start: 'the import worker started by the import (a bundle opened before any worker was ready)',
      stagesMedianMs: stageTable(smallRuns.import),
      warm: {
        note: 'a worker started ahead (before the pause), with the store open; this import its first: as the app starts it, the Sync page starting one ahead (service.ts prepareImportWorker)',
        importMs: stats(smallRuns.warm.map((t) => t.ms)),
        importToBulkPut: stats(smallRuns.warm.map((t, i) => t.ms / smallRuns.bulkPut[i].ms), 1),
        stagesMedianMs: stageTable(smallRuns.warm),
      },
      ...(baseRef
        ? {
            base: {
              note: `the import worker of ${baseRef} (${baseLabel}), started by the import itself`,
              importMs: stats(smallRuns.base.map((t) => t.ms)),
              importToBulkPut: stats(smallRuns.base.map((t, i) => t.ms / smallRuns.bulkPut[i].ms), 1),
              stagesMedianMs: stageTable(smallRuns.base),
            },
          }
        : {}),
      longestPageTaskMs: stats(smallRuns.import.map((t) => t.longestTaskMs)),
    },
    profile: {
      note: 'untimed, on the import page’s thread, every store operation timed and the CPU profiler on: slower than the figures above',
      small: {
        ms: Math.round(smallProfile.ms),
        stages: smallProfile.stages.map((s) => ({ ...s, ms: Math.round(s.ms) })),
        storeOps: opTable(smallProfile.ops, 40),
        storeOpsTotalMs: Math.round(smallProfile.ops.reduce((sum, op) => sum + op.ms, 0)),
        workerStartup: { ...Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, Math.round(v)])), workerScriptBytes: workerBytes },
        cpu: smallCpu,
      },
    },
    ...(largeProfile ? { largeProfile } : {}),
    targets: { importToBulkPut: '≤ 2', exportMs: '< 3000', compressedBytes: '< 10 MB' },
  };

  const L = results.large;
  const S = results.small;
  for (const [name, f] of [['large', L], ['small', S]]) {
    if (f.refused > 0 || f.heldBack > 0) log(`note: the ${name} import refused ${f.refused} and held back ${f.heldBack} changes: the benchmark's changes no longer fit the rules (renderer/db/sync/bench-harness.ts makes them), so it measures less than it should${f.firstRefusal ? ` (first: “${f.firstRefusal}”)` : ''}`);
  }
  log('');
  log(`LARGE: ${L.changes} changes (${forwarded} forwarded), ${L.rowsWritten} rows written in ${L.writeCalls} write calls; applied ${L.applied}, refused ${L.refused}, held back ${L.heldBack}`);
  log(`  export:            ${range(L.exportMs, seconds)}`);
  log(`  file:              ${(L.bytes.compressed / 1e6).toFixed(2)} MB compressed (.quorum), ${(L.bytes.readable / 1e6).toFixed(2)} MB readable (.quorum.json)`);
  log(`  import:            ${range(L.importMs, seconds)}`);
  log(`  raw bulkPut:       ${range(L.bulkPutMs, seconds)}`);
  log(`  import / bulkPut:  ${range(L.importToBulkPut, (v) => v.toFixed(2))}`);
  log(`  verifying:         ${range(L.verifyShareOfImport, (v) => `${(v * 100).toFixed(1)}%`)} of the import`);
  log(`  longest task on the page during the import: ${range(L.longestPageTaskMs, millis)} (longest timer gap ${millis(L.longestTimerGapMs.max)}; the import runs in a worker)`);
  log('  stages (median):');
  for (const s of L.stagesMedianMs) log(`    ${String(s.ms).padStart(6)} ms  ${s.name}`);
  log('');
  log(`SMALL: a partner's bundle of ${S.changes} changes into a copy holding ${S.storeBefore.records} records (${S.storeBefore.changes} changes in ${S.storeBefore.logRows} log rows); ${S.rowsWritten} rows written in ${S.writeCalls} write calls; applied ${S.applied}, refused ${S.refused}, held back ${S.heldBack}, conflicts ${S.conflicts}`);
  log(`  import:            ${range(S.importMs, millis)}`);
  log(`  raw bulkPut:       ${range(S.bulkPutMs, millis)}`);
  log(`  import / bulkPut:  ${range(S.importToBulkPut, (v) => v.toFixed(1))}`);
  log(`  longest task on the page during the import: ${range(S.longestPageTaskMs, millis)}`);
  log(`  with a worker started ahead, as the app starts it: ${range(S.warm.importMs, millis)}, ${range(S.warm.importToBulkPut, (v) => `${v.toFixed(1)}×`)} bulkPut`);
  if (S.base) log(`  ${baseLabel}'s import, worker started by it: ${range(S.base.importMs, millis)}, ${range(S.base.importToBulkPut, (v) => `${v.toFixed(1)}×`)} bulkPut`);
  log('  stages (median; import | worker started ahead' + (S.base ? ` | ${baseLabel}` : '') + '):');
  S.stagesMedianMs.forEach((s, k) => log(`    ${String(s.ms).padStart(6)} |${String(S.warm.stagesMedianMs[k].ms).padStart(6)}${S.base ? ` |${String(S.base.stagesMedianMs[k].ms).padStart(6)}` : ''} ms  ${s.name}`));
  log('');
  log(`PROFILE of the small import (${results.profile.note}): ${millis(results.profile.small.ms)}, of which store operations ${millis(results.profile.small.storeOpsTotalMs)}`);
  log('  stages:');
  for (const s of results.profile.small.stages) log(`    ${String(s.ms).padStart(6)} ms  ${s.name}`);
  const W = results.profile.small.workerStartup;
  log(`  import worker start-up: ${millis(W.firstRequestMs)} to answer its first request (a worker doing nothing: ${millis(W.emptyWorkerMs)}; opening the store and reading the installation on a page: ${millis(W.openStoreMs)}; its script: ${(W.workerScriptBytes / 1e6).toFixed(2)} MB); a second request ${millis(W.secondRequestMs)}`);
  log('  slowest store operations (stage, table, operation: calls, rows, time):');
  for (const op of results.profile.small.storeOps.slice(0, 20)) log(`    ${String(Math.round(op.ms)).padStart(6)} ms  ${op.calls}× ${op.table} ${op.op} (${op.rows} rows) — ${op.stage}`);
  log(`  CPU on the page: ${millis(smallCpu.busyMs)} busy of ${millis(smallCpu.totalMs)}; by source:`);
  for (const g of smallCpu.byGroup.slice(0, 10)) log(`    ${String(Math.round(g.ms)).padStart(6)} ms  ${g.group}`);
  log('  functions with most self time:');
  for (const f of smallCpu.topSelf.slice(0, 12)) log(`    ${String(Math.round(f.ms)).padStart(6)} ms  ${f.name}`);
  await mkdir(join(root, 'bench-results'), { recursive: true });
  await writeFile(join(root, 'bench-results', 'sync.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log(`written to bench-results/sync.json (${Math.round((Date.now() - started) / 1000)} s in all)`);
} finally {
  await context.close();
  server.close();
  await rm(work, { recursive: true, force: true });
}
