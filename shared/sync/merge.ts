/**
 * Merging changes into rows: last writer wins per field, and the losing value
 * of a concurrent edit kept as a conflict. Pure: the caller loads the rows the
 * changes touch and every conflict row, feeds runs in causal order, then writes
 * what this returns.
 *
 * Per field, the value with the greatest HLC wins (HLC strings collate as
 * (time, counter, node id), so the node id breaks ties the same way everywhere).
 *
 * Conflicts follow the "heads" of a multi-value register. A write W has *seen*
 * an earlier write X to the same field when X was already applied at W's origin
 * when W was made: X came from the same origin (and is older), or W's run lists
 * X's origin in its dependencies at or after X's HLC (run-seal.ts, `deps`). A
 * write that a later write has seen was replaced knowingly: no conflict. The
 * heads of a field are the writes no other write has seen; the head with the
 * greatest HLC is the current value, and every other head is kept as a conflict
 * row whose id is derived from (table, row, field, losing HLC). That set
 * depends only on which writes exist, not on the order they arrived in, so all
 * copies converge on the same conflict rows. (It needs causal delivery: a write
 * is applied only after the writes it has seen. The importer guarantees that by
 * holding back runs whose dependencies have not arrived.) When two heads hold
 * the same value the conflict row is kept but marked resolved: nobody needs to
 * choose.
 *
 * A conflict row counts as a head of the field its own id names (the row's
 * table, row and field begin its id, conflictIdFor), so the caller may load
 * only the conflict rows of the records a merge touches, by that prefix of the
 * primary key (`onlyConflictsOf`, `provideConflicts`): a row whose fields name
 * another record than its id, which only a hand-made change could write, is
 * kept but heads nothing, however the rows were loaded.
 *
 * Conflict rows are computed, not logged: each copy derives them. A person's
 * resolution is logged like any other change, and a field of a conflict row
 * that carries a clock (in `_clocks`) is a logged value this module never
 * overwrites; the derived fields carry no clock. When a head stops being a head
 * its derived fields are removed, and the row too if nothing logged remains.
 * Conflict rows themselves merge by plain last-writer-wins.
 *
 * Authority (authority.ts) is judged per field, in clock order per record: the
 * usual case is a change newer than everything the record holds, judged
 * against the record as it stands. A change older than the newest the record
 * holds arrived late: the record is marked and folded again from all its
 * changes in clock order (`refold`, fed by the caller, which reads them from the
 * log through the record's `_log`), so the result is what every copy computes
 * whatever the order of arrival. Refused changes are kept as refusal rows,
 * derived like conflicts; changes to kinds or fields this version does not
 * know are kept as deferred references, applied after an upgrade.
 */
import { insertLogRef, isSyncedTable, logRef, type ChangeEntry, type FieldValue, type SyncedRow, type SyncedTable } from './change';
import { sameJson } from './canonical-json';
import { actorAt, judge, type Refusal } from './authority';
import type { Dependencies } from './run-seal';
import { RoleTimeline, type GrantCandidate, type GrantResolution, type GrantRules } from './roles';
import { nodeOfStamp } from './stamp';

export { nodeOfStamp } from './stamp';

export type StoredRow = SyncedRow & Record<string, unknown>;

export interface ConflictRow extends SyncedRow {
  table?: string;
  row?: string;
  field?: string;
  keptValue?: unknown;
  keptHlc?: string;
  losingValue?: unknown;
  losingHlc?: string;
  status?: 'open' | 'resolved';
  [extra: string]: unknown;
}

const DERIVED_FIELDS = ['table', 'row', 'field', 'keptValue', 'keptHlc', 'losingValue', 'losingHlc', 'status'] as const;
/** The fields a person's resolution of a conflict may log; any other name is ignored (never read as a built-in). */
const CONFLICT_FIELDS = new Set<string>([...DERIVED_FIELDS, 'deleted', 'resolution', 'resolvedValue', 'resolvedAt']);
const GRANT_FIELDS = new Set(['office', 'node', 'organisationId', 'from', 'note']);

/** The id of the conflict row that keeps a losing value: the same on every copy. */
export function conflictIdFor(table: string, row: string, field: string, losingHlc: string): string {
  return `${table}/${row}/${field}@${losingHlc}`;
}

/**
 * A change refused on every copy, kept as a row of this copy's `refusals`
 * table: derived (like conflicts), so every copy holding the same changes holds
 * the same refusals.
 */
