/**
 * The change log's shape. Every write to a synced table becomes one ChangeEntry:
 * which row of which table, which fields took which values, stamped with the
 * hybrid logical clock. Entries are numbered per origin node (seq 1, 2, 3 …) and
 * stored packed: one LogRun row holds a contiguous run of one node's entries, so
 * IndexedDB pays per run, not per change (docs/architecture.md, "Performance").
 *
 * A run is sealed (hashed and signed) by the sync module; a local run that has
 * not yet been sealed has no hash or signature.
 */

import { KIND_NAMES, type KindName } from '../domain/registry';

/** Tables whose rows travel between partners: the kinds of the registry (shared/domain/registry.ts). Local-only tables are not listed. */
export const SYNCED_TABLES: readonly KindName[] = KIND_NAMES;

export type SyncedTable = KindName;

export function isSyncedTable(name: string): name is SyncedTable {
  return (SYNCED_TABLES as readonly string[]).includes(name);
}

/** A JSON value as it travels in a change. */
export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };

export interface ChangeEntry {
  /** Position in the origin node's log, from 1, without gaps. */
  seq: number;
  /** HLC timestamp of the write (shared/sync/hlc.ts). */
  hlc: string;
  /** A kind of the registry, or (from a newer version of Quorum) a kind this version does not know yet. */
  table: SyncedTable | (string & {});
  /** The row's id (a UUID, or the natural key of a one-per-something record). */
  row: string;
  /** The fields written and their new values. */
  fields: Record<string, FieldValue>;
}

export interface LogRun {
  /** Origin node id. */
  node: string;
  firstSeq: number;
  lastSeq: number;
  entries: ChangeEntry[];
  /** Hash of the previous run of this node (hex SHA-256), '' for the first run; set when sealed. */
  prevHash?: string;
  /** Hash of this run (hex SHA-256); set when sealed. */
  hash?: string;
  /** Origin's Ed25519 signature over hash (base64); set when sealed. */
  signature?: string;
}

/** Per-field HLC stamps kept on every synced row, for last-writer-wins merging. */
export type FieldClocks = Record<string, string>;

/** Every synced row carries these bookkeeping fields beside its own. */
export interface SyncedRow {
  id: string;
  /** HLC of the last write to each field. */
  _clocks: FieldClocks;
  /** Set when the row is removed; rows are never physically deleted so removals sync. */
  deleted?: boolean;
  /**
   * Every change this copy holds for the record, applied or refused, as log
   * references (`logRef`), in clock order: the record's own history, read
   * without scanning the log, and what it is folded again from when changes
   * arrive out of order (docs/architecture.md).
   */
  _log?: string[];
}

/** A change's reference in a record's `_log`: its clock stamp (which names its origin) and its number in the origin's log. */
export function logRef(entry: { hlc: string; seq: number }): string {
  return `${entry.hlc}|${entry.seq}`;
}

export function parseLogRef(ref: string): { hlc: string; seq: number; node: string } {
  const bar = ref.lastIndexOf('|');
  const hlc = ref.slice(0, bar);
  return { hlc, seq: Number(ref.slice(bar + 1)), node: hlc.slice(30) };
}

/** Inserts a reference into a clock-ordered list (usually at the end); false if it was there already. */
export function insertLogRef(refs: string[], ref: string): boolean {
  const hlc = ref.slice(0, ref.lastIndexOf('|'));
  let i = refs.length;
  while (i > 0) {
    const other = refs[i - 1]!;
    if (other === ref) return false;
    if (other.slice(0, other.lastIndexOf('|')) < hlc) break;
    i--;
  }
  refs.splice(i, 0, ref);
  return true;
}
