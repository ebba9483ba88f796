/**
 * The register as a person uses it (issue 8): on the example, a resignation recorded
 * in writing (an impossible date and a file over 5 MB refused in plain words first,
 * then the letter typed in and a small file chosen through the file chooser), after
 * which the Members page and the dashboard show the same new counts and the same
 * reason; search, filters and sorting; a name already in the register asked about
 * before saving; an organisation archived and brought back; a store of 2,000 more organisations that scrolls with only a window
 * of rows in the page, down to the last; axe and no sideways scrolling at 1024×768
 * and 320 px wide. Screenshots go to $QUORUM_SCREENSHOTS when it is set.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { keepScreenshot, seriousViolations, sidewaysOverflow } from './page-checks';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await browser?.close();
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function toMembers(page: Page) {
  await nav(page, 'Members').click();
  await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
  await page.locator('.members-frame tbody tr[aria-rowindex]').first().waitFor();
}

async function openOrganisation(page: Page, name: string) {
  await toMembers(page);
  await page.locator('.members-frame').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Types a date into a DateField found by its label: day, month, year. */
async function typeDate(page: Page, label: string, day: string, month: string, year: string) {
  await page.getByText(label, { exact: true }).click();
  await page.keyboard.type(day);
  await page.keyboard.type(month);
  await page.keyboard.type(year);
}

/** The names in the register's rows, in the order shown. */
const rowNames = (page: Page) => page.locator('.members-frame tbody tr[aria-rowindex] th a').allInnerTexts();

/** The counts as each page says them: the sentence and who does not vote, and the eligible number. */
async function membersPageCounts(page: Page) {
  const intro = page.locator('.page-intro');
  return { sentence: (await intro.locator('p').first().innerText()).trim(), reasons: (await intro.getByRole('list', { name: 'Who does not vote, and why' }).innerText()).trim() };
}

async function dashboardCounts(page: Page) {
  const card = page.getByRole('region', { name: 'Membership' });
  return {
    sentence: (await card.locator('.card-line').innerText()).trim(),
    eligible: (await card.locator('dd').first().innerText()).trim(),
    reasons: (await card.getByRole('list', { name: 'Who does not vote, and why' }).innerText()).trim(),
  };
}

async function check(page: Page, what: string, failures: string[]) {
  for (const v of await seriousViolations(page)) failures.push(`${what}: ${v}`);
  const overflow = await sidewaysOverflow(page);
  if (overflow > 0) failures.push(`${what}: scrolls sideways by ${overflow}px`);
}

