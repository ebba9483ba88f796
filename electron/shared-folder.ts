/**
 * The folder partners share (OneDrive, SharePoint, Dropbox, Google Drive for
 * desktop, Syncthing, a network drive), as main reads and writes it for the
 * renderer's folder sync (docs/bundle-format.md §12; docs/architecture.md, "Sync
 * through a shared folder").
 *
 * The person chooses the folder with a dialog; main keeps its path (in a small
 * file of its own) and the renderer never names a path, only a bare file name of
 * the folder's layout (shared/sync/folder-layout.ts). Every name is checked
 * again here: no folders, no "..", nothing absolute, and a link that leads out of
 * the folder is refused. Only bundles' names are listed, read or written, so the
 * thousands of other files a shared folder holds are passed over by name.
 *
 * A file a cloud client is still writing or has not downloaded is "waiting", not
 * damaged: zero bytes, a placeholder's name, no blocks on disk, locked, changing
 * while read, or whose gzip or JSON stops part-way. The renderer tries it again on
 * its next pass. A folder that is not there (a drive unplugged, a cloud client
 * signed out) is said in words; nothing throws for it.
 *
 * Writes go to a temporary name in the folder and are renamed over the bundle, so
 * a reader (another copy, through its cloud client) never sees half a file from
 * Quorum itself.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FileTooLargeError, LARGEST_FILE_BYTES, type FolderChosen, type FolderEntry, type FolderListing, type FolderRead } from '../shared/ipc';
import { isCandidateName, parseFolderBundleName, placeholderOf, writingName } from '../shared/sync/folder-layout';
import { readFileWithinLimit } from './file-reading';

/** A name the renderer gave that is not a bare name of a bundle in the folder. */
export class FolderNameError extends Error {
  override name = 'FolderNameError';
}

/** The dialog that picks a folder (Electron's showOpenDialog with openDirectory, bound to the window). */
export interface FolderDialog {
  showOpenDialog(options: { title: string; buttonLabel: string; properties: Array<'openDirectory' | 'createDirectory'> }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** Where main keeps the chosen folder's path between runs. */
export interface FolderMemory {
  load(): Promise<string | null>;
  save(folder: string | null): Promise<void>;
}

/** Keeps the path in a JSON file (in the app's user data folder), written atomically. */
export function folderMemoryIn(file: string): FolderMemory {
  return {
    async load() {
      try {
        const parsed = JSON.parse(await readFile(file, 'utf8')) as { folder?: unknown };
        return typeof parsed.folder === 'string' && path.isAbsolute(parsed.folder) ? parsed.folder : null;
      } catch {
        return null;
      }
    },
    async save(folder) {
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, JSON.stringify({ folder }));
      await rename(partial, file);
    },
  };
}

const LOCKED = new Set(['EBUSY', 'EACCES', 'EPERM', 'ETXTBSY']);
const GONE = new Set(['ENOENT', 'ENOTDIR']);

function codeOf(error: unknown): string {
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
}

/** Larger than any file a file system keeps inside its own records (ext4, NTFS, APFS): such a file with no blocks is a placeholder. */
const INLINE_SIZE = 4096;

/** The folder's last part, as the person knows it ("Quorum bundles"). */
export function folderNameOf(folder: string): string {
  return path.basename(folder) || folder;
}

/** Whether the bytes are a whole gzip stream (its trailer checks out) or whole JSON; false when it stops part-way. */
async function isWhole(file: string, bytes: Uint8Array): Promise<boolean> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // Unpacked to nowhere: only whether the stream ends as gzip says it must.
      await pipeline(createReadStream(file), createGunzip(), new Writable({ write: (_chunk, _encoding, done) => done() }));
      return true;
    } catch {
      return false;
    }
  }
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trimStart().startsWith('{')) return true; // Not a bundle at all: the renderer refuses it as one opened by hand would be.
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export interface SharedFolderOptions {
  dialog: FolderDialog;
  memory: FolderMemory;
  /** Largest file read; LARGEST_FILE_BYTES (file-reading.ts) unless a test says otherwise. */
  fileLimit?: number;
  /** Reads a file within the limit: readFileWithinLimit, unless a test stands in for a file another program holds locked. */
  readBytes?: (file: string, limit: number) => Promise<Uint8Array>;
}

