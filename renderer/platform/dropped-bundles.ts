/**
 * Files dropped on the window, in either platform. A drop anywhere that no drop
 * zone inside the app has already handled is taken here, and the browser is
 * stopped from navigating to the file (which would leave the app). Bundles
 * (.quorum, .quorum.json) are read and handed over to the `onBundleOpened`
 * handler. Every other file, and a bundle over the size limit, is not read at
 * all: it is reported, by name, to whoever listens with `onRefusedDrops` (the
 * shell, which takes the person to the Sync page to say so), so that a file
 * dropped by mistake is never met with silence.
 */
import { LARGEST_FILE_BYTES } from '../../shared/ipc';
import type { OpenedFile } from './platform';

/** The names the operating system and partners give bundles. */
export const BUNDLE_FILE_NAME = /\.quorum(\.json)?$/i;

export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DragEvent) => void): void;
  removeEventListener(type: 'dragover' | 'drop', listener: (event: DragEvent) => void): void;
}

/** A dropped file that was not opened, and why. */
export type RefusedDrop = { name: string; reason: 'not-a-bundle' } | { name: string; reason: 'too-large'; size: number };

const refusedDropListeners = new Set<(drops: RefusedDrop[]) => void>();

/**
 * Listens for dropped files that were not opened, one call per drop with every
 * such file in it. Returns a function that stops listening. Kept beside the
 * drop listener rather than in the Platform interface: a refusal is the same
 * in both platforms and needs nothing from the operating system.
 */
export function onRefusedDrops(listener: (drops: RefusedDrop[]) => void): () => void {
  refusedDropListeners.add(listener);
  return () => {
    refusedDropListeners.delete(listener);
  };
}

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function listenForDroppedBundles(target: DropTarget, handler: (file: OpenedFile) => void): () => void {
  const allowDrop = (event: DragEvent) => {
    if (!carriesFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const takeDrop = (event: DragEvent) => {
    if (!carriesFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
    const bundles: File[] = [];
    const refused: RefusedDrop[] = [];
    for (const file of Array.from(event.dataTransfer?.files ?? [])) {
      if (!BUNDLE_FILE_NAME.test(file.name)) refused.push({ name: file.name, reason: 'not-a-bundle' });
      else if (file.size > LARGEST_FILE_BYTES) refused.push({ name: file.name, reason: 'too-large', size: file.size });
      else bundles.push(file);
    }
    // Said at once, before any bundle in the same drop is read and handed over.
    if (refused.length > 0) for (const listener of refusedDropListeners) listener(refused);
    void (async () => {
      for (const file of bundles) handler({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    })();
  };
  target.addEventListener('dragover', allowDrop);
  target.addEventListener('drop', takeDrop);
  return () => {
    target.removeEventListener('dragover', allowDrop);
    target.removeEventListener('drop', takeDrop);
  };
}
