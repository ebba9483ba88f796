/**
 * Reads every object store of a page's IndexedDB database, in key order, as one
 * JSON string: two equal dumps mean the data store is byte-for-byte unchanged.
 * Uses IndexedDB directly in the page, not the app, so it checks what is on disk.
 */
import type { Page } from 'playwright-core';

export function dumpStore(page: Page, databaseName: string): Promise<string> {
  return page.evaluate(
    (name) =>
      new Promise<string>((done, fail) => {
        const request = indexedDB.open(name);
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = Array.from(db.objectStoreNames).sort();
          const transaction = db.transaction(names, 'readonly');
          const out: Record<string, unknown> = {};
          for (const store of names) {
            const keys = transaction.objectStore(store).getAllKeys();
            const values = transaction.objectStore(store).getAll();
            values.onsuccess = () => {
              out[store] = { keys: keys.result, values: values.result };
            };
          }
          transaction.oncomplete = () => {
            db.close();
            done(JSON.stringify(out));
          };
          transaction.onerror = () => fail(transaction.error);
        };
      }),
    databaseName,
  );
}
