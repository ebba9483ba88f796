/**
 * The browser half of scripts/bench-sync.mjs (not part of the app). Every step
 * is a separate function the script calls with page.evaluate, so that the
 * script decides the order, the pauses between steps and which store each
 * step uses; nothing here deletes or creates a store inside a timed span.
 *
 * The copies are made with the app's own code wherever it is not what is
 * measured (founding, enrolment, repositories, export, import), so they stay
 * what the app would make as its rules change (prepareSource says how):
 *   - the source, the secretariat, whose log holds its own month of changes,
 *     unsealed, and the changes of a partner, Bedford CVS, it received;
 *     resetSource() puts its own runs back unsealed, so every export seals;
 *   - the partner, whose next bundle to the recipient is "a partner's typical
 *     bundle" (preparePartnerBundle);
 *   - the recipient, a partner's copy that has enrolled both; every import
 *     store is a fresh copy of it.
 *
 * The baseline: captureImport() imports a bundle on this thread with a DBCore
 * middleware that records every write the import makes (table and rows of
 * each put or add call, in order). timeBulkPut() then replays those rows with
 * plain Dexie bulkPut calls, one per call the import made (so chunked exactly as
 * the import chunks its writes, whatever import-bundle.ts's WRITE_CHUNK and
 * LOG_WRITE_CHUNK are), in one transaction, in a worker of its own as the
 * import runs in the import worker: the same rows, the same number of calls,
 * without reading, verifying or merging anything.
 *
 * profileImport() uses the same middleware to time every store operation
 * (table, operation, index, rows) as well; the script reports them by stage,
 * the stages being read from the import's own progress events.
 */
import Dexie, { type DBCore, type DBCoreIndex, type DBCoreTable, type Middleware } from 'dexie';
import { QuorumDatabase, type InstallationRecord } from '../database';
import { clockFor, ensureInstallation } from '../installation';
import { foundConsortium } from '../founding';
import { createRepositories } from '../repositories';
import type { InstallationRole } from '../../../shared/domain/entities';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { formatTimestamp } from '../../../shared/sync/hlc';
import { KeyRing, sealRun, type ChainRun, type Dependencies, type SealedRun } from '../../../shared/sync/run-seal';
import type { ChangeEntry, SyncedTable } from '../../../shared/sync/change';
import { partnerChanges } from '../../../shared/sync/warm-up';
import { newRecordId } from '../../../shared/domain/ids';
import { chainHeads, dependenciesFrom, lastRunOf } from './chain-store';
import type { SyncContext } from './context';
import { exportBundle, londonDate } from './export-bundle';
import { installationOf } from './identity';
import { applyBundle, previewBundle } from './import-bundle';
import { applyInWorker, previewInWorker } from './import-in-worker';
import { startAheadRequest } from './import-worker-protocol';
import type { Progress } from './import-plan';
import type { ImportReport } from './import-report';
import { importRow } from './ledger';
import { enrolPartner, identityCard, type IdentityCard } from './partners';
import { RUN_SIZE } from './seal-local-runs';

const SECRETARIAT = 'Bedfordshire & Luton Secretariat';
const PARTNER = 'Bedford CVS';

interface Copy {
  db: QuorumDatabase;
  ctx: SyncContext;
  node: string;
  privateKey: InstallationRecord['privateKey'];
  card: IdentityCard;
}

interface Created {
  table: SyncedTable;
  row: string;
}

/** One write call the import made: a put or add of these rows. */
interface CapturedWrite {
  table: string;
  values: unknown[];
}

/** One store operation, timed by the middleware. */
interface StoreOp {
  t: number;
  ms: number;
  table: string;
  op: string;
  rows: number;
}

interface Recorder {
  writes?: CapturedWrite[];
  deletes?: number;
  ops?: StoreOp[];
}

type Which = 'large' | 'small';

interface BenchState {
  source?: Copy & { ownRuns: ChainRun[]; firstOwnSeq: number };
  partner?: Copy & { ownRuns: SealedRun[]; organisationId: string; representatives: string[] };
  /** The recipient's installation row, the same in every import store, and the cards it enrols. */
  recipient?: { installation: InstallationRecord; enrols: IdentityCard[] };
  bundles: Partial<Record<Which, Uint8Array>>;
  writes: Partial<Record<Which, { list: CapturedWrite[]; deletes: number }>>;
}

