/**
 * .quorum files dropped on the window, in either platform. A drop anywhere that no
 * drop zone inside the app has already handled is taken here: matching files are
 * read and handed over, and the browser is stopped from navigating to the file
 * (which would leave the app). Files over the size limit are skipped with a warning.
 */
import { LARGEST_FILE_BYTES, fileTooLargeMessage } from '../../shared/ipc';
import type { OpenedFile } from './platform';

/** The names the operating system and partners give bundles. */
export const BUNDLE_FILE_NAME = /\.quorum(\.json)?$/i;

export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: DragEvent) => void): void;
  removeEventListener(type: 'dragover' | 'drop', listener: (event: DragEvent) => void): void;
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
    const bundles = Array.from(event.dataTransfer?.files ?? []).filter((file) => BUNDLE_FILE_NAME.test(file.name));
    void (async () => {
      for (const file of bundles) {
        if (file.size > LARGEST_FILE_BYTES) {
          console.warn(fileTooLargeMessage(file.name, file.size));
          continue;
        }
        handler({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
    })();
  };
  target.addEventListener('dragover', allowDrop);
  target.addEventListener('drop', takeDrop);
  return () => {
    target.removeEventListener('dragover', allowDrop);
    target.removeEventListener('drop', takeDrop);
  };
}
