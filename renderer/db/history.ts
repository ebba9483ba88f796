/**
 * The audit trail: who changed what, when, read from the change log
 * (docs/architecture.md, "How a write flows"). Every write is an entry in its origin's log,
 * this copy's own and the partners' imported alike, so the log alone says
 * which copy made each change (the run's node), when (the wall-clock part of
 * its HLC stamp) and which fields took which values.
 *
 * The log is packed, one row per run of one node's entries. One record's
 * history reads only what it needs: the record's row lists its changes
 * (`_log`: `${hlc}|${seq}` references, applied or refused), the keys of the
 * log find the run holding each, and each of those runs is read once
 * (changesToRecords). The whole consortium's history is one scan of changeLog
 * (`toArray`, IndexedDB's fastest read, docs/architecture.md, "Performance"), never a get per
 * entry. Either way the entries are then ordered newest first by HLC, which is
 * the order last-writer-wins uses, so "the value before" a change is the value
 * the same field had in the previous change to the same record.
 *
 * For the whole consortium (a few hundred thousand entries after ten years)
 * the result is one flat array of small objects that share the logged field
 * values; the details a screen shows for one row (values before, the record's
 * name, refusals) are worked out on demand, from an index by record built the
 * first time one is asked for.
 *
 * A change a partner had no authority for (authority.ts) stays in the log, as
 * it is part of a signed run, but the import refused it: it is marked refused
 * here, judged by the partner's role as this copy has it enrolled now, and
 * never counts as a value before.
 */
import { isSyncedTable, logRef, parseLogRef, SYNCED_TABLES, type ChangeEntry, type FieldValue, type LogRun, type SyncedTable } from '../../shared/sync/change';
import { compareTimestamps, momentOfTimestamp } from '../../shared/sync/hlc';
import type { QuorumDatabase } from './database';
import { labelOfRecord, NAMING_FIELDS } from './sync/record-label';

/** One change to one record, as the log holds it. */
export interface LoggedChange {
  /** The HLC stamp: orders changes (newest last) and carries the moment. */
  hlc: string;
  /** When it was made: the stamp's wall-clock moment, ISO (UTC). */
  at: string;
  /** The copy (node id) that made it. */
  node: string;
  /** Its number in that copy's log. */
  seq: number;
  table: SyncedTable;
  row: string;
  /** The fields written and their new values, as logged (shared with the log's rows, not copied). */
  fields: Readonly<Record<string, FieldValue>>;
}

/** One field of a change, with the value it replaced. */
export interface FieldChange {
  field: string;
  value: FieldValue;
  /** The field's value in the previous change to the same record; undefined when the log has none (a new record). */
  previous: FieldValue | undefined;
  /** The origin had no authority for this (authority.ts): the import refused it and it never applied here. */
  refused: boolean;
}

/** A change with its fields spelled out. */
export interface DetailedChange extends LoggedChange {
  /** The fields in the order they were logged; bookkeeping (`id`, `_clocks`) left out. */
  changes: FieldChange[];
  /** The first change the log holds for the record: the record was made by it. */
  created: boolean;
}

export interface HistoryFilter {
  table?: SyncedTable;
  /** Only changes made by this copy (node id). */
  node?: string;
  /** Only changes made at or after this moment. */
  since?: Date | string;
  /** Only changes made before this moment. */
  until?: Date | string;
}

export interface ChangeHistory {
  /** The changes that pass the filter, newest first. */
  changes: readonly LoggedChange[];
  /** How many changes the log holds in all. */
  total: number;
  /** The kinds of record and the copies that appear in the log, for choosing a filter. */
  tables: SyncedTable[];
  nodes: string[];
  /** A change's fields with their values before and refusals. */
  detail(change: LoggedChange): DetailedChange;
  /** A record's name as the log last gave it ('' when it has none): record-label.ts applied to the log. */
  labelOf(row: string): string;
}

export class NotAMomentError extends RangeError {
  override name = 'NotAMomentError';
}

/** Fields every synced row carries for sync's own use: never part of the story. */
const BOOKKEEPING = new Set(['id', '_clocks']);

function loggedChange(node: string, entry: ChangeEntry): LoggedChange {
  return { hlc: entry.hlc, at: momentOfTimestamp(entry.hlc), node, seq: entry.seq, table: entry.table as SyncedTable, row: entry.row, fields: entry.fields };
}

