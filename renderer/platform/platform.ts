/**
 * What Quorum needs from the operating system, as one interface with two
 * implementations chosen once at start-up (the Actual Budget pattern):
 * electron.ts talks to the preload API, browser.ts uses downloads, file inputs
 * and window.print so the app runs and is tested in plain Chromium.
 */

import type { SharedFolderAccess } from './shared-folder';

export interface SaveFileRequest {
  /** The file's contents. */
  bytes: Uint8Array;
  /** The name offered to the user, e.g. "quorum-to-luton-2026-11-22.quorum". */
  suggestedName: string;
  /** Shown in the save dialog's filter, e.g. "Quorum bundle". */
  description?: string;
  mimeType?: string;
}

export interface OpenFileRequest {
  /** Extensions without the dot, e.g. ["quorum", "json"]. Empty means any file. */
  extensions: string[];
  description?: string;
  multiple?: boolean;
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export type SaveResult = { saved: true; location: string } | { saved: false };

/** A backup file in the backups folder. */
export interface BackupFileEntry {
  fileName: string;
  bytes: number;
}

/**
 * The desktop app's folder of backups (electron/backup-folder.ts,
 * docs/backup-format.md): main keeps its path, writes only backup files in it,
 * checks each by reading it back, and removes the oldest past 7 daily and 8 weekly.
 */
export interface BackupFolder {
  /** The folder (the default "Quorum backups" in Documents until one is chosen) and the backups in it, newest first. */
  status(): Promise<{ folder: string; backups: BackupFileEntry[] }>;
  /** Asks the person for another folder. */
  choose(): Promise<{ chosen: true; folder: string } | { chosen: false }>;
  /** Writes a backup, reads it back and compares its SHA-256 (hex) before answering; then removes old ones. */
  write(request: { fileName: string; bytes: Uint8Array; sha256: string }): Promise<{ location: string; removed: string[] }>;
}

export interface Platform {
  /** 'electron' or 'browser': for display and diagnostics only; features must not branch on it. */
  readonly kind: 'electron' | 'browser';
  saveFile(request: SaveFileRequest): Promise<SaveResult>;
  /** Resolves to the chosen files, or [] when the user cancels. */
  openFiles(request: OpenFileRequest): Promise<OpenedFile[]>;
  /** Prints the current view to a PDF the user saves (Electron), or opens the print dialog (browser). */
  printToPdf(suggestedName: string): Promise<SaveResult>;
  appVersion(): Promise<string>;
  /** The desktop app's backups folder; absent in a browser, where a backup is saved on request as a download. */
  readonly backupFolder?: BackupFolder;
  /**
   * Registers a handler for .quorum files the operating system hands to the app
   * (double-click, command line). Returns a function that unregisters it.
   */
  onBundleOpened(handler: (file: OpenedFile) => void): () => void;
  /** The folder partners share, for the store named `storeName` (shared-folder.ts; docs/bundle-format.md §12). */
  sharedFolder(storeName: string): SharedFolderAccess;
}
