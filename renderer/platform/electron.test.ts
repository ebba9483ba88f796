import { describe, expect, it, vi } from 'vitest';
import type { BundleOpened, QuorumBridge } from '../../shared/ipc';
import { createElectronPlatform, plainMessage } from './electron';

function standInBridge() {
  let listener: ((bundle: BundleOpened) => void) | null = null;
  const bridge = {
    saveFile: vi.fn(async () => ({ saved: true as const, location: '/home/s/Documents/x.quorum' })),
    openFiles: vi.fn(async () => [{ name: 'from-luton.quorum', bytes: new Uint8Array([1]) }]),
    printToPdf: vi.fn(async () => ({ saved: false as const })),
    appVersion: vi.fn(async () => '0.1.0'),
    chooseFolder: vi.fn(async () => ({ chosen: false as const })),
    forgetFolder: vi.fn(async () => ({ forgotten: true as const })),
    listFolder: vi.fn(async () => ({ state: 'none' as const })),
    readFolderFile: vi.fn(async (request: { name: string }) => ({ state: 'waiting' as const, name: request.name, reason: 'gone' as const })),
    writeFolderFile: vi.fn(async () => ({ written: true as const, modifiedAt: '2026-11-22T10:00:00.000Z' })),
    backupFolderStatus: vi.fn(async () => ({ folder: '/home/s/Documents/Quorum backups', backups: [] })),
    chooseBackupFolder: vi.fn(async () => ({ chosen: false as const })),
    writeBackup: vi.fn(async () => {
      throw new Error("Error invoking remote method 'backup-write': BackupWriteError: Quorum could not save the backup in /media/usb: the disk is full.");
    }),
    onBundleOpened: vi.fn((subscriber: (bundle: BundleOpened) => void) => {
      listener = subscriber;
      return () => {
        listener = null;
      };
    }),
  } satisfies QuorumBridge;
  return { bridge, mainSends: (bundle: BundleOpened) => listener?.(bundle) };
}

describe('the Electron platform', () => {
  it('keeps backups through the bridge, and says main’s own sentence when one cannot be kept', async () => {
    const { bridge } = standInBridge();
    const platform = createElectronPlatform(bridge);
    expect(await platform.backupFolder!.status()).toEqual({ folder: '/home/s/Documents/Quorum backups', backups: [] });
    const request = { fileName: 'quorum-backup-2026-12-02-101500.quorumbackup', bytes: new Uint8Array([1]), sha256: 'a'.repeat(64) };
    await expect(platform.backupFolder!.write(request)).rejects.toThrow(/^Quorum could not save the backup in \/media\/usb: the disk is full\.$/);
    expect(bridge.writeBackup).toHaveBeenCalledExactlyOnceWith(request);
  });

  it('saves through the bridge with the name’s extension as the dialog’s filter', async () => {
    const { bridge } = standInBridge();
    const bytes = new Uint8Array([1, 2]);
    await expect(createElectronPlatform(bridge).saveFile({ bytes, suggestedName: 'to-luton-2026-11-22.quorum', description: 'Quorum bundle' })).resolves.toEqual({
      saved: true,
      location: '/home/s/Documents/x.quorum',
    });
    expect(bridge.saveFile).toHaveBeenCalledWith({ bytes, suggestedName: 'to-luton-2026-11-22.quorum', description: 'Quorum bundle', extensions: ['quorum'] });
  });

  it('turns a title with slashes into a file name main will accept', async () => {
    const { bridge } = standInBridge();
    await createElectronPlatform(bridge).saveFile({ bytes: new Uint8Array(), suggestedName: 'Minutes 22/11/2026.csv' });
    expect(bridge.saveFile).toHaveBeenCalledWith(expect.objectContaining({ suggestedName: 'Minutes 22-11-2026.csv', extensions: ['csv'] }));
    await createElectronPlatform(bridge).printToPdf('Agenda 22/11/2026');
    expect(bridge.printToPdf).toHaveBeenCalledWith({ suggestedName: 'Agenda 22-11-2026' });
  });

  it('opens files and prints through the bridge', async () => {
    const { bridge } = standInBridge();
    const platform = createElectronPlatform(bridge);
    await expect(platform.openFiles({ extensions: ['quorum'], multiple: true })).resolves.toHaveLength(1);
    expect(bridge.openFiles).toHaveBeenCalledWith({ extensions: ['quorum'], multiple: true });
    await expect(platform.printToPdf('agenda.pdf')).resolves.toEqual({ saved: false });
    await expect(platform.appVersion()).resolves.toBe('0.1.0');
    expect(platform.kind).toBe('electron');
  });

  it('shows main’s sentence, not Electron’s wrapping, when main refuses', async () => {
    const { bridge } = standInBridge();
    bridge.openFiles.mockRejectedValueOnce(
      new Error("Error invoking remote method 'open-files': FileTooLargeError: “video.quorum” is 300 MB; Quorum opens and saves files of up to 200 MB."),
    );
    await expect(createElectronPlatform(bridge).openFiles({ extensions: [] })).rejects.toThrow(/^“video.quorum” is 300 MB; Quorum opens and saves files of up to 200 MB\.$/);
  });

  it('leaves other errors as they are', () => {
    const error = new Error('disk on fire');
    expect(plainMessage(error)).toBe(error);
  });

  it('hands over bundles the operating system opened, until unsubscribed', () => {
    const { bridge, mainSends } = standInBridge();
    const handler = vi.fn();
    const unsubscribe = createElectronPlatform(bridge).onBundleOpened(handler);
    mainSends({ name: 'a.quorum', bytes: new Uint8Array([9]) });
    unsubscribe();
    mainSends({ name: 'b.quorum', bytes: new Uint8Array([9]) });
    expect(handler).toHaveBeenCalledExactlyOnceWith({ name: 'a.quorum', bytes: new Uint8Array([9]) });
  });
});
