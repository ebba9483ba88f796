/**
 * Storage health in Settings, in a real Chromium (docs/architecture.md, "Storage
 * health"), and the page running under the desktop app's Content Security Policy
 * ("A sealed desktop build"). Headless Chromium answers persist() with no, as a
 * browser does for a site seldom used, so that is the answer the test sees. The last
 * backup is a real one, saved from Settings.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../electron/content-security-policy';
import { freshStore, launchBrowser, mainNav, openApp, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { keepScreenshot, seriousViolations, sidewaysOverflow } from './page-checks';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await browser?.close();
});

/** Writes rows of the local installation table straight into IndexedDB, as the folder sync code leaves them. */
function putInstallationRows(page: Page, store: string, rows: Record<string, unknown>[]): Promise<void> {
  return page.evaluate(
    ([name, list]) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('installation', 'readwrite');
          for (const row of list) tx.objectStore('installation').put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [store, rows] as const,
  );
}

const section = (page: Page) => page.getByRole('region', { name: 'Storage health' });

/** The facts of the section as { term: description }. */
async function facts(page: Page): Promise<Record<string, string>> {
  const list = section(page).locator('dl');
  const terms = await list.locator('dt').allInnerTexts();
  const descriptions = await list.locator('dd').allInnerTexts();
  return Object.fromEntries(terms.map((term, i) => [term, descriptions[i] ?? '']));
}

async function openSettings(page: Page) {
  await mainNav(page, 'Settings').click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await section(page).getByText(/^Quorum holds /).waitFor();
}

describe('storage health', () => {
  it('says whether the browser keeps the data, how much Quorum holds, and when the last backup and folder sync ran', async () => {
    const store = freshStore('storage');
    const page = await openExample(browser, store);
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    await openSettings(page);

    const before = await facts(page);
    expect(before['Kept by the browser']).toMatch(/^Not yet kept: if the disk runs short of space, the browser may clear Quorum’s data without asking/);
    expect(before['Space used']).toMatch(/^Quorum holds (\d+ bytes|\d+ KB|\d+\.\d MB) in this browser, of \d+\.\d GB it may use \((less than 1%|\d+%)\)\.$/);
    expect(before['Last backup']).toBe('No backup yet');
    expect(before['Shared folder']).toBe('Not set up');
    expect(before).not.toHaveProperty('Folder last read');
    expect(await section(page).getByRole('alert').count()).toBe(0);

    // Asking: Chromium decides (here, no), and the page says so in words.
    await section(page).getByRole('button', { name: 'Ask the browser to keep Quorum’s data' }).click();
    await section(page).getByRole('status').filter({ hasText: 'The browser declined for now.' }).waitFor();

    // A backup saved from Settings shows here as soon as it is recorded.
    const saving = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save a backup now' }).click();
    const saved = await saving;
    await expect.poll(async () => (await facts(page))['Last backup']).toContain(`(${saved.suggestedFilename()}, `);
    expect((await facts(page))['Last backup']).toMatch(/^22 November 2026 at 10:\d\d \(.+, \d+(\.\d)? (KB|MB)\)$/);

    // What the folder sync records (Playwright cannot answer Chromium's folder picker), written as it writes it and read after a reload.
    await putInstallationRows(page, store, [
      { key: 'folderSync', folderName: 'Consortium shared', lastReadAt: '2026-11-22T09:55:00.000Z', lastError: 'The folder Consortium shared could not be read: is the drive plugged in?' },
    ]);
    await page.reload();
    await openSettings(page);
    const after = await facts(page);
    expect(after['Shared folder']).toBe('Consortium shared');
    expect(after['Folder last read']).toBe('22 November 2026 at 09:55');
    expect(after['Folder last written']).toBe('Not yet');
    expect(after['Last problem']).toBe('The folder Consortium shared could not be read: is the drive plugged in?');

    await section(page).scrollIntoViewIfNeeded();
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'storage-health-1024');
    await page.setViewportSize({ width: 320, height: 700 });
    await section(page).scrollIntoViewIfNeeded();
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'storage-health-320');
    await page.setViewportSize({ width: 1024, height: 768 });

    expect(cspErrors).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('warns when storage is nearly full', async () => {
    const store = freshStore('storage-full');
    const full = await openExample(browser, store);
    // A disk with little room cannot be made here: the browser's answer to estimate() is replaced in this page only, from its next load.
    await full.addInitScript(() => {
      Object.defineProperty(StorageManager.prototype, 'estimate', { value: async () => ({ usage: 9_100_000_000, quota: 10_000_000_000 }) });
    });
    await full.reload();
    await openSettings(full);
    const warning = section(full).getByRole('alert');
    expect(await warning.innerText()).toBe(
      'Storage is nearly full\n\nQuorum has used 91% of the room it may use in this browser; only 900.0 MB is left. When it is full, changes cannot be saved. Free some space on the disk, and make a backup now while there is room for one.',
    );
    expect((await facts(full))['Space used']).toBe('Quorum holds 9.1 GB in this browser, of 10.0 GB it may use (91%).');
    await warning.scrollIntoViewIfNeeded();
    expect(await seriousViolations(full)).toEqual([]);
    await keepScreenshot(full, 'storage-health-nearly-full');
    await full.setViewportSize({ width: 320, height: 700 });
    await warning.scrollIntoViewIfNeeded();
    expect(await sidewaysOverflow(full)).toBe(0);
    await keepScreenshot(full, 'storage-health-nearly-full-320');
    expect(uncaughtErrors(full)).toEqual([]);
    await full.close();
  });
});

describe('the page’s Content Security Policy', () => {
  it('is the desktop app’s, and blocks an inline script', async () => {
    const page = await openApp(browser, freshStore('csp'));
    await page.getByRole('button', { name: 'Open the example consortium' }).waitFor();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toBe(META_CONTENT_SECURITY_POLICY);
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string }>((resolve) => {
          const w = window as Window & { inlineRan?: boolean };
          document.addEventListener('securitypolicyviolation', (event) => resolve({ ran: w.inlineRan === true, violated: event.violatedDirective }), { once: true });
          const script = document.createElement('script');
          script.textContent = 'window.inlineRan = true;';
          document.body.append(script);
          setTimeout(() => resolve({ ran: w.inlineRan === true, violated: '' }), 2000);
        }),
    );
    expect(outcome).toEqual({ ran: false, violated: 'script-src-elem' });
    await page.close();
  });
});
