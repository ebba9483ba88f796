/**
 * Dates as people in Britain type and read them: day, month, year (27/03/2026), whatever
 * the browser's own date input would do. On an example organisation: a joined-on date
 * typed at the keyboard is saved as the ISO date and shows again in the same order after
 * a reload; a date without its year is refused in plain words, the error summary's link
 * puts the cursor back in the field, and what was typed stays. axe checks both states.
 * Set QUORUM_SCREENSHOTS=/some/folder to keep screenshots at 1024×768.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { keepScreenshot, seriousViolations } from './page-checks';

const ORGANISATION = 'Volunteer Centre Bedford';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await browser?.close();
});

async function openOrganisation(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  await page.getByRole('link', { name: ORGANISATION }).click();
  await page.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
}

/** The date field's group of segments, found by its visible label. */
const dateField = (page: Page, label: string) => page.getByRole('group', { name: label, exact: true });

/** What the segments show, in screen order ("27/03/2026", "dd/mm/yyyy"). */
async function shown(page: Page, label: string): Promise<string> {
  return (await dateField(page, label).innerText()).replace(/\s+/g, '');
}

/** The segments' spin-button values as a screen reader has them, in screen order. */
async function spokenParts(page: Page, label: string): Promise<string[]> {
  return dateField(page, label)
    .getByRole('spinbutton')
    .evaluateAll((segments) => segments.map((s) => `${s.getAttribute('aria-label')?.split(',')[0]}: ${s.getAttribute('aria-valuetext')}`));
}

/** The organisation's stored row, read from IndexedDB in the page (not through the app). */
async function storedOrganisation(page: Page, store: string): Promise<{ joinedOn: string; resignedOn: string }> {
  return page.evaluate(
    ({ store, name }) =>
      new Promise((done, fail) => {
        const request = indexedDB.open(store);
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('organisations', 'readonly').objectStore('organisations').getAll();
          all.onsuccess = () => {
            db.close();
            done((all.result as { name: string; joinedOn: string; resignedOn: string }[]).find((row) => row.name === name)!);
          };
          all.onerror = () => fail(all.error);
        };
      }),
    { store, name: ORGANISATION },
  );
}

