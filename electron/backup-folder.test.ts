/**
 * The backups folder as main writes it, with real files in a temporary folder: the
 * default "Quorum backups" in Documents or a chosen folder kept between runs; only
 * backups' names, straight inside it; each backup read back and compared with the
 * hash the renderer sent before it is kept; the last 7 daily and 8 weekly kept and
 * older backups removed, other files never; and through the IPC gate, a request
 * naming a path, or another file, refused before anything is written.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFileName } from '../shared/backup';
import { BackupFolder, BackupWriteError, createBackupChannels, DEFAULT_BACKUP_FOLDER_NAME } from './backup-folder';
import { createFileChannels } from './file-channels';
import { registerChannels, senderIsMainWindow } from './ipc-gate';
import { eventFrom, StandInIpcMain, standInWebContents } from './ipc-test-stand-ins';
import { createSharedFolderChannels, folderMemoryIn, SharedFolder } from './shared-folder';

let root: string;
let documents: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quorum-backups-'));
  documents = path.join(root, 'Documents');
  await mkdir(documents);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const CONSORTIUM = 'Bedfordshire & Luton VCS Consortium';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const backupAt = (iso: string) => {
  const bytes = new TextEncoder().encode(`a backup made at ${iso}`);
  return { fileName: backupFileName(CONSORTIUM, new Date(iso), 'daily'), bytes, sha256: sha256(bytes) };
};

function folderIn(options: { chosen?: string | null } = {}) {
  const dialog = { showOpenDialog: vi.fn(async () => (options.chosen ? { canceled: false, filePaths: [options.chosen] } : { canceled: true, filePaths: [] })) };
  return new BackupFolder({ documents: () => documents, dialog, memory: folderMemoryIn(path.join(root, 'userData', 'backup-folder.json')) });
}

describe('the backups folder', () => {
  it('is “Quorum backups” in Documents until another is chosen, and is created by the first backup, not by looking', async () => {
    const folder = folderIn();
    const defaultFolder = path.join(documents, DEFAULT_BACKUP_FOLDER_NAME);
    expect(await folder.status()).toEqual({ folder: defaultFolder, backups: [] });
    expect(await readdir(documents)).toEqual([]);
    const backup = backupAt('2026-12-02T09:00:00Z');
    const written = await folder.write(backup);
    expect(written).toEqual({ location: path.join(defaultFolder, backup.fileName), removed: [] });
    expect(new Uint8Array(await readFile(written.location))).toEqual(backup.bytes);
    expect(await readdir(defaultFolder)).toEqual([backup.fileName]); // no temporary file left
    expect(await folder.status()).toEqual({ folder: defaultFolder, backups: [{ fileName: backup.fileName, bytes: backup.bytes.byteLength }] });
  });

  it('keeps a folder chosen with the dialog between runs', async () => {
    const usb = path.join(root, 'USB stick', 'Quorum');
    await mkdir(usb, { recursive: true });
    expect(await folderIn({ chosen: usb }).choose()).toEqual({ chosen: true, folder: usb });
    // A new run of the app: the same memory file.
    const again = folderIn();
    expect((await again.status()).folder).toBe(usb);
    await again.write(backupAt('2026-12-02T09:00:00Z'));
    expect(await readdir(usb)).toEqual([backupAt('2026-12-02T09:00:00Z').fileName]);
    expect(await folderIn({ chosen: null }).choose()).toEqual({ chosen: false });
    expect((await folderIn().status()).folder).toBe(usb);
  });

  it('refuses a backup whose bytes do not match the hash sent with them, and writes nothing', async () => {
    const folder = folderIn();
    const backup = backupAt('2026-12-02T09:00:00Z');
    await expect(folder.write({ ...backup, sha256: sha256(new Uint8Array([1])) })).rejects.toThrow(BackupWriteError);
    await expect(folder.write({ ...backup, sha256: sha256(new Uint8Array([1])) })).rejects.toThrow(/damaged on its way to be saved, so it was not kept/);
    expect(await readdir(documents)).toEqual([]);
  });

  it('says in words when the folder cannot be written, and leaves no partial file', async () => {
    // A file where the folder should be: the folder cannot be made.
    await writeFile(path.join(documents, DEFAULT_BACKUP_FOLDER_NAME), 'in the way');
    await expect(folderIn().write(backupAt('2026-12-02T09:00:00Z'))).rejects.toThrow(/^Quorum could not save the backup in .*Quorum backups: /);
    expect(await readdir(documents)).toEqual([DEFAULT_BACKUP_FOLDER_NAME]);
  });

  it('after 60 days of daily backups keeps 7 daily and 8 weekly, and never removes other files or backups made before an upgrade', async () => {
    const folder = folderIn();
    const kept = path.join(documents, DEFAULT_BACKUP_FOLDER_NAME);
    await mkdir(kept);
    await writeFile(path.join(kept, 'Notes about backups.docx'), 'mine');
    const beforeUpgrade = backupFileName(CONSORTIUM, new Date('2026-10-01T08:00:00Z'), 'before-upgrade');
    await writeFile(path.join(kept, beforeUpgrade), 'the way back');
    let removed = 0;
    const start = Date.parse('2026-10-04T09:00:00Z');
    for (let day = 0; day < 60; day++) removed += (await folder.write(backupAt(new Date(start + day * 86_400_000).toISOString()))).removed.length;
    const names = (await readdir(kept)).sort();
    expect(names).toContain('Notes about backups.docx');
    expect(names).toContain(beforeUpgrade);
    const daily = names.filter((name) => name.endsWith('.quorumbackup') && name !== beforeUpgrade);
    expect(daily.length).toBeGreaterThanOrEqual(7 + 6);
    expect(daily.length).toBeLessThanOrEqual(7 + 8);
    expect(removed).toBe(60 - daily.length);
    // The newest seven days are all there.
    for (let day = 53; day < 60; day++) expect(daily).toContain(backupAt(new Date(start + day * 86_400_000).toISOString()).fileName);
  });
});

describe('through the IPC gate', () => {
  it('refuses a request naming a path or another file, or with a bad hash, before anything is written', async () => {
    const folder = folderIn();
    const write = vi.spyOn(folder, 'write');
    const sender = standInWebContents(1);
    const ipcMain = new StandInIpcMain();
    const files = createFileChannels({ dialogs: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() }, defaultFolder: () => documents, appVersion: () => '0.1.0' });
    const shared = new SharedFolder({ dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) }, memory: { load: async () => null, save: async () => undefined } });
    registerChannels(ipcMain, { ...files, ...createSharedFolderChannels(shared), ...createBackupChannels(folder) }, senderIsMainWindow(() => sender));
    const backup = backupAt('2026-12-02T09:00:00Z');
    await expect(ipcMain.invoke('backup-write', eventFrom(sender), { ...backup, fileName: `../${backup.fileName}` })).rejects.toThrow(/malformed request on backup-write: fileName/);
    await expect(ipcMain.invoke('backup-write', eventFrom(sender), { ...backup, fileName: 'notes.txt' })).rejects.toThrow(/malformed request on backup-write: fileName: the name is not a backup’s/);
    await expect(ipcMain.invoke('backup-write', eventFrom(sender), { ...backup, sha256: 'not hex' })).rejects.toThrow(/malformed request on backup-write: sha256/);
    await expect(ipcMain.invoke('backup-write', eventFrom(sender), { ...backup, folder: '/etc' })).rejects.toThrow(/malformed request/);
    await expect(ipcMain.invoke('backup-write', eventFrom(standInWebContents(2)), backup)).rejects.toThrow(/not Quorum’s main window/);
    expect(write).not.toHaveBeenCalled();
    expect(await readdir(documents)).toEqual([]);
    const answer = (await ipcMain.invoke('backup-write', eventFrom(sender), backup)) as { location: string };
    expect(answer.location).toBe(path.join(documents, DEFAULT_BACKUP_FOLDER_NAME, backup.fileName));
    await expect(ipcMain.invoke('backup-folder-status', eventFrom(sender))).resolves.toMatchObject({ backups: [{ fileName: backup.fileName }] });
  });
});