function newestFirst(a: LoggedChange, b: LoggedChange): number {
  return compareTimestamps(b.hlc, a.hlc);
}

/** The moment as the stamps write it (milliseconds, Z), so moments compare as strings. */
function isoOf(moment: Date | string): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) throw new NotAMomentError(`Not a moment to filter the history by: ${String(moment)}`);
  return date.toISOString();
}

/** The changes among `changes` that pass `filter`, in the same order (`changes` itself when nothing is filtered: no copy of a long log). */
export function filterChanges(changes: readonly LoggedChange[], filter: HistoryFilter = {}): readonly LoggedChange[] {
  const { table, node } = filter;
  const since = filter.since === undefined ? undefined : isoOf(filter.since);
  const until = filter.until === undefined ? undefined : isoOf(filter.until);
  if (!table && !node && since === undefined && until === undefined) return changes;
  return changes.filter(
    (c) => (!table || c.table === table) && (!node || c.node === node) && (since === undefined || c.at >= since) && (until === undefined || c.at < until),
  );
}

/** Which changes every copy refused, judged by the roles in force when each was made (the derived refusals, shared/sync/merge.ts). */
interface Authority {
  refused: ReadonlySet<string>;
}

async function readAuthority(db: QuorumDatabase): Promise<Authority> {
  return { refused: new Set(await db.refusals.toCollection().primaryKeys()) };
}

function isRefused(authority: Authority, change: { hlc: string; seq: number }, field: string): boolean {
  return authority.refused.size > 0 && authority.refused.has(`${logRef(change)}#${field}`);
}

/**
 * Details and names over a set of changes (newest first): the changes to each
 * record, indexed on first use, answer "the value before" and "its name".
 */
class ChangesByRecord {
  private index: Map<string, LoggedChange[]> | undefined;

  constructor(
    private readonly changes: readonly LoggedChange[],
    private readonly authority: Authority,
  ) {}

  private ofRow(row: string): readonly LoggedChange[] {
    if (!this.index) {
      this.index = new Map();
      for (const change of this.changes) {
        const list = this.index.get(change.row);
        if (list) list.push(change);
        else this.index.set(change.row, [change]);
      }
    }
    return this.index.get(row) ?? [];
  }

  private applied(change: LoggedChange, field: string): boolean {
    return Object.hasOwn(change.fields, field) && !isRefused(this.authority, change, field);
  }

  detail(change: LoggedChange): DetailedChange {
    const older = this.ofRow(change.row);
    const from = older.indexOf(change) + 1;
    let created = true;
    for (let i = from; i < older.length && created; i++) if (older[i]!.table === change.table) created = false;
    const changes: FieldChange[] = [];
    for (const [field, value] of Object.entries(change.fields)) {
      if (BOOKKEEPING.has(field)) continue;
      let previous: FieldValue | undefined;
      for (let i = from; i < older.length; i++) {
        const before = older[i]!;
        if (before.table === change.table && this.applied(before, field)) {
          previous = before.fields[field];
          break;
        }
      }
      changes.push({ field, value, previous, refused: isRefused(this.authority, change, field) });
    }
    return { ...change, changes, created };
  }

  labelOf(row: string): string {
    const named: Record<string, unknown> = {};
    const changes = this.ofRow(row);
    for (const field of NAMING_FIELDS) {
      const latest = changes.find((change) => this.applied(change, field));
      if (latest) named[field] = latest.fields[field];
    }
    return labelOfRecord(named);
  }
}

/** Every change in the log, newest first: the one scan every query here makes. */
async function readLog(db: QuorumDatabase): Promise<LoggedChange[]> {
  const runs: LogRun[] = await db.changeLog.toArray();
  let count = 0;
  for (const run of runs) count += run.entries.length;
  const changes = new Array<LoggedChange>(count);
  let i = 0;
  for (const run of runs) for (const entry of run.entries) changes[i++] = loggedChange(run.node, entry);
  // Each origin's entries are already in clock order, so this sort merges a few sorted stretches.
  return changes.sort(newestFirst);
}

