/**
 * The API the preload exposes to the page as window.quorum: one function per
 * allowlisted channel, each sending exactly one argument, and a subscription to
 * bundle-opened. ipcRenderer itself never crosses the bridge, and listeners receive
 * the bundle only, never Electron's event object (which would reach ipcRenderer).
 *
 * A bundle can arrive before React has subscribed (a double-clicked file starts the
 * app), so bundles that find no listener wait here for the first one.
 */
import { type BundleOpened, type InvokeChannel, type QuorumBridge } from '../shared/ipc';

export interface BridgeIpcRenderer {
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown>;
  on(channel: 'bundle-opened', listener: (event: unknown, bundle: BundleOpened) => void): unknown;
}

export function createQuorumBridge(ipcRenderer: BridgeIpcRenderer): QuorumBridge {
  const listeners = new Set<(bundle: BundleOpened) => void>();
  const unclaimed: BundleOpened[] = [];
  ipcRenderer.on('bundle-opened', (_event, bundle) => {
    if (listeners.size === 0) unclaimed.push(bundle);
    for (const listener of listeners) listener(bundle);
  });

  const call = <T>(channel: InvokeChannel, request?: unknown): Promise<T> =>
    (request === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, request)) as Promise<T>;

  const bridge: QuorumBridge = {
    saveFile: (request) => call('save-file', request),
    openFiles: (request) => call('open-files', request),
    printToPdf: (request) => call('print-to-pdf', request),
    appVersion: () => call('app-version'),
    chooseFolder: () => call('folder-choose'),
    forgetFolder: () => call('folder-forget'),
    listFolder: () => call('folder-list'),
    readFolderFile: (request) => call('folder-read', request),
    writeFolderFile: (request) => call('folder-write', request),
    backupFolderStatus: () => call('backup-folder-status'),
    chooseBackupFolder: () => call('backup-folder-choose'),
    writeBackup: (request) => call('backup-write', request),
    onBundleOpened(listener) {
      listeners.add(listener);
      for (const bundle of unclaimed.splice(0)) listener(bundle);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  return Object.freeze(bridge);
}