const state: BenchState = { bundles: {}, writes: {} };

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A DBCore middleware that records writes and/or times every operation, as `recorder` asks. */
function recording(recorder: Recorder): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'bench-recorder',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name: string): DBCoreTable {
          const table = down.table(name);
          const timed = <R>(op: string, run: () => Promise<R>, rows: (result: R) => number): Promise<R> => {
            const ops = recorder.ops;
            if (!ops) return run();
            const t = performance.now();
            return run().then((result) => {
              ops.push({ t, ms: performance.now() - t, table: name, op, rows: rows(result) });
              return result;
            });
          };
          const indexOf = (index: DBCoreIndex) => (index.isPrimaryKey ? 'primary key' : String(index.name));
          return {
            ...table,
            mutate(req) {
              if (req.type === 'add' || req.type === 'put') recorder.writes?.push({ table: name, values: structuredClone(req.values) as unknown[] });
              else if (recorder.deletes !== undefined) recorder.deletes += req.type === 'delete' ? req.keys.length : 1;
              const rows = req.type === 'add' || req.type === 'put' ? req.values.length : req.type === 'delete' ? req.keys.length : 0;
              return timed(req.type, () => table.mutate(req), () => rows);
            },
            get: (req) => timed('get', () => table.get(req), (r) => (r === undefined ? 0 : 1)),
            getMany: (req) => timed('getMany', () => table.getMany(req), (r) => r.filter((x) => x !== undefined).length),
            query: (req) => timed(`query ${indexOf(req.query.index)}${req.values ? '' : ' (keys)'}`, () => table.query(req), (r) => r.result.length),
            count: (req) => timed('count', () => table.count(req), (r) => r),
            openCursor: (req) =>
              timed(`cursor ${indexOf(req.query.index)}`, () => table.openCursor(req), (cursor) => (cursor ? 1 : 0)).then((cursor) => {
                if (!cursor) return cursor;
                const start = cursor.start.bind(cursor);
                (cursor as { start: typeof cursor.start }).start = (onNext) => timed(`cursor ${indexOf(req.query.index)}`, () => start(onNext), () => 0);
                return cursor;
              }),
          };
        },
      };
    },
  };
}

async function openStore(name: string, recorder?: Recorder): Promise<QuorumDatabase> {
  const db = new QuorumDatabase(name);
  if (recorder) db.use(recording(recorder));
  await db.open();
  return db;
}

/** Deletes a store (never inside a timed span). */
export async function deleteStore(name: string): Promise<void> {
  await Dexie.delete(name);
}

/** The secretariat's month: `count` changes, four creations for every update, across four tables. */
function changesOf(node: string, count: number, startMillis: number): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  const mine: Created[] = [];
  for (let i = 0; i < count; i++) {
    const seq = i + 1;
    const hlc = formatTimestamp(startMillis + i, 0, node);
    if (i % 5 === 4 && mine.length > 0) {
      const target = mine[(i * 7919) % mine.length]!;
      entries.push({ seq, hlc, table: target.table, row: target.row, fields: target.table === 'organisations' ? { phone: `01234 ${String(i).padStart(6, '0')}` } : { status: 'closed' } });
      continue;
    }
    // Ids as the app makes them (shared/domain/ids.ts), at the change's moment.
    const row = newRecordId(startMillis + i);
    switch (i % 4) {
      case 0:
        mine.push({ table: 'organisations', row });
        entries.push({ seq, hlc, table: 'organisations', row, fields: { name: `Community group ${i}`, kind: 'other', status: 'member', joinedOn: '2020-04-01', resignedOn: '', address: `${i} High Street, Bedford MK40 1AA`, email: `group${i}@example.org`, phone: '01234 567890', website: '', servicesProvided: [0, 2] } });
        break;
      case 1:
        entries.push({ seq, hlc, table: 'representatives', row, fields: { organisationId: crypto.randomUUID(), name: `Representative ${i}`, jobTitle: 'Chief Officer', kind: 'representative', email: `rep${i}@example.org`, phone: '01234 000000' } });
        break;
      case 2:
        mine.push({ table: 'actions', row });
        entries.push({ seq, hlc, table: 'actions', row, fields: { meetingId: crypto.randomUUID(), objective: 'Improve volunteering', action: `Action number ${i}: circulate the volunteering survey to members`, nominatorId: '', accountableOrganisationId: crypto.randomUUID(), dueOn: '2026-12-01', expectedOutcome: 'Survey returned', status: 'open' } });
        break;
      default: {
        // One minute per meeting and agenda item, under the id made from them (registry.ts).
        const meetingId = newRecordId(startMillis + i);
        const agendaItemId = newRecordId(startMillis + i);
        entries.push({ seq, hlc, table: 'minutes', row: `minute:${meetingId}:${agendaItemId}`, fields: { meetingId, agendaItemId, text: `Minute ${i}. The consortium noted the report and agreed the recommendations in paragraph 3.` } });
      }
    }
  }
  return entries;
}

