/**
 * The change log's shape. Every write to a synced table becomes one ChangeEntry:
 * which row of which table, which fields took which values, stamped with the
 * hybrid logical clock. Entries are numbered per origin node (seq 1, 2, 3 …) and
 * stored packed: one LogRun row holds a contiguous run of one node's entries, so
 * IndexedDB pays per run, not per change (PERFORMANCE.md).
 *
 * A run is sealed (hashed and signed) by the sync module; a local run that has
 * not yet been sealed has no hash or signature.
 */

/** Tables whose rows travel between partners. Local-only tables are not listed. */
export const SYNCED_TABLES = [
  'consortium',
  'organisations',
  'representatives',
  'applications',
  'meetings',
  'agendaItems',
  'attendance',
  'minutes',
  'actions',
  'motions',
  'votes',
  'elections',
  'funders',
  'funds',
  'projects',
  'budgets',
  'partnerClaims',
  'funderClaims',
  'partnerNodes',
  'conflicts',
] as const;

export type SyncedTable = (typeof SYNCED_TABLES)[number];

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
  table: SyncedTable;
  /** The row's id (a UUID). */
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
}
