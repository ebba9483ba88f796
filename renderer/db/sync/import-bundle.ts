/**
 * Importing a bundle, in two steps the person sees.
 *
 * previewBundle reads and checks the file (bundle-codec, bundle-format,
 * verify-bundle: every hash and signature) and works out what it would do
 * (import-plan) without writing anything: from whom, how many changes to what,
 * which records change, conflicts, refusals, runs held back.
 *
 * applyBundle then does it in ONE Dexie transaction over every synced table,
 * the change log, the installation and the local ledger: it recomputes the plan
 * against the store as it is at that moment (so an edit made meanwhile is
 * merged, not overwritten), writes rows, conflict rows, the imported runs (one
 * log row per run), this copy's settled runs, held runs and the import record,
 * and moves the clock past everything received. Anything that fails, a full disk
 * included, aborts the transaction: every table stays exactly as it was.
 * No cryptography happens inside the transaction (an await on WebCrypto would
 * let IndexedDB commit it half-way); the preview verified everything.
 */
import type { InstallationRecord, QuorumDatabase } from '../database';
import type { InstallationRole } from '../../../shared/domain/entities';
import { SYNCED_TABLES } from '../../../shared/sync/change';
import { refusalSentence, type Refusal } from '../../../shared/sync/authority';
import type { SyncedTable } from '../../../shared/sync/change';
import { AlreadyImportedError, ClockAheadError, NotEnoughSpaceError, StalePreviewError } from '../../../shared/sync/bundle-errors';
import { decodeBundleText, isGzip, parseBundleJson } from '../../../shared/sync/bundle-codec';
import { readBundle, type Bundle } from '../../../shared/sync/bundle-format';
import { ClockDriftError, HybridLogicalClock, MAX_DRIFT_MS, parseTimestamp } from '../../../shared/sync/hlc';
import { nodeOfStamp, type ConflictRow, type TableCounts } from '../../../shared/sync/merge';
import { KeyRing } from '../../../shared/sync/run-seal';
import { trustSignature, type TrustList } from '../../../shared/sync/trust';
import { fingerprintOf } from '../../../shared/sync/fingerprint';
import { isQuotaError, nowOf, yieldToEventLoop, type SyncContext } from './context';
import { installationOf, trustOf, type TrustState } from './identity';
import { computeImport, readPlan, type ImportComputation, type PlanReads, type ProgressListener } from './import-plan';
import { REPORT_LIST_LIMIT, type ConflictSummary, type ImportReport, type RefusedChangeView, type SetAsideOrigin } from './import-report';
import { heldRow, importedBefore, importRow } from './ledger';
import { labelOfRecord } from './record-label';
import { trustWithBundle, verifyBundle } from './verify-bundle';
import { LOG_WRITE_CHUNK } from './seal-local-runs';
import { writeMergeBookkeeping } from './merge-writes';
import { keepHeads, unsealedLocalRuns } from './chain-store';
import { momentWords } from '../record-words';

export const WRITE_CHUNK = 2000;
/** How many chunks of rows an import has being written at once. */
const WRITES_IN_FLIGHT = 4;

export interface OriginView {
  node: string;
  /** The name this copy knows it by (or the bundle's, if not enrolled). */
  name: string;
  role: InstallationRole;
  fingerprint: string;
  status: 'self' | 'trusted' | 'unknown' | 'revoked';
  /** Where trust comes from: this copy's own enrolment, or the consortium register. */
  source?: 'self' | 'local' | 'register';
  changes: number;
  newChanges: number;
  alreadyHad: number;
  heldBack: number;
}

/** Everything an import will do, shown before anything is written. */
export interface BundlePreview {
  fileName: string;
  bundleId: string;
  /** When the sender made it. */
  createdAt: string;
  compressed: boolean;
  sizeBytes: number;
  sender: {
    node: string;
    /** The name the sender gives itself in the bundle. */
    name: string;
    /** The name this copy enrolled it under. */
    enrolledName: string;
    role: InstallationRole;
    fingerprint: string;
    trust: 'trusted' | 'self';
    source: 'self' | 'local' | 'register';
  };
  recipient: { node: string | null; forThisCopy: boolean };
  origins: OriginView[];
  /** What the import will do; importedAt is the preview's time. */
  report: ImportReport;
  /** Set when this very bundle was imported before. */
  previouslyImportedAt?: string;
  /** True when applying would change no record (acknowledgements are still recorded). */
  nothingNew: boolean;
  /** For applyBundle only. */
  readonly plan: ImportPlanToken;
}

