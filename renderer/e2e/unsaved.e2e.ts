/**
 * Work typed into a form is not thrown away by a stray click: leaving a page with
 * changes not saved asks first, staying keeps every character, and a saved form
 * leaves without a question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, mainNav as nav, openExample, openOrganisation, uncaughtErrors, type TestBrowser } from './browser';
import { seriousViolations } from './page-checks';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await browser?.close();
});

describe('changes not yet saved', () => {
  it('asks before leaving an edited organisation, keeps the typing on Stay, and discards it only on Leave', async () => {
    const page = await openExample(browser, freshStore('unsaved-org'));
    await openOrganisation(page, 'Volunteer Centre Bedford');
    const name = page.getByRole('textbox', { name: 'Name', exact: true }).first();
    await name.fill('Volunteer Centre Bedford (typed, not saved)');

    await nav(page, 'Dashboard').click();
    const dialog = page.getByRole('alertdialog', { name: 'Leave without saving?' });
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Stay on this page' }).evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Enter on the focused button stays: nothing is lost.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Volunteer Centre Bedford' }).waitFor();
    expect(await name.inputValue()).toBe('Volunteer Centre Bedford (typed, not saved)');

    // Escape stays too.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await name.inputValue()).toBe('Volunteer Centre Bedford (typed, not saved)');

    // Leaving on purpose discards it; the register still has the saved name.
    await nav(page, 'Members').click();
    await dialog.getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    // The register's rows come after its heading: waited for, not read at once.
    const links = page.getByRole('table').getByRole('rowheader').getByRole('link');
    await links.filter({ hasText: 'Volunteer Centre Bedford' }).first().waitFor();
    const names = await links.allInnerTexts();
    expect(names).toContain('Volunteer Centre Bedford');
    expect(names).not.toContain('Volunteer Centre Bedford (typed, not saved)');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('starts Settings from this computer’s present roles and organisation, and leaves without a question once the changes are saved or when nothing was touched', async () => {
    const page = await openExample(browser, freshStore('unsaved-saved'));
    await openOrganisation(page, 'Voluntary Action Luton');
    await nav(page, 'Settings').click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    // The page starts from what this computer is now, not from when the store was opened (before the example made it the secretariat).
    const selected = (name: string) => page.getByRole('combobox', { name, exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text);
    await page.getByText(/Secretariat since/).first().waitFor();
    expect(await selected('Organisation')).toBe('Voluntary and Community Action South Bedfordshire');

    await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption({ label: 'Voluntary Action Luton' });
    await page.getByRole('button', { name: 'Save this computer’s organisation' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved this computer’s organisation.' }).waitFor();
    await nav(page, 'Members').click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('asks before a changed setting is left behind for another page', async () => {
    const page = await openExample(browser, freshStore('unsaved-settings'));
    await nav(page, 'Settings').click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption({ label: 'Voluntary Action Luton' });
    await nav(page, 'Sync').click();
    await page.getByRole('alertdialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Stay on this page' }).click();
    expect(await page.getByRole('combobox', { name: 'Organisation', exact: true }).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text)).toBe('Voluntary Action Luton');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
