/**
 * What an import of verified runs does to this copy, computed from the store
 * without writing: which runs continue their chains and in what order, which
 * are already here, which are held back (and which held earlier now apply),
 * this copy's own newest runs and their dependencies, and the merged rows.
 *
 * The preview runs it outside any transaction to show what will happen; the
 * apply runs it again inside its one transaction, against the store as it is
 * then, and writes the result. It does no cryptography: every signature was
 * checked before (verify-bundle.ts), and held runs were checked when held.
 */
import type { QuorumDatabase } from '../database';
import { ChainBreakError } from '../../../shared/sync/bundle-errors';
import type { Bundle } from '../../../shared/sync/bundle-format';
import { planChain, scheduleCausally, NO_HEAD, type ChainHead } from '../../../shared/sync/chain';
import { Merge, recordKey, type ConflictRow, type LocatedEntry, type StoredRow } from '../../../shared/sync/merge';
import { isSyncedTable, parseLogRef, SYNCED_TABLES, type ChangeEntry } from '../../../shared/sync/change';
import { RoleTimeline } from '../../../shared/sync/roles';
import type { Dependencies } from '../../../shared/sync/run-seal';
import { authorityFrom, loadAuthority, readAuthorityInputs, type AuthorityInputs } from '../authority';
import type { InstallationRecord } from '../database';
import { joinedBy } from './joining';
import { installationOf } from './identity';
import type { ChainRun, SealedRun } from '../../../shared/sync/run-seal';
import type { TrustList } from '../../../shared/sync/trust';
import { chainHeads, dependenciesFrom, untaggedLocalRuns } from './chain-store';
import { heldRunId, readHeldRuns, type HeldRunEntry } from './ledger';
import { loadConflicts, loadRows } from './row-loader';
import type { HeldBackNotice } from './import-report';
import { heldBackNotice, nameOf } from './held-back';

/** Lets the caller breathe between chunks: a real yield outside a transaction, a cheap store read inside one. */
export type Pause = () => Promise<void>;

export interface Progress {
  stage: 'reading' | 'checking' | 'merging' | 'writing';
  done: number;
  total: number;
}

export type ProgressListener = (progress: Progress) => void;

export const MERGE_CHUNK = 2000;

export interface ImportInput {
  bundle: Bundle;
  /** Trust as it will be once the bundle's own register changes are taken into account. */
  trust: TrustList;
  /** Bundle origins whose runs were all verified against the key in `trust`. */
  accepted: Set<string>;
  self: string;
  bundleId: string;
  now: string;
}

export interface OriginTally {
  newChanges: number;
  alreadyHad: number;
  held: number;
}

export interface ImportComputation {
  order: SealedRun[];
  hold: HeldRunEntry[];
  dropHeld: string[];
  released: number;
  /** Runs held by this import that were not held before. */
  newlyHeld: number;
  alreadyHad: number;
  tagged: ChainRun[];
  merge: Merge;
  notices: HeldBackNotice[];
  tally: Map<string, OriginTally>;
  /** Set when this import makes a copy with no consortium yet join one: its id, and its founder (the root of role grants). */
  joined?: { consortiumId: string; founderNode: string };
}

type RowMap = Map<string, Map<string, StoredRow | undefined>>;

/** A bundle of at most this many changes has its records read before its chains are planned (readPlan). */
const READ_AT_ONCE = 5000;

/**
 * The reads of a plan that need only the bundle (docs/architecture.md,
 * "Performance"): the runs held back before, the head of every chain, this
 * copy's newest writes, the installation, what authority is judged from,
 * whether any refusals or deferred changes are kept, and the rows and conflict
 * rows of every record touched by a run this copy does not hold yet (for a
 * small bundle, by any of its runs): a superset of what the plan merges. The
 * preview reads them in one read-only transaction with the store stamp, while
 * the signatures are checked (import-bundle.ts readAhead); an apply computing
 * again reads them in its own transaction (computeImport). computeImport
 * reads the rest itself (records of runs held back earlier, and of this
 * copy's newest writes). Only reads: nothing here trusts the bundle, and a
 * bundle refused leaves them unused.
 */
