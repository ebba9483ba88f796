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
export const INVOKE_CHANNELS = ['save-file', 'open-files', 'print-to-pdf', 'app-version'] as const;
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

/** Request and result schema of every invoke channel. */
export const ipcContract = {
  'save-file': { request: saveFileRequest, result: saveResult },
  'open-files': { request: openFilesRequest, result: openFilesResult },
  'print-to-pdf': { request: printToPdfRequest, result: saveResult },
  'app-version': { request: appVersionRequest, result: appVersionResult },
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
  /** Bundles that arrived before the first subscriber are delivered to it. Returns an unsubscribe function. */
  onBundleOpened(listener: (bundle: BundleOpened) => void): () => void;
}

/** The bridge's method for each invoke channel: the preload and its test both walk this table. */
export const bridgeMethodFor = {
  'save-file': 'saveFile',
  'open-files': 'openFiles',
  'print-to-pdf': 'printToPdf',
  'app-version': 'appVersion',
} as const satisfies Record<InvokeChannel, keyof QuorumBridge>;
