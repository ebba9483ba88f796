/**
 * The browser half of scripts/bench-sync.mjs (not part of the app): builds a
 * copy whose log holds 100,000 changes from two origins, exports it, imports
 * the bundle into a fresh copy, and writes the same resulting rows with a plain
 * Dexie bulkPut into an empty database, timing each inside the page.
 *
 * The source's log is written directly (100 rows of 1,000 changes), not through
 * recordChanges: only the export and the import are measured.
 */
import { QuorumDatabase, type InstallationRecord } from '../database';
import { clockFor } from '../installation';
import { formatTimestamp } from '../../../shared/sync/hlc';
import { generateNodeKeys } from '../../../shared/sync/keys';
import { KeyRing, sealRun, type ChainRun, type SealedRun } from '../../../shared/sync/run-seal';
import { SYNCED_TABLES, type ChangeEntry, type SyncedTable } from '../../../shared/sync/change';
import type { SyncContext } from './context';
import { exportBundle } from './export-bundle';
import { applyBundle, previewBundle } from './import-bundle';
import { applyInWorker, previewInWorker } from './import-in-worker';
import { saveLocalEnrolment } from './ledger';
import { RUN_SIZE } from './seal-local-runs';

interface Origin {
  node: string;
  publicKey: string;
  privateKey: CryptoKey;
}

interface BenchState {
  source?: { ctx: SyncContext; self: Origin; other: Origin };
  bundle?: Uint8Array;
  rows?: Map<string, unknown[]>;
}

const state: BenchState = {};

function installationFor(origin: Origin, role: InstallationRecord['role'], nextSeq: number): InstallationRecord {
  return {
    key: 'self',
    nodeId: origin.node,
    publicKey: origin.publicKey,
    privateKey: origin.privateKey,
    role,
    organisationId: '',
    nextSeq,
    clock: { millis: Date.now(), counter: 0 },
    createdAt: new Date().toISOString(),
  };
}

async function newOrigin(): Promise<Origin> {
  const keys = await generateNodeKeys();
  return { node: crypto.randomUUID(), ...keys };
}

async function freshDatabase(name: string): Promise<QuorumDatabase> {
  await new QuorumDatabase(name).delete();
  const db = new QuorumDatabase(name);
  await db.open();
  return db;
}

/** `count` changes from one origin: four creations for every update, across four tables. */
function changesOf(node: string, count: number, startMillis: number): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  const created: Array<{ table: SyncedTable; row: string }> = [];
  for (let i = 0; i < count; i++) {
    const seq = i + 1;
    const hlc = formatTimestamp(startMillis + i, 0, node);
    if (i % 5 === 4 && created.length > 0) {
      const target = created[(i * 7919) % created.length]!;
      entries.push({ seq, hlc, table: target.table, row: target.row, fields: target.table === 'organisations' ? { phone: `01234 ${String(i).padStart(6, '0')}` } : { status: 'closed' } });
      continue;
    }
    const row = crypto.randomUUID();
    switch (i % 4) {
      case 0:
        created.push({ table: 'organisations', row });
        entries.push({ seq, hlc, table: 'organisations', row, fields: { name: `Community group ${i}`, kind: 'other', status: 'member', joinedOn: '2020-04-01', resignedOn: '', address: `${i} High Street, Bedford MK40 1AA`, email: `group${i}@example.org`, phone: '01234 567890', website: '', servicesProvided: [0, 2] } });
        break;
      case 1:
        entries.push({ seq, hlc, table: 'representatives', row, fields: { organisationId: crypto.randomUUID(), name: `Representative ${i}`, jobTitle: 'Chief Officer', kind: 'representative', email: `rep${i}@example.org`, phone: '01234 000000' } });
        break;
      case 2:
        created.push({ table: 'actions', row });
        entries.push({ seq, hlc, table: 'actions', row, fields: { meetingId: crypto.randomUUID(), objective: 'Improve volunteering', action: `Action number ${i}: circulate the volunteering survey to members`, nominatorId: '', accountableOrganisationId: '', dueOn: '2026-12-01', expectedOutcome: 'Survey returned', status: 'open' } });
        break;
      default:
        entries.push({ seq, hlc, table: 'minutes', row, fields: { meetingId: crypto.randomUUID(), agendaItemId: '', text: `Minute ${i}. The consortium noted the report and agreed the recommendations in paragraph 3.` } });
    }
  }
  return entries;
}

