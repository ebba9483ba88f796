import { describe, expect, it } from 'vitest';
import { backupCountLines, dailyBackupDue, reminderDue } from './backup-service';

describe('when backups are due', () => {
  const last = (at: string) => ({ at, fileName: 'b.quorumbackup', bytes: 1 });

  it('makes the daily backup once per London day', () => {
    expect(dailyBackupDue(undefined, new Date('2026-12-02T09:00:00Z'))).toBe(true);
    expect(dailyBackupDue(last('2026-12-02T00:10:00Z'), new Date('2026-12-02T23:50:00Z'))).toBe(false);
    expect(dailyBackupDue(last('2026-12-01T23:59:00Z'), new Date('2026-12-02T00:01:00Z'))).toBe(true);
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST): another day.
    expect(dailyBackupDue(last('2026-07-01T22:00:00Z'), new Date('2026-07-01T23:30:00Z'))).toBe(true);
  });

  it('reminds in a browser when the last backup is more than a week old, or never made by a copy older than a week', () => {
    const now = new Date('2026-12-09T12:00:00Z');
    expect(reminderDue(last('2026-12-02T12:00:01Z'), '2026-01-01T00:00:00Z', now)).toBe(false);
    expect(reminderDue(last('2026-12-02T11:59:59Z'), '2026-01-01T00:00:00Z', now)).toBe(true);
    expect(reminderDue(undefined, '2026-12-05T00:00:00Z', now)).toBe(false);
    expect(reminderDue(undefined, '2026-12-01T00:00:00Z', now)).toBe(true);
  });
});

describe('what a backup holds, in words', () => {
  it('counts records with the registry’s words, in its order, then the copy’s own records', () => {
    const lines = backupCountLines({ tables: { projects: 12, organisations: 1, consortium: 1, votes: 0, changeLog: 3, syncLedger: 2, drafts: 1, installation: 1, refusals: 0 } }, 1234);
    expect(lines.records.map((line) => line.words)).toEqual(['1 consortium', '1 organisation', '12 projects']);
    expect(lines.bookkeeping.map((line) => line.words)).toEqual(['1,234 changes in the history of changes', '2 sync records (bundles, enrolments)', '1 draft being typed']);
  });
});
