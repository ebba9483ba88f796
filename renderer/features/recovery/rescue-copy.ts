/**
 * "Save a copy of everything that can be read": when the store cannot be opened,
 * read every object store of the database with the raw IndexedDB API — no schema,
 * no Dexie, no upgrade — into one JSON document the person can keep or send for
 * help. Each store is read in its own transaction so one damaged store does not
 * stop the others being saved; a store that cannot be read is listed with its error.
 * Nothing is written to the database and nothing is deleted. The one thing left
 * out is this copy's private signing key: whoever holds the file must not be able
 * to sign bundles as this copy. It is a non-extractable CryptoKey, which cannot be
 * read anyway, but a store from an older Quorum may still hold it as a string.
 */
import { toBase64 } from '../../../shared/sync/keys';

export interface RescueCopy {
  format: 'quorum-rescue-copy';
  databaseName: string;
  /** The IndexedDB version found, or null when there was no database. */
  version: number | null;
  savedAt: string;
  stores: Record<string, { rows: unknown[] } | { error: string }>;
}

function openAsItIs(factory: IDBFactory, name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    let creating = false;
    const request = factory.open(name);
    request.onupgradeneeded = (event) => {
      if (event.oldVersion === 0) {
        creating = true;
        request.transaction?.abort();
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      if (creating) resolve(null);
      else reject(request.error ?? new Error('The data store could not be opened'));
    };
  });
}

function readStore(db: IDBDatabase, store: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction(store, 'readonly').objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result as unknown[]);
    request.onerror = (event) => {
      event.preventDefault();
      reject(request.error ?? new Error(`The table ${store} could not be read`));
    };
  });
}

/** What the copy says in place of a private key. */
export const KEY_LEFT_OUT = 'left out: the private signing key is never saved outside the store';

/** The installation row (renderer/db/database.ts InstallationRecord) without its private key. */
export function withoutPrivateKey(row: unknown): unknown {
  if (!row || typeof row !== 'object' || !('privateKey' in row)) return row;
  return { ...row, privateKey: KEY_LEFT_OUT };
}

/** Turns what IndexedDB can hold but JSON cannot (bytes, dates, maps) into plain JSON. */
export function jsonSafe(value: unknown): unknown {
  // A CryptoKey is described, never exported (a non-extractable one could not be).
  if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) return { cryptoKey: value.type, algorithm: value.algorithm.name };
  if (value instanceof Date) return value.toISOString();
  if (value instanceof ArrayBuffer) return { base64: toBase64(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) return { base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), jsonSafe(v)]));
  if (value instanceof Set) return [...value].map(jsonSafe);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export async function readEverything(name: string, factory: IDBFactory = indexedDB, now: () => Date = () => new Date()): Promise<RescueCopy> {
  const copy: RescueCopy = { format: 'quorum-rescue-copy', databaseName: name, version: null, savedAt: now().toISOString(), stores: {} };
  const db = await openAsItIs(factory, name);
  if (!db) return copy;
  try {
    copy.version = db.version;
    for (const store of [...db.objectStoreNames]) {
      try {
        const rows = await readStore(db, store);
        copy.stores[store] = { rows: (store === 'installation' ? rows.map(withoutPrivateKey) : rows).map(jsonSafe) };
      } catch (error) {
        copy.stores[store] = { error: describe(error) };
      }
    }
  } finally {
    db.close();
  }
  return copy;
}

/** The copy as the bytes of a readable JSON file, and a name to offer for it. */
export function rescueFile(copy: RescueCopy): { bytes: Uint8Array; suggestedName: string } {
  const day = copy.savedAt.slice(0, 10);
  const safeName = copy.databaseName.replace(/[^A-Za-z0-9_-]+/g, '-');
  return {
    bytes: new TextEncoder().encode(JSON.stringify(copy, null, 2)),
    suggestedName: `quorum-rescue-copy-${safeName}-${day}.json`,
  };
}
