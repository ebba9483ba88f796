import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToRemove, backupSlug, parseBackupFileName } from './backup';

/** A backup's name for a moment "2026-12-02T10:00:00Z". */
const at = (iso: string, reason: 'daily' | 'before-upgrade' = 'daily') => backupFileName('Bedfordshire & Luton VCS Consortium', new Date(iso), reason);

/** One backup a day at 09:00 UTC for `days` days ending on `last` (inclusive), newest first. */
function everyDay(last: string, days: number): string[] {
  const end = Date.parse(`${last}T09:00:00Z`);
  return Array.from({ length: days }, (_, i) => at(new Date(end - i * 86_400_000).toISOString()));
}

describe('backup file names', () => {
  it('say the consortium, the UTC day and time, and read back', () => {
    const name = at('2026-12-02T02:17:54.321Z');
    expect(name).toBe('quorum-backup-bedfordshire-luton-vcs-consortium-2026-12-02-021754.quorumbackup');
    expect(parseBackupFileName(name)).toEqual({ fileName: name, day: '2026-12-02', moment: '2026-12-02T021754', beforeUpgrade: false });
    expect(parseBackupFileName(at('2026-12-02T02:17:54Z', 'before-upgrade'))?.beforeUpgrade).toBe(true);
  });

  it('keep a slug of letters and digits, at most 40 characters, accents dropped', () => {
    expect(backupSlug('Réseau  Café — “North” (2026)')).toBe('reseau-cafe-north-2026');
    expect(backupSlug('A very long consortium name that goes on and on and on').length).toBeLessThanOrEqual(40);
    expect(backupSlug('“—”')).toBe('');
    expect(backupFileName('“—”', new Date('2026-12-02T00:00:00Z'), 'on-request')).toBe('quorum-backup-2026-12-02-000000.quorumbackup');
  });

  it('are not confused with other files', () => {
    for (const name of ['minutes.docx', 'quorum-backup-x-2026-12-02-021754.quorumbackup.partial', 'quorum-backup-2026-13-40-021754.quorumbackup', '../quorum-backup-2026-12-02-021754.quorumbackup', 'quorum-to-luton-2026-12-02.quorum']) {
      expect(parseBackupFileName(name), name).toBeNull();
    }
  });
});

describe('which backups are kept (7 daily, 8 weekly)', () => {
  it('keeps everything while there are fewer than 7 days', () => {
    expect(backupsToRemove(everyDay('2026-12-02', 6))).toEqual([]);
  });

  it('after 100 days of daily use keeps the last 7 days and the newest of each of the last 8 weeks', () => {
    const names = everyDay('2026-12-02', 100); // Wednesday 2 December back to 24 August
    const removed = new Set(backupsToRemove(names));
    const kept = names.filter((name) => !removed.has(name)).map((name) => parseBackupFileName(name)!.day);
    expect(kept).toEqual([
      // the last 7 days
      '2026-12-02', '2026-12-01', '2026-11-30', '2026-11-29', '2026-11-28', '2026-11-27', '2026-11-26',
      // the newest of each earlier week (Sundays), 8 weeks in all counting this one and last
      '2026-11-22', '2026-11-15', '2026-11-08', '2026-11-01', '2026-10-25', '2026-10-18',
    ]);
    expect(removed.size).toBe(100 - kept.length);
  });

  it('keeps the newest of a day when there are several, and removes the others once older than the 7 days', () => {
    const sameDay = [at('2026-12-02T08:00:00Z'), at('2026-12-02T12:00:00Z'), at('2026-12-02T17:30:00Z')];
    expect(backupsToRemove(sameDay)).toEqual([at('2026-12-02T12:00:00Z'), at('2026-12-02T08:00:00Z')]);
  });

  it('counts days and weeks that have a backup, so a copy used once a month keeps its last eight', () => {
    const monthly = Array.from({ length: 12 }, (_, i) => at(`2026-${String(i + 1).padStart(2, '0')}-15T09:00:00Z`));
    const removed = backupsToRemove(monthly);
    expect(removed.map((name) => parseBackupFileName(name)!.day)).toEqual(['2026-04-15', '2026-03-15', '2026-02-15', '2026-01-15']);
  });

  it('never removes a backup made before an upgrade, nor a file that is not a backup', () => {
    const names = [...everyDay('2026-12-02', 40), at('2026-09-01T09:30:00Z', 'before-upgrade'), 'notes.txt', 'quorum-backup-draft.quorumbackup'];
    const removed = backupsToRemove(names);
    expect(removed).not.toContain(at('2026-09-01T09:30:00Z', 'before-upgrade'));
    expect(removed).not.toContain('notes.txt');
    expect(removed).not.toContain('quorum-backup-draft.quorumbackup');
    expect(removed.length).toBeGreaterThan(0);
  });
});
