import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { lastBackupOf, readBackup } from '../../db/backup';
import { loadExampleConsortium } from '../../db/example';
import { openStore, type ReadyStore } from '../../db/open';
import type { Platform } from '../../platform/platform';
import { backUp, backupCountLines, dailyBackupDue, reminderDue } from './backup-service';

const stores: ReadyStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.db.delete();
});

async function exampleStore(): Promise<ReadyStore> {
  const opened = await openStore(`backup-service-${crypto.randomUUID()}`);
  if (opened.status !== 'ready') throw new Error(opened.problem.message);
  stores.push(opened.store);
  await loadExampleConsortium(opened.store);
  return opened.store;
}

// Each test makes whole stores in fake-indexeddb: slow on a busy machine.
describe('keeping a backup', { timeout: 60_000 }, () => {
  it('in the desktop app, hands the backups folder the file and its SHA-256, and records it once written', async () => {
    const store = await exampleStore();
    const written: Array<{ fileName: string; bytes: Uint8Array; sha256: string }> = [];
    const platform: Pick<Platform, 'saveFile' | 'backupFolder'> = {
      saveFile: vi.fn(),
      backupFolder: {
        status: async () => ({ folder: '/Documents/Quorum backups', backups: [] }),
        choose: async () => ({ chosen: false }),
        write: async (request) => {
          written.push(request);
          return { location: `/Documents/Quorum backups/${request.fileName}`, removed: ['old.quorumbackup'] };
        },
      },
    };
    const outcome = await backUp(store, platform, 'daily', new Date('2026-12-02T09:00:00Z'));
    expect(platform.saveFile).not.toHaveBeenCalled();
    expect(written).toHaveLength(1);
    expect(createHash('sha256').update(written[0]!.bytes).digest('hex')).toBe(written[0]!.sha256);
    expect((await readBackup(written[0]!.bytes)).header.reason).toBe('daily');
    expect(outcome).toEqual({ kept: true, last: { at: '2026-12-02T09:00:00.000Z', fileName: written[0]!.fileName, bytes: written[0]!.bytes.byteLength }, location: `/Documents/Quorum backups/${written[0]!.fileName}`, removed: ['old.quorumbackup'] });
    expect(await lastBackupOf(store.db)).toEqual(outcome.kept ? outcome.last : undefined);
  });

  it('in the desktop app, records nothing when the folder cannot take it', async () => {
    const store = await exampleStore();
    const platform: Pick<Platform, 'saveFile' | 'backupFolder'> = {
      saveFile: vi.fn(),
      backupFolder: {
        status: async () => ({ folder: '/media/usb', backups: [] }),
        choose: async () => ({ chosen: false }),
        write: async () => Promise.reject(new Error('Quorum could not save the backup in /media/usb: the disk is full.')),
      },
    };
    await expect(backUp(store, platform, 'daily')).rejects.toThrow(/the disk is full/);
    expect(await lastBackupOf(store.db)).toBeUndefined();
  });

  it('in a browser, saves a download, and records nothing when the save is cancelled', async () => {
    const store = await exampleStore();
    const cancelled = await backUp(store, { saveFile: async () => ({ saved: false }) }, 'on-request');
    expect(cancelled).toEqual({ kept: false });
    expect(await lastBackupOf(store.db)).toBeUndefined();
    const saveFile = vi.fn(async (request: { suggestedName: string }) => ({ saved: true as const, location: request.suggestedName }));
    const saved = await backUp(store, { saveFile }, 'on-request');
    expect(saveFile).toHaveBeenCalledWith(expect.objectContaining({ description: 'Quorum backup', mimeType: 'application/gzip' }));
    expect(saved.kept && saved.last.fileName).toMatch(/^quorum-backup-bedfordshire-luton-.*\.quorumbackup$/);
    expect(await lastBackupOf(store.db)).toEqual(saved.kept ? saved.last : undefined);
  });
});

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