describe('the membership register', () => {
  it('records a resignation in writing, and the Members page and the dashboard then give the same counts and the same reason', async () => {
    const page = await openExample(browser, freshStore('members-resign'));
    const failures: string[] = [];
    const before = await dashboardCounts(page);
    expect(before).toMatchObject({ sentence: '6 members, 1 co-opted, 0 resigned.', eligible: '6' });
    expect(before.reasons).toContain('The co-opted organisation advises but does not vote and does not count to the quorum (Partnership Agreement 5.4): Luton and Bedfordshire Advice Network.');
    expect(await page.getByRole('region', { name: 'Membership' }).innerText()).toContain('6 member organisations');

    await toMembers(page);
    const membersBefore = await membersPageCounts(page);
    expect(membersBefore.sentence).toContain('6 members, 1 co-opted, 0 resigned.');
    expect(membersBefore.sentence).toContain('6 organisations are eligible to vote today, so the quorum is 2 (Partnership Agreement 10.6).');
    expect(membersBefore.reasons).toBe(before.reasons);
    // The roles held now, and the Accountable Body and the chair on their rows.
    const roles = page.getByRole('region', { name: 'Roles' });
    expect(await roles.innerText()).toContain('Accountable Body: Voluntary and Community Action South Bedfordshire');
    expect(await roles.innerText()).toContain('Chair: Voluntary Action Luton');
    expect(await page.getByRole('row', { name: /Voluntary Action Luton/ }).first().innerText()).toContain('Substitute: Sam Taylor');
    await check(page, 'Members', failures);
    await keepScreenshot(page, 'members-1024');

    await page.locator('.members-frame').getByRole('link', { name: 'Volunteer Centre Bedford', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Volunteer Centre Bedford' }).waitFor();
    const section = page.getByRole('region', { name: 'Resignation' });
    await section.getByRole('button', { name: 'Record a resignation' }).click();

    // An impossible day, a letter missing, and a file over 5 MB: each refused in plain words, nothing saved.
    await typeDate(page, 'Letter received on', '31', '02', '2026');
    await typeDate(page, 'Resignation takes effect on', '22', '11', '2026');
    const [tooBig] = await Promise.all([page.waitForEvent('filechooser'), section.getByRole('button', { name: 'Choose the letter’s file' }).click()]);
    await tooBig.setFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 7) });
    await section.getByText('The file is larger than 5 MB: attach a smaller copy, or type the letter in instead').first().waitFor();
    await section.getByRole('button', { name: 'Record the resignation' }).click();
    const summary = section.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const problems = await summary.getByRole('listitem').allInnerTexts();
    expect(problems).toContain('The date the letter was received is not a real date');
    expect(problems).toContain('The file is larger than 5 MB: attach a smaller copy, or type the letter in instead');
    await check(page, 'Resignation refused', failures);
    await keepScreenshot(page, 'members-resignation-refused');

    // Put right: a real date, the letter typed in and a small file through the file chooser.
    await typeDate(page, 'Letter received on', '20', '11', '2026');
    await section.getByRole('textbox', { name: 'The letter' }).fill('Dear secretariat,\nVolunteer Centre Bedford resigns from the consortium from 22 November 2026.\nGerry Sansom');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), section.getByRole('button', { name: 'Choose the letter’s file' }).click()]);
    await chooser.setFiles({ name: 'resignation-letter.txt', mimeType: 'text/plain', buffer: Buffer.from('Volunteer Centre Bedford resigns from 22 November 2026.') });
    await section.getByText('Attached: resignation-letter.txt').waitFor();
    await section.getByRole('button', { name: 'Record the resignation' }).click();
    await section.getByRole('status').filter({ hasText: 'Recorded the resignation of Volunteer Centre Bedford, from 22 November 2026.' }).waitFor();
    // The status line can show before the recorded letter is read back into the section.
    await expect.poll(() => section.innerText()).toContain('Letter received\n20 November 2026');
    await expect.poll(() => section.innerText()).toContain('The letter’s file: resignation-letter.txt');
    expect(await section.locator('blockquote').innerText()).toContain('resigns from the consortium from 22 November 2026');
    // The file kept is the file chosen.
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Save a copy of the file' }).click()]);
    expect(download.suggestedFilename()).toBe('resignation-letter.txt');
    const saved = await download.path();
    expect(await readFile(saved, 'utf8')).toBe('Volunteer Centre Bedford resigns from 22 November 2026.');
    await check(page, 'Resignation recorded', failures);
    await keepScreenshot(page, 'members-resignation-recorded');

    // The history stays, and says the status in words.
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.locator('.record-history .change-after').getByText('Resigned', { exact: true }).first().waitFor();
    const historyText = await page.locator('.record-history').innerText();
    expect(historyText).toContain('‘resignation-letter.txt’');
    expect(historyText).toContain('the file’s contents');
    // Never a code or the file's contents.
    expect(historyText).not.toContain(Buffer.from('Volunteer Centre Bedford resigns').toString('base64').slice(0, 16));
    expect(historyText).not.toMatch(/\bresigned\b/);

    await toMembers(page);
    const membersAfter = await membersPageCounts(page);
    expect(membersAfter.sentence).toContain('5 members, 1 co-opted, 1 resigned.');
    expect(membersAfter.sentence).toContain('5 organisations are eligible to vote today, so the quorum is 2');
    expect(membersAfter.reasons).toContain('One organisation has resigned and no longer votes or counts (Partnership Agreement 5.6): Volunteer Centre Bedford.');
    expect(await page.getByRole('row', { name: /Volunteer Centre Bedford/ }).innerText()).toContain('Resigned');
    await keepScreenshot(page, 'members-after-resignation');

    await nav(page, 'Dashboard').click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const after = await dashboardCounts(page);
    expect(after).toMatchObject({ sentence: '5 members, 1 co-opted, 1 resigned.', eligible: '5' });
    // The same words on both pages.
    expect(membersAfter.sentence).toContain(after.sentence);
    expect(after.reasons).toBe(membersAfter.reasons);
    await check(page, 'Dashboard', failures);
    await keepScreenshot(page, 'members-dashboard-after');
    expect(failures).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('searches by name, area and representative, filters by membership and kind, and sorts', async () => {
    const page = await openExample(browser, freshStore('members-search'));
    await toMembers(page);
    const all = await rowNames(page);
    expect(all).toEqual([
      'Bedford Race Equality Council',
      'Bedfordshire Rural Communities Charity',
      'Community & Voluntary Service Mid and North Bedfordshire',
      'Luton and Bedfordshire Advice Network',
      'Voluntary Action Luton',
      'Voluntary and Community Action South Bedfordshire',
      'Volunteer Centre Bedford',
    ]);
    const search = page.getByRole('searchbox', { name: 'Search' });
    const shown = page.locator('.register-shown');
    await search.fill('luton');
    await expect.poll(() => rowNames(page)).toEqual(['Luton and Bedfordshire Advice Network', 'Voluntary Action Luton']);
    expect(await shown.innerText()).toBe('Showing 2 of 7 organisations.');
    // By representative, and by area.
    await search.fill('Everton');
    await expect.poll(() => rowNames(page)).toEqual(['Voluntary Action Luton']);
    await search.fill('south bedfordshire');
    await expect.poll(() => rowNames(page)).toEqual(['Voluntary and Community Action South Bedfordshire']);
    await search.fill('Mid and North');
    await expect.poll(() => rowNames(page)).toEqual(['Community & Voluntary Service Mid and North Bedfordshire']);
    await search.fill('no such organisation');
    await page.getByText('No organisation matches. Clear the search or choose another filter.').waitFor();
    await search.fill('');

    await page.getByRole('combobox', { name: 'Membership' }).selectOption({ label: 'Co-opted (advises, no vote)' });
    await expect.poll(() => rowNames(page)).toEqual(['Luton and Bedfordshire Advice Network']);
    await page.getByRole('combobox', { name: 'Membership' }).selectOption({ label: 'All but archived' });
    await page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Council for voluntary service' });
    await expect.poll(() => rowNames(page)).toEqual(['Community & Voluntary Service Mid and North Bedfordshire', 'Voluntary Action Luton', 'Voluntary and Community Action South Bedfordshire']);
    expect(await shown.innerText()).toBe('Showing 3 of 7 organisations.');
    await page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'All kinds' });

    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Kind' });
    await expect.poll(() => rowNames(page)).toEqual([
      'Community & Voluntary Service Mid and North Bedfordshire',
      'Voluntary Action Luton',
      'Voluntary and Community Action South Bedfordshire',
      'Bedford Race Equality Council',
      'Bedfordshire Rural Communities Charity',
      'Luton and Bedfordshire Advice Network',
      'Volunteer Centre Bedford',
    ]);
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Membership' });
    await expect.poll(async () => (await rowNames(page)).at(-1)).toBe('Luton and Bedfordshire Advice Network');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('flags in words an entry the register’s rules question, on the organisation’s page and on its row', async () => {
    const page = await openExample(browser, freshStore('members-flags'));
    await openOrganisation(page, 'Volunteer Centre Bedford');
    // Volunteer Centre Bedford meets three of the five criteria: one fewer is too few for a member.
    await page.getByRole('checkbox', { name: /Facilitates effective communication/ }).uncheck();
    const flags = page.getByRole('status').filter({ hasText: 'Check this entry' });
    await flags.waitFor();
    expect(await flags.innerText()).toContain('Meets 2 of the 5 membership criteria; the Partnership Agreement needs 3. New members are admitted through an application.');
    // A resignation before the date it joined is refused, field by field, and nothing is saved.
    await typeDate(page, 'Joined on', '01', '04', '2020');
    await typeDate(page, 'Resigned on', '31', '03', '2019');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allInnerTexts()).toEqual(['The resignation date, 31 March 2019, is before the date it joined, 1 April 2020.']);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'members-flags-form');
    // Put right (it joined in 2018), and saved with what is flagged: the row says it in words.
    await typeDate(page, 'Joined on', '01', '04', '2018');
    await expect.poll(() => flags.innerText()).toContain('Marked as a member but resigned on 31 March 2019: it no longer votes or counts.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    const row = page.getByRole('row', { name: /Volunteer Centre Bedford/ });
    await expect.poll(() => row.innerText()).toContain('Meets 2 of the 5 membership criteria; the Partnership Agreement needs 3.');
    expect(await row.innerText()).toContain('Marked as a member but resigned on 31 March 2019');
    expect(await row.innerText()).toContain('Resigned');
    await row.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'members-flags-row');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('archives an organisation instead of deleting it: out of the working list and the vote, back when asked', async () => {
    const page = await openExample(browser, freshStore('members-archive'));
    await openOrganisation(page, 'Bedford Race Equality Council');
    expect(await page.getByRole('button', { name: /delete/i }).count()).toBe(0);
    const archive = page.getByRole('region', { name: 'Archive' });
    await archive.getByRole('button', { name: 'Archive this organisation' }).click();
    await page.getByRole('status').filter({ hasText: 'Bedford Race Equality Council is archived.' }).waitFor();
    await toMembers(page);
    expect(await rowNames(page)).not.toContain('Bedford Race Equality Council');
    const intro = await page.locator('.page-intro').innerText();
    expect(intro).toContain('5 members, 1 co-opted, 0 resigned, 1 archived.');
    expect(intro).toContain('5 organisations are eligible to vote today');
    expect(intro).toContain('One organisation is archived, kept for its history only: Bedford Race Equality Council.');
    await page.getByRole('combobox', { name: 'Membership' }).selectOption({ label: 'Archived' });
    await expect.poll(() => rowNames(page)).toEqual(['Bedford Race Equality Council']);
    await page.locator('.members-frame').getByRole('link', { name: 'Bedford Race Equality Council' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bedford Race Equality Council' }).waitFor();
    await page.getByRole('region', { name: 'Archived' }).getByRole('button', { name: 'Bring it back from the archive' }).click();
    await page.getByRole('status').filter({ hasText: 'Bedford Race Equality Council is back among the current organisations.' }).waitFor();
    await nav(page, 'Dashboard').click();
    await page.getByRole('region', { name: 'Membership' }).getByText('6 members, 1 co-opted, 0 resigned.').waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('asks before saving a name already in the register, and saves it only when told to', async () => {
    const page = await openExample(browser, freshStore('members-duplicate'));
    await toMembers(page);
    await page.getByRole('link', { name: 'Add an organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an organisation' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).first().fill('  voluntary action LUTON ');
    await page.getByRole('button', { name: 'Add the organisation' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'This name is already in the register' });
    await warning.waitFor();
    expect(await warning.innerText()).toContain('‘Voluntary Action Luton’ is already in the register.');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'members-duplicate-warning');
    // Nothing was saved, and what was typed is kept.
    expect(await page.getByRole('textbox', { name: 'Name', exact: true }).first().inputValue()).toBe('  voluntary action LUTON ');
    await warning.getByRole('button', { name: 'Change the name' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).first().fill('Voluntary Action Luton');
    await page.getByRole('button', { name: 'Add the organisation' }).click();
    await page.getByRole('alert').filter({ hasText: 'This name is already in the register' }).getByRole('button', { name: 'Save it anyway' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Saved Voluntary Action Luton.' }).waitFor();
    expect((await rowNames(page)).filter((n) => n === 'Voluntary Action Luton')).toHaveLength(2);
    await page.close();
  });

  it('scrolls 2,000 more organisations with only a window of rows in the page, down to the last', async () => {
    const store = freshStore('members-many');
    const page = await openExample(browser, store);
    // Written straight into IndexedDB in the page, as rows an import would leave.
    await page.evaluate(
      (name) =>
        new Promise<void>((done, fail) => {
          const request = indexedDB.open(name);
          request.onerror = () => fail(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const tx = db.transaction('organisations', 'readwrite');
            const table = tx.objectStore('organisations');
            for (let i = 1; i <= 2000; i++) {
              table.put({
                id: `bulk-${i}`,
                name: `Worcestershire test organisation ${String(i).padStart(4, '0')}`,
                kind: i % 2 ? 'cvs' : 'volunteer-centre',
                status: i % 10 === 0 ? 'co-opted' : 'member',
                joinedOn: '2020-04-01',
                resignedOn: '',
                area: 'Worcestershire',
                address: '',
                email: '',
                phone: '',
                website: '',
                servicesProvided: [0, 1, 2],
                _clocks: {},
                _log: [],
              });
            }
            tx.oncomplete = () => {
              db.close();
              done();
            };
            tx.onerror = () => fail(tx.error);
          };
        }),
      store,
    );
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    // 1,806 members and 200 co-opted: the dashboard and the Members page agree.
    await page.getByRole('region', { name: 'Membership' }).getByText('1,806 members, 201 co-opted, 0 resigned.').waitFor();
    await toMembers(page);
    expect(await page.locator('.page-intro p').first().innerText()).toContain('1,806 members, 201 co-opted, 0 resigned.');
    const table = page.getByRole('table', { name: /Member organisations/ });
    expect(await table.getAttribute('aria-rowcount')).toBe('2008');
    const inPage = () => page.locator('.members-frame tbody tr[aria-rowindex]').count();
    const first = await inPage();
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(60);
    await keepScreenshot(page, 'members-2000-top');

    // Scroll the register's frame a screen at a time, then to the end: the window moves, it never grows.
    const frame = page.locator('.members-frame');
    for (let step = 0; step < 5; step++) {
      await frame.evaluate((el) => el.scrollBy(0, el.clientHeight));
      await page.waitForTimeout(50);
      expect(await inPage()).toBeLessThan(60);
    }
    await frame.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.getByRole('link', { name: 'Worcestershire test organisation 2000' });
    await last.waitFor();
    expect(await last.isVisible()).toBe(true);
    expect(await page.locator('.members-frame tbody tr[aria-rowindex="2008"]').count()).toBe(1);
    expect(await inPage()).toBeLessThan(60);
    expect(await page.getByRole('link', { name: 'Bedford Race Equality Council' }).count()).toBe(0);
    // The keyboard reaches the first again.
    await frame.focus();
    await page.keyboard.press('Home');
    await page.getByRole('link', { name: 'Bedford Race Equality Council' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await keepScreenshot(page, 'members-2000-scrolled');

    // Searching the 2,000 is immediate.
    await page.getByRole('searchbox', { name: 'Search' }).fill('organisation 1999');
    await page.getByRole('status').filter({ hasText: 'Showing 1 of 2,007 organisations.' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('reflows at 320 px wide: the Members page and an organisation’s page, without sideways scrolling', async () => {
    const narrow = await launchBrowser({ viewport: { width: 320, height: 700 } });
    try {
      const page = await openExample(narrow, freshStore('members-narrow'));
      const failures: string[] = [];
      await toMembers(page);
      await check(page, 'Members at 320', failures);
      await keepScreenshot(page, 'members-320');
      await page.locator('.members-frame').scrollIntoViewIfNeeded();
      await keepScreenshot(page, 'members-320-table');
      // Each row is laid out as a block: the frame itself does not scroll sideways either.
      expect(await page.locator('.members-frame').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      await page.locator('.members-frame').getByRole('link', { name: 'Voluntary Action Luton', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Voluntary Action Luton' }).waitFor();
      await check(page, 'Organisation at 320', failures);
      await page.getByRole('region', { name: 'Roles in the consortium' }).scrollIntoViewIfNeeded();
      await keepScreenshot(page, 'members-organisation-320');
      expect(failures).toEqual([]);
      expect(uncaughtErrors(page)).toEqual([]);
      await page.close();
    } finally {
      await narrow.close();
    }
  });

  it('shows an organisation’s posts over time and its roles with their terms, at 1024×768', async () => {
    const page = await openExample(browser, freshStore('members-organisation'));
    await openOrganisation(page, 'Voluntary Action Luton');
    const posts = page.getByRole('region', { name: 'Representatives and substitutes over time' });
    expect(await posts.innerText()).toContain('Everton Blake');
    expect(await posts.innerText()).toContain('Sam Taylor');
    const roles = page.getByRole('region', { name: 'Roles in the consortium' });
    expect(await roles.getByRole('list', { name: 'Roles held now' }).innerText()).toMatch(/Chair, 1 April 2026 to 31 March 2027/);

    // A new representative: the old one's record ends, and both are in the history.
    const rep = page.getByRole('region', { name: 'Named representative' });
    await rep.getByRole('textbox', { name: 'Name' }).fill('Priya Shah');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    await page.locator('.members-frame').getByRole('link', { name: 'Voluntary Action Luton', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Voluntary Action Luton' }).waitFor();
    const history = await page.getByRole('region', { name: 'Representatives and substitutes over time' }).innerText();
    expect(history).toContain('Priya Shah');
    expect(history).toMatch(/Everton Blake[\s\S]*Until 21 November 2026/);
    expect(history).toMatch(/Priya Shah[\s\S]*Since 22 November 2026/);
    // The new representative does not inherit Everton Blake's e-mail.
    expect(history.match(/everton\.blake@example\.org/g)).toHaveLength(1);
    expect(await page.getByRole('region', { name: 'Named representative' }).getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Priya Shah');

    // A steering-group seat recorded with its term.
    await typeDate(page, 'Term starts', '01', '04', '2026');
    await roles.getByRole('button', { name: 'Record the role' }).click();
    await roles.getByRole('status').filter({ hasText: 'Recorded: Voluntary Action Luton, Steering group seat from 1 April 2026.' }).waitFor();
    await expect.poll(() => roles.getByRole('list', { name: 'Roles held now' }).innerText()).toContain('Steering group seat, from 1 April 2026');
    const failures: string[] = [];
    await check(page, 'Organisation', failures);
    await page.getByRole('region', { name: 'Representatives and substitutes over time' }).scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'members-organisation-1024');
    expect(failures).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