/** Runs of at most RUN_SIZE entries, sealed and chained by `copy`. */
async function sealedRunsOf(copy: Copy, entries: ChangeEntry[], prevHash: string, deps: Dependencies): Promise<SealedRun[]> {
  const keys = new KeyRing();
  const runs: SealedRun[] = [];
  for (let i = 0; i < entries.length; i += RUN_SIZE) {
    const chunk = entries.slice(i, i + RUN_SIZE);
    const run = await sealRun({ node: copy.node, firstSeq: chunk[0]!.seq, lastSeq: chunk[chunk.length - 1]!.seq, entries: chunk, deps }, prevHash, copy.privateKey, keys);
    runs.push(run);
    prevHash = run.hash;
  }
  return runs;
}

/** Unsealed runs of `size` entries, as local writes leave them. */
function unsealedRunsOf(node: string, entries: ChangeEntry[], size: number): ChainRun[] {
  const runs: ChainRun[] = [];
  for (let i = 0; i < entries.length; i += size) {
    const chunk = entries.slice(i, i + size);
    runs.push({ node, firstSeq: chunk[0]!.seq, lastSeq: chunk[chunk.length - 1]!.seq, entries: chunk });
  }
  return runs;
}

/** A new copy, set up as the app sets one up, whose clock reads `nowMillis` (for writes made in the past). */
async function newCopy(name: string, role: InstallationRole, organisationId: string, nowMillis: number): Promise<Copy> {
  await deleteStore(name);
  const db = await openStore(name);
  const installation = await ensureInstallation(db, () => new Date(nowMillis));
  await db.installation.update('self', { role, organisationId });
  const ctx: SyncContext = { db, clock: clockFor({ ...installation, role, organisationId }, () => nowMillis), now: () => new Date(nowMillis) };
  return { db, ctx, node: installation.nodeId, privateKey: installation.privateKey, card: await identityCard(ctx) };
}

/** From now on `copy` works in the present. */
async function inThePresent(copy: Copy): Promise<void> {
  copy.ctx = { db: copy.db, clock: clockFor((await copy.db.installation.get('self'))!) };
}

/** Imports a bundle on this thread, as the app does without a worker. */
async function importHere(copy: Copy, bytes: Uint8Array): Promise<ImportReport> {
  return applyBundle(copy.ctx, await previewBundle(copy.ctx, bytes, 'bench.quorum'));
}

/**
 * Builds the copies, as a consortium's life makes them:
 *   - 13 hours ago the secretariat founds the consortium (its grant, the
 *     consortium record, its own organisation), enters Bedford CVS in the
 *     register and sends it a bundle, which Bedford CVS imports (so joins);
 *   - 12 hours ago Bedford CVS makes `forwarded` changes, and the secretariat
 *     receives them (its log gets their runs);
 *   - 10 hours ago the secretariat makes `own` changes of its own, unsealed
 *     (as after a quiet month; written to its log directly, 1,000 a row, not
 *     through recordChanges: only the export and the import are measured);
 *   - the recipient, a new partner's copy, has enrolled both.
 * Every change is one its origin has the authority for, so nothing is refused.
 */