/** Builds the source copy: `ownChanges` of its own (unsealed, as after a quiet month) and `forwarded` from another copy. */
export async function prepareSource(ownChanges: number, forwarded: number): Promise<{ changes: number }> {
  const self = await newOrigin();
  const other = await newOrigin();
  const db = await freshDatabase('bench-source');
  const start = Date.now() - 12 * 60 * 60 * 1000;
  const keys = new KeyRing();
  const otherRuns: SealedRun[] = [];
  const otherEntries = changesOf(other.node, forwarded, start);
  let prevHash = '';
  for (let i = 0; i < otherEntries.length; i += RUN_SIZE) {
    const entries = otherEntries.slice(i, i + RUN_SIZE);
    const run = await sealRun({ node: other.node, firstSeq: entries[0]!.seq, lastSeq: entries[entries.length - 1]!.seq, entries, deps: {} }, prevHash, other.privateKey, keys);
    otherRuns.push(run);
    prevHash = run.hash;
  }
  const ownEntries = changesOf(self.node, ownChanges, start + forwarded + 1000);
  const ownRuns: ChainRun[] = [];
  for (let i = 0; i < ownEntries.length; i += RUN_SIZE) {
    const entries = ownEntries.slice(i, i + RUN_SIZE);
    ownRuns.push({ node: self.node, firstSeq: entries[0]!.seq, lastSeq: entries[entries.length - 1]!.seq, entries });
  }
  await db.changeLog.bulkAdd([...otherRuns, ...ownRuns]);
  const installation = installationFor(self, 'secretariat', ownChanges + 1);
  await db.installation.add(installation);
  await saveLocalEnrolment(db, { node: other.node, name: 'Bedford CVS', role: 'partner', publicKey: other.publicKey, organisationId: '', trust: 'trusted', enrolledAt: new Date().toISOString() });
  state.source = { ctx: { db, clock: clockFor(installation) }, self, other };
  return { changes: ownChanges + forwarded };
}

/** Exports everything from the source. */
export async function timeExport(compressed: boolean): Promise<{ ms: number; bytes: number }> {
  const source = state.source!;
  const t0 = performance.now();
  const { bytes } = await exportBundle(source.ctx, { recipientNodeId: null, compressed });
  const ms = performance.now() - t0;
  if (compressed) state.bundle = bytes;
  return { ms, bytes: bytes.byteLength };
}

/**
 * Imports the exported bundle into a fresh copy that has enrolled both origins,
 * in the import worker when `workerUrl` is given (as the app does), else on the
 * page's thread. Also records how long the page's thread was ever blocked.
 */
export async function timeImport(workerUrl?: string): Promise<{
  ms: number;
  previewMs: number;
  applyMs: number;
  longestTaskMs: number;
  longestTimerGapMs: number;
  rowsWritten: number;
}> {
  const source = state.source!;
  const me = await newOrigin();
  const db = await freshDatabase('bench-import');
  const installation = installationFor(me, 'partner', 1);
  await db.installation.add(installation);
  for (const [origin, name, role] of [
    [source.self, 'Bedfordshire Secretariat', 'secretariat'],
    [source.other, 'Bedford CVS', 'partner'],
  ] as const) {
    await saveLocalEnrolment(db, { node: origin.node, name, role, publicKey: origin.publicKey, organisationId: '', trust: 'trusted', enrolledAt: new Date().toISOString() });
  }
  const ctx: SyncContext = { db, clock: clockFor(installation), importWorker: workerUrl ? () => new Worker(workerUrl, { type: 'module' }) : null };
  let longestTimerGapMs = 0;
  let last = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    longestTimerGapMs = Math.max(longestTimerGapMs, now - last);
    last = now;
  }, 10);
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => (longestTaskMs = Math.max(longestTaskMs, e.duration))));
  observer.observe({ type: 'longtask' });
  const t0 = performance.now();
  const preview = workerUrl ? await previewInWorker(ctx, ctx.importWorker!, state.bundle!, 'bench.quorum') : await previewBundle(ctx, state.bundle!, 'bench.quorum');
  const t1 = performance.now();
  const report = workerUrl ? await applyInWorker(ctx, preview) : await applyBundle(ctx, preview);
  const t2 = performance.now();
  clearInterval(watch);
  observer.disconnect();
  const rows = new Map<string, unknown[]>();
  let rowsWritten = 0;
  for (const name of [...SYNCED_TABLES, 'changeLog']) {
    const all = await db.table(name).toArray();
    if (all.length > 0) rows.set(name, all);
    rowsWritten += all.length;
  }
  state.rows = rows;
  if (report.applied.changes === 0) throw new Error('The import applied nothing');
  db.close();
  return { ms: t2 - t0, previewMs: t1 - t0, applyMs: t2 - t1, longestTaskMs, longestTimerGapMs, rowsWritten };
}

/** Writes the rows the import produced into an empty database with Dexie's bulkPut, one transaction. */
export async function timeBulkPut(): Promise<{ ms: number; rows: number }> {
  const rows = state.rows!;
  const db = await freshDatabase('bench-bulkput');
  const t0 = performance.now();
  await db.transaction('rw', [...rows.keys()].map((name) => db.table(name)), async () => {
    for (const [name, list] of rows) await db.table(name).bulkPut(list);
  });
  const ms = performance.now() - t0;
  db.close();
  return { ms, rows: [...rows.values()].reduce((sum, list) => sum + list.length, 0) };
}
