import { describe, expect, it, vi } from 'vitest';
import { LARGEST_FILE_BYTES } from '../../shared/ipc';
import { listenForDroppedBundles, onRefusedDrops, type DropTarget } from './dropped-bundles';

function dropTarget() {
  const listeners = new Map<string, (event: DragEvent) => void>();
  const target: DropTarget = {
    addEventListener: (type, listener) => listeners.set(type, listener),
    removeEventListener: (type) => listeners.delete(type),
  };
  return { target, drop: (files: File[]) => listeners.get('drop')!({ defaultPrevented: false, dataTransfer: { types: ['Files'], files }, preventDefault: vi.fn() } as unknown as DragEvent) };
}

/** A file that says it is `size` bytes without holding them. */
function fileOfSize(name: string, size: number): File {
  const file = new File(['x'], name);
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('files dropped on the window that are not bundles', () => {
  it('names a dropped file that is not a bundle, once per drop, and never reads it or hands it over', async () => {
    const { target, drop } = dropTarget();
    const handler = vi.fn();
    const refused = vi.fn();
    const stopListening = onRefusedDrops(refused);
    const stop = listenForDroppedBundles(target, handler);
    const minutes = new File(['minutes'], 'minutes.docx');
    const read = vi.spyOn(minutes, 'arrayBuffer');
    drop([minutes, new File(['a'], 'from-luton.quorum')]);
    expect(refused).toHaveBeenCalledTimes(1);
    expect(refused).toHaveBeenCalledWith([{ name: 'minutes.docx', reason: 'not-a-bundle' }]);
    await vi.waitFor(() => expect(handler).toHaveBeenCalledTimes(1));
    expect(handler.mock.calls[0]![0].name).toBe('from-luton.quorum');
    expect(read).not.toHaveBeenCalled();
    stop();
    stopListening();
  });

  it('names a bundle too large to open, with its size, and does not read it', async () => {
    const { target, drop } = dropTarget();
    const handler = vi.fn();
    const refused = vi.fn();
    const stopListening = onRefusedDrops(refused);
    listenForDroppedBundles(target, handler);
    drop([fileOfSize('huge.quorum', LARGEST_FILE_BYTES + 1)]);
    expect(refused).toHaveBeenCalledWith([{ name: 'huge.quorum', reason: 'too-large', size: LARGEST_FILE_BYTES + 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handler).not.toHaveBeenCalled();
    stopListening();
  });

  it('says nothing of a drop that holds only bundles, and stops telling a listener that has stopped listening', () => {
    const { target, drop } = dropTarget();
    const refused = vi.fn();
    const stopListening = onRefusedDrops(refused);
    listenForDroppedBundles(target, vi.fn());
    drop([new File(['a'], 'from-luton.quorum.json')]);
    expect(refused).not.toHaveBeenCalled();
    stopListening();
    drop([new File(['b'], 'photo.jpg')]);
    expect(refused).not.toHaveBeenCalled();
  });
});