export async function prepareSource(ownChanges: number, forwarded: number): Promise<{ changes: number }> {
  const now = Date.now();
  const partnerOrganisation = crypto.randomUUID();
  const source = await newCopy('bench-source', 'secretariat', crypto.randomUUID(), now - 13 * HOUR);
  const partner = await newCopy('bench-partner', 'partner', partnerOrganisation, now - 13 * HOUR);
  const partnerCard = { ...partner.card, name: PARTNER };
  const sourceOrganisation = (await installationOf(source.db)).organisationId;
  const repos = createRepositories(source.ctx);
  await foundConsortium(
    source.ctx,
    'secretariat',
    async () => ({
      organisationId: sourceOrganisation,
      write: async (consortiumId) => {
        await repos.consortium.create({ name: 'Bedfordshire & Luton VCS Consortium', area: 'Bedfordshire and Luton', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION }, consortiumId);
        await repos.organisations.create({ name: SECRETARIAT, kind: 'cvs', status: 'member' }, sourceOrganisation);
      },
    }),
    { today: londonDate(new Date(now - 13 * HOUR)) },
  );
  await repos.organisations.create({ name: PARTNER, kind: 'cvs', status: 'member' }, partnerOrganisation);
  await enrolPartner(source.ctx, partnerCard);
  source.card = await identityCard(source.ctx);
  await enrolPartner(partner.ctx, source.card);
  await importHere(partner, (await exportBundle(source.ctx, { recipientNodeId: partner.node, compressed: true })).bytes);

  // Bedford CVS's changes, made having seen the founding; the secretariat receives them.
  const representatives: string[] = [];
  const partnerEntries = partnerChanges({
    node: partner.node,
    organisationId: partnerOrganisation,
    firstSeq: 1,
    count: forwarded,
    startMillis: now - 12 * HOUR,
    representatives,
    newId: (seq) => newRecordId(now - 12 * HOUR + seq - 1),
    meetingId: (seq) => newRecordId(now - 12 * HOUR - seq * HOUR),
  });
  const partnerRuns = await sealedRunsOf(partner, partnerEntries, '', dependenciesFrom(await chainHeads(partner.db), partner.node));
  await partner.db.changeLog.bulkAdd(partnerRuns);
  await partner.db.installation.update('self', { nextSeq: forwarded + 1 });
  await source.db.changeLog.bulkAdd(partnerRuns);

  // The secretariat's month.
  const firstOwnSeq = (await installationOf(source.db)).nextSeq;
  const ownEntries = changesOf(source.node, ownChanges, now - 10 * HOUR).map((entry) => ({ ...entry, seq: entry.seq - 1 + firstOwnSeq }));
  const ownRuns = unsealedRunsOf(source.node, ownEntries, RUN_SIZE);
  await source.db.changeLog.bulkAdd(ownRuns);
  await source.db.installation.update('self', { nextSeq: firstOwnSeq + ownChanges });
  await inThePresent(source);
  await inThePresent(partner);
  state.source = { ...source, ownRuns, firstOwnSeq };
  state.partner = { ...partner, card: partnerCard, ownRuns: partnerRuns, organisationId: partnerOrganisation, representatives };

  // The recipient: one identity for every import store.
  await deleteStore('bench-recipient');
  const recipient = await openStore('bench-recipient');
  const installation = await ensureInstallation(recipient);
  await recipient.installation.update('self', { role: 'partner' });
  state.recipient = { installation: { ...installation, role: 'partner' }, enrols: [source.card, partnerCard] };
  recipient.close();
  await deleteStore('bench-recipient');
  return { changes: ownChanges + forwarded };
}

/** Puts the source's own runs back as they were before any export: unsealed, so the next export seals them again. */
export async function resetSource(): Promise<void> {
  const { db, node, ownRuns, firstOwnSeq } = state.source!;
  await db.transaction('rw', db.changeLog, async () => {
    await db.changeLog.where('[node+firstSeq]').between([node, firstOwnSeq], [node, Dexie.maxKey], true, true).delete();
    await db.changeLog.bulkAdd(ownRuns);
  });
}

/** Exports everything from the source (sealing its own runs first, as the app does). */
export async function timeExport(compressed: boolean): Promise<{ ms: number; bytes: number; changes: number }> {
  const source = state.source!;
  const t0 = performance.now();
  const { bytes, summary } = await exportBundle(source.ctx, { recipientNodeId: null, compressed });
  const ms = performance.now() - t0;
  if (compressed) state.bundles.large = bytes;
  return { ms, bytes: bytes.byteLength, changes: summary.changes };
}

/**
 * The partner's bundle for the recipient (after an export, so the source's
 * runs are sealed): Bedford CVS has received the secretariat's month (its log
 * gets the secretariat's last run: a chain head is all it needs), the
 * recipient's last bundle has acknowledged everything it had then, and it has
 * made `changes` changes since, 20 a transaction.
 */
