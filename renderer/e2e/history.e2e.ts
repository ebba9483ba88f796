/**
 * The audit trail as a person reads it: a rename shows in the organisation's
 * History with the name before and after and this copy's organisation as the
 * author, and at the top of Reports → Change history, which filters by kind of
 * record and by copy, scrolls from the keyboard, passes axe and fits a
 * 1024×768 window. Set QUORUM_SCREENSHOTS=/some/folder to keep screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { keepScreenshot, seriousViolations, sidewaysOverflow } from './page-checks';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await browser?.close();
});

const SELF = 'Voluntary and Community Action South Bedfordshire (this copy)';

describe('the change history', () => {
  it('shows a rename under the organisation and at the top of Reports, by this copy’s organisation', async () => {
    const page = await openExample(browser, freshStore('history'));
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('link', { name: 'Volunteer Centre Bedford' }).click();
    await page.getByRole('heading', { level: 1, name: 'Volunteer Centre Bedford' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).first().fill('Bedford Volunteer Centre');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Bedford Volunteer Centre.' }).waitFor();

    // The organisation's History: closed until asked for, then the rename on top.
    await page.getByRole('link', { name: 'Bedford Volunteer Centre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bedford Volunteer Centre' }).waitFor();
    const toggle = page.getByRole('heading', { level: 2, name: 'History' }).getByRole('button', { name: 'History' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const changes = page.getByRole('list', { name: 'History' }).locator(':scope > li');
    await changes.first().waitFor();
    const newest = await changes.first().innerText();
    expect(newest).toContain(SELF);
    expect(newest).toMatch(/\d{1,2} November 2026 at \d\d:\d\d/);
    expect(newest).toMatch(/Name:\s*‘Volunteer Centre Bedford’.*‘Bedford Volunteer Centre’/s);
    // The first change is the example being loaded: the organisation and its representative, both made here.
    expect(await changes.count()).toBeGreaterThanOrEqual(3);
    expect(await changes.last().innerText()).toContain('New');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // Only the main area scrolls, never the window (the history's hidden words stay inside it).
    expect(await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight)).toBeLessThanOrEqual(0);
    await page.getByRole('heading', { level: 2, name: 'History' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await keepScreenshot(page, 'history-organisation');

    // Opening the history did not touch the form: leaving asks nothing.
    await nav.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();

    // Reports → Change history: the rename on top.
    const table = page.getByRole('table', { name: 'Change history' });
    await table.getByRole('row').nth(1).waitFor();
    const count = page.locator('.change-count');
    const total = Number((await count.innerText()).replace(/[^\d]/g, ''));
    expect(await count.innerText()).toMatch(/^[\d,]+ changes$/);
    expect(total).toBeGreaterThan(10);
    expect(await table.getAttribute('aria-rowcount')).toBe(String(total + 1));
    const top = table.locator('[role="row"][aria-rowindex="2"]');
    const topText = await top.innerText();
    expect(topText).toContain(SELF);
    expect(topText).toContain('Organisation');
    expect(topText).toMatch(/Name:\s*‘Volunteer Centre Bedford’.*‘Bedford Volunteer Centre’/s);
    // Virtualised: far fewer rows drawn than there are changes.
    expect(await table.locator('[role="row"]').count()).toBeLessThan(total);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.getByText('Reports will be here').count()).toBe(1);
    await keepScreenshot(page, 'history-reports');

    // Filter by kind of record.
    await page.getByRole('combobox', { name: 'Kind of record' }).selectOption({ label: 'Representatives' });
    await page.getByText(/^\d+ changes of [\d,]+$/).waitFor();
    const kinds = await table.locator('[role="row"] .change-record-kind').allInnerTexts();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['Representative']));
    await keepScreenshot(page, 'history-reports-representatives');
    await page.getByRole('combobox', { name: 'Kind of record' }).selectOption({ label: 'Organisations' });
    await page.waitForFunction(() => document.querySelector('[role="row"][aria-rowindex="2"] .change-record-kind')?.textContent === 'Organisation');
    expect(await top.innerText()).toContain('Bedford Volunteer Centre');
    expect(new Set(await table.locator('[role="row"] .change-record-kind').allInnerTexts())).toEqual(new Set(['Organisation']));

    // Filter by copy: everything in the example was made here.
    await page.getByRole('combobox', { name: 'Kind of record' }).selectOption({ label: 'All kinds of record' });
    await page.getByRole('combobox', { name: 'Made by' }).selectOption({ label: SELF });
    expect(await count.innerText()).toBe(`${total.toLocaleString('en-GB')} changes`);

    // The keyboard scrolls the list: End reaches the oldest change at once, Home the newest.
    const region = page.getByRole('region', { name: /Changes, newest first/ });
    await region.focus();
    const oldest = table.locator(`[role="row"][aria-rowindex="${total + 1}"]`);
    await page.keyboard.press('End');
    await oldest.waitFor();
    await expect.poll(() => oldest.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.querySelector('.change-scroller')?.scrollTop ?? 0)).toBeGreaterThan(0);
    expect(await oldest.innerText()).toContain('New');
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.querySelector('.change-scroller')?.scrollTop ?? -1)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
