/**
 * The Platform in a plain browser (npm run dev, the end-to-end tests, any machine
 * without Electron): saving is a download, opening is a file input, printing is the
 * browser's print dialog (from which the user can save a PDF), and bundles arrive by
 * being dropped on the window. The version is package.json's, read at build time.
 */
import { version as APP_VERSION } from '../../package.json';
import { FileTooLargeError, fileTooLargeMessage, LARGEST_FILE_BYTES } from '../../shared/ipc';
import { listenForDroppedBundles } from './dropped-bundles';
import { browserSharedFolder } from './shared-folder-browser';
import type { OpenedFile, OpenFileRequest, Platform, SaveFileRequest, SaveResult } from './platform';

/** How long a download's object URL is kept: Chromium reads it after click() returns. */
const OBJECT_URL_LIFETIME_MS = 60_000;

function saveByDownload(host: Window, request: SaveFileRequest): SaveResult {
  const document = host.document;
  const blob = new Blob([new Uint8Array(request.bytes)], { type: request.mimeType ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = request.suggestedName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  host.setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
  return { saved: true, location: request.suggestedName };
}

async function readChosen(files: readonly File[]): Promise<OpenedFile[]> {
  for (const file of files) {
    if (file.size > LARGEST_FILE_BYTES) throw new FileTooLargeError(fileTooLargeMessage(file.name, file.size));
  }
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

function openWithFileInput(host: Window, request: OpenFileRequest): Promise<OpenedFile[]> {
  return new Promise((resolve, reject) => {
    const input = host.document.createElement('input');
    input.type = 'file';
    input.multiple = request.multiple ?? false;
    if (request.extensions.length > 0) input.accept = request.extensions.map((extension) => `.${extension}`).join(',');
    input.hidden = true;
    input.addEventListener(
      'change',
      () => {
        const files = Array.from(input.files ?? []);
        input.remove();
        readChosen(files).then(resolve, reject);
      },
      { once: true },
    );
    // Chromium fires 'cancel' when the picker is dismissed.
    input.addEventListener(
      'cancel',
      () => {
        input.remove();
        resolve([]);
      },
      { once: true },
    );
    host.document.body.append(input);
    input.click();
  });
}

/**
 * A browser keeps IndexedDB only on a best-effort basis and may clear it when the
 * disk runs short, unless the site asks for persistent storage. Quorum's store is
 * the consortium's record, so it asks once at start; Chromium grants or refuses
 * without a prompt. (Electron's storage is durable for every origin.)
 */
function askToKeepStorage(host: Window): void {
  void host.navigator?.storage?.persist?.().catch(() => false);
}

export function createBrowserPlatform(host: Window = window): Platform {
  askToKeepStorage(host);
  return {
    kind: 'browser',
    saveFile: async (request) => saveByDownload(host, request),
    openFiles: (request) => openWithFileInput(host, request),
    printToPdf: async () => {
      host.print();
      // The browser's dialog decides where (or whether) the PDF goes; we cannot know.
      return { saved: false };
    },
    appVersion: async () => APP_VERSION,
    sharedFolder: (storeName) => browserSharedFolder(host, storeName),
    onBundleOpened: (handler) => listenForDroppedBundles(host, handler),
  };
}