export interface PlanReads {
  readonly heldRuns: HeldRunEntry[];
  readonly heads: Map<string, ChainHead>;
  /** This copy's runs written since its last import or export (untaggedLocalRuns). */
  readonly untagged: ChainRun[];
  readonly installation: InstallationRecord;
  readonly authority: AuthorityInputs;
  /** Whether the store keeps any refusal, and any deferred change (recordsHoldingChangesWithoutRow). */
  readonly keepsRefusals: boolean;
  readonly keepsDeferred: boolean;
  readonly touched: { keys: Map<string, Set<string>>; records: Set<string>; ids: Set<string>; rows: RowMap; conflicts: ConflictRow[] };
}

/** Keys by table, conflict records and conflict row ids of `entries` (the conflict table's own entries name conflict rows). */
function keysOf(entries: Iterable<ChangeEntry>, keys = new Map<string, Set<string>>(), records = new Set<string>(), ids = new Set<string>()) {
  for (const entry of entries) {
    if (entry.table === 'conflicts') {
      ids.add(entry.row);
      continue;
    }
    if (!isSyncedTable(entry.table)) continue;
    records.add(recordKey(entry.table, entry.row));
    let rowIds = keys.get(entry.table);
    if (!rowIds) keys.set(entry.table, (rowIds = new Set()));
    rowIds.add(entry.row);
  }
  return { keys, records, ids };
}

/** Reads what PlanReads holds; the caller gives the transaction (all of it sees the store at one moment). */
export async function readPlan(db: QuorumDatabase, bundle: Bundle, self: string): Promise<PlanReads> {
  const heads = chainHeads(db);
  const changes = bundle.origins.reduce((sum, origin) => sum + origin.runs.reduce((n, run) => n + run.entries.length, 0), 0);
  // A small bundle's records are read at once, with the heads; a large one's once the heads say which of its runs this copy holds already (often most, when a bundle is sent again).
  const touchedBeyond = async (known: Map<string, ChainHead>) => {
    const entries = function* () {
      for (const origin of bundle.origins) {
        const head = known.get(origin.node)?.lastSeq ?? 0;
        for (const run of origin.runs) if (run.lastSeq > head) yield* run.entries;
      }
    };
    const { keys, records, ids } = keysOf(entries());
    const [rows, conflicts] = await Promise.all([loadRows(db, keys), loadConflicts(db, records, ids)]);
    return { keys, records, ids, rows, conflicts };
  };
  // Called at once, not from a promise made here: inside a transaction, Dexie keeps it open only for reads made from its own promises.
  const touched = changes <= READ_AT_ONCE ? touchedBeyond(new Map()) : heads.then(touchedBeyond);
  const [heldRuns, headsRead, untagged, installation, authority, anyRefusal, anyDeferred, touchedRead] = await Promise.all([
    readHeldRuns(db),
    heads,
    untaggedLocalRuns(db, self),
    installationOf(db),
    readAuthorityInputs(db),
    db.refusals.limit(1).primaryKeys(),
    db.deferred.limit(1).primaryKeys(),
    touched,
  ]);
  return { heldRuns, heads: headsRead, untagged, installation, authority, keepsRefusals: anyRefusal.length > 0, keepsDeferred: anyDeferred.length > 0, touched: touchedRead };
}

/** The rows of `keys`: those `reads` has (the merge takes them over: a plan's reads serve one plan), and the others read now. */
async function rowsOf(db: QuorumDatabase, keys: Map<string, Set<string>>, { touched }: PlanReads): Promise<RowMap> {
  const missing = new Map<string, Set<string>>();
  for (const [table, ids] of keys) {
    const have = touched.keys.get(table);
    const rest = have ? new Set([...ids].filter((id) => !have.has(id))) : ids;
    if (rest.size > 0) missing.set(table, rest);
  }
  const rows = touched.rows;
  if (missing.size === 0) return rows;
  for (const [table, byId] of await loadRows(db, missing)) {
    let into = rows.get(table);
    if (!into) rows.set(table, (into = new Map()));
    for (const [id, row] of byId) into.set(id, row);
  }
  return rows;
}

