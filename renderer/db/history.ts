/**
 * The audit trail: who changed what, when, read from the change log
 * (docs/architecture.md, "How a write flows"). Every write is an entry in its origin's log,
 * this copy's own and the partners' imported alike, so the log alone says
 * which copy made each change (the run's node), when (the wall-clock part of
 * its HLC stamp) and which fields took which values.
 *
 * The log is packed, one row per run of one node's entries, and has no index
 * by record: finding the changes to one record means reading every run. So
 * every query here is one scan of changeLog (`toArray`, IndexedDB's fastest
 * read, docs/architecture.md, "Performance"), never a get per entry; the entries are then ordered
 * newest first by HLC, which is the order last-writer-wins uses, so "the value
 * before" a change is the value the same field had in the previous change to
 * the same record.
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
import { logRef, type ChangeEntry, type FieldValue, type LogRun, type SyncedTable } from '../../shared/sync/change';
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
  labelOf(row: string): string;
}

/** A field whose values are other records' ids: `organisationId`, `deliveryOrganisationIds`. */
export function isReference(field: string): boolean {
  return /Ids?$/.test(field);
}

/** The ids a change's fields point to. */
function referencesIn(fields: Readonly<Record<string, FieldValue>>, into: Set<string>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (!isReference(field)) continue;
    if (typeof value === 'string' && value) into.add(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string' && item) into.add(item);
  }
}

/**
 * Every change to each of `records`, newest first (several records interleave
 * by time), with the value each field had before, and the names of those
 * records and of the records their fields point to. One scan of the log.
 */
export async function changesToRecords(db: QuorumDatabase, records: ReadonlyArray<{ table: SyncedTable; row: string }>): Promise<RecordsHistory> {
  const wanted = new Set(records.map((r) => `${r.table}\u0000${r.row}`));
  const rows = new Set(records.map((r) => r.row));
  const [all, authority] = await Promise.all([readLog(db), readAuthority(db)]);
  const mine = all.filter((change) => rows.has(change.row) && wanted.has(`${change.table}\u0000${change.row}`));
  const named = new Set(rows);
  for (const change of mine) referencesIn(change.fields, named);
  const byRecord = new ChangesByRecord(
    all.filter((change) => named.has(change.row)),
    authority,
  );
  return { changes: mine.map((change) => byRecord.detail(change)), labelOf: (row) => byRecord.labelOf(row) };
}

/** Every change to one record, newest first, with the value each field had before. One scan of the log. */
export async function changesTo(db: QuorumDatabase, table: SyncedTable, row: string): Promise<DetailedChange[]> {
  return (await changesToRecords(db, [{ table, row }])).changes;
}