/** Every change to the consortium's records, newest first, filtered: one scan of the log. */
export async function changeHistory(db: QuorumDatabase, filter: HistoryFilter = {}): Promise<ChangeHistory> {
  const [all, authority] = await Promise.all([readLog(db), readAuthority(db)]);
  const tables = new Set<SyncedTable>();
  const nodes = new Set<string>();
  for (const change of all) {
    tables.add(change.table);
    nodes.add(change.node);
  }
  const byRecord = new ChangesByRecord(all, authority);
  return {
    changes: filterChanges(all, filter),
    total: all.length,
    tables: [...tables],
    nodes: [...nodes],
    detail: (change) => byRecord.detail(change),
    labelOf: (row) => byRecord.labelOf(row),
  };
}

/** The changes to some records, newest first, with the names of the records they name. */
export interface RecordsHistory {
  changes: DetailedChange[];
  /** How many changes the records have in all (more than `changes` holds when a limit was asked for). */
  total: number;
  labelOf(row: string): string;
}

/** A field whose values are other records' ids: `organisationId`, `deliveryOrganisationIds`. */
export function isReference(field: string): boolean {
  return /Ids?$/.test(field);
}

/** Where the referenced record of a field lives: `organisationId` → organisations, `deliveryOrganisationIds` → organisations. */
function tableOfReference(field: string): SyncedTable | undefined {
  const stem = field.replace(/Ids?$/, '');
  const word = /[A-Z][a-z]*$/.exec(stem)?.[0] ?? stem;
  const table = `${word[0]!.toLowerCase()}${word.slice(1)}s`;
  return isSyncedTable(table) ? table : isSyncedTable(`${stem}s`) ? (`${stem}s` as SyncedTable) : undefined;
}

/** The ids a change's fields point to, with the table each is in when the field's name says so. */
function referencesIn(fields: Readonly<Record<string, FieldValue>>, into: Map<string, SyncedTable | undefined>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (!isReference(field)) continue;
    const table = tableOfReference(field);
    const add = (id: string) => {
      if (!into.has(id) || into.get(id) === undefined) into.set(id, table);
    };
    if (typeof value === 'string' && value) add(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string' && item) add(item);
  }
}

/** A record's row as far as its history needs it: its change references. */
type HistoryRow = Record<string, unknown> & { _log?: string[] };

/** The log's keys, by origin, in order: which run holds which change, known without reading a run. */
type LogKeys = Map<string, Array<[string, number]>>;

async function readLogKeys(db: QuorumDatabase): Promise<LogKeys> {
  const out: LogKeys = new Map();
  for (const key of (await db.changeLog.toCollection().primaryKeys()) as Array<[string, number]>) {
    let list = out.get(key[0]);
    if (!list) out.set(key[0], (list = []));
    list.push(key);
  }
  return out;
}

/**
 * The entries the references name, read from the runs that hold them: the
 * log's keys (keys only, nothing deserialised) find the run each change is
 * in, and each run needed is read once, all in one bulkGet. Must be called
 * inside a read transaction over changeLog.
 */
async function entriesOf(db: QuorumDatabase, refs: Iterable<string>, logKeys: LogKeys): Promise<LoggedChange[]> {
  const needed = new Map<string, { key: [string, number]; refs: Array<{ hlc: string; seq: number }> }>();
  for (const ref of refs) {
    const { node, seq, hlc } = parseLogRef(ref);
    const keys = logKeys.get(node);
    if (!keys || !Number.isInteger(seq)) continue;
    // The run holding seq is the last whose first seq is at most seq.
    let lo = 0;
    let hi = keys.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]![1] <= seq) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at < 0) continue;
    const id = `${node}|${keys[at]![1]}`;
    const run = needed.get(id);
    if (run) run.refs.push({ hlc, seq });
    else needed.set(id, { key: keys[at]!, refs: [{ hlc, seq }] });
  }
  const wanted = [...needed.values()];
  if (wanted.length === 0) return [];
  const runs = (await db.changeLog.bulkGet(wanted.map((w) => w.key))) as Array<LogRun | undefined>;
  const out: LoggedChange[] = [];
  runs.forEach((run, k) => {
    if (!run) return;
    for (const ref of wanted[k]!.refs) {
      if (ref.seq > run.lastSeq) continue;
      // Runs hold their entries without gaps; look further only if that does not hold.
      let entry: ChangeEntry | undefined = run.entries[ref.seq - run.firstSeq];
      if (!entry || entry.seq !== ref.seq) entry = run.entries.find((e) => e.seq === ref.seq);
      if (entry && entry.hlc === ref.hlc) out.push(loggedChange(run.node, entry));
    }
  });
  return out;
}

