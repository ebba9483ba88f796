/**
 * The drafts benchmark's page side (scripts/bench-drafts.mjs): one hour of
 * typing into a minutes record, simulated as 3,600 draft saves, one a second,
 * of a text that grows to 20 KB, with a commit on every five-minute tick and
 * at the end; optionally a bundle for a partner every fifteen minutes, which
 * the partner answers (so the next bundle carries only what is new) or not
 * (so each bundle carries everything since the partner last answered). Runs
 * in Chromium on a persistent profile. Not used by the app.
 */
import { commitDraft, saveDraft, type DraftKey } from './drafts';
import { makeConsortium, type TestCopy } from './sync/test-support';
import { exportBundle, recordBundleSaved } from './sync/export-bundle';
import { applyBundle, previewBundle } from './sync/import-bundle';
import type { QuorumDatabase } from './database';

export const FINAL_TEXT_BYTES = 20 * 1024;
export const SECONDS = 3600;

const WORDS =
  'the consortium agreed that members would receive papers seven days before each meeting and the chair reported on the accountable body quarterly claim for the capacity building project with outputs delivered to community groups across bedford luton and central bedfordshire apologies were received from two representatives a substitute attended for the rural communities charity the secretariat will circulate the draft minutes the motion was carried by consensus action to review the budget line for volunteer training before the next meeting'.split(
    ' ',
  );

/** Minutes-like text of exactly `bytes` ASCII characters (seeded, so every run types the same). */
export function minutesText(bytes: number): string {
  let seed = 7;
  // A 32-bit linear congruential generator (Math.imul keeps it exact).
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 1);
  let out = '';
  let sentence = 0;
  while (out.length < bytes) {
    const word = WORDS[next() % WORDS.length]!;
    out += sentence === 0 ? word[0]!.toUpperCase() + word.slice(1) : word;
    sentence++;
    if (sentence > 8 + (next() % 12)) {
      out += next() % 5 === 0 ? '.\n\n' : '. ';
      sentence = 0;
    } else out += ' ';
  }
  return out.slice(0, bytes);
}

const utf8 = new TextEncoder();

/** Bytes of the change log's rows, as JSON. */
async function logBytes(db: QuorumDatabase): Promise<{ bytes: number; entries: number; runs: number }> {
  let bytes = 0;
  let entries = 0;
  let runs = 0;
  await db.changeLog.each((run) => {
    bytes += utf8.encode(JSON.stringify(run)).length;
    entries += run.entries.length;
    runs++;
  });
  return { bytes, entries, runs };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function timings(values: number[]) {
  return { count: values.length, medianMs: Number(quantile(values, 0.5).toFixed(3)), p95Ms: Number(quantile(values, 0.95).toFixed(3)), maxMs: Number(Math.max(...values).toFixed(3)) };
}

async function send(from: TestCopy, to: TestCopy): Promise<void> {
  const exported = await exportBundle(from.ctx, { recipientNodeId: to.node, compressed: true });
  await recordBundleSaved(from.ctx, exported);
  await applyBundle(to.ctx, await previewBundle(to.ctx, exported.bytes, exported.suggestedName));
}

export type Scenario = 'no-bundles' | 'bundles-answered' | 'bundles-unanswered';

/** One simulated hour. Returns figures; the page keeps nothing. */
export async function typeOneHour(scenario: Scenario) {
  const c = await makeConsortium(
    [
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Voluntary Action Luton', 'partner'],
    ],
    { exchange: send },
  );
  const [s, p] = c.copies as [TestCopy, TestCopy];
  await c.spread();
  const meeting = await s.repos.meetings.create({ title: 'Consortium meeting', date: '2026-12-03' });
  const minutes = await s.repos.minutes.create({ meetingId: meeting, agendaItemId: 'item-1', text: '' });
  // The partner has everything so far and has said so: what follows is the hour's growth alone.
  await send(s, p);
  await send(p, s);
  const key: DraftKey = { table: 'minutes', row: minutes, field: 'text' };
  const store = { db: s.db, repositories: s.repos };
  const final = minutesText(FINAL_TEXT_BYTES);

  const bundle = async () => {
    const exported = await exportBundle(s.ctx, { recipientNodeId: p.node, compressed: true });
    const readable = await exportBundle(s.ctx, { recipientNodeId: p.node, compressed: false });
    await recordBundleSaved(s.ctx, exported);
    return { exported, compressedBytes: exported.bytes.length, readableBytes: readable.bytes.length, changes: exported.summary.changes };
  };
  // What a bundle with nothing new weighs (header, acknowledgements): subtracted from each bundle of the hour.
  const empty = await bundle();
  const logBefore = await logBytes(s.db);

  const saveMs: number[] = [];
  const commitMs: number[] = [];
  const bundles: Array<{ atSecond: number; compressedBytes: number; readableBytes: number; changes: number }> = [];
  for (let second = 1; second <= SECONDS; second++) {
    const text = final.slice(0, Math.round((second * FINAL_TEXT_BYTES) / SECONDS));
    const t0 = performance.now();
    await saveDraft(s.db, key, text);
    saveMs.push(performance.now() - t0);
    if (second % 300 === 0 || second === SECONDS) {
      const t1 = performance.now();
      await commitDraft(store, key, text);
      commitMs.push(performance.now() - t1);
    }
    if (scenario !== 'no-bundles' && second % 900 === 0) {
      const made = await bundle();
      bundles.push({ atSecond: second, compressedBytes: made.compressedBytes, readableBytes: made.readableBytes, changes: made.changes });
      if (scenario === 'bundles-answered') {
        await applyBundle(p.ctx, await previewBundle(p.ctx, made.exported.bytes, made.exported.suggestedName));
        await send(p, s);
      }
    }
  }
  if (scenario === 'no-bundles') {
    const made = await bundle();
    bundles.push({ atSecond: SECONDS, compressedBytes: made.compressedBytes, readableBytes: made.readableBytes, changes: made.changes });
  }
  const logAfter = await logBytes(s.db);
  const stored = (await s.db.minutes.get(minutes))?.text;
  const drafts = await s.db.drafts.count();
  for (const copy of c.copies) await copy.db.delete();

  const sum = (f: (b: (typeof bundles)[number]) => number) => bundles.reduce((n, b) => n + f(b), 0);
  const bundleCompressed = sum((b) => b.compressedBytes - empty.compressedBytes);
  const bundleReadable = sum((b) => b.readableBytes - empty.readableBytes);
  return {
    scenario,
    finalTextBytes: utf8.encode(final).length,
    storedEqualsFinal: stored === final,
    draftsLeft: drafts,
    saves: timings(saveMs),
    commits: timings(commitMs),
    log: {
      bytesBefore: logBefore.bytes,
      bytesAfter: logAfter.bytes,
      growthBytes: logAfter.bytes - logBefore.bytes,
      growthTimesText: Number(((logAfter.bytes - logBefore.bytes) / FINAL_TEXT_BYTES).toFixed(2)),
      entriesAdded: logAfter.entries - logBefore.entries,
      runsAdded: logAfter.runs - logBefore.runs,
    },
    bundles: {
      count: bundles.length,
      emptyBundleBytes: { compressed: empty.compressedBytes, readable: empty.readableBytes },
      each: bundles,
      growthCompressedBytes: bundleCompressed,
      growthReadableBytes: bundleReadable,
      growthCompressedTimesText: Number((bundleCompressed / FINAL_TEXT_BYTES).toFixed(2)),
      growthReadableTimesText: Number((bundleReadable / FINAL_TEXT_BYTES).toFixed(2)),
    },
  };
}
