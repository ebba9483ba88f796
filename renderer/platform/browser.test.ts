import { describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json?raw';
import { createBrowserPlatform } from './browser';
import { listenForDroppedBundles, type DropTarget } from './dropped-bundles';

/** Just enough of a DOM element for the platform: attributes, listeners, click. */
class StandInElement {
  [attribute: string]: unknown;
  files: File[] = [];
  readonly listeners = new Map<string, () => void>();
  clicked = 0;
  removed = false;
  constructor(readonly tagName: string) {}
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  click() {
    this.clicked += 1;
  }
  remove() {
    this.removed = true;
  }
  fire(type: string) {
    this.listeners.get(type)?.();
  }
}

function standInWindow() {
  const created: StandInElement[] = [];
  const host = {
    document: {
      createElement: (tagName: string) => {
        const element = new StandInElement(tagName);
        created.push(element);
        return element;
      },
      body: { append: vi.fn() },
    },
    setTimeout: vi.fn(),
    print: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  };
  return { host: host as unknown as Window, created, print: host.print };
}

describe('the browser platform', () => {
  it('asks the browser to keep the store rather than clear it when the disk runs short', () => {
    const { host } = standInWindow();
    const persist = vi.fn(async () => true);
    Object.assign(host, { navigator: { storage: { persist } } });
    createBrowserPlatform(host);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('saves by downloading the bytes under the suggested name', async () => {
    const { host, created } = standInWindow();
    const result = await createBrowserPlatform(host).saveFile({ bytes: new Uint8Array([1, 2, 3]), suggestedName: 'to-luton.quorum' });
    expect(result).toEqual({ saved: true, location: 'to-luton.quorum' });
    const [link] = created;
    expect(link?.tagName).toBe('a');
    expect(link?.download).toBe('to-luton.quorum');
    expect(String(link?.href)).toMatch(/^blob:/);
    expect(link?.clicked).toBe(1);
    expect(link?.removed).toBe(true);
  });

  it('opens files through a file input limited to the extensions asked for', async () => {
    const { host, created } = standInWindow();
    const opening = createBrowserPlatform(host).openFiles({ extensions: ['quorum', 'json'], multiple: true });
    const [input] = created;
    expect(input?.type).toBe('file');
    expect(input?.accept).toBe('.quorum,.json');
    expect(input?.multiple).toBe(true);
    expect(input?.clicked).toBe(1);
    input!.files = [new File([new Uint8Array([5, 6])], 'from-bedford.quorum')];
    input!.fire('change');
    const opened = await opening;
    expect(opened.map((file) => [file.name, [...file.bytes]])).toEqual([['from-bedford.quorum', [5, 6]]]);
  });

  it('resolves to no files when the picker is cancelled', async () => {
    const { host, created } = standInWindow();
    const opening = createBrowserPlatform(host).openFiles({ extensions: [] });
    created[0]!.fire('cancel');
    await expect(opening).resolves.toEqual([]);
    expect(created[0]!.accept).toBeUndefined();
    expect(created[0]!.removed).toBe(true);
  });

  it('prints with the browser’s print dialog', async () => {
    const { host, print } = standInWindow();
    await expect(createBrowserPlatform(host).printToPdf('agenda.pdf')).resolves.toEqual({ saved: false });
    expect(print).toHaveBeenCalledOnce();
  });

  it('reports the version in package.json', async () => {
    const { host } = standInWindow();
    await expect(createBrowserPlatform(host).appVersion()).resolves.toBe((JSON.parse(packageJson) as { version: string }).version);
  });
});

describe('dropping bundles on the window', () => {
  function dropTarget() {
    const listeners = new Map<string, (event: DragEvent) => void>();
    const target: DropTarget = {
      addEventListener: (type, listener) => listeners.set(type, listener),
      removeEventListener: (type) => listeners.delete(type),
    };
    return { target, listeners };
  }
  const drop = (files: File[], defaultPrevented = false) => {
    const event = { defaultPrevented, dataTransfer: { types: ['Files'], files, dropEffect: 'none' }, preventDefault: vi.fn() };
    return event;
  };

  it('hands over dropped .quorum and .quorum.json files and ignores others', async () => {
    const { target, listeners } = dropTarget();
    const handler = vi.fn();
    listenForDroppedBundles(target, handler);
    const event = drop([new File(['a'], 'from-luton.quorum'), new File(['b'], 'photo.jpg'), new File(['c'], 'from-bedford.quorum.json')]);
    listeners.get('drop')!(event as unknown as DragEvent);
    await vi.waitFor(() => expect(handler).toHaveBeenCalledTimes(2));
    expect(handler.mock.calls.map(([file]) => file.name)).toEqual(['from-luton.quorum', 'from-bedford.quorum.json']);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('leaves a drop that a drop zone in the app already took', async () => {
    const { target, listeners } = dropTarget();
    const handler = vi.fn();
    listenForDroppedBundles(target, handler);
    listeners.get('drop')!(drop([new File(['a'], 'x.quorum')], true) as unknown as DragEvent);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handler).not.toHaveBeenCalled();
  });

  it('stops listening when unsubscribed', () => {
    const { target, listeners } = dropTarget();
    listenForDroppedBundles(target, vi.fn())();
    expect(listeners.size).toBe(0);
  });
});
