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
    const names = await page.getByRole('table').getByRole('rowheader').allInnerTexts();
    expect(names).toEqual(SIGNATORIES);
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
    expect(await page.getByRole('table').getByRole('rowheader').allInnerTexts()).not.toContain('Volunteer Centre Bedford');
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
});
