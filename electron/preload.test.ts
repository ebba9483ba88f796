import { describe, expect, it, vi } from 'vitest';

// The real 'electron' module needs the Electron binary; the preload only needs these two objects.
const exposed = vi.hoisted(() => [] as [string, unknown][]);
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
  ipcRenderer: { invoke: async () => undefined, on: () => undefined, send: () => undefined },
}));

describe('the preload', () => {
  it('exposes window.quorum and nothing else to the page', async () => {
    await import('./preload');
    expect(exposed.map(([key]) => key)).toEqual(['quorum']);
    const api = exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([
      'appVersion',
      'backupFolderStatus',
      'chooseBackupFolder',
      'chooseFolder',
      'forgetFolder',
      'listFolder',
      'onBundleOpened',
      'openFiles',
      'printToPdf',
      'readFolderFile',
      'saveFile',
      'writeBackup',
      'writeFolderFile',
    ]);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });
});
