/**
 * What an import did (or, in a preview, will do), in terms the Sync screen
 * shows: from whom, how many changes to what, which records change, conflicts
 * kept for review, changes refused for lack of authority, runs held back, and
 * origins set aside because this copy does not accept them. Stored with each
 * import in the history, so lists are capped; the counts are exact.
 */
import type { InstallationRole } from '../../../shared/domain/entities';
import type { SyncedTable } from '../../../shared/sync/change';
import type { RecordChange, TableCounts } from '../../../shared/sync/merge';

/** How many items each list keeps; `…Count` fields hold the full numbers. */
export const REPORT_LIST_LIMIT = 500;

/** A record an import changes, with its name as it will be afterwards ('' when it has no naming field). */
export interface RecordChangeView extends RecordChange {
  label: string;
}

export interface ConflictSummary {
  id: string;
  /** The record's name ('' when it has no naming field). */
  label: string;
  table: string;
  row: string;
  field: string;
  keptValue: unknown;
  keptHlc: string;
  losingValue: unknown;
  losingHlc: string;
}

export interface RefusedChangeView {
  /** The record's name, as far as this copy knows it ('' when unknown). */
  label: string;
  origin: string;
  originName: string;
  originRole: InstallationRole | undefined;
  seq: number;
  table: SyncedTable;
  row: string;
  field: string;
  value: unknown;
  /** Plain words, e.g. "Bedford CVS (Partner organisation) may not approve a partner’s claim: only the Accountable Body may." */
  message: string;
}

export interface HeldBackNotice {
  origin: string;
  originName: string;
  firstSeq: number;
  lastSeq: number;
  changes: number;
  reason: 'gap' | 'waiting';
  message: string;
}

export interface SetAsideOrigin {
  origin: string;
  /** The name and role the bundle gives it (this copy has not enrolled it, or has revoked it). */
  claimedName: string;
  claimedRole: InstallationRole;
  fingerprint: string;
  status: 'unknown' | 'revoked';
  changes: number;
  message: string;
}

export interface ImportReport {
  kind: 'import';
  bundleId: string;
  fileName: string;
  sender: { node: string; name: string; role: InstallationRole; fingerprint: string };
  /** When the sender made the bundle. */
  createdAt: string;
  importedAt: string;
  /** What the sender held from each origin when it made the bundle. */
  acknowledgements: Record<string, number>;
  applied: { runs: number; changes: number; byTable: Partial<Record<SyncedTable, TableCounts>> };
  /** Changes in the bundle this copy already had (skipped). */
  alreadyHad: number;
  records: RecordChangeView[];
  recordCount: number;
  conflicts: ConflictSummary[];
  conflictCount: number;
  refused: RefusedChangeView[];
  refusedCount: number;
  heldBack: HeldBackNotice[];
  /** Runs held back by earlier imports that this one lets through. */
  released: number;
  setAside: SetAsideOrigin[];
  warnings: string[];
}