export interface ImportPlanToken {
  /** 'worker': made by the import worker (import-in-worker.ts), which keeps the runs. */
  kind: 'in-thread' | 'worker';
  databaseName: string;
  /** The verified bundle. In a worker preview the runs stay in the worker: every `origins[].runs` is empty here. */
  bundle: Bundle;
  accepted: Set<string>;
  trustSignature: string;
  setAside: SetAsideOrigin[];
  senderFingerprint: string;
  /** For a worker preview: the worker that holds it, and the preview's id there. */
  worker?: { previewId: string; handle: Worker };
  /**
   * What the preview computed, with a stamp of everything in the store it read
   * (storeStamp). If the store is as it was, the apply writes this instead of
   * computing it again; if anything changed, it computes again.
   */
  computed?: { stamp: string; computation: ImportComputation; installation: InstallationRecord };
}

/**
 * A stamp of everything an import's computation reads that any write changes:
 * the installation (its sequence number and clock move with every local write,
 * collapsed ones included), the log's runs and this copy's unsealed ones
 * (imports and sealing), the ledger (imports, held runs, local enrolments and
 * revocations), and the refusals and deferred references. Equal stamps:
 * nothing the computation read has changed. The records' rows and the
 * conflict rows are not read: every write to them comes with a change to one
 * of these (a person's edit or resolution is a logged write that moves the
 * installation, sealing rewrites this copy's unsealed runs, an import adds
 * its row to the ledger). (Applying deferred changes when an upgraded copy
 * opens its store escapes them, but runs before the window can preview
 * anything.)
 */
async function storeStamp(db: QuorumDatabase, self: string): Promise<{ stamp: string; installation: InstallationRecord }> {
  // The reads are made together: none depends on another (`self`, this copy's node id, is known before; a store of another copy has another identity, so another stamp).
  const [installation, { unsealed }, logKeys, ledgerKeys, refusalKeys, deferredKeys] = await Promise.all([
    installationOf(db),
    unsealedLocalRuns(db, self),
    db.changeLog.toCollection().primaryKeys(),
    db.syncLedger.toCollection().primaryKeys(),
    db.refusals.toCollection().primaryKeys(),
    db.deferred.toCollection().primaryKeys(),
  ]);
  const { privateKey: _key, ...identity } = installation;
  const stamp = JSON.stringify([identity, logKeys, unsealed.map((run) => [run.firstSeq, run.lastSeq, run.deps === undefined]), ledgerKeys, refusalKeys, deferredKeys]);
  return { stamp, installation };
}

/**
 * The store stamp, the plan's reads that need only the bundle (import-plan.ts
 * readPlan) and when this bundle was imported before, in one read-only
 * transaction: all see the store at one moment, so the stamp says exactly what
 * the reads saw, whatever is written meanwhile (a write waits for the
 * transaction, or lands before it). The apply compares it with the stamp then:
 * equal, nothing the plan read has changed since (whatever it read after this
 * transaction, too, since a stamp never comes back to an earlier value).
 */
function readAhead(db: QuorumDatabase, bundle: Bundle, self: string): Promise<{ stamp: string; reads: PlanReads; previouslyImportedAt: string | undefined }> {
  return db.transaction('r', tablesOfImport(db), async () => {
    const [{ stamp }, reads, previouslyImportedAt] = await Promise.all([storeStamp(db, self), readPlan(db, bundle, self), importedBefore(db, bundle.header.bundleId)]);
    return { stamp, reads, previouslyImportedAt };
  });
}

function refusalMessage(originName: string, refusal: Refusal): string {
  return `Not applied: ${refusalSentence(originName, refusal)}`;
}

function conflictSummary(row: ConflictRow, label: string): ConflictSummary {
  return {
    id: row.id,
    label,
    table: String(row.table),
    row: String(row.row),
    field: String(row.field),
    keptValue: row.keptValue,
    keptHlc: String(row.keptHlc),
    losingValue: row.losingValue,
    losingHlc: String(row.losingHlc),
  };
}

