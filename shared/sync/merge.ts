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
 * Conflict rows are computed, not logged: each copy derives them. A person's
 * resolution is logged like any other change, and a field of a conflict row
 * that carries a clock (in `_clocks`) is a logged value this module never
 * overwrites; the derived fields carry no clock. When a head stops being a head
 * its derived fields are removed, and the row too if nothing logged remains.
 * Conflict rows themselves merge by plain last-writer-wins.
 */
import type { InstallationRole } from '../domain/entities';
import type { ChangeEntry, FieldValue, SyncedRow, SyncedTable } from './change';
import { sameJson } from './canonical-json';
import { refusalFor } from './authority';
import type { Dependencies } from './run-seal';

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

/** The id of the conflict row that keeps a losing value: the same on every copy. */
export function conflictIdFor(table: string, row: string, field: string, losingHlc: string): string {
  return `${table}/${row}/${field}@${losingHlc}`;
}

/** The node id inside an HLC stamp (its fixed-width prefix is 30 characters). */
export function nodeOfStamp(hlc: string): string {
  return hlc.slice(30);
}

export interface RefusedChange {
  origin: string;
  seq: number;
  table: SyncedTable;
  row: string;
  field: string;
  value: FieldValue;
  /** Plain words: what the change tried to do. */
  action: string;
  allowed: InstallationRole[];
  originRole: InstallationRole | undefined;
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
  private readonly createdRows = new Map<string, Set<string>>();
  private readonly changedFields = new Map<string, Map<string, Set<string>>>();
  private readonly conflicts = new Map<string, ConflictRow>();
  private readonly conflictsByField = new Map<string, Set<string>>();
  private readonly dirtyConflicts = new Set<string>();
  private readonly deletedConflicts = new Set<string>();
  private readonly conflictsBefore = new Map<string, string>();
  readonly refused: RefusedChange[] = [];
  readonly counts = new Map<SyncedTable, TableCounts>();
  /** The greatest HLC merged, for the clock to move past. */
  maxHlc = '';
  entriesApplied = 0;

  constructor(rows: Map<string, Map<string, StoredRow | undefined>>, conflicts: ConflictRow[]) {
    this.rows = rows;
    for (const row of conflicts) {
      this.conflicts.set(row.id, row);
      this.conflictsBefore.set(row.id, JSON.stringify(row));
      this.index(row);
    }
  }

  private index(row: ConflictRow): void {
    if (typeof row.table !== 'string' || typeof row.row !== 'string' || typeof row.field !== 'string') return;
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
      for (const field in entry.fields) {
        const ids = this.conflictsByField.get(fieldKey(entry.table, entry.row, field));
        if (!ids) continue;
        for (const id of [...ids]) this.dropConflict(id);
      }
    }
  }

  /** Merges one run's entries; `role` is the origin's enrolled role, for authority. */
  applyRun(run: MergeRun, role: InstallationRole | undefined): void {
    const origin = run.node;
    const deps = run.deps;
    const seen = (hlc: string, by: string): boolean => {
      const node = nodeOfStamp(hlc);
      if (node === origin) return hlc <= by;
      const known = deps[node];
      return known !== undefined && known >= hlc;
    };
    for (const entry of run.entries) {
      const { table, row: id, hlc } = entry;
      if (hlc > this.maxHlc) this.maxHlc = hlc;
      this.entriesApplied++;
      const counts = this.countsFor(table);
      let wasCreated = false;
      let changedAny = false;
      let outdatedAny = false;
      for (const field in entry.fields) {
        const value = entry.fields[field]!;
        const refusal = refusalFor(role, table, field, value);
        if (refusal) {
          this.refused.push({ origin, seq: entry.seq, table, row: id, field, value, action: refusal.action, allowed: refusal.allowed, originRole: role });
          continue;
        }
        if (table === 'conflicts') {
          const outcome = this.applyLoggedConflictField(id, field, value, hlc);
          if (outcome === 'outdated') outdatedAny = true;
          else {
            if (outcome === 'created') wasCreated = true;
            changedAny = true;
          }
          continue;
        }
        const current = this.currentRow(table, id);
        const currentHlc = current?._clocks[field];
        if (currentHlc !== undefined && hlc <= currentHlc) {
          // Older than what is here. Not seen by what is here (it is new to this copy), so it is a losing head.
          outdatedAny = true;
          if (hlc !== currentHlc) {
            this.dropSeenHeads(table, id, field, (h) => seen(h, hlc));
            this.keepConflict(table, id, field, { hlc, value }, { hlc: currentHlc, value: current![field] });
          }
          continue;
        }
        const target = this.rowForWrite(table, id);
        if (!current) wasCreated = true;
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
        if (!sameJson(target[field], value) || !(field in target)) {
          changedAny = true;
          this.noteChangedField(table, id, field);
        }
        target[field] = value;
        target._clocks[field] = hlc;
      }
      if (wasCreated) counts.created++;
      else if (changedAny) counts.updated++;
      else if (outdatedAny) counts.outdated++;
    }
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