/** The conflict rows of `records` and `ids`: those `reads` has, and the others read now. */
async function conflictsOf(db: QuorumDatabase, records: Set<string>, ids: Set<string>, { touched }: PlanReads): Promise<ConflictRow[]> {
  const moreRecords = [...records].filter((key) => !touched.records.has(key));
  const moreIds = [...ids].filter((id) => !touched.ids.has(id));
  if (moreRecords.length === 0 && moreIds.length === 0) return touched.conflicts;
  const byId = new Map(touched.conflicts.map((row) => [row.id, row]));
  for (const row of await loadConflicts(db, moreRecords, moreIds)) byId.set(row.id, row);
  return [...byId.values()];
}

function tallyFor(tally: Map<string, OriginTally>, node: string): OriginTally {
  let t = tally.get(node);
  if (!t) tally.set(node, (t = { newChanges: 0, alreadyHad: 0, held: 0 }));
  return t;
}

/**
 * `ahead`: the plan's reads the preview made ahead (readPlan, in its own
 * transaction). Without them, they are made here first, in the caller's
 * transaction (the apply's, computing again): readPlan awaits all of them at
 * once, so no promise started ahead is left to be awaited across other awaits,
 * which would let Dexie commit the transaction early (PrematureCommitError).
 */
export async function computeImport(db: QuorumDatabase, input: ImportInput, pause: Pause, onProgress?: ProgressListener, ahead?: PlanReads): Promise<ImportComputation> {
  const { bundle, trust, accepted, self } = input;
  const reads = ahead ?? (await readPlan(db, bundle, self));
  const acceptable = (node: string) => trust.get(node)?.trust === 'trusted';
  const tally = new Map<string, OriginTally>();

  // Candidate runs per origin: the bundle's, and any held earlier whose origin is still trusted with the same key.
  const candidates = new Map<string, Map<number, SealedRun>>();
  for (const origin of bundle.origins) {
    if (!accepted.has(origin.node)) continue;
    candidates.set(origin.node, new Map(origin.runs.map((run) => [run.firstSeq, run])));
  }
  const heldBefore = new Map<string, HeldRunEntry>();
  const dropHeld = new Set<string>();
  const { heldRuns, heads } = reads;
  for (const held of heldRuns) {
    const id = heldRunId(held.run.node, held.run.firstSeq);
    heldBefore.set(id, held);
    const copy = trust.get(held.run.node);
    if (!copy || copy.trust !== 'trusted' || copy.publicKey !== held.publicKey) {
      if (copy && (copy.trust === 'revoked' || copy.publicKey !== held.publicKey)) dropHeld.add(id);
      continue;
    }
    let runs = candidates.get(held.run.node);
    if (!runs) candidates.set(held.run.node, (runs = new Map()));
    const same = runs.get(held.run.firstSeq);
    if (same && (same.hash !== held.run.hash || same.lastSeq !== held.run.lastSeq)) {
      throw new ChainBreakError(nameOf(trust, held.run.node), 'some of them differ from the same changes received in an earlier bundle');
    }
    if (!same) runs.set(held.run.firstSeq, held.run);
  }

  const next = new Map<string, SealedRun[]>();
  const notices: HeldBackNotice[] = [];
  const hold: HeldRunEntry[] = [];
  let alreadyHad = 0;
  const holdRun = (run: SealedRun, reason: HeldRunEntry['reason'], detail: { missing?: { from: number; to: number }; waitingFor?: string }) => {
    const id = heldRunId(run.node, run.firstSeq);
    const earlier = heldBefore.get(id);
    hold.push({
      kind: 'held',
      run,
      originName: nameOf(trust, run.node),
      publicKey: trust.get(run.node)!.publicKey,
      reason,
      ...detail,
      heldAt: earlier?.heldAt ?? input.now,
      bundleId: earlier?.bundleId ?? input.bundleId,
    });
    tallyFor(tally, run.node).held += run.entries.length;
  };

  for (const node of [...candidates.keys()].sort()) {
    const runs = [...candidates.get(node)!.values()].sort((a, b) => a.firstSeq - b.firstSeq);
    const head: ChainHead = heads.get(node) ?? NO_HEAD;
    const plan = planChain(nameOf(trust, node), head, runs);
    if (plan.seen.length > 0) {
      const stored = await db.changeLog.bulkGet(plan.seen.map((run) => [node, run.firstSeq] as [string, number]));
      plan.seen.forEach((run, i) => {
        const mine = stored[i];
        if (!mine || mine.lastSeq !== run.lastSeq || mine.hash !== run.hash) {
          throw new ChainBreakError(nameOf(trust, node), 'some of them differ from the same changes already received');
        }
        const id = heldRunId(node, run.firstSeq);
        if (heldBefore.has(id)) dropHeld.add(id);
        else alreadyHad += run.entries.length;
        tallyFor(tally, node).alreadyHad += run.entries.length;
      });
    }
    if (node === self && (plan.next.length > 0 || plan.beyondGap.length > 0)) {
      throw new ChainBreakError('this copy', 'it carries changes made by this copy that this copy does not have; has this copy been restored from an old backup?');
    }
    next.set(node, plan.next);
    if (plan.missing && plan.beyondGap.length > 0) {
      for (const run of plan.beyondGap) holdRun(run, 'gap', { missing: plan.missing });
      notices.push(heldBackNotice(trust, node, plan.beyondGap, { reason: 'gap', missing: plan.missing }));
    }
  }

  const known = new Map<string, string>();
  for (const [node, head] of heads) known.set(node, head.lastHlc);
  const schedule = scheduleCausally(next, known, acceptable);
  const waitingByOrigin = new Map<string, { runs: SealedRun[]; waitingFor: string }>();
  for (const { run, waitingFor } of schedule.waiting) {
    holdRun(run, 'waiting', { waitingFor });
    let w = waitingByOrigin.get(run.node);
    if (!w) waitingByOrigin.set(run.node, (w = { runs: [], waitingFor }));
    w.runs.push(run);
  }
  for (const [node, { runs, waitingFor }] of waitingByOrigin) notices.push(heldBackNotice(trust, node, runs, { reason: 'waiting', waitingFor }));

  let released = 0;
  for (const run of schedule.order) {
    const id = heldRunId(run.node, run.firstSeq);
    if (heldBefore.has(id)) {
      dropHeld.add(id);
      released++;
    }
    tallyFor(tally, run.node).newChanges += run.entries.length;
  }
  // A run held before and held again is rewritten, not dropped.
  for (const entry of hold) dropHeld.delete(heldRunId(entry.run.node, entry.run.firstSeq));

  // This copy's own newest writes come first: they were made before anything in this import arrived.
  const { untagged } = reads;
  const deps = dependenciesFrom(heads, self);
  const tagged = untagged.map((run) => ({ ...run, deps }));

  const incoming: ChangeEntry[] = schedule.order.flatMap((run) => run.entries);
  // The rows this import touches; the conflict rows of the records it and this copy's newest writes touch, and of the conflict rows they write; never the whole table.
  const { keys, records: conflictRecords, ids: conflictIds } = keysOf(incoming);
  const localEntries = untagged.flatMap((run) => run.entries);
  keysOf(localEntries, new Map(), conflictRecords, conflictIds);
  // Independent reads, made together: the rows and the conflict rows beyond what `reads` has read.
  const [rows, conflicts] = await Promise.all([rowsOf(db, keys, reads), conflictsOf(db, conflictRecords, conflictIds, reads)]);
  const stored = reads.installation;
  // Authority: the role grants first, this import's included (roles.ts); then every change by the roles in force when it was made.
  const installation = joinedBy(stored, bundle, incoming);
  const authority = authorityFrom(reads.authority, installation, incoming);
  const withoutRow = await recordsHoldingChangesWithoutRow(db, keys, rows, reads);
  const merge = new Merge(rows, conflicts, authority);
  merge.onlyConflictsOf(conflictRecords, conflictIds);
  merge.settleLocalWrites(localEntries);
  merge.noteChangesWithoutRow(withoutRow);

  const total = schedule.order.reduce((sum, run) => sum + run.entries.length, 0);
  let done = 0;
  let sincePause = 0;
  for (const run of schedule.order) {
    merge.applyRun(run);
    done += run.entries.length;
    sincePause += run.entries.length;
    if (sincePause >= MERGE_CHUNK) {
      sincePause = 0;
      onProgress?.({ stage: 'merging', done, total });
      await pause();
    }
  }

  // When this import changes who held what, every change by the copies concerned is judged again.
  if (incoming.some((entry) => entry.table === 'roleGrants' || entry.table === 'partnerNodes')) {
    const before = await loadAuthority(db, installation);
    if (before.timeline.signature() !== authority.timeline.signature()) {
      await settleStoredGrants(db, merge);
      const affected = RoleTimeline.changedCopies(before.timeline, authority.timeline);
      await markRecordsOf(db, merge, affected);
    }
  }
  await refoldLateRecords(db, merge, schedule.order, untagged, deps, pause);
  onProgress?.({ stage: 'merging', done: total, total });

  const joined = installation.consortiumId && installation.consortiumId !== stored.consortiumId ? { consortiumId: installation.consortiumId, founderNode: installation.founderNode ?? '' } : undefined;
  const newlyHeld = hold.filter((entry) => !heldBefore.has(heldRunId(entry.run.node, entry.run.firstSeq))).length;
  return { order: schedule.order, hold, dropHeld: [...dropHeld], released, newlyHeld, alreadyHad, tagged, merge, notices, tally, ...(joined ? { joined } : {}) };
}