function buildReport(
  computation: ImportComputation,
  token: ImportPlanToken,
  trust: TrustList,
  meta: { fileName: string; importedAt: string },
): ImportReport {
  const { bundle } = token;
  const { merge } = computation;
  const records = merge.recordChanges();
  const conflicts = merge.newlyOpenConflicts();
  const refused: RefusedChangeView[] = merge.refused.map((r) => {
    const originName = trust.get(r.node)?.name || `copy ${r.node.slice(0, 8)}`;
    return {
      label: labelOfRecord(merge.rowOf(r.table, r.row)),
      origin: r.node,
      originName,
      originRole: trust.get(r.node)?.role,
      seq: r.seq,
      table: r.table as SyncedTable,
      row: r.row,
      field: r.field,
      value: r.value,
      message: refusalMessage(originName, r),
    };
  });
  const deferred = merge.deferredRows().reduce((sum, row) => sum + row.refs.length, 0);
  const byTable: Partial<Record<(typeof SYNCED_TABLES)[number], TableCounts>> = {};
  for (const [table, counts] of merge.counts) byTable[table] = counts;
  const warnings: string[] = [];
  if (deferred > 0) {
    warnings.push(
      `${deferred} change${deferred === 1 ? ' was' : 's were'} made by a newer version of Quorum, to records this version does not know. ${deferred === 1 ? 'It is' : 'They are'} kept, passed on to partners, and applied once this copy is updated.`,
    );
  }
  const recipient = bundle.header.recipient;
  const self = [...trust.values()].find((c) => c.source === 'self')!;
  if (recipient !== null && recipient !== self.node) {
    warnings.push(`This bundle was made for ${trust.get(recipient)?.name || 'another copy'}, not for this copy. Its changes can still be imported.`);
  }
  const sender = bundle.header.sender;
  return {
    kind: 'import',
    bundleId: bundle.header.bundleId,
    fileName: meta.fileName,
    sender: { node: sender.node, name: trust.get(sender.node)?.name || sender.name, role: trust.get(sender.node)?.role ?? sender.role, fingerprint: token.senderFingerprint },
    createdAt: bundle.header.createdAt,
    importedAt: meta.importedAt,
    acknowledgements: { ...bundle.header.acknowledgements },
    applied: { runs: computation.order.length, changes: merge.entriesApplied, byTable },
    alreadyHad: computation.alreadyHad,
    records: records.slice(0, REPORT_LIST_LIMIT).map((record) => ({ ...record, label: labelOfRecord(merge.rowOf(record.table, record.row)) })),
    recordCount: records.length,
    conflicts: conflicts.slice(0, REPORT_LIST_LIMIT).map((row) => conflictSummary(row, labelOfRecord(merge.rowOf(String(row.table), String(row.row))))),
    conflictCount: conflicts.length,
    refused: refused.slice(0, REPORT_LIST_LIMIT),
    refusedCount: refused.length,
    heldBack: computation.notices,
    released: computation.released,
    setAside: token.setAside,
    warnings,
  };
}

function hasNothingToDo(computation: ImportComputation): boolean {
  return computation.order.length === 0 && computation.newlyHeld === 0 && computation.dropHeld.length === 0;
}

function checkClock(computation: ImportComputation, trust: TrustList, now: Date): void {
  const max = computation.merge.maxHlc;
  if (!max) return;
  const millis = parseTimestamp(max).millis;
  if (millis - now.getTime() > MAX_DRIFT_MS) {
    const origin = nodeOfStamp(max);
    throw new ClockAheadError(trust.get(origin)?.name || origin, momentWords(new Date(millis).toISOString()));
  }
}