/** One record's changes as its row and the refusals list them, oldest first. */
interface RecordRefs {
  table: SyncedTable;
  row: string;
  refs: string[];
}

function hlcOfRef(ref: string): string {
  return ref.slice(0, ref.lastIndexOf('|'));
}

/** How many older changes of a record are read at a time while looking for the values before the changes shown. */
const OLDER_BATCH = 8;

export interface RecordsHistoryOptions {
  /** Only the newest this many changes (with their values before): what a screen shows first. */
  limit?: number;
}

/**
 * Every change to each of `records` (or the newest `limit`), newest first
 * (several records interleave by time), with the value each field had before,
 * and the names of those records and of the records their fields point to.
 *
 * Reads only what the records need, never the whole log: each record's row
 * names its changes (`_log`, applied or refused, plus the stored refusals and
 * deferred changes of a record that has no row), those references find the
 * runs that hold them, and each run is read once. With a limit, older changes
 * are read only as far back as the values before the changes shown need
 * (newest first, a few at a time). A record is named by its row as it stands
 * (as its own changes last named it, if it has no row), and so is a record
 * its fields point to.
 */
export async function changesToRecords(
  db: QuorumDatabase,
  records: ReadonlyArray<{ table: SyncedTable; row: string }>,
  options: RecordsHistoryOptions = {},
): Promise<RecordsHistory> {
  // A read only: when IndexedDB ends its transaction early (Dexie's PrematureCommitError, seen now and then in Chromium
  // while a bundle's changes settle), read again rather than fail the page. Root cause not found yet: see the stop notes.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readChangesToRecords(db, records, options);
    } catch (error) {
      if (attempt >= 3 || (error as { name?: unknown } | null)?.name !== 'PrematureCommitError') throw error;
    }
  }
}

