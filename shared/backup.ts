/**
 * Backups of a copy (docs/backup-format.md): the header every backup file carries,
 * the names Quorum gives backup files, and which backups in the folder are kept.
 * Pure: used by the renderer, which makes and reads backups, and by the desktop
 * app's main process, which writes them into the chosen folder and removes old
 * ones, and never touches a file whose name is not a backup's.
 */
import { z } from 'zod';

export const BACKUP_FORMAT = 'quorum-backup';
/** The layout of docs/backup-format.md; a reader refuses a greater one. */
export const BACKUP_VERSION = 1;
/** Without the dot: dialogs' filters and the IPC contract take extensions as letters and digits. */
export const BACKUP_EXTENSION = 'quorumbackup';

export const BACKUP_REASONS = ['daily', 'on-request', 'before-upgrade'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

const count = z.number().int().nonnegative();

/** The first line of a backup's unpacked text (docs/backup-format.md, "The header"). */
export const backupHeaderSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  reason: z.enum(BACKUP_REASONS),
  /** The store schema version the tables were read at (renderer/db/schema.ts). */
  schemaVersion: z.number().int().positive(),
  consortium: z.strictObject({ id: z.string(), name: z.string() }),
  copy: z.strictObject({
    node: z.string().min(1),
    organisationId: z.string(),
    organisationName: z.string(),
    role: z.string(),
    publicKey: z.string(),
  }),
  /** Rows per table, every table the backup holds. */
  tables: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/), count),
  /** Bytes of the body (the UTF-8 text after the header's line). */
  contentBytes: count,
  /** Lowercase hex SHA-256 of those bytes. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/**
 * A backup file's name: `quorum-backup-<consortium>-<YYYY-MM-DD>-<HHMMSS>[-before-upgrade].quorumbackup`,
 * the time in UTC, the consortium's name in lowercase letters and digits joined by `-` (at most 40).
 * The main process writes and removes only files whose names have this shape.
 */
export const BACKUP_FILE_NAME = /^quorum-backup-(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?(\d{4}-\d{2}-\d{2})-(\d{6})(-before-upgrade)?\.quorumbackup$/;

export function backupSlug(consortiumName: string): string {
  const words = consortiumName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > 40) break;
    slug = next;
  }
  // A slug that ends in date-like digits could be read as the date: keep it letters-led.
  return slug;
}

export function backupFileName(consortiumName: string, at: Date, reason: BackupReason): string {
  const iso = at.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19).replace(/:/g, '');
  const slug = backupSlug(consortiumName);
  return `quorum-backup-${slug === '' ? '' : `${slug}-`}${day}-${time}${reason === 'before-upgrade' ? '-before-upgrade' : ''}.${BACKUP_EXTENSION}`;
}

export interface BackupFileInfo {
  fileName: string;
  /** The UTC day in its name, "2026-12-02". */
  day: string;
  /** Sortable moment, "2026-12-02T021754". */
  moment: string;
  beforeUpgrade: boolean;
}

/** What a file's name says, or null when it is not a backup's name (so not Quorum's to remove). */
export function parseBackupFileName(fileName: string): BackupFileInfo | null {
  const match = BACKUP_FILE_NAME.exec(fileName);
  if (!match) return null;
  const day = match[1]!;
  const time = match[2]!;
  if (Number.isNaN(Date.parse(`${day}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}Z`))) return null;
  return { fileName, day, moment: `${day}T${time}`, beforeUpgrade: match[3] !== undefined };
}

/** Kept: the newest backup of each of the last 7 days with a backup, and of each of the last 8 weeks with one. */
export const DAILY_BACKUPS_KEPT = 7;
export const WEEKLY_BACKUPS_KEPT = 8;

/** The Monday of a day's ISO week, "2026-11-30" for "2026-12-02". */
function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Which backups to remove from a folder holding `names` (any files: names that are
 * not backups' are never removed). The newest backup of a day stands for that day
 * and the newest of a week for that week; the last 7 days and the last 8 weeks that
 * have a backup are kept, so a copy used once a month still keeps its last backups.
 * Backups made before a schema upgrade are kept: they are the way back to the older
 * version, and there is one per upgrade.
 */
export function backupsToRemove(names: readonly string[], daily = DAILY_BACKUPS_KEPT, weekly = WEEKLY_BACKUPS_KEPT): string[] {
  const backups = names
    .map(parseBackupFileName)
    .filter((info): info is BackupFileInfo => info !== null && !info.beforeUpgrade)
    .sort((a, b) => (a.moment === b.moment ? (a.fileName < b.fileName ? 1 : -1) : a.moment < b.moment ? 1 : -1));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const backup of backups) {
    if (!days.has(backup.day)) {
      days.add(backup.day);
      if (days.size <= daily) keep.add(backup.fileName);
    }
    const week = weekOf(backup.day);
    if (!weeks.has(week)) {
      weeks.add(week);
      if (weeks.size <= weekly) keep.add(backup.fileName);
    }
  }
  return backups.filter((backup) => !keep.has(backup.fileName)).map((backup) => backup.fileName);
}