/** Reads, checks and previews a bundle file. Writes nothing. Throws a BundleRefusedError when the bundle is refused. */
export async function previewBundle(ctx: SyncContext, bytes: Uint8Array, fileName: string, options: { onProgress?: ProgressListener } = {}): Promise<BundlePreview> {
  const { db } = ctx;
  const { onProgress } = options;
  const keys = new KeyRing();
  onProgress?.({ stage: 'reading', done: 0, total: 1 });
  // Read while the file is decoded: nothing here depends on it.
  const installationRead = installationOf(db);
  installationRead.catch(() => {});
  const text = await decodeBundleText(bytes);
  await yieldToEventLoop();
  const bundle = readBundle(parseBundleJson(text));
  onProgress?.({ stage: 'reading', done: 1, total: 1 });
  await yieldToEventLoop();

  const installation = await installationRead;
  // Trust's reads first, then the plan's that need only the bundle, with the stamp: the store answers in the order asked, and the signatures are
  // checked while it reads the rest (trust is checked again by the apply).
  const trustRead = trustOf(db, installation, bundle);
  const ahead = readAhead(db, bundle, installation.nodeId);
  // A bundle refused before the plan leaves them unused: their failure is not the import's.
  ahead.catch(() => {});
  const state = await trustRead;
  const self = state.self;
  const verified = await verifyBundle(db, bundle, { state, consortiumId: installation.consortiumId ?? '', keys }, yieldToEventLoop, onProgress);
  const now = nowOf(ctx);
  const { stamp, reads, previouslyImportedAt } = await ahead;
  const computation = await computeImport(
    db,
    { bundle, trust: verified.trust, accepted: verified.accepted, self: self.node, bundleId: bundle.header.bundleId, now: now.toISOString() },
    yieldToEventLoop,
    onProgress,
    reads,
  );
  // The apply writes this if the store's stamp is still the one the plan's reads were made with.
  const computed = { stamp, computation, installation: reads.installation };
  checkClock(computation, verified.trust, now);
  if (previouslyImportedAt && hasNothingToDo(computation)) throw new AlreadyImportedError(previouslyImportedAt);

  const token: ImportPlanToken = {
    kind: 'in-thread',
    databaseName: db.name,
    bundle,
    accepted: verified.accepted,
    trustSignature: trustSignature(verified.trust),
    setAside: verified.setAside,
    senderFingerprint: verified.senderFingerprint,
    computed,
  };
  const report = buildReport(computation, token, verified.trust, { fileName, importedAt: now.toISOString() });
  const sender = verified.trust.get(bundle.header.sender.node)!;
  const origins: OriginView[] = [];
  for (const origin of bundle.origins) {
    const copy = verified.trust.get(origin.node);
    const tally = computation.tally.get(origin.node);
    const aside = verified.setAside.find((s) => s.origin === origin.node);
    origins.push({
      node: origin.node,
      name: copy?.name || origin.name,
      role: copy?.role ?? origin.role,
      fingerprint: aside?.fingerprint ?? (await fingerprintOf(copy?.publicKey ?? origin.publicKey)),
      status: aside ? aside.status : copy?.source === 'self' ? 'self' : 'trusted',
      source: copy?.source,
      changes: origin.runs.reduce((sum, run) => sum + run.entries.length, 0),
      newChanges: tally?.newChanges ?? 0,
      alreadyHad: tally?.alreadyHad ?? 0,
      heldBack: tally?.held ?? 0,
    });
  }
  return {
    fileName,
    bundleId: bundle.header.bundleId,
    createdAt: bundle.header.createdAt,
    compressed: isGzip(bytes),
    sizeBytes: bytes.byteLength,
    sender: {
      node: sender.node,
      name: bundle.header.sender.name,
      enrolledName: sender.name,
      role: sender.role,
      fingerprint: verified.senderFingerprint,
      trust: sender.source === 'self' ? 'self' : 'trusted',
      source: sender.source,
    },
    recipient: { node: bundle.header.recipient, forThisCopy: bundle.header.recipient === null || bundle.header.recipient === self.node },
    origins,
    report,
    previouslyImportedAt,
    nothingNew: report.recordCount === 0 && report.conflictCount === 0 && computation.order.length === 0,
    plan: token,
  };
}

function tablesOfImport(db: QuorumDatabase) {
  return [...SYNCED_TABLES.map((name) => db.table(name)), db.changeLog, db.installation, db.syncLedger, db.refusals, db.deferred];
}

/** Thrown inside an apply's transaction when the store has changed since the preview read it: the transaction is aborted and the apply made again, computing afresh. */
class ChangedSincePreview extends Error {
  override name = 'ChangedSincePreview';
}