export interface RefusalRow {
  /** `${logRef}#${field}`. */
  id: string;
  /** `${table}/${row}`, indexed: a record's refusals. */
  key: string;
  table: string;
  row: string;
  field: string;
  ref: string;
  /** The origin. */
  node: string;
  seq: number;
  hlc: string;
  value: FieldValue;
  action: string;
  reason: string;
}

/** References to changes this version does not know, kept per record until an upgrade knows them. */
export interface DeferredRow {
  /** `${table}/${row}`. */
  id: string;
  table: string;
  row: string;
  refs: string[];
}

/** What authority is judged with: the role timeline, this copy's consortium, and the resolved role grants. */
export interface MergeAuthority {
  timeline: RoleTimeline;
  consortiumId: string;
  grants: GrantResolution;
  /** The constitution's settings grants are resolved with (roles.ts). */
  grantRules?: GrantRules;
  /** Every grant the resolution was made from (accepted or refused), for judging one more (renderer/db/writer.ts). */
  grantCandidates?: readonly GrantCandidate[];
}

/** No roles at all: for merges that only settle this copy's own writes (seal-local-runs.ts). */
export function noAuthority(): MergeAuthority {
  const timeline = new RoleTimeline('', []);
  return { timeline, consortiumId: '', grants: { timeline, accepted: new Map(), refused: [] } };
}

/** A change with what it needs to merge: its origin and the origin's dependencies when it was made. */
export interface LocatedEntry {
  entry: ChangeEntry;
  node: string;
  deps: Dependencies;
}

export function recordKey(table: string, row: string): string {
  return `${table}/${row}`;
}

function refusalId(ref: string, field: string): string {
  return `${ref}#${field}`;
}

function lastRefHlc(row: StoredRow | undefined): string {
  const refs = row?._log;
  if (!refs || refs.length === 0) return '';
  const last = refs[refs.length - 1]!;
  return last.slice(0, last.lastIndexOf('|'));
}

export interface RecordChange {
  table: SyncedTable;
  row: string;
  created: boolean;
  fields: string[];
}

export interface TableCounts {
  created: number;
  updated: number;
  /** Changes to this table already superseded here (a newer value was kept). */
  outdated: number;
}

/** A run's entries as the merge needs them. */
export interface MergeRun {
  node: string;
  deps: Dependencies;
  entries: ChangeEntry[];
}

function fieldKey(table: string, row: string, field: string): string {
  return `${table}\u0001${row}\u0001${field}`;
}

export class Merge {
  /** Rows touched, by table then id; `undefined` means known not to exist. */
  private readonly rows: Map<string, Map<string, StoredRow | undefined>>;
  private readonly dirtyRows = new Map<string, Set<string>>();
  /** The `_log` arrays this merge made, by the row holding each (writableLog). */
  private readonly ownLogs = new WeakMap<StoredRow, string[]>();
  private readonly createdRows = new Map<string, Set<string>>();
  private readonly changedFields = new Map<string, Map<string, Set<string>>>();
  private readonly conflicts = new Map<string, ConflictRow>();
  private readonly conflictsByField = new Map<string, Set<string>>();
  private readonly dirtyConflicts = new Set<string>();
  private readonly deletedConflicts = new Set<string>();
  private readonly conflictsBefore = new Map<string, string>();
  /** Refusals made by this merge, by id. */
  private readonly refusals = new Map<string, RefusalRow>();
  /** Stored refusal ids this merge found no longer hold (their record was folded again). */
  private readonly refusalsDropped = new Set<string>();
  private readonly storedRefusals = new Set<string>();
  private readonly deferred = new Map<string, DeferredRow>();
  /** Records that received a change older than their newest: folded again by the caller (refold). */
  private readonly late = new Map<string, { table: string; row: string; entries: LocatedEntry[] }>();
  /**
   * Records with no row that hold changes no row keeps a reference to: refused
   * (or deferred) while the record did not exist — this merge's, with their
   * entries, or earlier imports' (named by the caller, `noteChangesWithoutRow`).
   * Any later change to such a record folds it again with them, so the record
   * ends as the fold of all its changes in clock order ends, whichever arrived
   * first: its history (`_log`) keeps them, and a creation older in clock
   * order comes before them.
   */
  private readonly unheld = new Map<string, LocatedEntry[]>();
  /** Rows that stopped existing when folded again (every change to them refused). */
  private readonly removedRows = new Map<string, Set<string>>();
  private readonly originalRows = new Map<string, StoredRow | undefined>();
  /**
   * When the caller loaded only some conflict rows: the records (`table/row`)
   * whose conflict rows are all here, and the conflict ids looked up. Unset: every
   * conflict row was given.
   */
  private conflictScope: { records: Set<string>; ids: Set<string> } | undefined;
  readonly counts = new Map<SyncedTable, TableCounts>();
  /** The greatest HLC merged, for the clock to move past. */
  maxHlc = '';
  entriesApplied = 0;