export async function preparePartnerBundle(changes: number): Promise<{ changes: number; bytes: number }> {
  const source = state.source!;
  const partner = state.partner!;
  const recipient = state.recipient!.installation.nodeId;
  const secretariatHead = await lastRunOf(source.db, source.node);
  if (!secretariatHead?.hash) throw new Error('Export the source first: the partner needs its sealed runs');
  const { db } = partner;
  await db.changeLog.put(secretariatHead);
  const lastOwn = partner.ownRuns[partner.ownRuns.length - 1]!;
  const startMillis = Date.now() - HOUR;
  const firstSeq = lastOwn.lastSeq + 1;
  const entries = partnerChanges({
    node: partner.node,
    organisationId: partner.organisationId,
    firstSeq,
    count: changes,
    startMillis,
    representatives: [...partner.representatives],
    newId: (seq) => newRecordId(startMillis + seq - firstSeq),
    // Apologies for meetings made over the years before, not for meetings made with the bundle: their ids do not sort together (row-loader.ts).
    meetingId: (seq) => newRecordId(startMillis - (seq - firstSeq) * DAY),
  });
  await db.changeLog.bulkAdd(unsealedRunsOf(partner.node, entries, 20));
  await db.installation.update('self', { nextSeq: lastOwn.lastSeq + changes + 1 });
  const now = new Date().toISOString();
  const acknowledgement: ImportReport = {
    kind: 'import',
    bundleId: crypto.randomUUID(),
    fileName: 'from-the-recipient.quorum',
    sender: { node: recipient, name: 'Recipient', role: 'partner', fingerprint: '' },
    createdAt: now,
    importedAt: now,
    acknowledgements: { [source.node]: secretariatHead.lastSeq, [partner.node]: lastOwn.lastSeq },
    applied: { runs: 0, changes: 0, byTable: {} },
    alreadyHad: 0,
    records: [],
    recordCount: 0,
    conflicts: [],
    conflictCount: 0,
    refused: [],
    refusedCount: 0,
    heldBack: [],
    released: 0,
    setAside: [],
    warnings: [],
  };
  await db.syncLedger.put(importRow(acknowledgement));
  const { bytes, summary } = await exportBundle(partner.ctx, { recipientNodeId: recipient, compressed: true });
  if (summary.changes !== changes) throw new Error(`The partner's bundle carries ${summary.changes} changes, not ${changes}`);
  state.bundles.small = bytes;
  return { changes: summary.changes, bytes: bytes.byteLength };
}

/** A fresh copy of the recipient, which has enrolled the secretariat and the partner (and joins the consortium with its first import). */
export async function prepareImportStore(name: string): Promise<void> {
  const { installation, enrols } = state.recipient!;
  await deleteStore(name);
  const db = await openStore(name);
  await db.installation.add(installation);
  const ctx: SyncContext = { db, clock: clockFor(installation) };
  for (const card of enrols) await enrolPartner(ctx, card);
  db.close();
}

/** A fresh, empty store for the baseline. */
export async function prepareEmptyStore(name: string): Promise<void> {
  await deleteStore(name);
  (await openStore(name)).close();
}

/** Rows in the synced tables and the log of a store (what "a store holding N records" holds). */
export async function storeSize(name: string): Promise<{ records: number; changes: number; logRows: number }> {
  const db = await openStore(name);
  let records = 0;
  for (const table of db.tables) {
    if (table.name === 'changeLog' || table.name === 'installation' || table.name === 'syncLedger') continue;
    records += await table.count();
  }
  let changes = 0;
  let logRows = 0;
  await db.changeLog.each((run) => {
    logRows++;
    changes += run.entries.length;
  });
  db.close();
  return { records, changes, logRows };
}

interface ProgressEvent extends Progress {
  t: number;
  phase: 'preview' | 'apply';
}

interface Segment {
  name: string;
  start: number;
  end: number;
}

/**
 * The import's stages, from its progress events (the same ones the Sync page
 * shows): they need no instrumentation, so they come from the timed runs too.
 */
function segmentsOf(events: ProgressEvent[], t0: number, t1: number, t2: number): Segment[] {
  const last = <T>(list: T[]) => list[list.length - 1];
  const of = (phase: 'preview' | 'apply', stage: Progress['stage']) => events.filter((e) => e.phase === phase && e.stage === stage);
  const reading = of('preview', 'reading');
  const checking = of('preview', 'checking');
  const merging = of('preview', 'merging');
  const replan = of('apply', 'merging');
  const writing = of('apply', 'writing');
  const marks: Array<[string, number | undefined]> = [
    ['start-up (worker, store open, installation)', reading[0]?.t],
    ['decode (gunzip, JSON, format)', last(reading)?.t],
    ['verify (identity and trust reads, hashes, signatures)', last(checking)?.t],
    ['plan (held runs, chain heads, rows, conflicts, merge)', last(merging)?.t],
    ['preview report (clock, earlier imports, report, fingerprints, hand-over)', t1],
    ['apply: plan again in the transaction', last(replan)?.t],
    ['apply: prepare writes', writing[0]?.t],
    ['apply: write rows', writing.length >= 2 ? writing[writing.length - 2]!.t : writing[0]?.t],
    ['apply: conflicts, log, ledger, clock, report', last(writing)?.t],
    ['apply: commit and hand-over', t2],
  ];
  const segments: Segment[] = [];
  let start = t0;
  for (const [name, end] of marks) {
    const at = end ?? start;
    segments.push({ name, start, end: at });
    start = at;
  }
  return segments;
}

