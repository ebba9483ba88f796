/**
 * Storage health in Settings, in words (docs/architecture.md, "Storage health"):
 * whether the browser keeps Quorum's storage when the disk runs short, how much it
 * holds, when the last backup was made and when the shared folder was last read and
 * written. The rule for "close to full" is shared/rules/storage.ts.
 *
 * The last backup and the shared folder are this copy's own rows of the local
 * `installation` table, never synced: `lastBackup` (renderer/db/backup.ts) and
 * `folderSync` ({ folderName, lastReadAt?, lastWrittenAt?, lastError? }). Either may be
 * missing, and a row this version cannot read is treated as missing, never trusted.
 */
import { storageState, type StorageFigures, type StorageState } from '../../../shared/rules';
import type { QuorumDatabase } from '../../db/database';
import { momentWords } from '../../db/record-words';
import { lastBackupOf, type LastBackup } from '../../db/backup';

export { lastBackupOf, type LastBackup };

export const FOLDER_SYNC_KEY = 'folderSync';

export interface FolderSyncState {
  folderName: string;
  lastReadAt?: string;
  lastWrittenAt?: string;
  lastError?: string;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The shared folder's bookkeeping, or undefined when no folder is set up (or the row cannot be read). */
export async function folderSyncOf(db: QuorumDatabase): Promise<FolderSyncState | undefined> {
  const row = (await db.table('installation').get(FOLDER_SYNC_KEY)) as Record<string, unknown> | undefined;
  if (!row || !isText(row.folderName)) return undefined;
  return {
    folderName: row.folderName,
    ...(isText(row.lastReadAt) ? { lastReadAt: row.lastReadAt } : {}),
    ...(isText(row.lastWrittenAt) ? { lastWrittenAt: row.lastWrittenAt } : {}),
    ...(isText(row.lastError) ? { lastError: row.lastError } : {}),
  };
}

/** An amount of storage as a person reads it: "0 bytes", "512 KB", "12.3 MB", "1.5 GB" (1 MB = 1,000,000 bytes, as disks are sold). */
export function amountWords(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'an unknown amount';
  // Each unit from where the one below would round to 1000 of it.
  if (bytes >= 999.95e6) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 999.5e3) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
}

/** "3%", "less than 1%", "all". */
function shareWords(fraction: number): string {
  if (fraction >= 1) return 'all';
  if (fraction > 0 && fraction < 0.01) return 'less than 1%';
  return `${Math.round(fraction * 100)}%`;
}

export interface StorageWords {
  state: StorageState;
  /** "Quorum holds 3.2 MB in this browser, of 10.7 GB it may use (less than 1%)." */
  held: string;
  /** Why storage is nearly full and what to do, under the heading "Storage is nearly full"; '' when it is not. */
  warning: string;
}

/** What estimate() said, in words; undefined figures when the browser cannot say. */
export function storageWords(figures: Partial<StorageFigures> | undefined, where: 'browser' | 'desktop'): StorageWords {
  const state = storageState(figures);
  const place = where === 'desktop' ? 'on this computer' : 'in this browser';
  if (state.kind === 'unknown' || !figures?.quota) {
    return { state, held: `This ${where === 'desktop' ? 'computer' : 'browser'} does not say how much Quorum holds ${place}.`, warning: '' };
  }
  const held = `Quorum holds ${amountWords(figures.usage ?? 0)} ${place}, of ${amountWords(figures.quota)} it may use (${shareWords(state.usedFraction)}).`;
  if (state.kind === 'room') return { state, held, warning: '' };
  const why =
    state.why === 'share'
      ? `Quorum has used ${shareWords(state.usedFraction)} of the room it may use ${place}; only ${amountWords(state.free)} is left.`
      : `Only ${amountWords(state.free)} is left for Quorum ${place}.`;
  return { state, held, warning: `${why} When it is full, changes cannot be saved. Free some space on the disk, and make a backup now while there is room for one.` };
}

export type Persistence = 'persistent' | 'not-persistent' | 'unsupported';

/** Whether the browser keeps Quorum's data when the disk runs short, in a sentence. */
export function persistenceWords(persistence: Persistence | undefined): string {
  switch (persistence) {
    case undefined:
      return '…';
    case 'persistent':
      return 'Kept: the browser will not clear Quorum’s data to free space. Only a person can delete it.';
    case 'not-persistent':
      return 'Not yet kept: if the disk runs short of space, the browser may clear Quorum’s data without asking. Ask it to keep the data, and keep backups.';
    case 'unsupported':
      return 'This browser cannot say whether it keeps Quorum’s data when the disk runs short. Keep backups.';
  }
}

/** What the browser answered to persist(). */
export function persistAnswerWords(granted: boolean): string {
  return granted
    ? 'The browser will keep Quorum’s data.'
    : 'The browser declined for now. Browsers decide by how much a site is used: bookmarking Quorum or installing it as an app often helps; try again later. Meanwhile, keep backups.';
}

/** "22 November 2026 at 10:05 (quorum-backup-….quorum-backup, 2.1 MB)", or "No backup yet". */
export function lastBackupWords(last: LastBackup | undefined): string {
  if (!last) return 'No backup yet';
  const when = momentWords(last.at) || 'at an unknown time';
  return `${when} (${last.fileName}, ${amountWords(last.bytes)})`;
}

export interface FolderSyncWords {
  /** 'Not set up', or the folder's name. */
  folder: string;
  read: string;
  written: string;
  /** The last problem, in the words the folder sync gave it; '' when there is none. */
  problem: string;
}

export function folderSyncWords(state: FolderSyncState | undefined): FolderSyncWords {
  if (!state) return { folder: 'Not set up', read: 'Not set up', written: 'Not set up', problem: '' };
  return {
    folder: state.folderName,
    read: momentWords(state.lastReadAt) || 'Not yet',
    written: momentWords(state.lastWrittenAt) || 'Not yet',
    problem: state.lastError ?? '',
  };
}
