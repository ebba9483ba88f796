/**
 * A crash of the window, and what it leaves on disk, for the tests of drafts
 * (renderer/ui/use-draft.ts): drafts.e2e.ts on the organisation's address,
 * minutes.e2e.ts on the minutes.
 */
import type { Page } from 'playwright-core';

/**
 * As in a crash: from now on nothing the page does reaches the disk (every
 * IndexedDB transaction fails), then the page goes. What is stored is what
 * was stored before the crash: the draft saved up to a second ago.
 */
export async function crash(page: Page) {
  await page.evaluate(() => {
    IDBDatabase.prototype.transaction = () => {
      throw new DOMException('The window crashed', 'UnknownError');
    };
  });
  await page.close();
}

/** The drafts this store holds, read straight from IndexedDB (not through the app). */
export function storedDrafts(page: Page): Promise<Array<{ value: string; field: string }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open(new URLSearchParams(location.search).get('db')!);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const read = request.result.transaction('drafts').objectStore('drafts').getAll();
          read.onsuccess = () => {
            request.result.close();
            resolve(read.result);
          };
        };
      }),
  );
}