/** Applies a previewed bundle in one transaction and returns what was done. */
export async function applyBundle(ctx: SyncContext, preview: BundlePreview, options: { onProgress?: ProgressListener } = {}): Promise<ImportReport> {
  const { db } = ctx;
  const token = preview.plan;
  if (token.kind !== 'in-thread' || token.databaseName !== db.name) throw new StalePreviewError();
  const now = nowOf(ctx);
  // What the preview computed serves one apply at most.
  const computed = token.computed;
  token.computed = undefined;
  let applied: { report: ImportReport; maxHlc: string };
  try {
    try {
      applied = await applyOnce(ctx, token, preview.fileName, now, computed, options.onProgress);
    } catch (error) {
      if (!(error instanceof ChangedSincePreview)) throw error;
      applied = await applyOnce(ctx, token, preview.fileName, now, undefined, options.onProgress);
    }
  } catch (error) {
    if (isQuotaError(error)) throw new NotEnoughSpaceError();
    throw error;
  }
  if (applied.maxHlc) {
    try {
      ctx.clock.receive(applied.maxHlc);
    } catch {
      // The stored clock has already moved past it; this in-memory clock catches up at the next start.
    }
  }
  return applied.report;
}

/**
 * One try at the apply, in one transaction. With what the preview computed
 * (`computed`), the reads that decide whether it still stands (the store
 * stamp, trust, earlier imports) are asked for first and its rows written at
 * once, without waiting for them: a transaction runs its requests in the order
 * they are made, so those reads see the store as it was before the rows. If it
 * no longer stands, the error thrown aborts the transaction, the rows with it
 * (docs/architecture.md, "Performance"). Without it, the plan is computed here,
 * against the store as it is now, and written.
 */
async function applyOnce(
  ctx: SyncContext,
  token: ImportPlanToken,
  fileName: string,
  now: Date,
  computed: ImportPlanToken['computed'],
  onProgress: ProgressListener | undefined,
): Promise<{ report: ImportReport; maxHlc: string }> {
  const { db } = ctx;
  const { bundle } = token;
  const bundleId = bundle.header.bundleId;
  // Inside the transaction, "pausing" is a store read: it lets the window breathe without letting the transaction commit.
  const ping = async () => {
    await db.installation.get('self');
  };
  let maxHlc = '';
  const report = await db.transaction('rw', tablesOfImport(db), async () => {
    let installation: InstallationRecord;
    let state: TrustState;
    let before: string | undefined;
    let rows: RowWriter | undefined;
    if (computed) {
      // The stamp's reads include the installation: if the stamps are equal, it is the one the preview read, and so are the rest.
      const checks = Promise.all([storeStamp(db, computed.installation.nodeId), trustOf(db, computed.installation, bundle), importedBefore(db, bundleId)]);
      rows = rowWriter(db, computed.computation.merge, onProgress);
      rows.start();
      const [stamped, trustNow, imported] = await checks;
      if (stamped.stamp !== computed.stamp) throw new ChangedSincePreview();
      installation = stamped.installation;
      state = trustNow;
      before = imported;
    } else {
      installation = await installationOf(db);
      [state, before] = await Promise.all([trustOf(db, installation, bundle), importedBefore(db, bundleId)]);
    }
    const trust = await trustWithBundle(state, bundle, async () => {});
    if (trustSignature(trust) !== token.trustSignature) throw new StalePreviewError();
    const computation =
      computed?.computation ??
      (await computeImport(db, { bundle, trust, accepted: token.accepted, self: installation.nodeId, bundleId, now: now.toISOString() }, ping, onProgress));
    checkClock(computation, trust, now);
    if (before && hasNothingToDo(computation)) throw new AlreadyImportedError(before);

    const { merge } = computation;
    // The clock before anything else is written (or, with rows written at once, committed): a change from too far ahead refuses the import.
    let clockAfter: HybridLogicalClock | undefined;
    if (merge.maxHlc) {
      maxHlc = merge.maxHlc;
      const inMemory = ctx.clock.snapshot();
      const stored = installation.clock;
      const later = stored.millis > inMemory.millis || (stored.millis === inMemory.millis && stored.counter > inMemory.counter) ? stored : inMemory;
      clockAfter = new HybridLogicalClock(installation.nodeId, () => now.getTime(), later);
      try {
        clockAfter.receive(merge.maxHlc);
      } catch (error) {
        if (error instanceof ClockDriftError) throw new ClockAheadError(trust.get(nodeOfStamp(maxHlc))?.name ?? 'A partner', momentWords(new Date(parseTimestamp(maxHlc).millis).toISOString()));
        throw error;
      }
    }
    const result = buildReport(computation, token, trust, { fileName, importedAt: now.toISOString() });
    // The log, the ledger and the installation are other tables than the rows: their writes are made with the rows', not after them
    // (a transaction runs its requests in order; waiting for the rows first adds round trips). Each table's own writes stay in order.
    const logWrites = async () => {
      for (let i = 0; i < computation.tagged.length; i += LOG_WRITE_CHUNK) await db.changeLog.bulkPut(computation.tagged.slice(i, i + LOG_WRITE_CHUNK));
      for (let i = 0; i < computation.order.length; i += LOG_WRITE_CHUNK) await db.changeLog.bulkAdd(computation.order.slice(i, i + LOG_WRITE_CHUNK));
    };
    const ledgerWrites = async () => {
      if (computation.dropHeld.length > 0) await db.syncLedger.bulkDelete(computation.dropHeld);
      if (computation.hold.length > 0) await db.syncLedger.bulkPut(computation.hold.map(heldRow));
      await db.syncLedger.add(importRow(result));
    };
    const installationUpdate = { ...(computation.joined ?? {}), ...(clockAfter ? { clock: clockAfter.snapshot() } : {}) };
    const besideRows = Promise.all([
      logWrites(),
      ledgerWrites(),
      Object.keys(installationUpdate).length > 0 ? db.installation.update('self', installationUpdate) : undefined,
      keepHeads(db, computation.order, installation.nodeId),
    ]);
    // Handled here too: it is awaited once the rows are written, and a failure fails the transaction meanwhile.
    besideRows.catch(() => {});
    const total = await (rows ?? rowWriter(db, merge, onProgress)).finish();
    // After the rows: a record folded away is deleted after any write to it, and conflict rows are rows of a synced table too.
    await Promise.all([writeMergeBookkeeping(db, merge), besideRows]);
    onProgress?.({ stage: 'writing', done: total, total });
    return result;
  });
  return { report, maxHlc };
}

