/**
 * A crash of the window, and what it leaves on disk, for the tests of drafts
 * (renderer/ui/use-draft.ts): drafts.e2e.ts on the organisation's address,
 * minutes.e2e.ts on the minutes.
 */
import type { Page } from 'playwright-core';

/**
 * A crash of the window's renderer, as Chromium has it (DevTools' Page.crash):
 * the page dies where it stands, with no pagehide, no beforeunload and no
 * last transaction, so what is stored is what was stored before the crash:
 * the draft saved up to a second ago. IndexedDB lives in the browser's own
 * process, so what was committed survives, as it does when Electron's
 * renderer crashes.
 *
 * (An earlier version made IDBDatabase.prototype.transaction throw before
 * closing the page. Dexie binds `transaction` to the connection when it opens
 * the database, so the patch never reached it: the draft committed on
 * pagehide won whenever its transaction finished before the page went, about
 * one run in three on a busy machine, and the test found no draft to offer.)
 */
export async function crash(page: Page) {
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
  const session = await page.context().newCDPSession(page);
  // The command never answers: the renderer that would answer it is gone.
  session.send('Page.crash').catch(() => undefined);
  await crashed;
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
