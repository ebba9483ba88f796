import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { FileTooLargeError } from '../shared/ipc';
import { createFileChannels, PDF_OPTIONS, type MainWindowDialogs } from './file-channels';
import { registerChannels, senderIsMainWindow } from './ipc-gate';
import { createSharedFolderChannels, SharedFolder } from './shared-folder';
import { BackupFolder, createBackupChannels } from './backup-folder';
import { eventFrom, StandInIpcMain, standInWebContents, type StandInEvent } from './ipc-test-stand-ins';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'quorum-files-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Dialogs that answer as the user would: with this path, these paths, or Cancel. */
function dialogsChoosing(choice: { save?: string; open?: string[] }) {
  const asked: { save: SaveDialogOptions[]; open: OpenDialogOptions[] } = { save: [], open: [] };
  const dialogs: MainWindowDialogs = {
    showSaveDialog: vi.fn(async (options: SaveDialogOptions) => {
      asked.save.push(options);
      return choice.save ? { canceled: false, filePath: choice.save } : { canceled: true, filePath: '' };
    }),
    showOpenDialog: vi.fn(async (options: OpenDialogOptions) => {
      asked.open.push(options);
      return choice.open ? { canceled: false, filePaths: choice.open } : { canceled: true, filePaths: [] };
    }),
  };
  return { dialogs, asked };
}

/** Every channel main answers: these, the shared folder's (none chosen) and the backups folder's, as main.ts registers them. */
const noFolderDialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) };
function channels(dialogs: MainWindowDialogs, fileLimit?: number) {
  const noFolder = new SharedFolder({ dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) }, memory: { load: async () => null, save: async () => undefined } });
  return {
    ...createFileChannels<StandInEvent>({ dialogs, defaultFolder: () => '/home/secretariat/Documents', appVersion: () => '0.1.0', fileLimit }),
    ...createSharedFolderChannels(noFolder),
    ...createBackupChannels(new BackupFolder({ documents: () => '/home/secretariat/Documents', dialog: noFolderDialog, memory: { load: async () => null, save: async () => undefined } })),
  };
}

const sender = standInWebContents(1);
const event = eventFrom(sender);

