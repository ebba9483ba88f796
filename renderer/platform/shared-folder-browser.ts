/**
 * The shared folder in a browser, through the File System Access API where
 * Chromium offers it (docs/bundle-format.md §12): the person picks the folder
 * with showDirectoryPicker; its handle is kept in IndexedDB (a small database of
 * its own, "quorum-shared-folder", one handle per Quorum store), so the choice
 * survives a restart. Chromium then asks for permission again, and only from a
 * click: permission() says 'needs-click' and the screen offers a button that
 * calls requestPermission().
 *
 * Names are checked as main checks them (only bundles' names of the layout,
 * shared/sync/folder-layout.ts); the API itself never leaves the folder it was
 * given. A write goes through createWritable(), which Chromium writes to a
 * swap file beside the target and moves over it on close(), so a reader never
 * sees half a file from Quorum. A file that cannot be read now (a cloud client
 * holding it, or gone since the listing) waits for the next pass.
 */
import { LARGEST_FILE_BYTES, fileTooLargeMessage, FileTooLargeError, type FolderEntry, type FolderListing, type FolderRead } from '../../shared/ipc';
import { isCandidateName, parseFolderBundleName, placeholderOf } from '../../shared/sync/folder-layout';
import type { FolderPermission, SharedFolderAccess } from './shared-folder';

/** The parts of the File System Access API used here (not all in TypeScript's DOM library yet). */
interface PermissionAware {
  queryPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'readwrite' }): Promise<PermissionState>;
}
type DirectoryHandle = FileSystemDirectoryHandle & PermissionAware & { values(): AsyncIterable<FileSystemHandle> };
type PickerHost = { showDirectoryPicker?: (options?: { id?: string; mode?: 'readwrite' }) => Promise<DirectoryHandle>; indexedDB?: IDBFactory };

export const NO_FOLDER_ACCESS =
  'This browser cannot use a folder on this computer: syncing through a shared folder needs the desktop app, or Chrome or Edge. You can still save bundles for partners and open theirs on this page.';

