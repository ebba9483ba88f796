/**
 * Every main page, as a person at a 1024×768 screen sees it: no serious or critical
 * accessibility violation (axe-core), no sideways scrolling, and a heading to land on.
 * Set QUORUM_SCREENSHOTS=/some/folder to keep a screenshot of each page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openApp, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { keepScreenshot, seriousViolations, sidewaysOverflow } from './page-checks';

const PAGES = [
  { nav: 'Dashboard', heading: 'Dashboard' },
  { nav: 'Members', heading: 'Members' },
  { nav: 'Applications', heading: 'Applications' },
  { nav: 'Meetings', heading: 'Meetings' },
  { nav: 'Decisions', heading: 'Decisions' },
  { nav: 'Claims', heading: 'Claims' },
  { nav: 'Sync', heading: 'Sync' },
  { nav: 'Reports', heading: 'Reports' },
  { nav: 'Settings', heading: 'Settings' },
];

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await browser?.close();
});

describe('every main page at 1024×768', () => {
  it('the set-up screen passes axe and fits the window', async () => {
    const page = await openApp(browser, freshStore('axe-setup'));
    await page.getByRole('heading', { level: 1, name: 'Set up Quorum' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await keepScreenshot(page, '00-setup');
    await page.getByRole('button', { name: 'Create the consortium' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, '00-setup-errors');
    await page.close();
  });

  it('each of the nine areas passes axe, fits the window and is reached by its navigation link', async () => {
    const page = await openExample(browser, freshStore('axe-pages'));
    const failures: string[] = [];
    for (const [index, { nav, heading }] of PAGES.entries()) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: nav, exact: true }).click();
      const h1 = page.getByRole('heading', { level: 1, name: heading, exact: true });
      await h1.waitFor();
      // Moving to a page puts focus on its heading (not for the first page, which is where we start).
      if (index > 0 && !(await h1.evaluate((el) => el === document.activeElement))) failures.push(`${nav}: focus did not move to the heading`);
      expect(await page.title()).toBe(`${heading} · Quorum`);
      for (const violation of await seriousViolations(page)) failures.push(`${nav}: ${violation}`);
      const overflow = await sidewaysOverflow(page);
      if (overflow > 0) failures.push(`${nav}: scrolls sideways by ${overflow}px`);
      await keepScreenshot(page, `${String(index + 1).padStart(2, '0')}-${nav.toLowerCase()}`);
    }
    // An organisation's form, too.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('link', { name: 'Voluntary Action Luton' }).click();
    await page.getByRole('heading', { level: 1, name: 'Voluntary Action Luton' }).waitFor();
    for (const violation of await seriousViolations(page)) failures.push(`Organisation form: ${violation}`);
    if ((await sidewaysOverflow(page)) > 0) failures.push('Organisation form scrolls sideways');
    await keepScreenshot(page, '10-organisation');
    expect(failures).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('the whole app can be worked from the keyboard: skip link, navigation, visible focus', async () => {
    const page = await openExample(browser, freshStore('keyboard'));
    // Start as a person opening the app does, with nothing focused.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Dashboard');

    // Tab onwards from the skip link reaches the navigation, and Enter follows a link.
    await skip.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.innerText()).toBe('Members');
    const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.close();
  });
});
