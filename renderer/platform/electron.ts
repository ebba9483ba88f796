/**
 * The Platform for Quorum's Electron shell: every call goes through window.quorum,
 * the preload's bridge, to main (native dialogs, printToPDF, the app's version).
 * Main validates every request; this side only shapes requests so they pass (a bare
 * file name, the extension for the dialog's filter) and turns Electron's wrapped
 * errors back into the plain sentence main wrote.
 */
import type { QuorumBridge } from '../../shared/ipc';
import { listenForDroppedBundles, type DropTarget } from './dropped-bundles';
import type { Platform } from './platform';
import { electronSharedFolder } from './shared-folder';

/** "Error invoking remote method 'save-file': FileTooLargeError: “x” is 300 MB; …" → "“x” is 300 MB; …" */
export function plainMessage(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const message = error.message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
  return message === error.message ? error : new Error(message, { cause: error });
}

async function unwrapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw plainMessage(error);
  }
}

/** A name the save dialog accepts: no folders (a "/" in a date is common in titles). */
export function bareFileName(name: string): string {
  const bare = name.replace(/[/\\\0]/g, '-').trim();
  return bare === '' || bare === '.' || bare === '..' ? 'Quorum file' : bare.slice(0, 200);
}

function extensionOf(name: string): string[] {
  const match = /\.([A-Za-z0-9]{1,16})$/.exec(name);
  return match ? [match[1]!] : [];
}

export function createElectronPlatform(bridge: QuorumBridge, dropTarget?: DropTarget): Platform {
  // One folder for the app: main keeps its path, and the desktop app has one store.
  const folder = electronSharedFolder(bridge);
  return {
    kind: 'electron',
    saveFile: (request) => {
      const suggestedName = bareFileName(request.suggestedName);
      return unwrapped(() =>
        bridge.saveFile({
          bytes: request.bytes,
          suggestedName,
          extensions: extensionOf(suggestedName),
          ...(request.description ? { description: request.description } : {}),
        }),
      );
    },
    openFiles: (request) =>
      unwrapped(() =>
        bridge.openFiles({
          extensions: request.extensions,
          ...(request.description ? { description: request.description } : {}),
          ...(request.multiple !== undefined ? { multiple: request.multiple } : {}),
        }),
      ),
    printToPdf: (suggestedName) => unwrapped(() => bridge.printToPdf({ suggestedName: bareFileName(suggestedName) })),
    appVersion: () => unwrapped(() => bridge.appVersion()),
    sharedFolder: () => folder,
    // The backups folder, kept by main (electron/backup-folder.ts).
    backupFolder: {
      status: () => unwrapped(() => bridge.backupFolderStatus()),
      choose: () => unwrapped(() => bridge.chooseBackupFolder()),
      write: (request) => unwrapped(() => bridge.writeBackup({ fileName: request.fileName, bytes: request.bytes, sha256: request.sha256 })),
    },
    onBundleOpened(handler) {
      const fromSystem = bridge.onBundleOpened(handler);
      const fromDrops = dropTarget ? listenForDroppedBundles(dropTarget, handler) : () => undefined;
      return () => {
        fromSystem();
        fromDrops();
      };
    },
  };
}