  constructor(
    rows: Map<string, Map<string, StoredRow | undefined>>,
    conflicts: ConflictRow[],
    private readonly authority: MergeAuthority,
    /** Ids of refusal rows already stored for the records this merge may fold again. */
    storedRefusalIds: Iterable<string> = [],
  ) {
    this.rows = rows;
    for (const row of conflicts) {
      this.conflicts.set(row.id, row);
      this.conflictsBefore.set(row.id, JSON.stringify(row));
      this.index(row);
    }
    for (const id of storedRefusalIds) this.storedRefusals.add(id);
  }

  /**
   * Says that the conflict rows given to the constructor are only those of the
   * records `records` (recordKey: every row whose id begins with `table/row/`)
   * and the conflict rows `ids` (the ones this merge's changes write, found or
   * not). Merging a change to any other record throws until its conflicts are
   * provided (`provideConflicts`).
   */
  onlyConflictsOf(records: Iterable<string>, ids: Iterable<string> = []): void {
    this.conflictScope = { records: new Set(records), ids: new Set(ids) };
  }

  /** Whether this merge holds every conflict row of a record. */
  hasConflictsOf(table: string, row: string): boolean {
    return !this.conflictScope || this.conflictScope.records.has(recordKey(table, row));
  }

  /** Adds the stored conflict rows of more records (see onlyConflictsOf); rows this merge holds already are left as they are. */
  provideConflicts(records: Iterable<string>, rows: readonly ConflictRow[]): void {
    for (const row of rows) {
      if (this.conflictsBefore.has(row.id) || this.conflicts.has(row.id) || this.deletedConflicts.has(row.id)) continue;
      this.conflicts.set(row.id, row);
      this.conflictsBefore.set(row.id, JSON.stringify(row));
      this.index(row);
    }
    if (this.conflictScope) for (const key of records) this.conflictScope.records.add(key);
  }

  private needConflictsOf(table: string, row: string): void {
    if (!this.hasConflictsOf(table, row)) throw new Error(`The merge was not given the conflicts of ${recordKey(table, row)}`);
  }

  private needConflictRow(id: string): void {
    if (this.conflictScope && !this.conflictScope.ids.has(id)) throw new Error(`The merge was not given the conflict row ${id}`);
  }

  /** Refusals this merge made that were not stored before: the ones to report. */
  get refused(): RefusalRow[] {
    return [...this.refusals.values()].filter((r) => !this.storedRefusals.has(r.id));
  }

  /** Refusal rows to put, and ids to delete. */
  refusalWrites(): { put: RefusalRow[]; remove: string[] } {
    return { put: [...this.refusals.values()], remove: [...this.refusalsDropped].filter((id) => !this.refusals.has(id)) };
  }

  /** Deferred references gathered by this merge (to add to what is stored). */
  deferredRows(): DeferredRow[] {
    return [...this.deferred.values()];
  }

  /** Records to fold again: every change they hold is to be passed to `refold`. */
  lateRecords(): Array<{ table: string; row: string; entries: LocatedEntry[] }> {
    return [...this.late.values()];
  }

  /** Whether this merge has loaded (or made) a record; `undefined` rows count as loaded (known not to exist). */
  hasRow(table: string, id: string): boolean {
    return this.rows.get(table)?.has(id) ?? false;
  }

  /** Gives the merge a stored record it had not loaded (a record folded again that this import does not touch). */
  provideRow(table: string, id: string, row: StoredRow | undefined): void {
    let byId = this.rows.get(table);
    if (!byId) this.rows.set(table, (byId = new Map()));
    if (!byId.has(id)) byId.set(id, row);
  }

  /** Names records that have no row but hold refused or deferred changes from earlier imports (their `table/row` keys). */
  noteChangesWithoutRow(keys: Iterable<string>): void {
    for (const key of keys) if (!this.unheld.has(key)) this.unheld.set(key, []);
  }

