import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appAddress, freshStore, launchBrowser, openApp, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { seriousViolations } from './page-checks';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a data store Quorum cannot use', () => {
  it('says so in plain words, saves a copy of what it holds, and deletes nothing', async () => {
    const store = freshStore('foreign');
    // Another program's database that happens to have our name, made from the same origin.
    const page = await openApp(browser, freshStore('scratch'));
    await page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open(name, 1);
          request.onupgradeneeded = () => request.result.createObjectStore('notes', { keyPath: 'id' }).put({ id: 1, text: 'not Quorum’s' });
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
      store,
    );

    await page.goto(appAddress(store));
    await page.getByRole('heading', { level: 1, name: 'Quorum cannot read this data store' }).waitFor();
    expect(await page.getByRole('main').innerText()).toContain('Quorum has not changed or deleted anything');
    expect(await seriousViolations(page)).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save a copy of everything that can be read' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^quorum-rescue-copy-e2e-foreign-.*\.json$/);
    const copy = JSON.parse(await readFile((await file.path())!, 'utf8'));
    expect(copy.stores.notes.rows).toEqual([{ id: 1, text: 'not Quorum’s' }]);

    const after = await page.evaluate(
      (name) =>
        new Promise<string[]>((resolve) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => {
            const names = [...request.result.objectStoreNames];
            request.result.close();
            resolve(names);
          };
        }),
      store,
    );
    expect(after).toEqual(['notes']);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('stops, in plain words, when a newer Quorum upgrades the store from another window', async () => {
    const store = freshStore('overtaken');
    const page = await openExample(browser, store);
    // What a newer Quorum does when it opens the same store in another window.
    await page.evaluate(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open(name, 990);
          request.onupgradeneeded = () => request.result.createObjectStore('ballots');
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
      store,
    );
    await page.getByRole('heading', { level: 1, name: 'This data needs a newer version of Quorum' }).waitFor();
    expect(await page.getByRole('main').innerText()).toContain('this window has stopped');

    // On reload it says which problem it is, and still deletes nothing.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'This data needs a newer version of Quorum' }).waitFor();
    await page.close();
  });
});