/**
 * Of the records this import touches that have no row, those that hold refused
 * or deferred changes from earlier imports (merge.ts `unheld`): a change
 * reaching one folds it again with them.
 */
async function recordsHoldingChangesWithoutRow(db: QuorumDatabase, keys: Map<string, Set<string>>, rows: Map<string, Map<string, StoredRow | undefined>>, { keepsRefusals, keepsDeferred }: PlanReads): Promise<string[]> {
  if (!keepsRefusals && !keepsDeferred) return [];
  const absent: string[] = [];
  for (const [table, ids] of keys) {
    if (table === 'roleGrants') continue;
    for (const id of ids) if (rows.get(table)?.get(id) === undefined) absent.push(recordKey(table, id));
  }
  if (absent.length === 0) return [];
  // Each table only if it holds anything.
  const [refused, deferred] = await Promise.all([
    !keepsRefusals ? [] : (db.refusals.where('key').anyOf(absent).keys() as Promise<string[]>),
    !keepsDeferred ? [] : db.deferred.bulkGet(absent).then((found) => found.filter((row) => row !== undefined).map((row) => row.id)),
  ]);
  return [...new Set([...refused, ...deferred])];
}

/** Every grant this store holds, standing or refused, judged again by the merge's resolution of all grants (merge.ts settleStoredGrants). */
async function settleStoredGrants(db: QuorumDatabase, merge: Merge): Promise<void> {
  const refs = new Set<string>();
  for (const row of await db.roleGrants.toArray()) {
    const hlc = row._clocks.office;
    for (const ref of row._log ?? []) if (parseLogRef(ref).hlc === hlc) refs.add(ref);
  }
  const refusals = await db.refusals.where('key').startsWith('roleGrants/').toArray();
  for (const refusal of refusals) refs.add(refusal.ref);
  const entries: LocatedEntry[] = [];
  for (const ref of refs) {
    const { node, seq, hlc } = parseLogRef(ref);
    const run = (await db.changeLog.where('[node+firstSeq]').between([node, 0], [node, seq], true, true).last()) as ChainRun | undefined;
    const entry = run && run.lastSeq >= seq ? run.entries.find((e) => e.seq === seq && e.hlc === hlc) : undefined;
    if (entry && entry.table === 'roleGrants') entries.push({ entry, node, deps: run!.deps ?? {} });
  }
  for (const row of await db.roleGrants.toArray()) if (!merge.hasRow('roleGrants', row.id)) merge.provideRow('roleGrants', row.id, row as unknown as StoredRow);
  merge.settleStoredGrants(entries, refusals.map((r) => r.id));
}