describe('saving a file', () => {
  it('writes the bytes where the user chose and says where', async () => {
    const target = path.join(folder, 'to-luton.quorum');
    const { dialogs, asked } = dialogsChoosing({ save: target });
    const result = await channels(dialogs)['save-file']({ bytes: new Uint8Array([7, 8, 9]), suggestedName: 'to-luton.quorum', description: 'Quorum bundle', extensions: ['quorum'] }, event);
    expect(result).toEqual({ saved: true, location: target });
    expect([...(await readFile(target))]).toEqual([7, 8, 9]);
    expect(asked.save[0]?.defaultPath).toBe(path.join('/home/secretariat/Documents', 'to-luton.quorum'));
    expect(asked.save[0]?.filters?.[0]).toEqual({ name: 'Quorum bundle', extensions: ['quorum'] });
    expect(await readdir(folder)).toEqual(['to-luton.quorum']);
  });

  it('replaces an existing file whole', async () => {
    const target = path.join(folder, 'minutes.csv');
    await writeFile(target, 'old minutes that were longer');
    const { dialogs } = dialogsChoosing({ save: target });
    await channels(dialogs)['save-file']({ bytes: new TextEncoder().encode('new'), suggestedName: 'minutes.csv' }, event);
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('writes nothing when the user cancels', async () => {
    const { dialogs } = dialogsChoosing({});
    expect(await channels(dialogs)['save-file']({ bytes: new Uint8Array([1]), suggestedName: 'x.quorum' }, event)).toEqual({ saved: false });
    expect(await readdir(folder)).toEqual([]);
  });

  it('says plainly when the folder cannot be written, and leaves no partial file', async () => {
    const { dialogs } = dialogsChoosing({ save: path.join(folder, 'missing-folder', 'x.quorum') });
    await expect(channels(dialogs)['save-file']({ bytes: new Uint8Array([1]), suggestedName: 'x.quorum' }, event)).rejects.toThrow(/Quorum could not save “x.quorum”/);
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('opening files', () => {
  it('returns the chosen files’ names and contents, filtered by extension', async () => {
    await writeFile(path.join(folder, 'from-bedford.quorum'), new Uint8Array([1, 2]));
    await writeFile(path.join(folder, 'from-luton.quorum'), new Uint8Array([3]));
    const { dialogs, asked } = dialogsChoosing({ open: [path.join(folder, 'from-bedford.quorum'), path.join(folder, 'from-luton.quorum')] });
    const opened = await channels(dialogs)['open-files']({ extensions: ['quorum'], description: 'Quorum bundle', multiple: true }, event);
    expect(opened.map((file) => [file.name, [...file.bytes]])).toEqual([
      ['from-bedford.quorum', [1, 2]],
      ['from-luton.quorum', [3]],
    ]);
    expect(asked.open[0]?.properties).toEqual(['openFile', 'multiSelections']);
    expect(asked.open[0]?.filters).toEqual([{ name: 'Quorum bundle', extensions: ['quorum'] }]);
  });

  it('lets the user pick only one file unless asked for several', async () => {
    const { dialogs, asked } = dialogsChoosing({});
    await channels(dialogs)['open-files']({ extensions: [] }, event);
    expect(asked.open[0]?.properties).toEqual(['openFile']);
    expect(asked.open[0]?.filters).toEqual([]);
  });

  it('returns nothing when the user cancels', async () => {
    const { dialogs } = dialogsChoosing({});
    expect(await channels(dialogs)['open-files']({ extensions: ['quorum'] }, event)).toEqual([]);
  });

  it('refuses a file over the size limit with a sentence naming it', async () => {
    await writeFile(path.join(folder, 'holiday-video.quorum'), new Uint8Array(2048));
    const { dialogs } = dialogsChoosing({ open: [path.join(folder, 'holiday-video.quorum')] });
    const opening = channels(dialogs, 1024)['open-files']({ extensions: ['quorum'] }, event);
    await expect(opening).rejects.toThrow(FileTooLargeError);
    await expect(channels(dialogs, 1024)['open-files']({ extensions: ['quorum'] }, event)).rejects.toThrow(/“holiday-video.quorum” is 1 MB; Quorum opens and saves files of up to 1 MB/);
  });

  it('refuses several files that are too large together', async () => {
    await writeFile(path.join(folder, 'a.quorum'), new Uint8Array(700));
    await writeFile(path.join(folder, 'b.quorum'), new Uint8Array(700));
    const { dialogs } = dialogsChoosing({ open: [path.join(folder, 'a.quorum'), path.join(folder, 'b.quorum')] });
    await expect(channels(dialogs, 1024)['open-files']({ extensions: ['quorum'], multiple: true }, event)).rejects.toThrow(/The chosen files come to 1 MB together; Quorum opens up to 1 MB at a time/);
  });
});

describe('printing to PDF', () => {
  it('prints the sender’s page on A4 and saves it as a .pdf where the user chose', async () => {
    const target = path.join(folder, 'agenda.pdf');
    const { dialogs, asked } = dialogsChoosing({ save: target });
    const printer = standInWebContents(1, new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]));
    const result = await channels(dialogs)['print-to-pdf']({ suggestedName: 'agenda' }, eventFrom(printer));
    expect(printer.printed).toEqual([PDF_OPTIONS]);
    expect(PDF_OPTIONS.pageSize).toBe('A4');
    expect(result).toEqual({ saved: true, location: target });
    expect(await readFile(target, 'latin1')).toBe('%PDF-');
    expect(asked.save[0]?.defaultPath).toMatch(/agenda\.pdf$/);
    expect(asked.save[0]?.filters?.[0]).toEqual({ name: 'PDF document', extensions: ['pdf'] });
  });
});

describe('through the IPC gate', () => {
  it('a malformed save request shows no dialog and writes nothing', async () => {
    const { dialogs } = dialogsChoosing({ save: path.join(folder, 'x.quorum') });
    const ipcMain = new StandInIpcMain();
    registerChannels(ipcMain, channels(dialogs), senderIsMainWindow(() => sender));
    await expect(ipcMain.invoke('save-file', event, { bytes: 'not bytes', suggestedName: 'x.quorum' })).rejects.toThrow(
      /^Quorum refused a malformed request on save-file: bytes/,
    );
    expect(dialogs.showSaveDialog).not.toHaveBeenCalled();
    expect(await readdir(folder)).toEqual([]);
  });

  it('a request from another window shows no dialog and writes nothing', async () => {
    const { dialogs } = dialogsChoosing({ save: path.join(folder, 'x.quorum') });
    const ipcMain = new StandInIpcMain();
    registerChannels(ipcMain, channels(dialogs), senderIsMainWindow(() => sender));
    await expect(ipcMain.invoke('save-file', eventFrom(standInWebContents(9)), { bytes: new Uint8Array([1]), suggestedName: 'x.quorum' })).rejects.toThrow(
      /not Quorum’s main window/,
    );
    expect(dialogs.showSaveDialog).not.toHaveBeenCalled();
    expect(await readdir(folder)).toEqual([]);
  });

  it('answers the app version', async () => {
    const ipcMain = new StandInIpcMain();
    registerChannels(ipcMain, channels(dialogsChoosing({}).dialogs), senderIsMainWindow(() => sender));
    await expect(ipcMain.invoke('app-version', event)).resolves.toBe('0.1.0');
  });
});
