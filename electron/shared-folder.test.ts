/**
 * The shared folder as main reads and writes it, with real files in a temporary
 * folder: only the chosen folder, only bundles' names, nothing half read or half
 * written, files a cloud client has not finished skipped until they are whole,
 * and a folder that has gone said in words.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { folderBundleName } from '../shared/sync/folder-layout';
import { registerChannels, senderIsMainWindow } from './ipc-gate';
import { createFileChannels } from './file-channels';
import { eventFrom, StandInIpcMain, standInWebContents } from './ipc-test-stand-ins';
import { createSharedFolderChannels, folderMemoryIn, FolderNameError, SharedFolder, type FolderDialog } from './shared-folder';
import { BackupFolder, createBackupChannels } from './backup-folder';

let root: string;
let shared: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quorum-shared-'));
  shared = path.join(root, 'Consortium bundles');
  await mkdir(shared);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const SECRETARIAT = 'c86e93ef-84c2-4dd0-8e9f-49ebee443bac';
const LUTON = '5f1d9a8e-2c3b-4e7f-8a9b-0c1d2e3f4a5b';
const toLuton = folderBundleName({ consortiumName: 'Bedfordshire & Luton VCS Consortium', senderName: 'VCA South Bedfordshire', senderNode: SECRETARIAT, recipientName: 'Luton CVS', recipientNode: LUTON });
const toSecretariat = folderBundleName({ consortiumName: 'Bedfordshire & Luton VCS Consortium', senderName: 'Luton CVS', senderNode: LUTON, recipientName: 'VCA South Bedfordshire', recipientNode: SECRETARIAT });

const bundleBytes = (text = '{"header":{"format":"quorum-bundle"},"origins":[]}') => new Uint8Array(gzipSync(Buffer.from(text)));

function dialogChoosing(folder: string | null): FolderDialog & { asked: number } {
  const dialog = {
    asked: 0,
    showOpenDialog: vi.fn(async () => {
      dialog.asked += 1;
      return folder ? { canceled: false, filePaths: [folder] } : { canceled: true, filePaths: [] };
    }),
  };
  return dialog;
}

async function chosen(options: Partial<ConstructorParameters<typeof SharedFolder>[0]> = {}) {
  const folder = new SharedFolder({ dialog: dialogChoosing(shared), memory: folderMemoryIn(path.join(root, 'user-data', 'shared-folder.json')), ...options });
  expect(await folder.choose()).toEqual({ chosen: true, folderName: 'Consortium bundles' });
  return folder;
}

describe('choosing the folder', () => {
  it('is kept by main between runs, and forgotten when asked', async () => {
    await chosen();
    const memory = folderMemoryIn(path.join(root, 'user-data', 'shared-folder.json'));
    const again = new SharedFolder({ dialog: dialogChoosing(null), memory });
    expect(await again.current()).toBe(shared);
    await again.forget();
    expect(await new SharedFolder({ dialog: dialogChoosing(null), memory }).current()).toBeNull();
    expect(await again.list()).toEqual({ state: 'none' });
  });

  it('cancelling the dialog changes nothing', async () => {
    const folder = new SharedFolder({ dialog: dialogChoosing(null), memory: folderMemoryIn(path.join(root, 'memory.json')) });
    expect(await folder.choose()).toEqual({ chosen: false });
    expect(await folder.current()).toBeNull();
  });
});

describe('names', () => {
  it('refuses folders, "..", absolute paths and names that are not a bundle’s', async () => {
    const folder = await chosen();
    await writeFile(path.join(root, 'secret.quorum'), bundleBytes());
    for (const name of ['../secret.quorum', `../${toLuton}`, path.join(root, toLuton), '..', '.', '', 'sub/x.quorum', 'a\\b.quorum', 'notes.txt', 'Quorum.quorum']) {
      await expect(folder.read(name), name).rejects.toThrow(FolderNameError);
    }
    await expect(folder.write('../escape.quorum', bundleBytes())).rejects.toThrow(FolderNameError);
    await expect(folder.write(`.${toLuton}.icloud`, bundleBytes())).rejects.toThrow(FolderNameError);
    expect(await readdir(root)).toEqual(expect.not.arrayContaining(['escape.quorum']));
  });

  it('does not follow a link that leads out of the folder, and follows one inside it', async () => {
    const folder = await chosen();
    const outside = path.join(root, 'outside.quorum');
    await writeFile(outside, bundleBytes());
    await symlink(outside, path.join(shared, toLuton));
    await expect(folder.read(toLuton)).rejects.toThrow(/link to a file outside it/);
    await writeFile(path.join(shared, 'real.quorum'), bundleBytes());
    await symlink(path.join(shared, 'real.quorum'), path.join(shared, toSecretariat));
    expect((await folder.read(toSecretariat)).state).toBe('ready');
  });

  it('through the IPC gate, a request naming a path is refused before main looks at the folder', async () => {
    const folder = await chosen();
    const read = vi.spyOn(folder, 'read');
    const sender = standInWebContents(1);
    const ipcMain = new StandInIpcMain();
    const files = createFileChannels({ dialogs: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() }, defaultFolder: () => root, appVersion: () => '0.1.0' });
    const backups = createBackupChannels(new BackupFolder({ documents: () => root, dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) }, memory: { load: async () => null, save: async () => undefined } }));
    registerChannels(ipcMain, { ...files, ...createSharedFolderChannels(folder), ...backups }, senderIsMainWindow(() => sender));
    await expect(ipcMain.invoke('folder-read', eventFrom(sender), { name: `../${toLuton}` })).rejects.toThrow(/malformed request on folder-read: name: the file name must not contain a folder separator/);
    await expect(ipcMain.invoke('folder-write', eventFrom(sender), { name: 'notes.txt', bytes: new Uint8Array([1]) })).rejects.toThrow(/malformed request on folder-write/);
    await expect(ipcMain.invoke('folder-read', eventFrom(sender), { name: toLuton, path: '/etc' })).rejects.toThrow(/malformed request/);
    expect(read).not.toHaveBeenCalled();
    await writeFile(path.join(shared, toLuton), bundleBytes());
    const answer = (await ipcMain.invoke('folder-read', eventFrom(sender), { name: toLuton })) as { state: string; bytes: Uint8Array };
    expect(answer.state).toBe('ready');
    expect(answer.bytes).toEqual(bundleBytes());
  });
});

describe('listing', { timeout: 30_000 }, () => {
  it('passes over thousands of unrelated files by their names', async () => {
    const folder = await chosen();
    const unrelated = Array.from({ length: 5000 }, (_, i) => `Minutes ${i}.docx`);
    await Promise.all(unrelated.map((name) => writeFile(path.join(shared, name), 'not a bundle')));
    await writeFile(path.join(shared, 'quorum-luton-cvs-to-everyone-2026-11-22.quorum'), bundleBytes());
    await writeFile(path.join(shared, toLuton), bundleBytes());
    await writeFile(path.join(shared, toSecretariat), bundleBytes());
    await mkdir(path.join(shared, 'Quorum – folder – a.b.quorum'));
    const started = performance.now();
    const listing = await folder.list();
    const took = performance.now() - started;
    expect(listing.state).toBe('ready');
    expect(listing.state === 'ready' && listing.files.map((f) => f.name)).toEqual([toLuton, toSecretariat].sort());
    // Only the two bundles were looked at beyond their names (a stat each), so this is quick whatever else the folder holds.
    expect(took).toBeLessThan(2000);
  });

  it('says which files are placeholders of a cloud client', async () => {
    const folder = await chosen();
    await writeFile(path.join(shared, `.${toLuton}.icloud`), 'placeholder');
    await writeFile(path.join(shared, `${toSecretariat}.partial`), 'half');
    await writeFile(path.join(shared, toSecretariat), '');
    const listing = await folder.list();
    expect(listing.state === 'ready' && listing.files.map((f) => [f.name, f.waiting])).toEqual(
      [
        [`.${toLuton}.icloud`, 'placeholder'],
        [toSecretariat, 'placeholder'],
        [`${toSecretariat}.partial`, 'placeholder'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
  });

  it('reports a folder that has gone in words, and finds it again when it is back', async () => {
    const folder = await chosen();
    await writeFile(path.join(shared, toLuton), bundleBytes());
    await rm(shared, { recursive: true });
    const gone = await folder.list();
    expect(gone).toEqual({ state: 'unavailable', folderName: 'Consortium bundles', message: expect.stringMatching(/^The shared folder “Consortium bundles” is not there now .*plug the drive in.*signed in\. Quorum tries again every few minutes\.$/) });
    await expect(folder.write(toSecretariat, bundleBytes())).rejects.toThrow(/is not there now/);
    expect(await folder.read(toLuton)).toEqual({ state: 'waiting', name: toLuton, reason: 'gone' });
    await mkdir(shared);
    await writeFile(path.join(shared, toLuton), bundleBytes());
    const back = await folder.list();
    expect(back.state === 'ready' && back.files.map((f) => f.name)).toEqual([toLuton]);
  });
});

describe('reading a file a cloud client has not finished', () => {
  it('skips a truncated gzip or JSON file, and reads it once it is whole', async () => {
    const folder = await chosen();
    const whole = bundleBytes('{"header":{"format":"quorum-bundle","note":"' + 'x'.repeat(50_000) + '"},"origins":[]}');
    await writeFile(path.join(shared, toLuton), whole.slice(0, whole.length - 200));
    expect(await folder.read(toLuton)).toEqual({ state: 'waiting', name: toLuton, reason: 'partial' });
    await writeFile(path.join(shared, toLuton), whole);
    const read = await folder.read(toLuton);
    expect(read.state === 'ready' && read.bytes).toEqual(whole);

    await writeFile(path.join(shared, toSecretariat), '{"header":{"format":"quorum-bun');
    expect(await folder.read(toSecretariat)).toMatchObject({ state: 'waiting', reason: 'partial' });
    await writeFile(path.join(shared, toSecretariat), '{"header":{"format":"quorum-bundle"},"origins":[]}');
    expect(await folder.read(toSecretariat)).toMatchObject({ state: 'ready' });
  });

  it('skips a zero-byte file and a placeholder’s name', async () => {
    const folder = await chosen();
    await writeFile(path.join(shared, toLuton), '');
    expect(await folder.read(toLuton)).toMatchObject({ state: 'waiting', reason: 'placeholder' });
    await writeFile(path.join(shared, `.${toLuton}.icloud`), 'x');
    expect(await folder.read(`.${toLuton}.icloud`)).toMatchObject({ state: 'waiting', reason: 'placeholder' });
  });

  it('skips a file another program holds locked, and reads it once let go', async () => {
    let locked = true;
    const folder = await chosen({
      readBytes: async (file) => {
        if (locked) throw Object.assign(new Error(`EBUSY: resource busy or locked, open '${file}'`), { code: 'EBUSY' });
        return new Uint8Array(await readFile(file));
      },
    });
    await writeFile(path.join(shared, toLuton), bundleBytes());
    expect(await folder.read(toLuton)).toEqual({ state: 'waiting', name: toLuton, reason: 'locked' });
    locked = false;
    expect(await folder.read(toLuton)).toMatchObject({ state: 'ready' });
  });

  it('skips a file that changes while it is read', async () => {
    const folder = await chosen({
      readBytes: async (file) => {
        const bytes = new Uint8Array(await readFile(file));
        await writeFile(file, Buffer.concat([Buffer.from(bytes), Buffer.from('more')]));
        return bytes;
      },
    });
    await writeFile(path.join(shared, toLuton), bundleBytes());
    expect(await folder.read(toLuton)).toMatchObject({ state: 'waiting', reason: 'changing' });
  });

  it('refuses a file over the size limit in words', async () => {
    const folder = await chosen({ fileLimit: 1000 });
    await writeFile(path.join(shared, toLuton), new Uint8Array(5000).fill(0x7b));
    await expect(folder.read(toLuton)).rejects.toThrow(/Quorum opens and saves files of up to/);
  });
});

describe('writing', { timeout: 30_000 }, () => {
  it('replaces the bundle whole: a reader sees the old file or the new one, never part of either', async () => {
    const folder = await chosen();
    const first = new Uint8Array(3_000_000).fill(0x31);
    const second = new Uint8Array(6_000_000).fill(0x32);
    await folder.write(toLuton, first);
    let writing = true;
    const seen: number[] = [];
    const reader = (async () => {
      while (writing) {
        const bytes = await readFile(path.join(shared, toLuton));
        // Every byte of one file or the other, never a mixture or a short file.
        seen.push(bytes.byteLength === first.byteLength && bytes.every((b) => b === 0x31) ? 1 : bytes.byteLength === second.byteLength && bytes.every((b) => b === 0x32) ? 2 : 0);
      }
    })();
    await folder.write(toLuton, second);
    writing = false;
    await reader;
    expect(seen).not.toContain(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(Buffer.from(second).equals(await readFile(path.join(shared, toLuton)))).toBe(true);
    expect(await readdir(shared)).toEqual([toLuton]);
  }, 20_000);

  it('leaves no temporary file when the write fails', async () => {
    const folder = await chosen();
    await mkdir(path.join(shared, toLuton));
    await writeFile(path.join(shared, toLuton, 'inside'), 'x');
    await expect(folder.write(toLuton, bundleBytes())).rejects.toThrow(/Quorum could not write “Quorum – .*” in the shared folder/);
    expect(await readdir(shared)).toEqual([toLuton]);
  });
});
