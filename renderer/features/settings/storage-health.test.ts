import { afterEach, describe, expect, it } from 'vitest';
import { recordLastBackup } from '../../db/backup';
import { openStore, type ReadyStore } from '../../db/open';
import {
  FOLDER_SYNC_KEY,
  amountWords,
  folderSyncOf,
  folderSyncWords,
  lastBackupOf,
  lastBackupWords,
  persistAnswerWords,
  persistenceWords,
  storageWords,
} from './storage-health';

const MB = 1e6;
const GB = 1e9;

const opened: ReadyStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.db.close();
});

async function newStore(): Promise<ReadyStore> {
  const result = await openStore(`storage-health-${crypto.randomUUID()}`);
  if (result.status !== 'ready') throw new Error(result.problem.message);
  opened.push(result.store);
  return result.store;
}

describe('amounts of storage in words', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1000, '1 KB'],
    [512_400, '512 KB'],
    [3_240_000, '3.2 MB'],
    [999_499, '999 KB'],
    [999_500, '1.0 MB'],
    [999_949_999, '999.9 MB'],
    [999_999_999, '1.0 GB'],
    [10_737_418_240, '10.7 GB'],
    [Number.NaN, 'an unknown amount'],
    [-5, 'an unknown amount'],
  ])('%d bytes is “%s”', (bytes, words) => {
    expect(amountWords(bytes)).toBe(words);
  });
});

describe('how much Quorum holds', () => {
  it('says what is used of what may be used, in a browser and in the desktop app', () => {
    expect(storageWords({ usage: 3_240_000, quota: 10_737_418_240 }, 'browser')).toEqual({
      state: expect.objectContaining({ kind: 'room' }),
      held: 'Quorum holds 3.2 MB in this browser, of 10.7 GB it may use (less than 1%).',
      warning: '',
    });
    expect(storageWords({ usage: 2 * GB, quota: 8 * GB }, 'desktop').held).toBe('Quorum holds 2.0 GB on this computer, of 8.0 GB it may use (25%).');
  });

  it('warns when more than 80% is used, saying what is left and what to do', () => {
    const words = storageWords({ usage: 9 * GB, quota: 10 * GB }, 'browser');
    expect(words.state.kind).toBe('nearly-full');
    expect(words.warning).toBe(
      'Quorum has used 90% of the room it may use in this browser; only 1.0 GB is left. When it is full, changes cannot be saved. Free some space on the disk, and make a backup now while there is room for one.',
    );
  });

  it('warns when less than 200 MB is left, however little is used', () => {
    expect(storageWords({ usage: 5 * MB, quota: 150 * MB }, 'browser').warning).toMatch(/^Only 145\.0 MB is left for Quorum in this browser\. When it is full/);
  });

  it('says so when the browser gives no figures, and does not warn', () => {
    expect(storageWords(undefined, 'browser')).toEqual({ state: { kind: 'unknown' }, held: 'This browser does not say how much Quorum holds in this browser.', warning: '' });
    expect(storageWords({ usage: 10, quota: 0 }, 'desktop').warning).toBe('');
  });
});

describe('whether the browser keeps the data', () => {
  it('says each answer in a sentence', () => {
    expect(persistenceWords('persistent')).toMatch(/^Kept: the browser will not clear Quorum’s data/);
    expect(persistenceWords('not-persistent')).toMatch(/^Not yet kept: if the disk runs short of space, the browser may clear Quorum’s data without asking/);
    expect(persistenceWords('unsupported')).toMatch(/^This browser cannot say/);
    expect(persistenceWords(undefined)).toBe('…');
    expect(persistAnswerWords(true)).toBe('The browser will keep Quorum’s data.');
    expect(persistAnswerWords(false)).toMatch(/^The browser declined for now\./);
  });
});

describe('the last backup', () => {
  it('is “No backup yet” on a copy never backed up', async () => {
    const store = await newStore();
    expect(lastBackupWords(await lastBackupOf(store.db))).toBe('No backup yet');
  });

  it('is when, which file and how large, as the backup recorded it', async () => {
    const store = await newStore();
    await recordLastBackup(store.db, {
      fileName: 'quorum-backup-2026-12-01.quorum-backup',
      bytes: new Uint8Array(2_160_000),
      header: { createdAt: '2026-12-01T09:14:00.000Z' } as never,
    });
    expect(lastBackupWords(await lastBackupOf(store.db))).toBe('1 December 2026 at 09:14 (quorum-backup-2026-12-01.quorum-backup, 2.2 MB)');
  });
});

describe('the shared folder', () => {
  it('is “Not set up” when this copy has no folder', async () => {
    const store = await newStore();
    expect(await folderSyncOf(store.db)).toBeUndefined();
    expect(folderSyncWords(undefined)).toEqual({ folder: 'Not set up', read: 'Not set up', written: 'Not set up', problem: '' });
  });

  it('says when it was last read and written, in London time, and the last problem', async () => {
    const store = await newStore();
    await store.db.table('installation').put({
      key: FOLDER_SYNC_KEY,
      folderName: 'Consortium shared',
      lastReadAt: '2026-07-01T08:05:00.000Z',
      lastError: 'The folder Consortium shared is not there: is the drive plugged in?',
    });
    const state = await folderSyncOf(store.db);
    expect(folderSyncWords(state)).toEqual({
      folder: 'Consortium shared',
      read: '1 July 2026 at 09:05',
      written: 'Not yet',
      problem: 'The folder Consortium shared is not there: is the drive plugged in?',
    });
  });

  it('treats a row it cannot read as no folder, and leaves out fields that are not moments', async () => {
    const store = await newStore();
    await store.db.table('installation').put({ key: FOLDER_SYNC_KEY, folder: 'wrong field' });
    expect(await folderSyncOf(store.db)).toBeUndefined();
    await store.db.table('installation').put({ key: FOLDER_SYNC_KEY, folderName: 'Shared', lastReadAt: 42, lastWrittenAt: 'not a moment' });
    expect(folderSyncWords(await folderSyncOf(store.db))).toEqual({ folder: 'Shared', read: 'Not yet', written: 'Not yet', problem: '' });
  });
});