interface RowWriter {
  /** Asks for the first chunks, up to WRITES_IN_FLIGHT, and returns at once. */
  start(): void;
  /** Writes the rest (starting first, if not started), up to WRITES_IN_FLIGHT chunks at once, and resolves to how many rows once all are written. */
  finish(): Promise<number>;
}

/**
 * Writes the merge's rows in chunks of WRITE_CHUNK, up to WRITES_IN_FLIGHT at
 * once (a transaction runs its requests in order; waiting for each adds a
 * round trip). `start` makes its requests without awaiting anything: inside a
 * Dexie transaction, an async function left running while another await is
 * made can lose the transaction (Dexie then reports PrematureCommitError), so
 * the apply that writes rows before its checks finish asks for them from here.
 */
function rowWriter(db: QuorumDatabase, merge: ImportComputation['merge'], onProgress: ProgressListener | undefined): RowWriter {
  const chunks: Array<{ table: string; rows: unknown[] }> = [];
  let total = 0;
  for (const [table, rows] of merge.rowsToWrite()) {
    total += rows.length;
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) chunks.push({ table, rows: rows.slice(i, i + WRITE_CHUNK) });
  }
  let next = 0;
  let done = 0;
  let started = false;
  const inFlight = new Set<Promise<void>>();
  const fill = () => {
    while (next < chunks.length && inFlight.size < WRITES_IN_FLIGHT) {
      const chunk = chunks[next++]!;
      const write: Promise<void> = db
        .table(chunk.table)
        .bulkPut(chunk.rows)
        .then(() => {
          inFlight.delete(write);
          done += chunk.rows.length;
          onProgress?.({ stage: 'writing', done, total });
        });
      // Handled here too: a chunk failing fails the transaction, and those after it fail with it.
      write.catch(() => {});
      inFlight.add(write);
    }
  };
  const start = () => {
    if (started) return;
    started = true;
    onProgress?.({ stage: 'writing', done, total });
    fill();
  };
  return {
    start,
    async finish() {
      start();
      // Those asked for by start may all be written by now.
      fill();
      while (inFlight.size > 0) {
        await Promise.race(inFlight);
        fill();
      }
      return total;
    },
  };
}
