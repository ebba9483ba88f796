#!/usr/bin/env node
/**
 * Meetings benchmark (the meetings issue, "Speed"; docs/architecture.md,
 * "Meetings: minutes, actions and search"): in headless Chromium with a
 * persistent profile (IndexedDB on disk), ten years of data — 100 meetings,
 * 1,500 agenda items, their minutes with 2 MB of notes and decisions, 5,000
 * actions — and what opening the screens costs: the action log, a meeting's
 * minutes, the meetings list, and search per keystroke (targets: a list opens
 * in under 200 ms, a keystroke is answered in under 50 ms). Each timing is
 * printed beside a plain toArray() of the same tables, measured right after it
 * on the same page.
 *
 * Fair comparisons (docs/architecture.md, "Performance"): every step has a fresh
 * store of its own, built and deleted outside the timing, then a pause until
 * LevelDB is quiet; a fresh page per step; the order of the steps rotates from
 * round to round; medians of at least 3 rounds, with their range. The page side
 * is renderer/features/meetings/bench-meetings-harness.ts. It prints figures and
 * writes bench-results/meetings.json; it does not pass or fail.
 *
 *   npm run bench:meetings          (CHROMIUM_PATH to use another Chromium; BENCH_ROUNDS=5 for more rounds)
 */
import { chromium } from 'playwright-core';
import { buildBenchPage, serveFolder } from './bench-site.mjs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

const work = await mkdtemp(join(tmpdir(), 'quorum-bench-meetings-'));
const site = join(work, 'site');
const profile = join(work, 'profile');
await mkdir(site);
await buildBenchPage(root, site, { harness: 'renderer/features/meetings/bench-meetings-harness.ts', globalName: 'benchMeetings', title: 'Quorum meetings benchmark' });
const server = await serveFolder(site);
const address = `http://127.0.0.1:${server.address().port}/`;
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function freshPage() {
  const page = await context.newPage();
  page.setDefaultTimeout(0);
  await page.goto(address);
  await page.waitForFunction(() => 'benchMeetings' in globalThis);
  return page;
}

/** One step: a fresh store built and left to settle, the timing on a fresh page, the store deleted; none of that but the timing is timed. */
async function step(kind, n) {
  const name = `quorum-bench-meetings-${kind}-${n}`;
  let page = await freshPage();
  const store = await page.evaluate((storeName) => globalThis.benchMeetings.buildStore(storeName), name);
  await page.close();
  await sleep(PAUSE_MS);
  page = await freshPage();
  const fn = { actionLog: 'timeActionLog', meetingMinutes: 'timeMeetingMinutes', meetingsList: 'timeMeetingsList', search: 'timeSearch' }[kind];
  // Which of the screen and the plain read goes first alternates from round to round.
  const result = await page.evaluate(([f, storeName, rawFirst]) => globalThis.benchMeetings[f](storeName, rawFirst), [fn, name, n % 2 === 1]);
  await page.close();
  page = await freshPage();
  await page.evaluate((storeName) => globalThis.benchMeetings.deleteStore(storeName), name);
  await page.close();
  await sleep(PAUSE_MS / 2);
  return { store, result };
}

const KINDS = ['actionLog', 'meetingMinutes', 'meetingsList', 'search'];
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
        kind === 'search'
          ? `index ${ms(result.buildMs)} (reading ${ms(result.readMs)}), keystroke median ${ms(median(result.keystrokes))}, longest ${ms(Math.max(...result.keystrokes))}, one edited minute taken in ${ms(result.updateMs)}`
          : `${ms(result.ms)} (toArray of the same tables ${ms(result.rawMs)})`;
      console.log(`round ${round + 1}, ${kind}: ${line}`);
    }
  }
  const list = (kind) => {
    const values = results[kind].map((r) => r.ms);
    const raw = results[kind].map((r) => r.rawMs);
    return { medianMs: Number(median(values).toFixed(1)), rangeMs: range(values).map((v) => Number(v.toFixed(1))), toArrayMedianMs: Number(median(raw).toFixed(1)), ratioToToArray: Number((median(values) / median(raw)).toFixed(2)) };
  };
  const keystrokes = results.search.flatMap((r) => r.keystrokes);
  const sorted = [...keystrokes].sort((a, b) => a - b);
  const summary = {
    measuredAt: new Date().toISOString(),
    chromium: context.browser()?.version() ?? executablePath,
    rounds,
    store: storeShape,
    actionLog: { ...list('actionLog'), open: results.actionLog[0].listed },
    meetingMinutes: { ...list('meetingMinutes'), items: results.meetingMinutes[0].items, mattersArising: results.meetingMinutes[0].arising },
    meetingsList: list('meetingsList'),
    search: {
      documents: results.search[0].documents,
      keystrokes: keystrokes.length,
      keystrokeMedianMs: Number(median(keystrokes).toFixed(2)),
      keystrokeP95Ms: Number(sorted[Math.floor(sorted.length * 0.95)].toFixed(2)),
      keystrokeLongestMs: Number(Math.max(...keystrokes).toFixed(2)),
      indexBuildMedianMs: Number(median(results.search.map((r) => r.buildMs)).toFixed(1)),
      readingMedianMs: Number(median(results.search.map((r) => r.readMs)).toFixed(1)),
      oneEditMedianMs: Number(median(results.search.map((r) => r.updateMs)).toFixed(1)),
    },
    targets: { listOpenMs: '< 200', keystrokeMs: '< 50' },
  };
  console.log('');
  console.log(
    `store: ${storeShape.meetings} meetings, ${storeShape.items.toLocaleString('en-GB')} agenda items, ${storeShape.minutes.toLocaleString('en-GB')} minutes (${(storeShape.minutesChars / 1e6).toFixed(2)} million characters), ${storeShape.actions.toLocaleString('en-GB')} actions (${storeShape.open} open)`,
  );
  for (const kind of ['actionLog', 'meetingMinutes', 'meetingsList']) {
    const r = summary[kind];
    console.log(`${kind}: median ${r.medianMs} ms (${r.rangeMs[0]}–${r.rangeMs[1]}), ${r.ratioToToArray}× a toArray of the same tables (${r.toArrayMedianMs} ms); target < 200 ms`);
  }
  const s = summary.search;
  console.log(`search: ${s.keystrokes} keystrokes over ${rounds} rounds, median ${s.keystrokeMedianMs} ms, p95 ${s.keystrokeP95Ms} ms, longest ${s.keystrokeLongestMs} ms (target < 50 ms); index of ${s.documents.toLocaleString('en-GB')} documents built in ${s.indexBuildMedianMs} ms after ${s.readingMedianMs} ms reading; one edited minute taken in ${s.oneEditMedianMs} ms`);
  await mkdir(join(root, 'bench-results'), { recursive: true });
  await writeFile(join(root, 'bench-results', 'meetings.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log('written to bench-results/meetings.json');
} finally {
  await context.close();
  server.close();
  await rm(work, { recursive: true, force: true });
}