  /** Marks a record to be folded again (its judging changed: roles, or a late change). */
  markForRefold(table: string, row: string): void {
    const key = recordKey(table, row);
    if (!this.late.has(key)) this.late.set(key, { table, row, entries: [] });
  }

  /** Rows to delete, by table: records whose every change is refused once folded again. */
  rowsToRemove(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [table, ids] of this.removedRows) out.set(table, [...ids]);
    return out;
  }

  private index(row: ConflictRow): void {
    if (typeof row.table !== 'string' || typeof row.row !== 'string' || typeof row.field !== 'string') return;
    // A head of the field its id names, and of no other (see the top of this file).
    if (!row.id.startsWith(`${row.table}/${row.row}/${row.field}@`)) return;
    const key = fieldKey(row.table, row.row, row.field);
    let ids = this.conflictsByField.get(key);
    if (!ids) this.conflictsByField.set(key, (ids = new Set()));
    ids.add(row.id);
  }

  private unindex(row: ConflictRow): void {
    if (typeof row.table !== 'string' || typeof row.row !== 'string' || typeof row.field !== 'string') return;
    this.conflictsByField.get(fieldKey(row.table, row.row, row.field))?.delete(row.id);
  }

  private countsFor(table: SyncedTable): TableCounts {
    let counts = this.counts.get(table);
    if (!counts) this.counts.set(table, (counts = { created: 0, updated: 0, outdated: 0 }));
    return counts;
  }

  /**
   * The `_log` of a row this merge writes, its own: copied the first time (the
   * row read from the store, and any row copied from it, keep theirs), then added
   * to in place. A record's history can hold thousands of references, and a
   * bundle often changes one record many times (a partner's own details).
   */
  private writableLog(row: StoredRow): string[] {
    let log = row._log;
    if (!log || this.ownLogs.get(row) !== log) {
      log = row._log = [...(row._log ?? [])];
      this.ownLogs.set(row, log);
    }
    return log;
  }

  /** The row to change, copied on first touch so the caller's objects stay as read. */
  private rowForWrite(table: string, id: string): StoredRow {
    let byId = this.rows.get(table);
    if (!byId) this.rows.set(table, (byId = new Map()));
    let dirty = this.dirtyRows.get(table);
    if (!dirty) this.dirtyRows.set(table, (dirty = new Set()));
    const existing = byId.get(id);
    if (dirty.has(id) && existing) return existing;
    dirty.add(id);
    let row: StoredRow;
    if (existing) {
      row = { ...existing, _clocks: { ...existing._clocks } };
    } else {
      row = { id, _clocks: {} };
      let created = this.createdRows.get(table);
      if (!created) this.createdRows.set(table, (created = new Set()));
      created.add(id);
    }
    byId.set(id, row);
    return row;
  }

  /** A row as it is after the merge (or as loaded), if this merge has it. */
  rowOf(table: string, id: string): StoredRow | undefined {
    return table === 'conflicts' ? (this.conflicts.get(id) as StoredRow | undefined) : this.rows.get(table)?.get(id);
  }

  private currentRow(table: string, id: string): StoredRow | undefined {
    return this.rows.get(table)?.get(id);
  }

  private noteChangedField(table: string, row: string, field: string): void {
    let byRow = this.changedFields.get(table);
    if (!byRow) this.changedFields.set(table, (byRow = new Map()));
    let fields = byRow.get(row);
    if (!fields) byRow.set(row, (fields = new Set()));
    fields.add(field);
  }

  /** Sets the derived fields of the conflict row keeping `losing` (never a field that carries a clock). */
  private keepConflict(table: string, row: string, field: string, losing: { hlc: string; value: unknown }, kept: { hlc: string; value: unknown }): void {
    const id = conflictIdFor(table, row, field, losing.hlc);
    let conflict = this.conflicts.get(id);
    const derived: Record<(typeof DERIVED_FIELDS)[number], unknown> = {
      table,
      row,
      field,
      keptValue: kept.value,
      keptHlc: kept.hlc,
      losingValue: losing.value,
      losingHlc: losing.hlc,
      status: sameJson(losing.value, kept.value) ? 'resolved' : 'open',
    };
    if (!conflict) {
      conflict = { id, _clocks: {} };
      this.deletedConflicts.delete(id);
    } else {
      conflict = { ...conflict, _clocks: { ...conflict._clocks } };
    }
    let changed = !this.conflicts.has(id);
    for (const name of DERIVED_FIELDS) {
      if (conflict._clocks[name] !== undefined) continue;
      if (!(name in conflict) || !sameJson(conflict[name], derived[name])) {
        (conflict as Record<string, unknown>)[name] = derived[name];
        changed = true;
      }
    }
    if (!changed) return;
    this.conflicts.set(id, conflict);
    this.index(conflict);
    this.dirtyConflicts.add(id);
  }

  /** Removes a conflict row's derived fields: the value it kept is no longer a head. */
  private dropConflict(id: string): void {
    const conflict = this.conflicts.get(id);
    if (!conflict) return;
    const kept: ConflictRow = { id, _clocks: conflict._clocks };
    let removed = false;
    for (const [name, value] of Object.entries(conflict)) {
      if (name === 'id' || name === '_clocks') continue;
      if (conflict._clocks[name] !== undefined) kept[name] = value;
      else removed = true;
    }
    if (!removed) return;
    this.unindex(conflict);
    if (Object.keys(conflict._clocks).length === 0) {
      this.conflicts.delete(id);
      this.dirtyConflicts.delete(id);
      this.deletedConflicts.add(id);
      return;
    }
    this.conflicts.set(id, kept);
    this.index(kept);
    this.dirtyConflicts.add(id);
  }

  /**
   * This copy's own writes since the last merge: each has seen every head of
   * the fields it wrote, so any conflict kept for those fields is superseded.
   * (They are already in the rows: recordChanges wrote them.)
   */
  settleLocalWrites(entries: ChangeEntry[]): void {
    for (const entry of entries) {
      if (entry.table === 'conflicts') continue;
      this.needConflictsOf(entry.table, entry.row);
      for (const field in entry.fields) {
        const ids = this.conflictsByField.get(fieldKey(entry.table, entry.row, field));
        if (!ids) continue;
        for (const id of [...ids]) this.dropConflict(id);
      }
    }
  }

  /** Merges one run's entries, each judged by the roles its origin held at the entry's clock time. */
  applyRun(run: MergeRun): void {
    for (const entry of run.entries) this.applyEntry({ entry, node: run.node, deps: run.deps }, false);
  }

  private noteRefusal(located: LocatedEntry, field: string, value: FieldValue, refusal: Refusal): void {
    const { entry, node } = located;
    const ref = logRef(entry);
    const id = refusalId(ref, field);
    this.refusals.set(id, {
      id,
      key: recordKey(entry.table, entry.row),
      table: entry.table,
      row: entry.row,
      field,
      ref,
      node,
      seq: entry.seq,
      hlc: entry.hlc,
      value,
      action: refusal.action,
      reason: refusal.reason,
    });
  }

  private noteDeferred(entry: ChangeEntry): void {
    const key = recordKey(entry.table, entry.row);
    let row = this.deferred.get(key);
    if (!row) this.deferred.set(key, (row = { id: key, table: entry.table, row: entry.row, refs: [] }));
    insertLogRef(row.refs, logRef(entry));
  }

  private applyEntry(located: LocatedEntry, refolding: boolean): void {
    const { entry, node: origin, deps } = located;
    const { table, row: id, hlc } = entry;
    if (hlc > this.maxHlc) this.maxHlc = hlc;
    if (!refolding) this.entriesApplied++;
    if (!isSyncedTable(table)) {
      // A kind of record this version does not know: kept (the run is in the log) and applied after an upgrade.
      this.noteDeferred(entry);
      return;
    }
    const seen = (stamp: string, by: string): boolean => {
      const node = nodeOfStamp(stamp);
      if (node === origin) return stamp <= by;
      const known = deps[node];
      return known !== undefined && known >= stamp;
    };
    const counts = this.countsFor(table);
    const fields = Object.keys(entry.fields);
    if (table === 'conflicts') {
      let wasCreated = false;
      let changedAny = false;
      let outdatedAny = false;
      this.needConflictRow(id);
      for (const field of fields) {
        if (!CONFLICT_FIELDS.has(field)) continue;
        const outcome = this.applyLoggedConflictField(id, field, entry.fields[field]!, hlc);
        if (outcome === 'outdated') outdatedAny = true;
        else {
          if (outcome === 'created') wasCreated = true;
          changedAny = true;
        }
      }
      if (!refolding) {
        if (wasCreated) counts.created++;
        else if (changedAny) counts.updated++;
        else if (outdatedAny) counts.outdated++;
      }
      return;
    }
    if (table === 'roleGrants') {
      this.applyGrant(located);
      return;
    }
    this.needConflictsOf(table, id);
    const current = this.currentRow(table, id);
    if (!refolding) {
      const key = recordKey(table, id);
      const late = this.late.get(key);
      const unheld = current ? undefined : this.unheld.get(key);
      if (late || unheld || (current && hlc < lastRefHlc(current))) {
        // Older than the newest change the record holds (or the record holds changes no row keeps yet):
        // judged again with all of them, in clock order.
        if (late) late.entries.push(located);
        else this.late.set(key, { table, row: id, entries: [...(unheld ?? []), located] });
        this.unheld.delete(key);
        counts.updated++;
        return;
      }
    }
    const actor = actorAt(this.authority.timeline, origin, hlc);
    // Every field is judged against the record as it was before this change, then the allowed ones are applied.
    const allowed: string[] = [];
    for (const field of fields) {
      const value = entry.fields[field]!;
      const verdict = judge({ table, row: id, field, value, entryFields: entry.fields, before: current, actor, consortiumId: this.authority.consortiumId });
      if (verdict.kind === 'allowed') allowed.push(field);
      else if (verdict.kind === 'unknown') this.noteDeferred(entry);
      else this.noteRefusal(located, field, value, verdict.refusal);
    }
    let wasCreated = false;
    let changedAny = false;
    let outdatedAny = false;
    let touched = false;
    for (const field of allowed) {
      const value = entry.fields[field]!;
      const row = this.currentRow(table, id);
      const currentHlc = row && Object.hasOwn(row._clocks, field) ? row._clocks[field] : undefined;
      if (currentHlc !== undefined && hlc <= currentHlc) {
        // Older than what is here. Not seen by what is here (it is new to this copy), so it is a losing head.
        outdatedAny = true;
        if (hlc !== currentHlc) {
          this.dropSeenHeads(table, id, field, (h) => seen(h, hlc));
          this.keepConflict(table, id, field, { hlc, value }, { hlc: currentHlc, value: row![field] });
        }
        continue;
      }
      const target = this.rowForWrite(table, id);
      touched = true;
      if (!row) wasCreated = true;
      const losing: Array<{ hlc: string; value: unknown }> = [];
      if (currentHlc !== undefined && !seen(currentHlc, hlc)) losing.push({ hlc: currentHlc, value: target[field] });
      for (const conflictId of [...(this.conflictsByField.get(fieldKey(table, id, field)) ?? [])]) {
        const conflict = this.conflicts.get(conflictId)!;
        const losingHlc = conflict.losingHlc;
        if (typeof losingHlc !== 'string') continue;
        if (seen(losingHlc, hlc)) this.dropConflict(conflictId);
        else losing.push({ hlc: losingHlc, value: conflict.losingValue });
      }
      for (const head of losing) this.keepConflict(table, id, field, head, { hlc, value });
      if (!Object.hasOwn(target, field) || !sameJson(target[field], value)) {
        changedAny = true;
        this.noteChangedField(table, id, field);
      }
      target[field] = value;
      target._clocks[field] = hlc;
    }
    // The record keeps a reference to every change it holds, applied or not (its history, and what it is folded again from).
    const holder = touched ? this.rowForWrite(table, id) : this.currentRow(table, id);
    if (!holder && !refolding) {
      // No row to keep its reference: the record is folded again if anything else reaches it.
      const key = recordKey(table, id);
      const unheld = this.unheld.get(key);
      if (unheld) unheld.push(located);
      else this.unheld.set(key, [located]);
    }
    if (holder) {
      if (touched) insertLogRef(this.writableLog(holder), logRef(entry));
      else if (!(holder._log ?? []).includes(logRef(entry))) insertLogRef(this.writableLog(this.rowForWrite(table, id)), logRef(entry));
    }
    if (refolding) return;
    if (wasCreated) counts.created++;
    else if (changedAny) counts.updated++;
    else if (outdatedAny) counts.outdated++;
  }

  /**
   * Grants stored by earlier imports or written here, judged again because
   * the resolution of every grant changed (roles.ts): a grant stored as
   * standing that no longer stands loses its row and is kept as refused, and
   * one kept as refused that now stands gets its row — as on a copy that
   * received them after the grants that decide them. `entries` are the changes
   * that wrote them (read from the log); `storedRefusalIds`, every grant
   * refusal stored.
   */
  settleStoredGrants(entries: LocatedEntry[], storedRefusalIds: Iterable<string>): void {
    for (const id of storedRefusalIds) {
      this.refusalsDropped.add(id);
      this.storedRefusals.add(id);
    }
    for (const located of entries) {
      const { entry } = located;
      const accepted = this.authority.grants.accepted.get(entry.row);
      const row = this.currentRow('roleGrants', entry.row);
      if ((!accepted || accepted.hlc !== entry.hlc) && row && row._clocks.office === entry.hlc) {
        this.rows.get('roleGrants')!.set(entry.row, undefined);
        this.dirtyRows.get('roleGrants')?.delete(entry.row);
        let removed = this.removedRows.get('roleGrants');
        if (!removed) this.removedRows.set('roleGrants', (removed = new Set()));
        removed.add(entry.row);
      }
      this.applyGrant(located);
      if (this.currentRow('roleGrants', entry.row)) this.removedRows.get('roleGrants')?.delete(entry.row);
    }
  }

  /** A role grant: stands exactly when the resolution of every grant accepted it (roles.ts). */
  private applyGrant(located: LocatedEntry): void {
    const { entry } = located;
    const counts = this.countsFor('roleGrants');
    // A grant is judged like any record for its schema and its id (one per office, copy and date) before the timeline decides whether it stands.
    const actor = actorAt(this.authority.timeline, located.node, entry.hlc);
    for (const field of Object.keys(entry.fields)) {
      const verdict = judge({ table: 'roleGrants', row: entry.row, field, value: entry.fields[field], entryFields: entry.fields, before: undefined, actor, consortiumId: this.authority.consortiumId });
      if (verdict.kind === 'refused') {
        this.noteRefusal(located, 'office', entry.fields as FieldValue, verdict.refusal);
        return;
      }
      if (verdict.kind === 'unknown') this.noteDeferred(entry);
    }
    const accepted = this.authority.grants.accepted.get(entry.row);
    if (!accepted || accepted.hlc !== entry.hlc) {
      const reason =
        this.authority.grants.refused.find((r) => r.candidate.id === entry.row && r.candidate.hlc === entry.hlc)?.reason ??
        (accepted ? '' : 'only the secretariat or the Accountable Body grants roles, and no copy gives itself one');
      // The whole grant is kept with its refusal: a grant that arrives later may make it stand (roles.ts).
      if (reason) this.noteRefusal(located, 'office', entry.fields as FieldValue, { action: 'grant a role', reason });
      return;
    }
    const current = this.currentRow('roleGrants', entry.row);
    const target = this.rowForWrite('roleGrants', entry.row);
    if (!current) counts.created++;
    for (const field of Object.keys(entry.fields)) {
      if (!GRANT_FIELDS.has(field)) continue;
      if (!Object.hasOwn(target, field) || !sameJson(target[field], entry.fields[field])) this.noteChangedField('roleGrants', entry.row, field);
      target[field] = entry.fields[field]!;
      target._clocks[field] = entry.hlc;
    }
    insertLogRef(this.writableLog(target), logRef(entry));
  }

  /**
   * Folds one record again from every change this copy holds for it (the
   * caller reads them through `_log`, the stored refusals and deferred
   * references, plus the ones this merge saw arrive late), in clock order.
   * `storedRefusalIds` are the record's refusal rows as stored, to drop
   * those that no longer hold.
   */
  refold(table: string, id: string, entries: LocatedEntry[], storedRefusalIds: Iterable<string>): void {
    const key = recordKey(table, id);
    this.needConflictsOf(table, id);
    const byTable = this.rows.get(table) ?? new Map<string, StoredRow | undefined>();
    this.rows.set(table, byTable);
    if (!this.originalRows.has(key)) this.originalRows.set(key, byTable.get(id));
    const original = this.originalRows.get(key);
    for (const refusalKey of storedRefusalIds) {
      this.refusalsDropped.add(refusalKey);
      this.storedRefusals.add(refusalKey);
    }
    for (const [rid, refusal] of this.refusals) if (refusal.key === key) this.refusals.delete(rid);
    // The derived conflicts of the record go; folding finds the heads again.
    const prefix = `${table}\u0001${id}\u0001`;
    for (const [fk, ids] of this.conflictsByField) if (fk.startsWith(prefix)) for (const cid of [...ids]) this.dropConflict(cid);
    byTable.set(id, undefined);
    this.dirtyRows.get(table)?.delete(id);
    const unique = new Map<string, LocatedEntry>();
    for (const located of entries) unique.set(logRef(located.entry), located);
    const ordered = [...unique.values()].sort((a, b) => (a.entry.hlc < b.entry.hlc ? -1 : a.entry.hlc > b.entry.hlc ? 1 : 0));
    for (const located of ordered) this.applyEntry(located, true);
    const after = byTable.get(id);
    if (after) {
      after._log = ordered.map((l) => logRef(l.entry));
      for (const field of Object.keys(after)) {
        if (field === 'id' || field === '_clocks' || field === '_log') continue;
        if (!original || !Object.hasOwn(original, field) || !sameJson(original[field], after[field])) this.noteChangedField(table, id, field);
      }
      this.removedRows.get(table)?.delete(id);
    } else if (original) {
      let removed = this.removedRows.get(table);
      if (!removed) this.removedRows.set(table, (removed = new Set()));
      removed.add(id);
      this.dirtyRows.get(table)?.delete(id);
    }
    this.late.delete(key);
  }

  /** A logged change to a conflict row (a person's resolution): plain last-writer-wins. */
  private applyLoggedConflictField(id: string, field: string, value: FieldValue, hlc: string): 'created' | 'changed' | 'outdated' {
    const existing = this.conflicts.get(id);
    const currentHlc = existing?._clocks[field];
    if (currentHlc !== undefined && hlc <= currentHlc) return 'outdated';
    const row: ConflictRow = existing ? { ...existing, _clocks: { ...existing._clocks } } : { id, _clocks: {} };
    if (existing) this.unindex(existing);
    row[field] = value;
    row._clocks[field] = hlc;
    this.conflicts.set(id, row);
    this.index(row);
    this.deletedConflicts.delete(id);
    this.dirtyConflicts.add(id);
    this.noteChangedField('conflicts', id, field);
    if (existing) return 'changed';
    let created = this.createdRows.get('conflicts');
    if (!created) this.createdRows.set('conflicts', (created = new Set()));
    created.add(id);
    return 'created';
  }

  private dropSeenHeads(table: string, row: string, field: string, seenBy: (hlc: string) => boolean): void {
    const ids = this.conflictsByField.get(fieldKey(table, row, field));
    if (!ids) return;
    for (const id of [...ids]) {
      const losingHlc = this.conflicts.get(id)?.losingHlc;
      if (typeof losingHlc === 'string' && seenBy(losingHlc)) this.dropConflict(id);
    }
  }

  /** Rows to write, by table. */
  rowsToWrite(): Map<string, StoredRow[]> {
    const out = new Map<string, StoredRow[]>();
    for (const [table, ids] of this.dirtyRows) {
      const byId = this.rows.get(table)!;
      out.set(
        table,
        [...ids].map((id) => byId.get(id)!),
      );
    }
    return out;
  }

  /** Conflict rows to put, and ids to delete. Rows left as they were are not listed. */
  conflictWrites(): { put: ConflictRow[]; remove: string[] } {
    const put: ConflictRow[] = [];
    for (const id of this.dirtyConflicts) {
      const row = this.conflicts.get(id);
      if (row && this.conflictsBefore.get(id) !== JSON.stringify(row)) put.push(row);
    }
    const remove = [...this.deletedConflicts].filter((id) => this.conflictsBefore.has(id));
    return { put, remove };
  }

  /** Conflicts open after the merge that were not open before it. */
  newlyOpenConflicts(): ConflictRow[] {
    const out: ConflictRow[] = [];
    for (const id of this.dirtyConflicts) {
      const row = this.conflicts.get(id);
      if (!row || row.status !== 'open') continue;
      const before = this.conflictsBefore.get(id);
      if (before && (JSON.parse(before) as ConflictRow).status === 'open') continue;
      out.push(row);
    }
    return out;
  }

  /** The records whose values change, with the fields that change. */
  recordChanges(): RecordChange[] {
    const out: RecordChange[] = [];
    for (const [table, byRow] of this.changedFields) {
      const created = this.createdRows.get(table);
      for (const [row, fields] of byRow) {
        out.push({ table: table as SyncedTable, row, created: created?.has(row) ?? false, fields: [...fields] });
      }
    }
    return out;
  }
}
