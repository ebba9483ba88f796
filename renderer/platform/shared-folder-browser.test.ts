/**
 * The shared folder in a browser, over a stand-in for the File System Access
 * API's directory handle (Chromium's own is driven by the end-to-end test):
 * the plain explanation where the API is missing, only bundles' names listed,
 * read and written, placeholders and zero-byte files not ready, and permission
 * asked again from a click.
 */
import { describe, expect, it } from 'vitest';
import { folderBundleName } from '../../shared/sync/folder-layout';
import { browserSharedFolder, NO_FOLDER_ACCESS } from './shared-folder-browser';

class StandInFile {
  constructor(
    readonly name: string,
    readonly bytes: Uint8Array,
    readonly lastModified: number,
  ) {}
  get size() {
    return this.bytes.byteLength;
  }
  async arrayBuffer() {
    return this.bytes.slice().buffer;
  }
}

class StandInFileHandle {
  readonly kind = 'file';
  constructor(
    readonly name: string,
    private readonly folder: StandInDirectory,
  ) {}
  async getFile() {
    const entry = this.folder.files.get(this.name);
    if (!entry) throw Object.assign(new Error('gone'), { name: 'NotFoundError' });
    return new StandInFile(this.name, entry, 1_700_000_000_000);
  }
  async createWritable() {
    const chunks: Uint8Array[] = [];
    return {
      write: async (bytes: Uint8Array) => void chunks.push(bytes),
      // Chromium moves its swap file over the file on close: the whole file at once.
      close: async () => void this.folder.files.set(this.name, new Uint8Array(chunks.flatMap((c) => [...c]))),
      abort: async () => undefined,
    };
  }
}

class StandInDirectory {
  readonly kind = 'directory';
  readonly files = new Map<string, Uint8Array>();
  permission: PermissionState = 'granted';
  constructor(readonly name: string) {}
  async queryPermission() {
    return this.permission;
  }
  async requestPermission() {
    this.permission = 'granted';
    return this.permission;
  }
  async getFileHandle(name: string, options?: { create?: boolean }) {
    if (!this.files.has(name) && !options?.create) throw Object.assign(new Error('gone'), { name: 'NotFoundError' });
    return new StandInFileHandle(name, this);
  }
  async *values() {
    for (const name of this.files.keys()) yield new StandInFileHandle(name, this);
  }
}

const bundle = folderBundleName({ consortiumName: 'Bedfordshire & Luton', senderName: 'Luton CVS', senderNode: '5f1d9a8e-2c3b', recipientName: 'VCA', recipientNode: 'c86e93ef-84c2' });

function browserWith(dir: StandInDirectory | null) {
  const host = { indexedDB, ...(dir ? { showDirectoryPicker: async () => dir } : {}) } as unknown as Window;
  return browserSharedFolder(host, `store-${crypto.randomUUID()}`);
}

describe('the shared folder in a browser', () => {
  it('explains, in plain words, a browser without the File System Access API', async () => {
    const folder = browserWith(null);
    expect(folder.unsupported).toBe(NO_FOLDER_ACCESS);
    expect(NO_FOLDER_ACCESS).toMatch(/needs the desktop app, or Chrome or Edge\. You can still save bundles for partners and open theirs/);
    expect(await folder.choose()).toEqual({ chosen: false });
    expect(await folder.list()).toEqual({ state: 'none' });
  });

  it('lists, reads and writes only bundles’ names, and says which are not ready', async () => {
    const dir = new StandInDirectory('Consortium bundles');
    dir.files.set(bundle, new Uint8Array([0x1f, 0x8b, 1]));
    dir.files.set(`.${bundle}.icloud`, new Uint8Array([1]));
    dir.files.set('Minutes.docx', new Uint8Array([1]));
    const other = bundle.replace('.quorum', '').replace(/\w+$/, 'aaaaaaaaaaaa') + '.quorum';
    dir.files.set(other, new Uint8Array());
    const folder = browserWith(dir);
    expect(await folder.permission()).toBe('none');
    expect(await folder.choose()).toEqual({ chosen: true, folderName: 'Consortium bundles' });
    const listing = await folder.list();
    expect(listing.state === 'ready' && listing.files.map((f) => [f.name, f.waiting]).sort()).toEqual(
      [
        [bundle, undefined],
        [`.${bundle}.icloud`, 'placeholder'],
        [other, 'placeholder'],
      ].sort(),
    );
    expect(await folder.read(bundle)).toMatchObject({ state: 'ready', bytes: new Uint8Array([0x1f, 0x8b, 1]) });
    expect(await folder.read(other)).toMatchObject({ state: 'waiting', reason: 'placeholder' });
    await expect(folder.read('Minutes.docx')).rejects.toThrow(/not the name of a bundle/);
    await expect(folder.write('Minutes.docx', new Uint8Array([9]))).rejects.toThrow(/writes only bundles/);
    await folder.write(bundle, new Uint8Array([4, 5, 6]));
    expect([...dir.files.get(bundle)!]).toEqual([4, 5, 6]);
  });

  it('after a restart, waits for a click to be allowed the folder again', async () => {
    const dir = new StandInDirectory('Consortium bundles');
    const folder = browserWith(dir);
    await folder.choose();
    dir.permission = 'prompt';
    expect(await folder.permission()).toBe('needs-click');
    const listing = await folder.list();
    expect(listing).toEqual({ state: 'unavailable', folderName: 'Consortium bundles', message: expect.stringContaining('choose “Allow the folder” on the Sync page') });
    await expect(folder.write(bundle, new Uint8Array([1]))).rejects.toThrow(/needs your permission/);
    expect(await folder.requestPermission()).toBe(true);
    expect((await folder.list()).state).toBe('ready');
    await folder.forget();
    expect(await folder.permission()).toBe('none');
  });
});
