/**
 * A folder partners share, as folder sync sees it (renderer/features/sync/folder-sync.ts,
 * docs/bundle-format.md §12): one small interface, two implementations. In the
 * desktop app every call goes to main (electron/shared-folder.ts), which keeps
 * the folder's path and checks every name; in a browser, the File System Access
 * API where Chromium offers it (shared-folder-browser.ts). Unit tests use a
 * folder in memory or a temporary folder on disk behind the same interface.
 */
import type { FolderChosen, FolderListing, FolderRead, QuorumBridge } from '../../shared/ipc';
import { plainMessage } from './electron';

export type { FolderChosen, FolderEntry, FolderListing, FolderRead, FolderWaiting } from '../../shared/ipc';

/** Whether Quorum may use the chosen folder now: a browser asks again after a restart, and only on a click. */
export type FolderPermission = 'granted' | 'needs-click' | 'none';

export interface SharedFolderAccess {
  /** Why this platform cannot sync through a folder, in plain words; null when it can. */
  readonly unsupported: string | null;
  /** Asks the person for the folder (a dialog or the browser's picker). */
  choose(): Promise<FolderChosen>;
  /** Stops using the folder: nothing in it is touched. */
  forget(): Promise<void>;
  permission(): Promise<FolderPermission>;
  /** Asks for permission again; in a browser, only from a click. */
  requestPermission(): Promise<boolean>;
  /** The bundles (and placeholders of bundles) in the folder, by name: everything else is passed over unread. */
  list(): Promise<FolderListing>;
  read(name: string): Promise<FolderRead>;
  /** Writes a bundle whole (a temporary name, then renamed over the old one). */
  write(name: string, bytes: Uint8Array): Promise<{ modifiedAt: string }>;
}

async function unwrapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw plainMessage(error);
  }
}

/** The desktop app's folder: main does the work, and has kept the folder's path since it was chosen. */
export function electronSharedFolder(bridge: QuorumBridge): SharedFolderAccess {
  return {
    unsupported: null,
    choose: () => unwrapped(() => bridge.chooseFolder()),
    forget: async () => {
      await unwrapped(() => bridge.forgetFolder());
    },
    permission: async () => ((await unwrapped(() => bridge.listFolder())).state === 'none' ? 'none' : 'granted'),
    requestPermission: async () => true,
    list: () => unwrapped(() => bridge.listFolder()),
    read: (name) => unwrapped(() => bridge.readFolderFile({ name })),
    write: async (name, bytes) => unwrapped(() => bridge.writeFolderFile({ name, bytes })),
  };
}
