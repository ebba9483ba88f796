/**
 * The contract between Electron's main process and the renderer: which channels
 * exist, and what each one accepts and returns.
 *
 * The renderer is treated as untrusted (it renders data from partners' bundles), so
 * main only answers the channels listed here, only for Quorum's own window, and only
 * after the request has passed its zod schema. Requests are strict objects: an
 * unknown key is a malformed request, not something to ignore. The preload exposes
 * exactly one function per channel (see QuorumBridge) and never ipcRenderer itself.
 *
 * Every invoke channel takes exactly one argument (its request; `undefined` for
 * app-version) and resolves to its result. bundle-opened is the one event main sends
 * to the renderer: a .quorum file handed to the app by the operating system.
 */
import { z } from 'zod';
import { isCandidateName, parseFolderBundleName } from './sync/folder-layout';
import { parseBackupFileName } from './backup';

/** Files larger than this are refused, both when opened and when saved: a bundle is far smaller. */
export const LARGEST_FILE_BYTES = 200 * 1024 * 1024;

/** A file over the size limit; its message is the sentence a person reads. */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
}

/** The sentence a person reads when a file is over LARGEST_FILE_BYTES. */
export function fileTooLargeMessage(name: string, sizeInBytes: number, limit = LARGEST_FILE_BYTES): string {
  const megabytes = (bytes: number) => Math.ceil(bytes / (1024 * 1024));
  return `“${name}” is ${megabytes(sizeInBytes)} MB; Quorum opens and saves files of up to ${megabytes(limit)} MB.`;
}

/** Renderer-to-main calls, answered with ipcMain.handle. This list is the allowlist. */
export const INVOKE_CHANNELS = [
  'save-file',
  'open-files',
  'print-to-pdf',
  'app-version',
  // The shared folder (electron/shared-folder.ts, docs/bundle-format.md §12).
  'folder-choose',
  'folder-forget',
  'folder-list',
  'folder-read',
  'folder-write',
  // The backups folder (electron/backup-folder.ts, docs/backup-format.md).
  'backup-folder-status',
  'backup-folder-choose',
  'backup-write',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** Main-to-renderer events. */
export const EVENT_CHANNELS = ['bundle-opened'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(name);
}

const bytes = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'bytes must be a Uint8Array' })
  .refine((b) => b.byteLength <= LARGEST_FILE_BYTES, { message: `bytes must be at most ${LARGEST_FILE_BYTES} bytes` });

/** A bare file name: the user picks the folder in the dialog, the renderer never names a path. */
const fileName = z
  .string()
  .min(1, 'the file name is empty')
  .max(200, 'the file name is longer than 200 characters')
  .refine((name) => !/[/\\\0]/.test(name), { message: 'the file name must not contain a folder separator' })
  .refine((name) => name !== '.' && name !== '..', { message: 'the file name must be a name, not "." or ".."' });

/** Extensions without the dot, as dialogs' filters want them: "quorum", "csv". */
const extension = z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'an extension is letters and digits without the dot, e.g. "quorum"');
const extensions = z.array(extension).max(20, 'at most 20 extensions');
const description = z.string().min(1).max(200);

export const saveFileRequest = z.strictObject({
  bytes,
  suggestedName: fileName,
  description: description.optional(),
  extensions: extensions.optional(),
});
export type SaveFileRequest = z.infer<typeof saveFileRequest>;

export const saveResult = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(true), location: z.string().min(1) }),
  z.strictObject({ saved: z.literal(false) }),
]);
export type SaveResult = z.infer<typeof saveResult>;

export const openFilesRequest = z.strictObject({
  /** Empty means any file. */
  extensions,
  description: description.optional(),
  multiple: z.boolean().optional(),
});
export type OpenFilesRequest = z.infer<typeof openFilesRequest>;

export const openedFile = z.strictObject({ name: z.string().min(1), bytes });
export type OpenedFile = z.infer<typeof openedFile>;

export const openFilesResult = z.array(openedFile);

export const printToPdfRequest = z.strictObject({ suggestedName: fileName });
export type PrintToPdfRequest = z.infer<typeof printToPdfRequest>;

export const appVersionRequest = z.undefined();
export const appVersionResult = z.string().min(1);

/** The payload of bundle-opened: the file's name (no folder) and its contents. */
export const bundleOpened = openedFile;
export type BundleOpened = OpenedFile;

/**
 * The shared folder partners sync through (electron/shared-folder.ts): chosen
 * with a dialog in main, which keeps its path; the renderer names only files in
 * it, by a bare name of the layout in docs/bundle-format.md §12, and never a path.
 */
const folderFileName = fileName.refine((name) => isCandidateName(name), { message: 'the name is not one of a bundle in a shared folder' });

export const folderChosen = z.discriminatedUnion('chosen', [
  z.strictObject({ chosen: z.literal(true), folderName: z.string().min(1) }),
  z.strictObject({ chosen: z.literal(false) }),
]);
export type FolderChosen = z.infer<typeof folderChosen>;

/** Why a file is not read this time; it is tried again on the next pass. */
export const FOLDER_WAITING = ['partial', 'locked', 'placeholder', 'changing', 'gone'] as const;
export type FolderWaiting = (typeof FOLDER_WAITING)[number];

export const folderEntry = z.strictObject({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** ISO time of the last change, as the file system says it. */
  modifiedAt: z.string(),
  /** Set when the name or the file says it is not there yet (a placeholder, zero bytes). */
  waiting: z.enum(FOLDER_WAITING).optional(),
});
export type FolderEntry = z.infer<typeof folderEntry>;