describe('dates in day, month, year order', () => {
  it('types a joined-on date as day, month and year, saves it as 2026-03-27 and shows 27/03/2026 after a reload', async () => {
    const store = freshStore('dates');
    const page = await openExample(browser, store);
    await openOrganisation(page);
    // No native date input a person could reach (react-aria keeps a hidden one for autofill only).
    const reachable = await page.locator('input[type="date"]').evaluateAll((inputs) => inputs.filter((i) => !i.closest('[aria-hidden="true"]') || i.tabIndex >= 0).length);
    expect(reachable).toBe(0);
    expect(await shown(page, 'Joined on')).toBe('dd/mm/yyyy');
    expect(await spokenParts(page, 'Joined on')).toEqual(['day: Empty', 'month: Empty', 'year: Empty']);

    // Clicking the label puts the cursor in the day; each part moves on to the next once it is whole.
    await page.getByText('Joined on', { exact: true }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-organisation-joinedOn');
    await page.keyboard.type('27');
    await page.keyboard.type('03');
    await page.keyboard.type('2026');
    expect(await shown(page, 'Joined on')).toBe('27/03/2026');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'dates-typed');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: `Saved ${ORGANISATION}.` }).waitFor();
    expect(await storedOrganisation(page, store)).toMatchObject({ joinedOn: '2026-03-27', resignedOn: '' });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByRole('link', { name: ORGANISATION }).click();
    await page.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
    expect(await shown(page, 'Joined on')).toBe('27/03/2026');
    expect(await spokenParts(page, 'Joined on')).toEqual(['day: 27', 'month: 03 – March', 'year: 2026']);
    expect(await shown(page, 'Resigned on')).toBe('dd/mm/yyyy');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('refuses a date without its year in plain words, takes the cursor back to it and keeps what was typed', async () => {
    const store = freshStore('dates-half');
    const page = await openExample(browser, store);
    await openOrganisation(page);
    await page.getByText('Joined on', { exact: true }).click();
    await page.keyboard.type('27');
    await page.keyboard.type('03');
    await page.getByRole('button', { name: 'Save changes' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const message = 'Joined on must include a year, for example 27/03/2026';
    expect(await summary.getByRole('listitem').allInnerTexts()).toEqual([message]);
    expect(await page.locator('#field-organisation-joinedOn-error').textContent()).toBe(`Error: ${message}`);
    const day = page.locator('#field-organisation-joinedOn');
    expect(await day.getAttribute('aria-invalid')).toBe('true');
    expect(await day.getAttribute('aria-describedby')).toContain('field-organisation-joinedOn-error');
    expect(await shown(page, 'Joined on')).toBe('27/03/yyyy');
    expect(await storedOrganisation(page, store)).toMatchObject({ joinedOn: '' });
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'dates-refused');

    await summary.getByRole('button', { name: message }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-organisation-joinedOn');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^day/);
    expect(await shown(page, 'Joined on')).toBe('27/03/yyyy');

    // Finishing the date clears the error as it is typed, and the form saves.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2026');
    await page.locator('#field-organisation-joinedOn-error').waitFor({ state: 'detached' });
    expect(await shown(page, 'Joined on')).toBe('27/03/2026');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: `Saved ${ORGANISATION}.` }).waitFor();
    expect(await storedOrganisation(page, store)).toMatchObject({ joinedOn: '2026-03-27' });
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('keeps a saved date when only its year is rubbed out, and refuses the form instead', async () => {
    const store = freshStore('dates-clear');
    const page = await openExample(browser, store);
    await openOrganisation(page);
    await page.getByText('Resigned on', { exact: true }).click();
    await page.keyboard.type('01042026');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: `Saved ${ORGANISATION}.` }).waitFor();
    await page.getByRole('link', { name: ORGANISATION }).click();
    await page.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
    expect(await shown(page, 'Resigned on')).toBe('01/04/2026');

    await dateField(page, 'Resigned on').getByRole('spinbutton', { name: /^year/ }).click();
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Backspace');
    expect(await shown(page, 'Resigned on')).toBe('01/04/yyyy');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Resigned on must include a year, for example 27/03/2026' })
      .waitFor();
    expect(await storedOrganisation(page, store)).toMatchObject({ resignedOn: '2026-04-01' });
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('keeps 31/02/2027 as typed, whichever part is typed first and after leaving the field, and refuses it in plain words', async () => {
    const store = freshStore('dates-impossible');
    const page = await openExample(browser, store);
    await openOrganisation(page);
    // Day first, as people type it.
    await page.getByText('Joined on', { exact: true }).click();
    await page.keyboard.type('31');
    await page.keyboard.type('02');
    await page.keyboard.type('2027');
    expect(await shown(page, 'Joined on')).toBe('31/02/2027');
    await page.keyboard.press('Tab');
    expect(await shown(page, 'Joined on')).toBe('31/02/2027');
    // Month first: the day typed afterwards is not cut to the month's length either.
    await dateField(page, 'Resigned on').getByRole('spinbutton', { name: /^month/ }).click();
    await page.keyboard.type('02');
    await page.keyboard.type('2027');
    await dateField(page, 'Resigned on').getByRole('spinbutton', { name: /^day/ }).click();
    await page.keyboard.type('30');
    expect(await shown(page, 'Resigned on')).toBe('30/02/2027');
    await page.keyboard.press('Tab');
    expect(await shown(page, 'Resigned on')).toBe('30/02/2027');

    await page.getByRole('button', { name: 'Save changes' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const problems = await summary.getByRole('listitem').allInnerTexts();
    expect(problems.join('\n')).toMatch(/joined is not a real date/i);
    expect(problems.join('\n')).toMatch(/resignation is not a real date/i);
    // Nothing saved, and what was typed is still there.
    expect(await storedOrganisation(page, store)).toMatchObject({ joinedOn: '', resignedOn: '' });
    expect(await shown(page, 'Joined on')).toBe('31/02/2027');
    expect(await shown(page, 'Resigned on')).toBe('30/02/2027');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