const HANDLES_DATABASE = 'quorum-shared-folder';
const HANDLES = 'handles';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function handles(factory: IDBFactory): Promise<IDBDatabase> {
  const open = factory.open(HANDLES_DATABASE, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(HANDLES);
  return request(open);
}

async function withHandles<T>(factory: IDBFactory, mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await handles(factory);
  try {
    return await request(work(db.transaction(HANDLES, mode).objectStore(HANDLES)));
  } finally {
    db.close();
  }
}

function checkName(name: string): void {
  if (!isCandidateName(name) || /[/\\\0]/.test(name)) throw new Error(`“${name}” is not the name of a bundle in a shared folder.`);
}

function errorName(error: unknown): string {
  return (error as { name?: unknown })?.name === undefined ? '' : String((error as { name: unknown }).name);
}

/** The folder for one Quorum store (`storeName`, as ?db= names it): each copy in this browser keeps its own choice. */
export function browserSharedFolder(host: Window, storeName: string): SharedFolderAccess {
  const picker = host as unknown as PickerHost;
  const factory = picker.indexedDB;
  const supported = typeof picker.showDirectoryPicker === 'function' && factory !== undefined;
  let held: DirectoryHandle | null | undefined;

  async function handle(): Promise<DirectoryHandle | null> {
    if (held === undefined) held = ((await withHandles(factory!, 'readonly', (store) => store.get(storeName))) as DirectoryHandle | undefined) ?? null;
    return held;
  }

  async function permissionOf(dir: DirectoryHandle): Promise<PermissionState> {
    return dir.queryPermission ? dir.queryPermission({ mode: 'readwrite' }) : 'granted';
  }

  async function ready(): Promise<DirectoryHandle | null> {
    const dir = await handle();
    if (!dir || (await permissionOf(dir)) !== 'granted') return null;
    return dir;
  }

  return {
    unsupported: supported ? null : NO_FOLDER_ACCESS,

    async choose() {
      if (!supported) return { chosen: false };
      let dir: DirectoryHandle;
      try {
        dir = await picker.showDirectoryPicker!({ id: 'quorum-shared-folder', mode: 'readwrite' });
      } catch (error) {
        if (errorName(error) === 'AbortError') return { chosen: false };
        throw error;
      }
      await withHandles(factory!, 'readwrite', (store) => store.put(dir, storeName));
      held = dir;
      return { chosen: true, folderName: dir.name || 'the shared folder' };
    },

    async forget() {
      if (!supported) return;
      await withHandles(factory!, 'readwrite', (store) => store.delete(storeName));
      held = null;
    },

    async permission(): Promise<FolderPermission> {
      if (!supported) return 'none';
      const dir = await handle();
      if (!dir) return 'none';
      return (await permissionOf(dir)) === 'granted' ? 'granted' : 'needs-click';
    },

    async requestPermission() {
      const dir = supported ? await handle() : null;
      if (!dir) return false;
      const state = dir.requestPermission ? await dir.requestPermission({ mode: 'readwrite' }) : 'granted';
      return state === 'granted';
    },

    async list(): Promise<FolderListing> {
      if (!supported) return { state: 'none' };
      const chosen = await handle();
      if (!chosen) return { state: 'none' };
      const dir = await ready();
      if (!dir) return { state: 'unavailable', folderName: chosen.name, message: `Quorum needs your permission to use the shared folder “${chosen.name}” again: choose “Allow the folder” on the Sync page.` };
      const files: FolderEntry[] = [];
      try {
        for await (const entry of dir.values()) {
          if (entry.kind !== 'file' || !isCandidateName(entry.name)) continue;
          let file: File;
          try {
            file = await (entry as FileSystemFileHandle).getFile();
          } catch {
            files.push({ name: entry.name, size: 0, modifiedAt: new Date(0).toISOString(), waiting: 'locked' });
            continue;
          }
          const base: FolderEntry = { name: entry.name, size: file.size, modifiedAt: new Date(file.lastModified).toISOString() };
          files.push(placeholderOf(entry.name) !== null || file.size === 0 ? { ...base, waiting: 'placeholder' } : base);
        }
      } catch (error) {
        return {
          state: 'unavailable',
          folderName: chosen.name,
          message: `The shared folder “${chosen.name}” cannot be read now (${errorName(error) || 'unknown problem'}). If it is on a drive, plug the drive in; if a cloud service keeps it, check that it is running and signed in. Quorum tries again every few minutes.`,
        };
      }
      return { state: 'ready', folderName: chosen.name, files: files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
    },

    async read(name): Promise<FolderRead> {
      checkName(name);
      if (placeholderOf(name) !== null) return { state: 'waiting', name, reason: 'placeholder' };
      const dir = await ready();
      if (!dir) return { state: 'waiting', name, reason: 'gone' };
      let file: File;
      try {
        file = await (await dir.getFileHandle(name)).getFile();
      } catch (error) {
        return { state: 'waiting', name, reason: errorName(error) === 'NotFoundError' ? 'gone' : 'locked' };
      }
      if (file.size === 0) return { state: 'waiting', name, reason: 'placeholder' };
      if (file.size > LARGEST_FILE_BYTES) throw new FileTooLargeError(fileTooLargeMessage(name, file.size));
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        return { state: 'ready', name, bytes, modifiedAt: new Date(file.lastModified).toISOString() };
      } catch {
        // Chromium refuses to read a file that changed after getFile(): it is still being written.
        return { state: 'waiting', name, reason: 'changing' };
      }
    },

    async write(name, bytes) {
      if (parseFolderBundleName(name) === null) throw new Error(`Quorum writes only bundles in the shared folder, not “${name}”.`);
      const dir = await ready();
      if (!dir) throw new Error('Quorum needs your permission to use the shared folder again: choose “Allow the folder” on the Sync page.');
      const fileHandle = await dir.getFileHandle(name, { create: true });
      const writable = await fileHandle.createWritable();
      try {
        await writable.write(new Uint8Array(bytes));
        await writable.close();
      } catch (error) {
        await writable.abort().catch(() => undefined);
        throw new Error(`Quorum could not write “${name}” in the shared folder: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
      }
      return { modifiedAt: new Date((await fileHandle.getFile()).lastModified).toISOString() };
    },
  };
}
