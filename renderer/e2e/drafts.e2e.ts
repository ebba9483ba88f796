/**
 * Long text kept as it is typed (renderer/ui/use-draft.ts), on the
 * organisation's address: leaving the box saves it as one change, and a
 * crash of the window loses at most a second — the draft is offered back the
 * next time the organisation is opened, to keep or discard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appAddress, freshStore, launchBrowser, mainNav as nav, openApp, openExample, openOrganisation, uncaughtErrors, type TestBrowser } from './browser';
import { crash, storedDrafts } from './crash';
import { keepScreenshot, seriousViolations } from './page-checks';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await browser?.close();
});

const address = (page: Page) => page.getByRole('textbox', { name: 'Address' });

/** Waits for the draft to be saved (within a second of the last keystroke on a quiet machine: use-draft.test.ts holds that to the millisecond). */
async function draftSaved(page: Page, value: string) {
  await expect.poll(async () => (await storedDrafts(page)).map((d) => d.value), { timeout: 10_000, interval: 100 }).toContain(value);
}

describe('drafts of long text', () => {
  it('saves the address as one change on leaving the box, and leaving the page from the box asks nothing and loses nothing', async () => {
    const page = await openExample(browser, freshStore('drafts-leave'));
    await openOrganisation(page, 'Volunteer Centre Bedford');
    await address(page).fill('');
    await address(page).pressSequentially('12 Harpur Street, Bedford', { delay: 20 });
    await page.keyboard.press('Tab');
    await page.getByRole('heading', { level: 2, name: 'History' }).getByRole('button', { name: 'History' }).click();
    const newest = page.getByRole('list', { name: 'History' }).locator(':scope > li').first();
    await newest.filter({ hasText: '12 Harpur Street, Bedford' }).waitFor();
    expect(await newest.innerText()).toMatch(/Address:.*‘12 Harpur Street, Bedford’/s);
    await nav(page, 'Dashboard').click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    // Straight from the box to another page: nothing asked, nothing lost.
    await openOrganisation(page, 'Volunteer Centre Bedford');
    await address(page).pressSequentially(' MK40 1HS', { delay: 20 });
    await nav(page, 'Members').click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.getByRole('link', { name: 'Volunteer Centre Bedford', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Volunteer Centre Bedford' }).waitFor();
    expect(await address(page).inputValue()).toBe('12 Harpur Street, Bedford MK40 1HS');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('offers back, after a crash, the draft saved as it was typed; kept, it is saved', async () => {
    const store = freshStore('drafts-crash');
    const page = await openExample(browser, store);
    await openOrganisation(page, 'Volunteer Centre Bedford');
    await address(page).fill('');
    await address(page).pressSequentially('The Hub, 10 Harpur Street', { delay: 20 });
    await draftSaved(page, 'The Hub, 10 Harpur Street');
    await crash(page);

    const again = await openApp(browser, store, '/members');
    await again.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    // The crash left the draft in the store (were it gone here, the crash would have committed or lost it).
    expect((await storedDrafts(again)).map((d) => d.value)).toEqual(['The Hub, 10 Harpur Street']);
    await again.getByRole('link', { name: 'Volunteer Centre Bedford', exact: true }).click();
    const notice = again.getByRole('status').filter({ hasText: 'A draft of this address' });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/A draft of this address from 22 November 2026 at \d\d:\d\d was not saved\./);
    // The box shows the stored address until the person chooses.
    expect(await address(again).inputValue()).not.toBe('The Hub, 10 Harpur Street');
    expect(await seriousViolations(again)).toEqual([]);
    await notice.scrollIntoViewIfNeeded();
    await keepScreenshot(again, 'drafts-offered-back-1024');
    await again.setViewportSize({ width: 320, height: 800 });
    await notice.scrollIntoViewIfNeeded();
    expect(await again.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await keepScreenshot(again, 'drafts-offered-back-320');
    await notice.getByRole('button', { name: 'Keep the draft' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await address(again).inputValue()).toBe('The Hub, 10 Harpur Street');
    await again.getByRole('heading', { level: 2, name: 'History' }).getByRole('button', { name: 'History' }).click();
    await again.getByRole('list', { name: 'History' }).locator(':scope > li').first().filter({ hasText: 'The Hub, 10 Harpur Street' }).waitFor();
    // Saved: leaving asks nothing, and opening it again offers nothing.
    await nav(again, 'Members').click();
    await again.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await again.getByRole('link', { name: 'Volunteer Centre Bedford', exact: true }).click();
    await again.getByRole('heading', { level: 1, name: 'Volunteer Centre Bedford' }).waitFor();
    expect(await address(again).inputValue()).toBe('The Hub, 10 Harpur Street');
    await again.waitForTimeout(300);
    expect(await again.getByText('A draft of this address').count()).toBe(0);
    expect(uncaughtErrors(again)).toEqual([]);
    await again.close();
  });

  it('discards a draft left by a crash when asked, keeping the stored address', async () => {
    const store = freshStore('drafts-discard');
    const page = await openExample(browser, store);
    await openOrganisation(page, 'Voluntary Action Luton');
    const stored = await address(page).inputValue();
    await address(page).pressSequentially(' (moved?)', { delay: 20 });
    await draftSaved(page, `${stored} (moved?)`);
    await crash(page);

    const again = await browser.context.newPage();
    await again.goto(appAddress(store, '/members'));
    await again.getByRole('link', { name: 'Voluntary Action Luton', exact: true }).click();
    const notice = again.getByRole('status').filter({ hasText: 'A draft of this address' });
    await notice.getByRole('button', { name: 'Discard it' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await address(again).inputValue()).toBe(stored);
    await again.reload();
    await again.getByRole('heading', { level: 1, name: 'Voluntary Action Luton' }).waitFor();
    await again.waitForTimeout(300);
    expect(await again.getByText('A draft of this address').count()).toBe(0);
    await again.close();
  });
});