export interface ImportTiming {
  ms: number;
  previewMs: number;
  applyMs: number;
  stages: Array<{ name: string; ms: number }>;
  longestTaskMs: number;
  longestTimerGapMs: number;
  applied: number;
  refused: number;
  heldBack: number;
  conflicts: number;
  /** What the first refused change was told, when any was refused (the benchmark's changes should all fit the rules). */
  firstRefusal?: string;
  ops?: Array<{ stage: string; table: string; op: string; calls: number; ms: number; rows: number }>;
}

/**
 * Imports bundle `which` into store `name`: in the import worker at
 * `mode.worker` (as the app does), or else on this thread, with
 * `mode.recorder` watching. Records how long the page's thread was ever
 * blocked meanwhile.
 */
async function runImport(name: string, which: Which, mode: { worker?: string; warm?: boolean; recorder?: Recorder }): Promise<ImportTiming> {
  const bytes = state.bundles[which];
  if (!bytes) throw new Error(`No ${which} bundle yet`);
  const db = await openStore(name, mode.recorder);
  const installation = await db.installation.get('self');
  if (!installation) throw new Error(`${name} is not a prepared copy`);
  const ctx: SyncContext = { db, clock: clockFor(installation), importWorker: mode.worker ? (mode.warm ? warmFactory(mode.worker) : () => new Worker(mode.worker!, { type: 'module' })) : null };
  const events: ProgressEvent[] = [];
  let phase: ProgressEvent['phase'] = 'preview';
  const onProgress = (p: Progress) => events.push({ ...p, t: performance.now(), phase });
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
  if (mode.recorder?.ops) mode.recorder.ops.length = 0;
  const t0 = performance.now();
  const preview = mode.worker ? await previewInWorker(ctx, ctx.importWorker!, bytes, 'bench.quorum', onProgress) : await previewBundle(ctx, bytes, 'bench.quorum', { onProgress });
  const t1 = performance.now();
  phase = 'apply';
  const report = mode.worker ? await applyInWorker(ctx, preview, onProgress) : await applyBundle(ctx, preview, { onProgress });
  const t2 = performance.now();
  clearInterval(watch);
  observer.disconnect();
  db.close();
  if (report.applied.changes === 0) throw new Error('The import applied nothing');
  const segments = segmentsOf(events, t0, t1, t2);
  const timing: ImportTiming = {
    ms: t2 - t0,
    previewMs: t1 - t0,
    applyMs: t2 - t1,
    stages: segments.map((s) => ({ name: s.name, ms: s.end - s.start })),
    longestTaskMs,
    longestTimerGapMs,
    applied: report.applied.changes,
    refused: report.refusedCount,
    heldBack: report.heldBack.reduce((sum, notice) => sum + notice.changes, 0),
    conflicts: report.conflictCount,
    ...(report.refused[0] ? { firstRefusal: report.refused[0].message } : {}),
  };
  const ops = mode.recorder?.ops;
  if (ops) {
    const totals = new Map<string, { stage: string; table: string; op: string; calls: number; ms: number; rows: number }>();
    for (const op of ops) {
      const stage = segments.find((s) => op.t >= s.start && op.t < s.end)?.name ?? 'after';
      const key = `${stage}\u0001${op.table}\u0001${op.op}`;
      let total = totals.get(key);
      if (!total) totals.set(key, (total = { stage, table: op.table, op: op.op, calls: 0, ms: 0, rows: 0 }));
      total.calls++;
      total.ms += op.ms;
      total.rows += op.rows;
    }
    timing.ops = [...totals.values()];
  }
  return timing;
}

/** Workers started ahead by warmWorker, by script, each taken by the next warm import. */
const warmWorkers = new Map<string, Worker>();

