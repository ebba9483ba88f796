/**
 * The backups folder, in main (docs/backup-format.md, "Where backups are kept"). The
 * renderer makes each backup and its SHA-256; main keeps the folder's path (default
 * "Quorum backups" in the person's Documents, another chosen with a dialog), writes
 * only files named as backups (shared/backup.ts), straight inside that folder, under
 * a temporary name, reads the file back and compares its hash before renaming it into
 * place, and then removes the backups past the last 7 daily and 8 weekly. It never
 * reads, writes or removes any other file, and the renderer never names a path.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { backupsToRemove, parseBackupFileName } from '../shared/backup';
import type { BackupFolderChosen, BackupFolderStatus, BackupWriteRequest, BackupWritten } from '../shared/ipc';
import type { FolderDialog, FolderMemory } from './shared-folder';

export const DEFAULT_BACKUP_FOLDER_NAME = 'Quorum backups';

export class BackupWriteError extends Error {
  override name = 'BackupWriteError';
}

export interface BackupFolderDependencies {
  /** The person's Documents folder. */
  documents(): string;
  dialog: FolderDialog;
  /** Where the chosen folder's path is kept between runs. */
  memory: FolderMemory;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function plain(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'Quorum is not allowed to write there';
  if (code === 'EROFS') return 'the disk cannot be written to';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'the folder cannot be reached (is the drive connected?)';
  return error instanceof Error ? error.message : String(error);
}

export class BackupFolder {
  constructor(private readonly deps: BackupFolderDependencies) {}

  /** The chosen folder, or the default one. */
  async folder(): Promise<string> {
    const chosen = await this.deps.memory.load();
    return chosen ?? path.join(this.deps.documents(), DEFAULT_BACKUP_FOLDER_NAME);
  }

  /** The folder and the backups in it, newest first (nothing is created by looking). */
  async status(): Promise<BackupFolderStatus> {
    const folder = await this.folder();
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return { folder, backups: [] };
    }
    const backups: BackupFolderStatus['backups'] = [];
    for (const name of names.filter((n) => parseBackupFileName(n) !== null).sort().reverse()) {
      try {
        const info = await stat(path.join(folder, name));
        if (info.isFile()) backups.push({ fileName: name, bytes: info.size });
      } catch {
        // Removed meanwhile: not listed.
      }
    }
    return { folder, backups };
  }

  async choose(): Promise<BackupFolderChosen> {
    const choice = await this.deps.dialog.showOpenDialog({ title: 'Choose where Quorum keeps its backups', buttonLabel: 'Keep backups here', properties: ['openDirectory', 'createDirectory'] });
    const folder = choice.filePaths[0];
    if (choice.canceled || !folder || !path.isAbsolute(folder)) return { chosen: false };
    await this.deps.memory.save(folder);
    return { chosen: true, folder };
  }

  /**
   * Writes one backup, checked by reading it back, then removes old ones. A file
   * already there under the name is replaced only by a backup that read back whole.
   */
  async write(request: BackupWriteRequest): Promise<BackupWritten> {
    const { fileName, bytes } = request;
    if (parseBackupFileName(fileName) === null || path.basename(fileName) !== fileName) throw new BackupWriteError(`“${fileName}” is not a backup’s name.`);
    if (sha256(bytes) !== request.sha256) throw new BackupWriteError('The backup was damaged on its way to be saved, so it was not kept. Try again.');
    const folder = await this.folder();
    const target = path.join(folder, fileName);
    if (path.dirname(target) !== path.resolve(folder)) throw new BackupWriteError(`“${fileName}” is not a backup’s name.`);
    const partial = path.join(folder, `.${fileName}.${process.pid}.partial`);
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(partial, bytes);
      const readBack = await readFile(partial);
      if (sha256(readBack) !== request.sha256) {
        throw new BackupWriteError(`The backup written to ${folder} did not read back as it was written (the disk may be failing), so it was not kept.`);
      }
      await rename(partial, target);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      if (error instanceof BackupWriteError) throw error;
      throw new BackupWriteError(`Quorum could not save the backup in ${folder}: ${plain(error)}.`, { cause: error });
    }
    return { location: target, removed: await this.removeOld(folder, fileName) };
  }

  /** Removes the backups the retention rule lets go (shared/backup.ts), never the one just written; a file that will not go stays. */
  private async removeOld(folder: string, justWritten: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of backupsToRemove(names)) {
      if (name === justWritten) continue;
      try {
        await unlink(path.join(folder, name));
        removed.push(name);
      } catch {
        // Locked or already gone: tried again after the next backup.
      }
    }
    return removed;
  }
}

/** The three allowlisted channels' handlers (the IPC gate has checked sender and request). */
export function createBackupChannels(folder: BackupFolder) {
  return {
    'backup-folder-status': async () => folder.status(),
    'backup-folder-choose': async () => folder.choose(),
    'backup-write': async (request: BackupWriteRequest) => folder.write(request),
  } as const;
}
