/**
 * Handing an export's bytes to the platform (a save dialog on the desktop, a
 * download in the browser), under a name a person can read:
 * "Bedfordshire & Luton – directory – 2026-11-22.xlsx", made safe for every file
 * system by filenamify (docs/architecture.md, "Exports").
 */
import filenamify from 'filenamify/browser';
import type { Platform, SaveResult } from '../platform/platform';

export interface ExportFile {
  bytes: Uint8Array;
  /** The whole name, extension included (exportFileName makes one). */
  fileName: string;
  mimeType: string;
  /** Shown in the save dialog's filter, e.g. "Spreadsheet (XLSX)". */
  description: string;
}

/** A name safe on Windows, macOS and Linux: reserved characters become '-', at most 120 characters, extension kept. */
export function safeFileName(name: string): string {
  return filenamify(name.replace(/\s+/g, ' ').trim(), { replacement: '-', maxLength: 120 });
}

/** "<what> – <what> – <date>.<extension>", e.g. exportFileName(['Bedfordshire & Luton', 'directory'], '2026-11-22', 'xlsx'). */
export function exportFileName(parts: readonly string[], isoDate: string, extension: string): string {
  const words = [...parts.map((part) => part.trim()).filter((part) => part !== ''), isoDate];
  return safeFileName(`${words.join(' – ')}.${extension.replace(/^\./, '')}`);
}

/** Saves the file through the platform; `saved: false` when the person cancels the dialog. */
export async function saveExport(platform: Pick<Platform, 'saveFile'>, file: ExportFile): Promise<SaveResult> {
  return platform.saveFile({ bytes: file.bytes, suggestedName: safeFileName(file.fileName), mimeType: file.mimeType, description: file.description });
}