export class SharedFolder {
  private folder: string | null | undefined;
  private readonly limit: number;

  constructor(private readonly options: SharedFolderOptions) {
    this.limit = options.fileLimit ?? LARGEST_FILE_BYTES;
  }

  /** The chosen folder's path, or null. */
  async current(): Promise<string | null> {
    if (this.folder === undefined) this.folder = await this.options.memory.load();
    return this.folder;
  }

  async choose(): Promise<FolderChosen> {
    const choice = await this.options.dialog.showOpenDialog({
      title: 'Choose the folder your partners share',
      buttonLabel: 'Sync through this folder',
      properties: ['openDirectory', 'createDirectory'],
    });
    const chosen = choice.filePaths[0];
    if (choice.canceled || !chosen) return { chosen: false };
    const folder = path.resolve(chosen);
    await this.options.memory.save(folder);
    this.folder = folder;
    return { chosen: true, folderName: folderNameOf(folder) };
  }

  async forget(): Promise<{ forgotten: true }> {
    await this.options.memory.save(null);
    this.folder = null;
    return { forgotten: true };
  }

  /** The bundles and placeholders of bundles in the folder; everything else is passed over by its name. */
  async list(): Promise<FolderListing> {
    const folder = await this.current();
    if (folder === null) return { state: 'none' };
    const folderName = folderNameOf(folder);
    let names: string[];
    try {
      const info = await stat(folder);
      if (!info.isDirectory()) return { state: 'unavailable', folderName, message: unavailableWords(folder, 'ENOTDIR') };
      names = await readdir(folder);
    } catch (error) {
      return { state: 'unavailable', folderName, message: unavailableWords(folder, codeOf(error)) };
    }
    const files: FolderEntry[] = [];
    for (const name of names) {
      if (!isCandidateName(name)) continue;
      let info;
      try {
        info = await lstat(path.join(folder, name));
      } catch {
        continue; // Gone since the folder was read.
      }
      if (!info.isFile() && !info.isSymbolicLink()) continue;
      const entry: FolderEntry = { name, size: info.size, modifiedAt: info.mtime.toISOString() };
      const waiting = placeholderOf(name) !== null ? 'placeholder' : info.isFile() ? waitingBySize(info) : undefined;
      files.push(waiting ? { ...entry, waiting } : entry);
    }
    return { state: 'ready', folderName, files: files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  }

  /** Reads one bundle, or says why it must wait. Throws only for a name that is not a bundle's in the folder, or a file over the limit. */
  async read(name: string): Promise<FolderRead> {
    const folder = await this.requireFolder();
    const file = await this.resolve(folder, name);
    const waiting = (reason: Extract<FolderRead, { state: 'waiting' }>['reason']): FolderRead => ({ state: 'waiting', name, reason });
    if (placeholderOf(name) !== null) return waiting('placeholder');
    let before;
    try {
      before = await stat(file);
    } catch (error) {
      return waiting(GONE.has(codeOf(error)) ? 'gone' : LOCKED.has(codeOf(error)) ? 'locked' : 'gone');
    }
    const bySize = waitingBySize(before);
    if (bySize) return waiting(bySize);
    let bytes: Uint8Array;
    try {
      bytes = await (this.options.readBytes ?? (async (f, l) => (await readFileWithinLimit(f, l)).bytes))(file, this.limit);
    } catch (error) {
      if (error instanceof FileTooLargeError) throw error;
      const code = codeOf((error as Error).cause ?? error) || codeOf(error);
      if (LOCKED.has(code)) return waiting('locked');
      // readFileWithinLimit says "could not find" for any stat failure: read again to tell a lock from a file gone.
      try {
        await readFile(file);
      } catch (again) {
        if (LOCKED.has(codeOf(again))) return waiting('locked');
      }
      return waiting('gone');
    }
    let after;
    try {
      after = await stat(file);
    } catch {
      return waiting('gone');
    }
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.byteLength !== after.size) return waiting('changing');
    if (!(await isWhole(file, bytes))) return waiting('partial');
    return { state: 'ready', name, bytes, modifiedAt: after.mtime.toISOString() };
  }

