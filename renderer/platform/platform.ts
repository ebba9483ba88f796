/**
 * What Quorum needs from the operating system, as one interface with two
 * implementations chosen once at start-up (the Actual Budget pattern):
 * electron.ts talks to the preload API, browser.ts uses downloads, file inputs
 * and window.print so the app runs and is tested in plain Chromium.
 */

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

export interface Platform {
  /** 'electron' or 'browser': for display and diagnostics only; features must not branch on it. */
  readonly kind: 'electron' | 'browser';
  saveFile(request: SaveFileRequest): Promise<SaveResult>;
  /** Resolves to the chosen files, or [] when the user cancels. */
  openFiles(request: OpenFileRequest): Promise<OpenedFile[]>;
  /** Prints the current view to a PDF the user saves (Electron), or opens the print dialog (browser). */
  printToPdf(suggestedName: string): Promise<SaveResult>;
  appVersion(): Promise<string>;
  /**
   * Registers a handler for .quorum files the operating system hands to the app
   * (double-click, command line). Returns a function that unregisters it.
   */
  onBundleOpened(handler: (file: OpenedFile) => void): () => void;
}
