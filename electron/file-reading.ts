/**
 * Reading a file the user chose (or the operating system handed us) into memory,
 * with a size limit checked before reading so a wrong choice — a disk image, a video
 * — is refused with a sentence instead of exhausting memory.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { FileTooLargeError, fileTooLargeMessage, LARGEST_FILE_BYTES, type OpenedFile } from '../shared/ipc';

export class NotAFileError extends Error {
  override name = 'NotAFileError';
}

export async function readFileWithinLimit(filePath: string, limit = LARGEST_FILE_BYTES): Promise<OpenedFile> {
  const name = path.basename(filePath);
  let info;
  try {
    info = await stat(filePath);
  } catch {
    throw new NotAFileError(`Quorum could not find “${name}” (${filePath}).`);
  }
  if (!info.isFile()) throw new NotAFileError(`“${name}” is a folder or device, not a file.`);
  if (info.size > limit) throw new FileTooLargeError(fileTooLargeMessage(name, info.size, limit));
  const contents = await readFile(filePath);
  // Re-checked: the file may have grown between stat and read.
  if (contents.byteLength > limit) throw new FileTooLargeError(fileTooLargeMessage(name, contents.byteLength, limit));
  return { name, bytes: new Uint8Array(contents.buffer, contents.byteOffset, contents.byteLength) };
}
