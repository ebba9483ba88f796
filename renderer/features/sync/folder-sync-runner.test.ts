/**
 * The runner of folder sync, over a folder in memory behind the same interface
 * the desktop app and the browser implement: nothing before a folder is chosen,
 * a pass on choosing and then every few minutes, never two at once, a browser's
 * permission asked again from a click, a placeholder of a bundle shown as not
 * ready, and stopping.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FolderEntry, FolderListing, FolderRead } from '../../../shared/ipc';
import { folderBundleName, isCandidateName } from '../../../shared/sync/folder-layout';
import type { FolderPermission, SharedFolderAccess } from '../../platform/shared-folder';
import { consortiaForTests } from '../../db/sync/test-consortia';
import type { TestCopy } from '../../db/sync/test-support';
import { readFolderSync } from './folder-sync';
import { FolderSyncRunner } from './folder-sync-runner';

const consortium = consortiaForTests();

class MemoryFolder implements SharedFolderAccess {
  readonly unsupported = null;
  readonly files = new Map<string, { bytes: Uint8Array; modifiedAt: string }>();
  permissionNow: FolderPermission = 'granted';
  lists = 0;
  forgotten = 0;
  /** While set, list() waits for it: a slow network drive. */
  hold: Promise<void> | null = null;

  async choose() {
    this.permissionNow = 'granted';
    return { chosen: true as const, folderName: 'Consortium bundles' };
  }
  async forget() {
    this.forgotten += 1;
    this.permissionNow = 'none';
  }
  async permission() {
    return this.permissionNow;
  }
  async requestPermission() {
    this.permissionNow = 'granted';
    return true;
  }
  async list(): Promise<FolderListing> {
    this.lists += 1;
    if (this.hold) await this.hold;
    if (this.permissionNow !== 'granted') return { state: 'unavailable', folderName: 'Consortium bundles', message: 'Quorum needs your permission to use the shared folder again.' };
    const files: FolderEntry[] = [...this.files].filter(([name]) => isCandidateName(name)).map(([name, file]) => ({ name, size: file.bytes.byteLength, modifiedAt: file.modifiedAt, ...(name.endsWith('.icloud') ? { waiting: 'placeholder' as const } : {}) }));
    return { state: 'ready', folderName: 'Consortium bundles', files };
  }
  async read(name: string): Promise<FolderRead> {
    const file = this.files.get(name);
    return file ? { state: 'ready', name, bytes: file.bytes, modifiedAt: file.modifiedAt } : { state: 'waiting', name, reason: 'gone' };
  }
  async write(name: string, bytes: Uint8Array) {
    const modifiedAt = new Date().toISOString();
    this.files.set(name, { bytes, modifiedAt });
    return { modifiedAt };
  }
}

afterEach(() => {
  vi.useRealTimers();
});

async function twoCopies() {
  const c = await consortium([
    ['VCA South Bedfordshire', 'secretariat'],
    ['Luton CVS', 'partner'],
  ]);
  return c.copies as [TestCopy, TestCopy];
}

describe('the folder sync runner', { timeout: 30_000 }, () => {
  it('does nothing until a folder is chosen; then a pass on choosing and one every few minutes, never two at once', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const [secretariat] = await twoCopies();
    const folder = new MemoryFolder();
    const runner = new FolderSyncRunner(secretariat.ctx, folder);
    await runner.start();
    expect(runner.snapshot().row).toBeNull();
    expect(folder.lists).toBe(0);

    await runner.choose();
    expect(folder.lists).toBe(1);
    expect([...folder.files.keys()]).toEqual([expect.stringContaining('from VCA South Bedfordshire to Luton CVS')]);
    expect(runner.snapshot().row).toMatchObject({ folderName: 'Consortium bundles', lastReadAt: expect.any(String), lastWrittenAt: expect.any(String) });

    // A pass while one is running is not started.
    let release!: () => void;
    folder.hold = new Promise((resolve) => (release = resolve));
    const first = runner.runNow();
    expect(await runner.runNow()).toBeUndefined();
    release();
    folder.hold = null;
    expect(await first).toBeDefined();
    expect(folder.lists).toBe(2);

    // Every 2 minutes by default; 5 once the setting says so.
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await vi.waitFor(() => expect(folder.lists).toBe(3));
    await vi.waitFor(() => expect(runner.snapshot().running).toBe(false));
    await runner.setEvery(5);
    expect((await readFolderSync(secretariat.db))?.everyMinutes).toBe(5);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(folder.lists).toBe(3);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await vi.waitFor(() => expect(folder.lists).toBe(4));
    await vi.waitFor(() => expect(runner.snapshot().running).toBe(false));

    // Stopping forgets the folder, keeps its files, and no pass follows.
    await runner.stop();
    expect(folder.forgotten).toBe(1);
    expect(await readFolderSync(secretariat.db)).toBeUndefined();
    expect(folder.files.size).toBe(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(folder.lists).toBe(4);
    runner.pause();
  });

  it('waits for a click when the browser asks for permission again, and shows a placeholder of a bundle as not ready', async () => {
    const [secretariat, partner] = await twoCopies();
    const folder = new MemoryFolder();
    const first = new FolderSyncRunner(secretariat.ctx, folder);
    await first.choose();
    first.pause();

    // The partner's copy after a restart: the folder was chosen before, and the browser wants a click.
    const partnerFolder = new MemoryFolder();
    for (const [name, file] of folder.files) partnerFolder.files.set(name, file);
    const runner = new FolderSyncRunner(partner.ctx, partnerFolder);
    await runner.choose();
    runner.pause();
    partnerFolder.permissionNow = 'needs-click';
    const restarted = new FolderSyncRunner(partner.ctx, partnerFolder);
    const lists = partnerFolder.lists;
    await restarted.start();
    expect(restarted.snapshot().permission).toBe('needs-click');
    expect(partnerFolder.lists).toBe(lists);
    await restarted.allow();
    expect(restarted.snapshot().permission).toBe('granted');
    expect(partnerFolder.lists).toBe(lists + 1);

    // A cloud client has only a placeholder of the secretariat's next bundle.
    const name = folderBundleName({ consortiumName: 'Bedfordshire & Luton VCS Consortium', senderName: 'VCA South Bedfordshire', senderNode: secretariat.node, recipientName: 'Luton CVS', recipientNode: partner.node });
    const whole = partnerFolder.files.get(name)!;
    partnerFolder.files.delete(name);
    partnerFolder.files.set(`.${name}.icloud`, { bytes: new Uint8Array(200), modifiedAt: new Date().toISOString() });
    const pass = await restarted.runNow();
    expect(pass?.waiting).toEqual([{ name: `.${name}.icloud`, reason: 'placeholder' }]);
    expect(pass?.refused).toEqual([]);
    partnerFolder.files.set(name, { ...whole, modifiedAt: new Date(Date.now() + 1000).toISOString() });
    partnerFolder.files.delete(`.${name}.icloud`);
    expect((await restarted.runNow())?.waiting).toEqual([]);
    restarted.pause();
  });
});