/**
 * A new import worker at `workerUrl`, started ahead of the import that
 * follows, with its code loaded and the store `name` opened (it is asked to
 * apply a preview it does not hold: it opens the store and reads the
 * installation, as a real request would, then says so). The import that
 * takes it is its first.
 */
export async function warmWorker(workerUrl: string, name: string): Promise<void> {
  warmWorkers.get(workerUrl)?.terminate();
  const worker = new Worker(workerUrl, { type: 'module' });
  await new Promise<void>((resolve) => {
    worker.onmessage = () => resolve();
    worker.onerror = (event) => {
      event.preventDefault();
      resolve();
    };
    worker.postMessage(startAheadRequest(name));
  });
  warmWorkers.set(workerUrl, worker);
}

/** A factory that gives the worker warmWorker started for `workerUrl` (once), else a new one. */
function warmFactory(workerUrl: string): () => Worker {
  return () => {
    const worker = warmWorkers.get(workerUrl);
    warmWorkers.delete(workerUrl);
    return worker ?? new Worker(workerUrl, { type: 'module' });
  };
}

/**
 * The timed import, in the import worker at `workerUrl`: started by the import
 * itself (`cold`), or the one warmWorker started ahead (`warm`).
 */
export function timeImport(name: string, which: Which, workerUrl: string, start: 'cold' | 'warm' = 'cold'): Promise<ImportTiming> {
  return runImport(name, which, { worker: workerUrl, warm: start === 'warm' });
}

/**
 * An import on this thread that records every write it makes, for the
 * baseline. Not a timed figure: the recording costs time.
 */
export async function captureImport(name: string, which: Which): Promise<ImportTiming & { writeCalls: number; rowsWritten: number; deletes: number }> {
  const recorder: Recorder = { writes: [], deletes: 0 };
  const timing = await runImport(name, which, { recorder });
  const list = recorder.writes!;
  state.writes[which] = { list, deletes: recorder.deletes! };
  return { ...timing, writeCalls: list.length, rowsWritten: list.reduce((sum, w) => sum + w.values.length, 0), deletes: recorder.deletes! };
}

/** The timed part of the baseline: the captured rows, one bulkPut per write call, in one transaction. */
async function putCaptured(name: string, list: CapturedWrite[]): Promise<BulkPutTiming> {
  const db = await openStore(name);
  const tables = [...new Set(list.map((w) => w.table))].map((table) => db.table(table));
  const byTable: Record<string, number> = {};
  for (const w of list) byTable[w.table] = (byTable[w.table] ?? 0) + w.values.length;
  const t0 = performance.now();
  await db.transaction('rw', tables, async () => {
    for (const w of list) await db.table(w.table).bulkPut(w.values);
  });
  const ms = performance.now() - t0;
  db.close();
  return { ms, rows: list.reduce((sum, w) => sum + w.values.length, 0), calls: list.length, byTable };
}

export interface BulkPutTiming {
  ms: number;
  rows: number;
  calls: number;
  byTable: Record<string, number>;
}

type BaselineRequest = { id: number; type: 'load'; which: Which; list: CapturedWrite[] } | { id: number; type: 'put'; which: Which; name: string };
type BaselineResponse = { id: number; ok: true; timing?: BulkPutTiming } | { id: number; ok: false; error: string };

/**
 * The baseline runs in a worker of its own, as the import runs in the import
 * worker: the page's heap holds the whole benchmark's state (the source, the
 * captured rows), and writing from it would make the baseline pay for that.
 * This is the worker's side (the script bundles it as bench-worker.js).
 */
export function serveBaseline(): void {
  const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<BaselineRequest>) => void) | null; postMessage(message: BaselineResponse): void };
  const captured: Partial<Record<Which, CapturedWrite[]>> = {};
  scope.onmessage = (event) => {
    const request = event.data;
    const answer = async (): Promise<BaselineResponse> => {
      if (request.type === 'load') {
        captured[request.which] = request.list;
        return { id: request.id, ok: true };
      }
      const list = captured[request.which];
      if (!list) throw new Error(`No ${request.which} rows in the baseline worker`);
      return { id: request.id, ok: true, timing: await putCaptured(request.name, list) };
    };
    answer().then(
      (response) => scope.postMessage(response),
      (error: unknown) => scope.postMessage({ id: request.id, ok: false, error: String(error) }),
    );
  };
}

let baseline: { worker: Worker; nextId: number } | undefined;