async function readChangesToRecords(
  db: QuorumDatabase,
  records: ReadonlyArray<{ table: SyncedTable; row: string }>,
  options: RecordsHistoryOptions,
): Promise<RecordsHistory> {
  const keys = [...new Set(records.map((r) => `${r.table}/${r.row}`))];
  // Every synced table: the records pointed to may be in any (a read transaction over more stores costs nothing more).
  const synced = db.tables.filter((table) => isSyncedTable(table.name));
  return db.transaction('r', [...synced, db.changeLog, db.refusals, db.deferred], async () => {
    const [rows, refusals, deferred, logKeys] = await Promise.all([
      Promise.all(keys.map((key) => db.table<HistoryRow, string>(key.slice(0, key.indexOf('/'))).get(key.slice(key.indexOf('/') + 1)))),
      keys.length ? db.refusals.where('key').anyOf(keys).toArray() : [],
      db.deferred.bulkGet(keys),
      readLogKeys(db),
    ]);
    const authority: Authority = { refused: new Set(refusals.map((r) => r.id)) };
    const byKey = new Map<string, RecordRefs>();
    keys.forEach((key, i) => {
      const slash = key.indexOf('/');
      const set = new Set<string>(rows[i]?._log ?? []);
      for (const refusal of refusals) if (refusal.key === key) set.add(refusal.ref);
      for (const ref of deferred[i]?.refs ?? []) set.add(ref);
      const refs = [...set].sort((a, b) => compareTimestamps(hlcOfRef(a), hlcOfRef(b)));
      byKey.set(key, { table: key.slice(0, slash) as SyncedTable, row: key.slice(slash + 1), refs });
    });

    // Every change of every record, newest first; those shown; how far back each record has been read.
    const all: Array<{ ref: string; record: RecordRefs; at: number }> = [];
    for (const record of byKey.values()) record.refs.forEach((ref, at) => all.push({ ref, record, at }));
    all.sort((a, b) => compareTimestamps(hlcOfRef(b.ref), hlcOfRef(a.ref)));
    const shown = options.limit === undefined ? all : all.slice(0, options.limit);
    const loaded = new Map<string, LoggedChange | null>();
    const load = async (refs: string[]) => {
      const missing = refs.filter((ref) => !loaded.has(ref));
      for (const ref of missing) loaded.set(ref, null);
      for (const change of await entriesOf(db, missing, logKeys)) loaded.set(logRef(change), change);
    };
    // The changes shown and, in the same read, a few older ones of each record: usually all the values before need.
    const readFrom = new Map<RecordRefs, number>();
    for (const { record, at } of shown) readFrom.set(record, Math.min(readFrom.get(record) ?? at, at));
    const first = shown.map((s) => s.ref);
    if (shown.length < all.length) {
      for (const [record, floor] of readFrom) {
        const next = Math.max(0, floor - OLDER_BATCH);
        first.push(...record.refs.slice(next, floor));
        readFrom.set(record, next);
      }
    }
    await load(first);

    const changeOf = (record: RecordRefs, at: number): LoggedChange | undefined => {
      const change = loaded.get(record.refs[at]!);
      return change && change.table === record.table && change.row === record.row ? change : undefined;
    };
    const applied = (change: LoggedChange, field: string) => Object.hasOwn(change.fields, field) && !isRefused(authority, change, field);
    /** The change before position `at` that set `field`, looking no further back than what has been read: found, none (the record's first), or not read yet. */
    const before = (record: RecordRefs, at: number, field: string): LoggedChange | 'none' | 'unread' => {
      const floor = readFrom.get(record) ?? 0;
      for (let i = at - 1; i >= floor; i--) {
        const change = changeOf(record, i);
        if (change && applied(change, field)) return change;
      }
      return floor === 0 ? 'none' : 'unread';
    };
    // Read older changes, a few at a time, until every field shown has its value before (or the record's first change is reached).
    for (;;) {
      const wanted: string[] = [];
      for (const [record, floor] of readFrom) {
        if (floor === 0) continue;
        const unresolved = shown.some(({ record: r, at, ref }) => {
          if (r !== record) return false;
          const change = loaded.get(ref);
          return change ? Object.keys(change.fields).some((field) => !BOOKKEEPING.has(field) && before(record, at, field) === 'unread') : false;
        });
        if (!unresolved) continue;
        const next = Math.max(0, floor - OLDER_BATCH);
        wanted.push(...record.refs.slice(next, floor));
        readFrom.set(record, next);
      }
      if (wanted.length === 0) break;
      await load(wanted);
    }

    const changes: DetailedChange[] = [];
    for (const { record, at } of shown) {
      const change = changeOf(record, at);
      if (!change) continue;
      const fields: FieldChange[] = [];
      for (const [field, value] of Object.entries(change.fields)) {
        if (BOOKKEEPING.has(field)) continue;
        const previous = before(record, at, field);
        fields.push({ field, value, previous: typeof previous === 'string' ? undefined : previous.fields[field], refused: isRefused(authority, change, field) });
      }
      changes.push({ ...change, changes: fields, created: at === 0 });
    }

    const own = new Map<string, string>();
    keys.forEach((key, i) => {
      const record = byKey.get(key)!;
      let label = labelOfRecord(rows[i]);
      // A record with no row (its making was refused): named as its changes read here last named it.
      for (let at = record.refs.length - 1; at >= 0 && !label && !rows[i]; at--) {
        const change = changeOf(record, at);
        if (change) for (const field of NAMING_FIELDS) if (!label && applied(change, field) && typeof change.fields[field] === 'string') label = labelOfRecord({ [field]: change.fields[field] });
      }
      own.set(record.row, label);
    });
    const pointedTo = new Map<string, SyncedTable | undefined>();
    for (const change of changes) referencesIn(change.fields, pointedTo);
    for (const id of own.keys()) pointedTo.delete(id);
    const labels = await labelsOfRows(db, pointedTo);
    return { changes, total: all.length, labelOf: (row) => own.get(row) ?? labels.get(row) ?? '' };
  });
}

/** The names of the records `ids` point to, from their rows as they stand (a table the field's name does not give is looked for in every table). */
async function labelsOfRows(db: QuorumDatabase, ids: ReadonlyMap<string, SyncedTable | undefined>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    [...ids].map(async ([id, table]) => {
      for (const name of table ? [table] : SYNCED_TABLES) {
        const row = (await db.table(name).get(id)) as Record<string, unknown> | undefined;
        if (row) {
          out.set(id, labelOfRecord(row));
          return;
        }
      }
    }),
  );
  return out;
}

/** Every change to one record, newest first, with the value each field had before: the record's changes only (changesToRecords). */
export async function changesTo(db: QuorumDatabase, table: SyncedTable, row: string): Promise<DetailedChange[]> {
  return (await changesToRecords(db, [{ table, row }])).changes;
}