  /** Writes a bundle under a temporary name in the folder and renames it over the old one. */
  async write(name: string, bytes: Uint8Array): Promise<{ written: true; modifiedAt: string }> {
    if (parseFolderBundleName(name) === null) throw new FolderNameError(`Quorum writes only bundles in the shared folder, not “${name}”.`);
    const folder = await this.requireFolder();
    const target = await this.resolve(folder, name);
    try {
      const info = await stat(folder);
      if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    } catch (error) {
      throw new Error(unavailableWords(folder, codeOf(error)), { cause: error });
    }
    const partial = path.join(folder, writingName(randomUUID()));
    try {
      await writeFile(partial, bytes, { flag: 'wx' });
      await rename(partial, target);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      const code = codeOf(error);
      const why = LOCKED.has(code)
        ? 'the file is in use or the folder is read only; Quorum tries again on its next pass'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : error instanceof Error
            ? error.message
            : String(error);
      throw new Error(`Quorum could not write “${name}” in the shared folder: ${why}.`, { cause: error });
    }
    const written = await stat(target);
    return { written: true, modifiedAt: written.mtime.toISOString() };
  }

  private async requireFolder(): Promise<string> {
    const folder = await this.current();
    if (folder === null) throw new FolderNameError('No shared folder is chosen: choose one in Settings.');
    return folder;
  }

  /** The file's path inside the folder: a bare name of the layout, and no link that leads outside. */
  private async resolve(folder: string, name: string): Promise<string> {
    checkBareName(name);
    const target = path.join(folder, name);
    if (path.dirname(target) !== path.resolve(folder)) throw new FolderNameError(`“${name}” is not a file in the shared folder.`);
    let info;
    try {
      info = await lstat(target);
    } catch {
      return target; // Not there (yet): a write creates it, a read says it has gone.
    }
    if (info.isSymbolicLink()) {
      let real: string;
      let realFolder: string;
      try {
        [real, realFolder] = await Promise.all([realpath(target), realpath(folder)]);
      } catch {
        throw new FolderNameError(`“${name}” in the shared folder is a link to a file that is not there.`);
      }
      if (path.dirname(real) !== realFolder) throw new FolderNameError(`“${name}” in the shared folder is a link to a file outside it; Quorum does not follow it.`);
    }
    return target;
  }
}

/** Refuses anything but a bare name a bundle of the layout (or its placeholder) has. */
export function checkBareName(name: string): void {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name) || path.isAbsolute(name) || name.length > 255) {
    throw new FolderNameError(`“${String(name)}” is not a bare file name.`);
  }
  if (!isCandidateName(name)) throw new FolderNameError(`“${name}” is not the name of a bundle in a shared folder.`);
}

function waitingBySize(info: { size: number; blocks?: number }): FolderEntry['waiting'] {
  if (info.size === 0) return 'placeholder';
  // A cloud client's file not downloaded yet: a size, but nothing on disk (macOS File Provider, Linux FUSE clients).
  if (process.platform !== 'win32' && typeof info.blocks === 'number' && info.blocks === 0 && info.size > INLINE_SIZE) return 'placeholder';
  return undefined;
}

/** Why the folder cannot be read now, in the secretariat's words. */
export function unavailableWords(folder: string, code: string): string {
  const name = folderNameOf(folder);
  if (GONE.has(code)) {
    return `The shared folder “${name}” is not there now (${folder}). If it is on a drive, plug the drive in; if a cloud service keeps it (OneDrive, Dropbox, Google Drive), check that it is running and signed in. Quorum tries again every few minutes.`;
  }
  if (LOCKED.has(code)) return `Quorum is not allowed to read the shared folder “${name}” (${folder}). Check its sharing permissions. Quorum tries again every few minutes.`;
  return `Quorum could not read the shared folder “${name}” (${folder})${code ? ` (${code})` : ''}. Quorum tries again every few minutes.`;
}

/** The shared folder's channels, for registerChannels in main.ts. */
export function createSharedFolderChannels(folder: SharedFolder) {
  return {
    'folder-choose': async () => folder.choose(),
    'folder-forget': async () => folder.forget(),
    'folder-list': async () => folder.list(),
    'folder-read': async (request: { name: string }) => folder.read(request.name),
    'folder-write': async (request: { name: string; bytes: Uint8Array }) => folder.write(request.name, request.bytes),
  } as const;
}