/** Marks for folding again every record holding a change from one of `nodes` ('*': every record). */
async function markRecordsOf(db: QuorumDatabase, merge: Merge, nodes: Set<string>): Promise<void> {
  const every = nodes.has('*');
  for (const table of SYNCED_TABLES) {
    if (table === 'conflicts' || table === 'roleGrants') continue;
    await db.table(table).each((row: { id: string; _log?: string[] }) => {
      if (row._log?.some((ref) => every || nodes.has(parseLogRef(ref).node))) merge.markForRefold(table, row.id);
    });
  }
  const refusals = every ? await db.refusals.toArray() : await db.refusals.where('node').anyOf([...nodes]).toArray();
  for (const refusal of refusals) if (refusal.table !== 'roleGrants') merge.markForRefold(refusal.table, refusal.row);
}

/**
 * Folds again each record that a change reached late (or whose judging
 * changed): every change it holds — through its `_log`, its stored refusals
 * and deferred references, and this import's — read from the log, the
 * import's runs or this copy's own, and merged in clock order.
 */
export async function refoldLateRecords(
  db: QuorumDatabase,
  merge: Merge,
  importing: readonly ChainRun[],
  untagged: readonly ChainRun[],
  localDeps: Dependencies,
  pause: Pause,
): Promise<void> {
  const late = merge.lateRecords();
  if (late.length === 0) return;
  // The conflict rows of records folded again that the merge was not given yet (records whose judging changed).
  const lacking = late.filter((record) => !merge.hasConflictsOf(record.table, record.row)).map((record) => recordKey(record.table, record.row));
  if (lacking.length > 0) merge.provideConflicts(lacking, await loadConflicts(db, lacking));
  const runsByNode = new Map<string, ChainRun[]>();
  for (const run of [...importing, ...untagged]) {
    let list = runsByNode.get(run.node);
    if (!list) runsByNode.set(run.node, (list = []));
    list.push(run);
  }
  const untaggedSet = new Set(untagged);
  const stored = new Map<string, ChainRun | undefined>();
  const runOf = async (node: string, seq: number): Promise<ChainRun | undefined> => {
    for (const run of runsByNode.get(node) ?? []) if (run.firstSeq <= seq && seq <= run.lastSeq) return run;
    const cacheKey = `${node}|${seq}`;
    if (stored.has(cacheKey)) return stored.get(cacheKey);
    const run = (await db.changeLog.where('[node+firstSeq]').between([node, 0], [node, seq], true, true).last()) as ChainRun | undefined;
    const found = run && run.lastSeq >= seq ? run : undefined;
    stored.set(cacheKey, found);
    return found;
  };
  let count = 0;
  for (const record of late) {
    const key = recordKey(record.table, record.row);
    if (!merge.hasRow(record.table, record.row)) merge.provideRow(record.table, record.row, (await db.table(record.table).get(record.row)) as StoredRow | undefined);
    const refs = new Set<string>(merge.rowOf(record.table, record.row)?._log ?? []);
    const storedRefusals = await db.refusals.where('key').equals(key).toArray();
    for (const refusal of storedRefusals) refs.add(refusal.ref);
    const deferred = await db.deferred.get(key);
    for (const ref of deferred?.refs ?? []) refs.add(ref);
    const entries: LocatedEntry[] = [...record.entries];
    const have = new Set(entries.map((l) => `${l.entry.hlc}|${l.entry.seq}`));
    for (const ref of refs) {
      if (have.has(ref)) continue;
      const { node, seq, hlc } = parseLogRef(ref);
      const run = await runOf(node, seq);
      const entry = run?.entries.find((e) => e.seq === seq && e.hlc === hlc);
      if (!run || !entry || entry.table !== record.table || entry.row !== record.row) continue;
      entries.push({ entry, node, deps: run.deps ?? (untaggedSet.has(run) ? localDeps : {}) });
    }
    merge.refold(record.table, record.row, entries, storedRefusals.map((r) => r.id));
    if (++count % 200 === 0) await pause();
  }
}