function askBaseline(request: BaselineRequest): Promise<BulkPutTiming | undefined> {
  const { worker } = baseline!;
  return new Promise((resolve, reject) => {
    const listener = (event: MessageEvent<BaselineResponse>) => {
      if (event.data.id !== request.id) return;
      worker.removeEventListener('message', listener);
      if (event.data.ok) resolve(event.data.timing);
      else reject(new Error(event.data.error));
    };
    worker.addEventListener('message', listener);
    worker.postMessage(request);
  });
}

/** Starts the baseline worker and hands it the rows both captured imports wrote (then the page lets go of them). */
export async function startBaseline(workerUrl: string): Promise<void> {
  baseline = { worker: new Worker(workerUrl, { type: 'module' }), nextId: 1 };
  for (const which of ['large', 'small'] as const) {
    const captured = state.writes[which];
    if (!captured) throw new Error(`Capture the ${which} import first`);
    await askBaseline({ id: baseline.nextId++, type: 'load', which, list: captured.list });
    captured.list = [];
  }
}

/**
 * The baseline: the rows import `which` wrote, put into store `name` with
 * plain bulkPut calls, one per write call the import made, in one
 * transaction, in the baseline worker.
 */
export async function timeBulkPut(name: string, which: Which): Promise<BulkPutTiming> {
  if (!baseline) throw new Error('Start the baseline worker first');
  return (await askBaseline({ id: baseline.nextId++, type: 'put', which, name }))!;
}

/** A bundle as base64, and back: for handing bundles to another page. */
export function bundleBase64(which: Which): string {
  const bytes = state.bundles[which]!;
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function setBundle(which: Which, base64: string): void {
  state.bundles[which] = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/**
 * What the import worker's start-up is made of, for the breakdown: a worker
 * that does nothing, answering its first message; the import worker answering
 * its first request (it loads its script, opens the store and reads the
 * installation, then finds no preview to apply, as a real request would find
 * one); the same worker answering a second request; opening the store here.
 */
export async function startupParts(name: string, workerUrl: string): Promise<Record<string, number>> {
  const roundTrip = async (worker: Worker, message: unknown) => {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      worker.onmessage = () => resolve();
      worker.onerror = (event) => {
        event.preventDefault();
        resolve();
      };
      worker.postMessage(message);
    });
    return performance.now() - t0;
  };
  const blank = URL.createObjectURL(new Blob(['onmessage = () => postMessage(0);'], { type: 'text/javascript' }));
  const t0 = performance.now();
  const idle = new Worker(blank, { type: 'module' });
  await roundTrip(idle, 0);
  const emptyWorkerMs = performance.now() - t0;
  idle.terminate();
  URL.revokeObjectURL(blank);
  const request = (id: string) => ({ type: 'apply', id, databaseName: name, previewId: 'none', nowMillis: Date.now() });
  const t1 = performance.now();
  const worker = new Worker(workerUrl, { type: 'module' });
  await roundTrip(worker, request('first'));
  const firstRequestMs = performance.now() - t1;
  const secondRequestMs = await roundTrip(worker, request('second'));
  worker.terminate();
  const t2 = performance.now();
  const db = new QuorumDatabase(name);
  await db.installation.get('self');
  const openStoreMs = performance.now() - t2;
  db.close();
  return { emptyWorkerMs, firstRequestMs, secondRequestMs, openStoreMs };
}

const CHANNEL = 'quorum-bench-capture';

/**
 * An import on this thread with every store operation timed, which also
 * records what it writes for the baseline and hands that, over a
 * BroadcastChannel, to the page that holds the baseline (receiveCapture).
 */
export async function profileImport(name: string, which: Which, share = true): Promise<ImportTiming & { writeCalls: number; rowsWritten: number; deletes: number }> {
  const recorder: Recorder = { ops: [], ...(share ? { writes: [], deletes: 0 } : {}) };
  const timing = await runImport(name, which, { recorder });
  const list = recorder.writes ?? [];
  if (share) {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage({ which, list, deletes: recorder.deletes });
    channel.close();
  }
  return { ...timing, writeCalls: list.length, rowsWritten: list.reduce((sum, w) => sum + w.values.length, 0), deletes: recorder.deletes ?? 0 };
}

/** Waits for the writes another page's profileImport of `which` recorded. */
export function receiveCapture(which: Which): Promise<void> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<{ which: Which; list: CapturedWrite[]; deletes: number }>) => {
      if (event.data.which !== which) return;
      state.writes[which] = { list: event.data.list, deletes: event.data.deletes };
      channel.close();
      resolve();
    };
  });
}
