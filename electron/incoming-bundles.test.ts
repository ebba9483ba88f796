import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BundleOpened } from '../shared/ipc';
import { IncomingBundles } from './incoming-bundles';
import { FileTooLargeError } from '../shared/ipc';
import { NotAFileError, readFileWithinLimit } from './file-reading';

const fakeRead = async (filePath: string): Promise<BundleOpened> => ({ name: path.basename(filePath), bytes: new TextEncoder().encode(filePath) });

describe('bundles handed over by the operating system', () => {
  it('wait until the window is ready, then arrive in the order they came', async () => {
    const incoming = new IncomingBundles(vi.fn(), fakeRead);
    incoming.receive('/a/first.quorum');
    incoming.receive('/a/second.quorum');
    const delivered: string[] = [];
    await incoming.settled();
    expect(delivered).toEqual([]);
    incoming.deliverTo((bundle) => delivered.push(bundle.name));
    await incoming.settled();
    expect(delivered).toEqual(['first.quorum', 'second.quorum']);
  });

  it('go straight to a ready window', async () => {
    const incoming = new IncomingBundles(vi.fn(), fakeRead);
    const delivered: string[] = [];
    incoming.deliverTo((bundle) => delivered.push(bundle.name));
    incoming.receive('/a/now.quorum');
    await incoming.settled();
    expect(delivered).toEqual(['now.quorum']);
  });

  it('wait again while the window reloads', async () => {
    const incoming = new IncomingBundles(vi.fn(), fakeRead);
    const first: string[] = [];
    incoming.deliverTo((bundle) => first.push(bundle.name));
    incoming.pause();
    incoming.receive('/a/during-reload.quorum');
    await incoming.settled();
    const second: string[] = [];
    incoming.deliverTo((bundle) => second.push(bundle.name));
    await incoming.settled();
    expect(first).toEqual([]);
    expect(second).toEqual(['during-reload.quorum']);
  });

  it('are not lost when the window starts reloading (or closes) while the file is being read', async () => {
    const pending: Array<() => void> = [];
    const slowRead = (filePath: string) => new Promise<BundleOpened>((resolve) => pending.push(() => resolve(fakeRead(filePath))));
    const finishReads = async () => {
      await vi.waitFor(() => expect(pending.length).toBeGreaterThan(0));
      for (const finish of pending.splice(0)) finish();
    };
    const incoming = new IncomingBundles(vi.fn(), slowRead);
    const old: string[] = [];
    incoming.deliverTo((bundle) => old.push(bundle.name));
    incoming.receive('/a/slow.quorum');
    await vi.waitFor(() => expect(pending.length).toBe(1));
    incoming.pause();
    await finishReads();
    await incoming.settled();
    const reloaded: string[] = [];
    incoming.deliverTo((bundle) => reloaded.push(bundle.name));
    await finishReads();
    await incoming.settled();
    expect(old).toEqual([]);
    expect(reloaded).toEqual(['slow.quorum']);
  });

  it('report a file that cannot be read, and still deliver the next', async () => {
    const onFailure = vi.fn();
    const read = async (filePath: string) => {
      if (filePath.includes('broken')) throw new Error('“broken.quorum” could not be read.');
      return fakeRead(filePath);
    };
    const incoming = new IncomingBundles(onFailure, read);
    const delivered: string[] = [];
    incoming.deliverTo((bundle) => delivered.push(bundle.name));
    incoming.receive('/a/broken.quorum');
    incoming.receive('/a/fine.quorum');
    await incoming.settled();
    expect(onFailure).toHaveBeenCalledExactlyOnceWith('“broken.quorum” could not be read.');
    expect(delivered).toEqual(['fine.quorum']);
  });

  it('are read from disk with their name and bytes by default', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'quorum-incoming-'));
    try {
      await writeFile(path.join(folder, 'to-bedford.quorum'), '{"format":"quorum-bundle"}');
      const incoming = new IncomingBundles(vi.fn());
      const delivered: BundleOpened[] = [];
      incoming.deliverTo((bundle) => delivered.push(bundle));
      incoming.receive(path.join(folder, 'to-bedford.quorum'));
      await incoming.settled();
      expect(delivered.map((bundle) => [bundle.name, new TextDecoder().decode(bundle.bytes)])).toEqual([['to-bedford.quorum', '{"format":"quorum-bundle"}']]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('reading a file within the size limit', () => {
  it('refuses a file over the limit before reading it', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'quorum-limit-'));
    try {
      await writeFile(path.join(folder, 'big.quorum'), new Uint8Array(5000));
      await expect(readFileWithinLimit(path.join(folder, 'big.quorum'), 4999)).rejects.toThrow(FileTooLargeError);
      await expect(readFileWithinLimit(path.join(folder, 'big.quorum'), 5000)).resolves.toMatchObject({ name: 'big.quorum' });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('says so when the file is missing or is a folder', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'quorum-limit-'));
    try {
      await expect(readFileWithinLimit(path.join(folder, 'gone.quorum'))).rejects.toThrow(/could not find “gone.quorum”/);
      await expect(readFileWithinLimit(folder)).rejects.toThrow(NotAFileError);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
