import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SIGNATORIES = [
  'Bedford Race Equality Council',
  'Bedfordshire Rural Communities Charity',
  'Community & Voluntary Service Mid and North Bedfordshire',
  'Voluntary Action Luton',
  'Voluntary and Community Action South Bedfordshire',
  'Volunteer Centre Bedford',
];

describe('the example consortium', () => {
  it('opens Bedfordshire & Luton with its six signatory organisations', async () => {
    const page = await openExample(browser, freshStore('example'));
    expect(await page.getByRole('banner').innerText()).toContain('Bedfordshire & Luton VCS Infrastructure Consortium');
    expect(await page.getByRole('region', { name: 'Membership' }).innerText()).toContain('6 member organisations');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByRole('link', { name: 'Volunteer Centre Bedford' }).waitFor();
    const names = await page.getByRole('table').getByRole('rowheader').getByRole('link').allInnerTexts();
    // The six signatories, and the organisation the example co-opts to advise (Partnership Agreement 5.4).
    expect(names).toEqual([...SIGNATORIES.slice(0, 3), 'Luton and Bedfordshire Advice Network', ...SIGNATORIES.slice(3)]);
    expect(await page.getByRole('rowheader', { name: /Voluntary and Community Action South Bedfordshire/ }).innerText()).toContain('Accountable Body');
    expect(await page.getByRole('row', { name: /Voluntary Action Luton/ }).innerText()).toContain('Everton Blake');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('renames an organisation on the Members page, and the new name survives a reload', async () => {
    const page = await openExample(browser, freshStore('rename'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('link', { name: 'Volunteer Centre Bedford' }).click();
    await page.getByRole('heading', { level: 1, name: 'Volunteer Centre Bedford' }).waitFor();

    const name = page.getByRole('textbox', { name: 'Name', exact: true }).first();
    await name.fill('Volunteer Centre Bedford and Kempston');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Saved Volunteer Centre Bedford and Kempston.' }).waitFor();

    await page.reload();
    await page.getByRole('link', { name: 'Volunteer Centre Bedford and Kempston' }).waitFor();
    expect(await page.getByRole('table').getByRole('rowheader').getByRole('link').allInnerTexts()).not.toContain('Volunteer Centre Bedford');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('refuses an organisation without a name and keeps the rest of what was typed', async () => {
    const page = await openExample(browser, freshStore('add-invalid'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('link', { name: 'Add an organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an organisation' }).waitFor();
    const section = page.getByRole('region', { name: 'Named representative' });
    await section.getByRole('textbox', { name: 'Name' }).fill('Sam Taylor');
    await section.getByRole('textbox', { name: 'Email' }).fill('sam.taylor at example.org');
    await page.getByRole('button', { name: 'Add the organisation' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allInnerTexts()).toEqual([
      'Enter the organisation’s name',
      'Enter an email address like name@example.org',
    ]);
    expect(await section.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Sam Taylor');
    await page.close();
  });

  it('changing the notice period in Settings moves the date the papers are due', async () => {
    const page = await openExample(browser, freshStore('notice'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('row', { name: /Tuesday 8 December 2026/ }).waitFor();
    expect(await page.getByRole('row', { name: /Tuesday 8 December 2026/ }).innerText()).toContain('Papers are due by Tuesday 1 December 2026');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: 'Working days of notice for agendas and papers' }).fill('10');
    await page.getByRole('button', { name: 'Save the consortium’s settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the consortium’s settings.' }).waitFor();
    expect(await page.locator('.fingerprint').innerText()).toMatch(/^\d{5}( \d{5}){5}$/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('row', { name: /Tuesday 8 December 2026/ }).waitFor();
    expect(await page.getByRole('row', { name: /Tuesday 8 December 2026/ }).innerText()).toContain('Papers are due by Tuesday 24 November 2026');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
