import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { readEverything, rescueFile } from './rescue-copy';

function rawCreate(name: string, build: (db: IDBDatabase) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 3);
    request.onupgradeneeded = () => build(request.result);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe('saving a copy of everything that can be read', () => {
  it('reads every table of a database it does not understand, bytes and dates included', async () => {
    const name = `rescue-${crypto.randomUUID()}`;
    await rawCreate(name, (db) => {
      db.createObjectStore('notes', { keyPath: 'id' }).put({ id: 1, text: 'Minutes of 2 June', at: new Date('2026-06-02T10:00:00Z') });
      db.createObjectStore('blobs').put(new Uint8Array([1, 2, 3]), 'k');
    });
    const copy = await readEverything(name, indexedDB, () => new Date('2026-11-22T09:00:00Z'));
    expect(copy.version).toBe(3);
    expect(copy.stores).toEqual({
      blobs: { rows: [{ base64: 'AQID' }] },
      notes: { rows: [{ id: 1, text: 'Minutes of 2 June', at: '2026-06-02T10:00:00.000Z' }] },
    });
    const file = rescueFile(copy);
    expect(file.suggestedName).toBe(`quorum-rescue-copy-${name}-2026-11-22.json`);
    expect(JSON.parse(new TextDecoder().decode(file.bytes))).toEqual(copy);
    await Dexie.delete(name);
  });

  it('creates no database when there is none to read', async () => {
    const name = `absent-${crypto.randomUUID()}`;
    const copy = await readEverything(name);
    expect(copy).toMatchObject({ version: null, stores: {} });
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });
});
