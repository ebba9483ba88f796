/**
 * Making a backup and keeping it (docs/backup-format.md): in the desktop app it is
 * written into the backups folder by main, which reads it back and compares its
 * hash before saying it is kept; in a browser it is saved as a download, on request.
 * Only a backup that was kept is recorded as the last one (installation row
 * `lastBackup`). Also: whether a daily backup is due, and whether the reminder to
 * back up is due in a browser.
 */
import { KINDS } from '../../../shared/domain/registry';
import type { BackupHeader, BackupReason } from '../../../shared/backup';
import { backupWorkerFactory, lastBackupOf, makeBackup, recordLastBackup, type LastBackup, type MadeBackup } from '../../db/backup';
import type { QuorumDatabase } from '../../db/database';
import { flushAllDrafts } from '../../db/drafts';
import { londonToday } from '../../db/london-today';
import type { Platform } from '../../platform/platform';

export type BackupOutcome = { kept: true; last: LastBackup; location: string; removed: string[] } | { kept: false };

/** Makes a backup of this copy and keeps it where the platform keeps backups. */
export async function backUp(store: { db: QuorumDatabase }, platform: Pick<Platform, 'saveFile' | 'backupFolder'>, reason: BackupReason, now?: Date): Promise<BackupOutcome> {
  // Text being typed goes into the backup as a change (renderer/db/drafts.ts); drafts are kept too.
  await flushAllDrafts();
  // Read, encoded and checked in a worker, so a large store does not stop the window.
  const backup = await makeBackup(store, { reason, worker: backupWorkerFactory(), ...(now ? { now } : {}) });
  const kept = await keepBackup(platform, backup);
  if (!kept.kept) return { kept: false };
  return { kept: true, last: await recordLastBackup(store.db, { ...backup, fileName: kept.fileName }), location: kept.location, removed: kept.removed };
}

/**
 * Keeps a backup already made and checked: written into the desktop app's backups
 * folder (main reads it back and compares its hash), or saved as a download.
 */
export async function keepBackup(
  platform: Pick<Platform, 'saveFile' | 'backupFolder'>,
  backup: MadeBackup,
): Promise<{ kept: true; fileName: string; location: string; removed: string[] } | { kept: false }> {
  if (platform.backupFolder) {
    const written = await platform.backupFolder.write({ fileName: backup.fileName, bytes: backup.bytes, sha256: backup.fileHash });
    return { kept: true, fileName: backup.fileName, location: written.location, removed: written.removed };
  }
  const saved = await platform.saveFile({ bytes: backup.bytes, suggestedName: backup.fileName, description: 'Quorum backup', mimeType: 'application/gzip' });
  if (!saved.saved) return { kept: false };
  return { kept: true, fileName: saved.location.split(/[\\/]/).pop() || backup.fileName, location: saved.location, removed: [] };
}

/** A daily backup is due when none was made on this London day. */
export function dailyBackupDue(last: LastBackup | undefined, now: Date = new Date()): boolean {
  return !last || londonToday(new Date(last.at)) !== londonToday(now);
}

/** Days after which a browser reminds the person to save a backup. */
export const REMIND_AFTER_DAYS = 7;

/**
 * In a browser, where nothing is backed up by itself: remind when the last backup is
 * more than a week old, or, never backed up, when the copy has held its consortium for
 * more than a week (a copy set up today has nothing yet to lose).
 */
export function reminderDue(last: LastBackup | undefined, copyCreatedAt: string, now: Date = new Date()): boolean {
  const since = Date.parse(last?.at ?? copyCreatedAt);
  return Number.isFinite(since) && now.getTime() - since > REMIND_AFTER_DAYS * 86_400_000;
}

export { lastBackupOf };

/** Words for a count of rows of a table a backup holds, from the registry's words for records. */
const LOCAL_TABLE_WORDS: Record<string, readonly [string, string]> = {
  syncLedger: ['sync record (bundles, enrolments)', 'sync records (bundles, enrolments)'],
  refusals: ['change refused', 'changes refused'],
  deferred: ['record waiting for a newer Quorum', 'records waiting for a newer Quorum'],
  drafts: ['draft being typed', 'drafts being typed'],
  installation: ['setting of this copy', 'settings of this copy'],
};

export interface CountLine {
  table: string;
  words: string;
}

/** "12 projects", in the registry's order, then the copy's own records ("37 changes in the history"); tables with no rows are left out. */
export function backupCountLines(header: Pick<BackupHeader, 'tables'>, changes: number): { records: CountLine[]; bookkeeping: CountLine[] } {
  const records: CountLine[] = [];
  for (const kind of Object.values(KINDS)) {
    const n = header.tables[kind.table] ?? 0;
    if (n > 0) records.push({ table: kind.table, words: `${n.toLocaleString('en-GB')} ${n === 1 ? kind.words[0] : kind.words[1]}` });
  }
  const bookkeeping: CountLine[] = [];
  if (changes > 0) bookkeeping.push({ table: 'changeLog', words: `${changes.toLocaleString('en-GB')} ${changes === 1 ? 'change' : 'changes'} in the history of changes` });
  for (const [table, n] of Object.entries(header.tables)) {
    if (n === 0 || table in KINDS || table === 'installation' || table === 'changeLog') continue;
    const words = LOCAL_TABLE_WORDS[table] ?? ['other record', 'other records'];
    bookkeeping.push({ table, words: `${n.toLocaleString('en-GB')} ${n === 1 ? words[0] : words[1]}` });
  }
  return { records, bookkeeping };
}
