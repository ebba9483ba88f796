import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openApp, uncaughtErrors, type TestBrowser } from './browser';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('first run', () => {
  it('sets up a consortium that is still there after a reload', async () => {
    const page = await openApp(browser, freshStore('setup'));
    await page.getByRole('heading', { level: 1, name: 'Set up Quorum' }).waitFor();

    await page.getByRole('textbox', { name: 'Consortium’s name' }).fill('Luton & Dunstable Infrastructure Consortium');
    await page.getByRole('textbox', { name: 'Area it covers' }).fill('Luton and Dunstable');
    await page.getByRole('combobox', { name: 'Nation whose bank holidays apply' }).selectOption({ label: 'England and Wales' });
    await page.getByRole('combobox', { name: 'What is this computer used for?' }).selectOption({ label: 'Secretariat' });
    await page.getByRole('textbox', { name: 'Your organisation' }).fill('Voluntary Action Luton');
    await page.getByRole('button', { name: 'Create the consortium' }).click();

    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const header = page.getByRole('banner');
    expect(await header.innerText()).toContain('Luton & Dunstable Infrastructure Consortium');
    await header.getByText('Secretariat · Voluntary Action Luton').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.getByRole('banner').innerText()).toContain('Luton & Dunstable Infrastructure Consortium');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
    await page.getByRole('link', { name: 'Voluntary Action Luton' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('refuses bad input in plain words, keeps what was typed, and leads to each field', async () => {
    const page = await openApp(browser, freshStore('invalid'));
    await page.getByRole('heading', { level: 1, name: 'Set up Quorum' }).waitFor();

    await page.getByRole('textbox', { name: 'Area it covers' }).fill('Bedfordshire');
    await page.getByRole('textbox', { name: 'Smallest quorum' }).fill('two');
    await page.getByRole('textbox', { name: 'Criteria an applicant must meet' }).fill('9');
    await page.getByRole('button', { name: 'Create the consortium' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const listed = await summary.getByRole('listitem').allInnerTexts();
    expect(listed).toEqual([
      'Enter the consortium’s name',
      'Enter the smallest quorum as a number',
      'Choose what this computer is used for: the secretariat or the Accountable Body',
      'Enter the name of your organisation',
    ]);

    // Each invalid field carries its message, linked for screen readers.
    const name = page.getByRole('textbox', { name: 'Consortium’s name' });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const described = await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText();
    expect(described).toContain('Enter the consortium’s name');

    // What was typed is kept.
    expect(await page.getByRole('textbox', { name: 'Area it covers' }).inputValue()).toBe('Bedfordshire');
    expect(await page.getByRole('textbox', { name: 'Smallest quorum' }).inputValue()).toBe('two');

    // The summary's entry moves focus to its field.
    await summary.getByRole('button', { name: 'Enter the smallest quorum as a number' }).click();
    expect(await page.getByRole('textbox', { name: 'Smallest quorum' }).evaluate((el) => el === document.activeElement)).toBe(true);

    // Fixing a field takes its message away; the rules between fields are checked once each field is valid.
    await page.getByRole('textbox', { name: 'Smallest quorum' }).fill('2');
    await page.getByRole('button', { name: 'Enter the smallest quorum as a number' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Create the consortium' }).click();
    await summary.getByRole('button', { name: 'An applicant cannot be asked to meet more criteria than are listed' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Criteria an applicant must meet' }).inputValue()).toBe('9');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('fills the constitution from a preset and lets each criterion be changed, added and removed', async () => {
    const page = await openApp(browser, freshStore('preset'));
    await page.getByRole('heading', { level: 1, name: 'Set up Quorum' }).waitFor();
    const criterion = (n: number) => page.getByRole('textbox', { name: `Criterion ${n}`, exact: true });

    expect(await criterion(1).inputValue()).toMatch(/^Pro-actively identifies needs/);
    await page.getByRole('combobox', { name: 'Start from' }).selectOption({ label: 'Worcestershire' });
    await page.getByRole('button', { name: 'Fill in the settings' }).click();
    expect(await criterion(1).inputValue()).toBe('Start-up and development support');
    expect(await criterion(5).inputValue()).toBe('Policy research');

    await page.getByRole('button', { name: 'Remove criterion 1' }).click();
    expect(await criterion(1).inputValue()).toBe('Information, advice and assistance');
    expect(await criterion(1).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Add a criterion' }).click();
    expect(await criterion(5).evaluate((el) => el === document.activeElement)).toBe(true);
    await criterion(5).fill('Volunteering development');

    await page.getByRole('textbox', { name: 'Consortium’s name' }).fill('Worcestershire Infrastructure Consortium');
    await page.getByRole('textbox', { name: 'Area it covers' }).fill('Worcestershire');
    await page.getByRole('combobox', { name: 'What is this computer used for?' }).selectOption({ label: 'Accountable Body' });
    await page.getByRole('textbox', { name: 'Your organisation' }).fill('Community First');
    await page.getByRole('button', { name: 'Create the consortium' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await criterion(5).inputValue()).toBe('Volunteering development');
    expect(await criterion(1).inputValue()).toBe('Information, advice and assistance');
    await page.close();
  });
});