export const folderListing = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('ready'), folderName: z.string().min(1), files: z.array(folderEntry) }),
  /** No folder chosen (or main has forgotten it). */
  z.strictObject({ state: z.literal('none') }),
  /** The folder is not there now (a drive unplugged, a cloud client signed out): said in words, tried again. */
  z.strictObject({ state: z.literal('unavailable'), folderName: z.string().min(1), message: z.string().min(1) }),
]);
export type FolderListing = z.infer<typeof folderListing>;

export const folderReadRequest = z.strictObject({ name: folderFileName });
export const folderRead = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('ready'), name: z.string().min(1), bytes, modifiedAt: z.string() }),
  z.strictObject({ state: z.literal('waiting'), name: z.string().min(1), reason: z.enum(FOLDER_WAITING) }),
]);
export type FolderRead = z.infer<typeof folderRead>;

export const folderWriteRequest = z.strictObject({ name: folderFileName.refine((name) => parseFolderBundleName(name) !== null, { message: 'Quorum writes only bundles in a shared folder' }), bytes });
export type FolderWriteRequest = z.infer<typeof folderWriteRequest>;
export const folderWritten = z.strictObject({ written: z.literal(true), modifiedAt: z.string() });

/**
 * The backups folder (electron/backup-folder.ts): main keeps its path (default
 * "Quorum backups" in Documents) and writes there only files named as backups, each
 * read back and checked against the SHA-256 the renderer computed.
 */
const backupFileName = fileName.refine((name) => parseBackupFileName(name) !== null, { message: 'the name is not a backup’s' });
export const backupFolderStatus = z.strictObject({
  folder: z.string().min(1),
  backups: z.array(z.strictObject({ fileName: z.string().min(1), bytes: z.number().int().nonnegative() })),
});
export type BackupFolderStatus = z.infer<typeof backupFolderStatus>;
export const backupFolderChosen = z.discriminatedUnion('chosen', [
  z.strictObject({ chosen: z.literal(true), folder: z.string().min(1) }),
  z.strictObject({ chosen: z.literal(false) }),
]);
export type BackupFolderChosen = z.infer<typeof backupFolderChosen>;
export const backupWriteRequest = z.strictObject({ fileName: backupFileName, bytes, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 is 64 lowercase hex digits') });
export type BackupWriteRequest = z.infer<typeof backupWriteRequest>;
export const backupWritten = z.strictObject({ location: z.string().min(1), removed: z.array(z.string()) });
export type BackupWritten = z.infer<typeof backupWritten>;

/** Request and result schema of every invoke channel. */
export const ipcContract = {
  'save-file': { request: saveFileRequest, result: saveResult },
  'open-files': { request: openFilesRequest, result: openFilesResult },
  'print-to-pdf': { request: printToPdfRequest, result: saveResult },
  'app-version': { request: appVersionRequest, result: appVersionResult },
  'folder-choose': { request: z.undefined(), result: folderChosen },
  'folder-forget': { request: z.undefined(), result: z.strictObject({ forgotten: z.literal(true) }) },
  'folder-list': { request: z.undefined(), result: folderListing },
  'folder-read': { request: folderReadRequest, result: folderRead },
  'folder-write': { request: folderWriteRequest, result: folderWritten },
  'backup-folder-status': { request: z.undefined(), result: backupFolderStatus },
  'backup-folder-choose': { request: z.undefined(), result: backupFolderChosen },
  'backup-write': { request: backupWriteRequest, result: backupWritten },
} as const satisfies Record<InvokeChannel, { request: z.ZodType; result: z.ZodType }>;

export type RequestOf<C extends InvokeChannel> = z.infer<(typeof ipcContract)[C]['request']>;
export type ResultOf<C extends InvokeChannel> = z.infer<(typeof ipcContract)[C]['result']>;

/**
 * What the preload exposes as `window.quorum`: one function per invoke channel and a
 * subscription to bundle-opened. Nothing else crosses the bridge.
 */
export interface QuorumBridge {
  saveFile(request: SaveFileRequest): Promise<SaveResult>;
  openFiles(request: OpenFilesRequest): Promise<OpenedFile[]>;
  printToPdf(request: PrintToPdfRequest): Promise<SaveResult>;
  appVersion(): Promise<string>;
  chooseFolder(): Promise<FolderChosen>;
  forgetFolder(): Promise<{ forgotten: true }>;
  listFolder(): Promise<FolderListing>;
  readFolderFile(request: { name: string }): Promise<FolderRead>;
  writeFolderFile(request: FolderWriteRequest): Promise<{ written: true; modifiedAt: string }>;
  backupFolderStatus(): Promise<BackupFolderStatus>;
  chooseBackupFolder(): Promise<BackupFolderChosen>;
  writeBackup(request: BackupWriteRequest): Promise<BackupWritten>;
  /** Bundles that arrived before the first subscriber are delivered to it. Returns an unsubscribe function. */
  onBundleOpened(listener: (bundle: BundleOpened) => void): () => void;
}

/** The bridge's method for each invoke channel: the preload and its test both walk this table. */
export const bridgeMethodFor = {
  'save-file': 'saveFile',
  'open-files': 'openFiles',
  'print-to-pdf': 'printToPdf',
  'app-version': 'appVersion',
  'folder-choose': 'chooseFolder',
  'folder-forget': 'forgetFolder',
  'folder-list': 'listFolder',
  'folder-read': 'readFolderFile',
  'folder-write': 'writeFolderFile',
  'backup-folder-status': 'backupFolderStatus',
  'backup-folder-choose': 'chooseBackupFolder',
  'backup-write': 'writeBackup',
} as const satisfies Record<InvokeChannel, keyof QuorumBridge>;
