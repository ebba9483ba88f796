/**
 * What main does for each allowlisted channel, once the IPC gate has checked the
 * sender and the request: native save and open dialogs, printing the window to a
 * PDF, and the app's version.
 *
 * Dialogs are passed in already bound to the main window, so these handlers need no
 * window and tests need no Electron. Saves are written to a temporary file beside
 * the target and renamed over it, so a failed save never leaves half a file where
 * the user's old one was.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue, PrintToPDFOptions, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { FileTooLargeError, LARGEST_FILE_BYTES, type OpenedFile, type SaveResult } from '../shared/ipc';
import { readFileWithinLimit } from './file-reading';
import type { ChannelHandlers, InvokeEvent } from './ipc-gate';

export interface MainWindowDialogs {
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
}

/** The sender's web contents, as far as printing needs it. */
export interface PdfPrinter {
  printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
}

export type PrintingInvokeEvent = InvokeEvent & { readonly sender: PdfPrinter };

export interface FileChannelDependencies {
  dialogs: MainWindowDialogs;
  /** The folder save dialogs start in, e.g. the user's Documents. */
  defaultFolder(): string;
  appVersion(): string;
  /** Largest file opened, and largest total per open; LARGEST_FILE_BYTES unless a test says otherwise. */
  fileLimit?: number;
}

/** Printed as the user sees the window, on A4 (the consortium's paper). */
export const PDF_OPTIONS: PrintToPDFOptions = { printBackground: true, pageSize: 'A4', landscape: false };

async function writeReplacing(target: string, bytes: Uint8Array): Promise<void> {
  const partial = `${target}.${process.pid}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, target);
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    throw new Error(`Quorum could not save “${path.basename(target)}”: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function withPdfExtension(name: string): string {
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}

/** The channels this module answers; the shared folder's are electron/shared-folder.ts's. */
export type FileChannel = 'save-file' | 'open-files' | 'print-to-pdf' | 'app-version';

export function createFileChannels<E extends PrintingInvokeEvent>(deps: FileChannelDependencies): Pick<ChannelHandlers<E>, FileChannel> {
  const limit = deps.fileLimit ?? LARGEST_FILE_BYTES;

  async function saveWithDialog(bytes: Uint8Array, suggestedName: string, filter: { name: string; extensions: string[] }): Promise<SaveResult> {
    const choice = await deps.dialogs.showSaveDialog({
      defaultPath: path.join(deps.defaultFolder(), suggestedName),
      filters: filter.extensions.length > 0 ? [filter, { name: 'All files', extensions: ['*'] }] : [],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { saved: false };
    await writeReplacing(choice.filePath, bytes);
    return { saved: true, location: choice.filePath };
  }

  return {
    'save-file': async (request) =>
      saveWithDialog(request.bytes, request.suggestedName, {
        name: request.description ?? 'Files',
        extensions: request.extensions ?? [],
      }),

    'open-files': async (request) => {
      const choice = await deps.dialogs.showOpenDialog({
        properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: request.extensions.length > 0 ? [{ name: request.description ?? 'Files', extensions: request.extensions }] : [],
      });
      if (choice.canceled) return [];
      const opened: OpenedFile[] = [];
      let total = 0;
      for (const filePath of choice.filePaths) {
        const file = await readFileWithinLimit(filePath, limit);
        total += file.bytes.byteLength;
        if (total > limit) {
          const megabytes = (bytes: number) => Math.ceil(bytes / (1024 * 1024));
          throw new FileTooLargeError(`The chosen files come to ${megabytes(total)} MB together; Quorum opens up to ${megabytes(limit)} MB at a time.`);
        }
        opened.push(file);
      }
      return opened;
    },

    'print-to-pdf': async (request, event) => {
      const pdf = await event.sender.printToPDF(PDF_OPTIONS);
      return saveWithDialog(pdf, withPdfExtension(request.suggestedName), { name: 'PDF document', extensions: ['pdf'] });
    },

    'app-version': async () => deps.appVersion(),
  };
}
