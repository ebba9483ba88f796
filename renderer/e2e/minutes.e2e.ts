/**
 * Minutes taken offline (docs/architecture.md, "Meetings: minutes, actions and
 * search"), as the secretariat takes them in a room with no network: the
 * example's next meeting, the standard items filled in, the minutes started,
 * notes typed and moved through by keyboard, an action added without the mouse,
 * the window closed mid-sentence as in a crash and the draft found again; the
 * minutes exported as DOCX and PDF and read back (headings, attendance,
 * actions); circulated; confirmed at the next meeting, where the open action
 * comes back under matters arising; the action log and search. Axe and no
 * sideways scrolling at 1024 × 768 and 320 px on every screen.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openApp, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { bundleFor, download as downloadTo, enrolFrom, fingerprintOf, goTo, importBundle, joinFrom, SECRETARIAT } from './copies';
import { crash, storedDrafts } from './crash';
import { keepScreenshot, seriousViolations, sidewaysOverflow } from './page-checks';

const run = promisify(execFile);
let browser: TestBrowser;
let folder: string;

beforeAll(async () => {
  // The morning of the example's first meeting, Tuesday 8 December 2026.
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 }, now: '2026-12-08T10:30:00Z' });
  folder = await mkdtemp(join(tmpdir(), 'quorum-e2e-minutes-'));
});
afterAll(async () => {
  await browser?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Axe, no sideways scrolling at 1024 px and at 320 px, and a screenshot at each (looked at by the person running them). */
async function check(page: Page, name: string, show?: Locator) {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await show?.scrollIntoViewIfNeeded();
  await keepScreenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 320, height: 768 });
  await show?.scrollIntoViewIfNeeded();
  await keepScreenshot(page, `${name}-320`);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1024, height: 768 });
}

/** How far anything inside `region` (outside a table that scrolls in its own box) reaches past the window's right edge. */
function overflowWithin(region: Locator): Promise<number> {
  return region.evaluate((root) => {
    const width = document.documentElement.clientWidth;
    const reach = [...root.querySelectorAll('*')].filter((el) => !el.parentElement?.closest('.table-wrap')).map((el) => el.getBoundingClientRect().right - width);
    return Math.max(0, ...reach);
  });
}

/**
 * As check, for a page whose other sections are not this test's: axe on the whole page, and nothing in `region`
 * wider than the window at 1024 and 320 px. (On a partner's copy the attendance section's "Send apologies for …"
 * button is wider than a 320 px window; that section is the agenda and attendance work's.)
 */
async function checkRegion(page: Page, name: string, region: Locator) {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await overflowWithin(region)).toBeLessThanOrEqual(0);
  await region.scrollIntoViewIfNeeded();
  await keepScreenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 320, height: 768 });
  expect(await overflowWithin(region)).toBeLessThanOrEqual(0);
  await keepScreenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

async function download(page: Page, button: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return readFile(path);
}

const minutes = (page: Page) => page.getByRole('region', { name: 'Minutes' });

async function openMeeting(page: Page, name: string | RegExp) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
  await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await page.getByRole('link', { name, exact: typeof name === 'string' }).first().click();
  await minutes(page).waitFor();
}

async function fillStandardItems(page: Page) {
  const fill = page.getByRole('button', { name: 'Fill in the standard items' });
  if (await fill.count()) await fill.click();
  await minutes(page).getByRole('button', { name: 'Start the minutes on this copy' }).click();
  await page.locator('#minute-item-1').waitFor();
}

describe('minutes taken offline', () => {
  it('are taken by keyboard with the network off, survive the window closing mid-sentence, export, are circulated and confirmed at the next meeting, where the open action comes back', async () => {
    const store = freshStore('minutes');
    const page = await openExample(browser, store);
    await browser.context.setOffline(true);
    await openMeeting(page, 'Consortium meeting');
    const meetingAddress = page.url();
    await fillStandardItems(page);
    // Attendance, as the meeting page records it: Bedford present by its representative.
    const bedford = page.getByRole('combobox', { name: 'Volunteer Centre Bedford', exact: true });
    const present = (await bedford.locator('option').allInnerTexts()).find((label) => label.startsWith('Present'))!;
    await bedford.selectOption({ label: present });
    await page.getByRole('status').filter({ hasText: 'Recorded Volunteer Centre Bedford' }).waitFor();

    // Keyboard first: the notes of item 1, then Alt+↓ to the next items.
    const first = page.locator('#minute-item-1');
    await first.focus();
    await page.keyboard.type('Apologies were received from Central Bedfordshire.', { delay: 5 });
    await page.keyboard.press('Alt+ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('minute-item-2');
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('minute-item-2');
    await page.keyboard.type('No interests were declared.', { delay: 5 });

    // Alt+Shift+A adds an action to the item you are in: what, who, by when, all by keyboard.
    await page.keyboard.press('Alt+Shift+A');
    const what = page.getByRole('textbox', { name: 'What is to be done' });
    await expect.poll(() => what.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Circulate the revised volunteering budget', { delay: 5 });
    await page.keyboard.press('Tab');
    await page.getByRole('combobox', { name: 'Who is accountable' }).selectOption({ label: 'Volunteer Centre Bedford' });
    await page.keyboard.press('Tab');
    await page.keyboard.type('31012027');
    // On to the button, and press it.
    for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Add the action'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add the action');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Added the action for Volunteer Centre Bedford.' }).waitFor();
    const added = minutes(page).getByRole('link', { name: 'Circulate the revised volunteering budget' });
    await added.waitFor();
    await page.keyboard.press('Escape');
    await check(page, 'minutes-01-taking', minutes(page).getByRole('heading', { name: '2. Declarations of interest' }));

    // Mid-sentence, the window closes as in a crash: the draft saved within the second survives.
    await page.locator('#minute-item-3').focus();
    await page.keyboard.type('The minutes of the last meeting were not taken in Quo', { delay: 10 });
    await expect.poll(async () => (await storedDrafts(page)).map((d) => d.value), { timeout: 10_000, interval: 100 }).toContain('The minutes of the last meeting were not taken in Quo');
    await crash(page);

    await browser.context.setOffline(false);
    const again = await openApp(browser, store);
    await again.goto(meetingAddress);
    await browser.context.setOffline(true);
    const notice = again.getByRole('status').filter({ hasText: 'A draft of these notes' });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/A draft of these notes from 8 December 2026 at \d\d:\d\d was not saved\./);
    await check(again, 'minutes-02-draft-offered', notice);
    await notice.getByRole('button', { name: 'Keep the draft' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await again.locator('#minute-item-3').inputValue()).toBe('The minutes of the last meeting were not taken in Quo');
    // What was committed before the crash is there too.
    expect(await again.locator('#minute-item-1').inputValue()).toBe('Apologies were received from Central Bedfordshire.');
    await again.locator('#minute-item-3').focus();
    await again.keyboard.press('End');
    await again.keyboard.type('rum.', { delay: 5 });
    await again.keyboard.press('Tab');
    // Leaving the box saves it as a change: the draft goes.
    await expect.poll(async () => (await storedDrafts(again)).length, { timeout: 10_000, interval: 100 }).toBe(0);

    // The network back for the exports: in a plain browser the Word and print code are loaded when first used,
    // from the server (in the desktop app they are files of the app, there offline too).
    await browser.context.setOffline(false);
    // The minutes as DOCX, read back: headed, attendance, numbered items, the actions table.
    const docx = await download(again, 'The minutes as DOCX');
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const words = xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    expect(words).toContain('Minutes: Consortium meeting');
    expect(words).toMatch(/Attendance\nOrganisation\nAttended by\nAttendance\nVolunteer Centre Bedford\n[^\n]*\nPresent/);
    expect(words).toMatch(/1\. Apologies/);
    expect(words).toContain('Apologies were received from Central Bedfordshire.');
    expect(words).toContain('The minutes of the last meeting were not taken in Quorum.');
    expect(words).toContain('Actions agreed');
    expect(words).toContain('Circulate the revised volunteering budget');
    expect(words).toContain('31 January 2027');

    // … and as PDF, printed as the desktop app prints, read back with pdftotext.
    await again.getByRole('button', { name: 'The minutes as PDF' }).click();
    await again.getByRole('button', { name: /Print or save as PDF/ }).waitFor();
    await check(again, 'minutes-03-print-view');
    const pdfPath = join(folder, 'minutes.pdf');
    await writeFile(pdfPath, await again.pdf({ format: 'A4' }));
    const pdf = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'])).stdout.replace(/\s+/g, ' ');
    expect(pdf).toContain('Minutes: Consortium meeting');
    expect(pdf).toMatch(/Attendance Organisation Attended by Attendance Volunteer Centre Bedford .*Present/);
    expect(pdf).toContain('Actions agreed');
    expect(pdf).toContain('Circulate the revised volunteering budget');
    expect(pdf).not.toContain('Print or save as PDF');
    // Numbered pages, as the Word file has.
    expect(pdf).toMatch(/Page 1 of [1-9]/);
    await again.goBack();
    await minutes(again).waitFor();

    // Circulated for comment.
    await minutes(again).getByRole('button', { name: 'Circulate the minutes for comment' }).click();
    await minutes(again).getByText('Circulated for comment', { exact: true }).waitFor();

    // The next meeting, on its day: its minutes confirm the last meeting's, and the open action comes back.
    await browser.context.clock.setSystemTime(new Date('2027-03-16T10:30:00Z'));
    await again.reload();
    await openMeeting(again, /^Last meeting of the financial year/);
    await fillStandardItems(again);
    const confirm = minutes(again).getByRole('button', { name: 'Confirm the minutes of 8 December 2026 as presented' });
    await confirm.click();
    await minutes(again).getByText(/The minutes of the meeting of 8 December 2026 were confirmed as a true record at this meeting, as presented\./).waitFor();
    const arising = minutes(again).getByRole('region', { name: 'Matters arising: open actions' });
    await arising.getByRole('link', { name: 'Circulate the revised volunteering budget' }).waitFor();
    expect(await arising.innerText()).toContain('Volunteer Centre Bedford');
    await check(again, 'minutes-04-next-meeting', arising);

    // The first meeting's minutes now say so, and the copy that took them may lock them.
    await again.goto(meetingAddress);
    await minutes(again).getByText(/Confirmed as a true record at the meeting of 16 March 2027, as presented\./).waitFor();
    await minutes(again).getByRole('button', { name: 'Lock the minutes as a true record' }).click();
    await minutes(again).getByText('Confirmed as a true record and locked', { exact: true }).waitFor();
    expect(await again.locator('textarea#minute-item-1').count()).toBe(0);
    await check(again, 'minutes-05-locked', minutes(again).getByRole('heading', { name: 'Minutes', exact: true }));

    // The action log, and search as you type with the words in context.
    await again.goto(meetingAddress.replace(/#.*$/, '#/actions'));
    await again.getByRole('heading', { level: 1, name: 'Actions' }).waitFor();
    await again.getByRole('link', { name: 'Circulate the revised volunteering budget' }).waitFor();
    await again.getByRole('searchbox', { name: 'Words to find' }).pressSequentially('central bed', { delay: 30 });
    const results = again.getByRole('list', { name: 'Matches' });
    await results.locator('mark').first().waitFor();
    expect(await results.innerText()).toContain('Apologies were received from Central Bedfordshire.');
    expect(await results.locator('mark').allInnerTexts()).toEqual(['Central', 'Bedfordshire']);
    await check(again, 'minutes-06-actions-and-search', results);
    await again.getByRole('link', { name: 'Circulate the revised volunteering budget' }).click();
    await again.getByRole('heading', { level: 1, name: 'Circulate the revised volunteering budget' }).waitFor();
    await check(again, 'minutes-07-action');
    expect(uncaughtErrors(again)).toEqual([]);
    await again.close();
  }, 240_000);

  it('are read only on a partner’s copy, which comments on them with a record of its own and reports progress on its own action', async () => {
    // The example's own date for both copies: an import runs in a Web Worker, whose clock is the machine's, and changes
    // stamped later than a day after it are held back as from a clock that is wrong.
    const when = { viewport: { width: 1024, height: 768 } };
    const [sBrowser, pBrowser] = [await launchBrowser(when), await launchBrowser(when)];
    const files = await mkdtemp(join(tmpdir(), 'quorum-e2e-minutes-copies-'));
    try {
      const s = await openExample(sBrowser, freshStore('minutes-secretariat'));
      await openMeeting(s, 'Consortium meeting');
      await fillStandardItems(s);
      await s.locator('#minute-item-1').fill('Apologies were received from Luton.');
      await s.locator('#minute-item-1').blur();
      await minutes(s).getByRole('button', { name: 'Add an action to item 1' }).click();
      await s.getByRole('textbox', { name: 'What is to be done' }).fill('Send the volunteering survey to members');
      await s.getByRole('combobox', { name: 'Who is accountable' }).selectOption({ label: 'Volunteer Centre Bedford' });
      await s.getByRole('button', { name: 'Add the action' }).click();
      await minutes(s).getByRole('link', { name: 'Send the volunteering survey to members' }).waitFor();
      await minutes(s).getByRole('button', { name: 'Circulate the minutes for comment' }).click();
      await minutes(s).getByText('Circulated for comment', { exact: true }).waitFor();

      // Volunteer Centre Bedford's copy joins and receives them.
      await goTo(s, 'Sync');
      const everything = await downloadTo(s, files, s.getByRole('button', { name: 'Save everything for a new partner' }));
      const p = await joinFrom(pBrowser, freshStore('minutes-partner'), everything, await fingerprintOf(s), 'Volunteer Centre Bedford');
      await enrolFrom(s, p, files, 'Volunteer Centre Bedford');
      await importBundle(p, await bundleFor(s, files, 'Volunteer Centre Bedford'));
      await openMeeting(p, 'Consortium meeting');
      // Read only: the text, no boxes to type in, no steps to take; a comment box per item instead.
      await minutes(p).getByText(`Taken on ${SECRETARIAT}’s copy: read only here.`, { exact: false }).waitFor();
      await minutes(p).getByText('Apologies were received from Luton.').waitFor();
      expect(await minutes(p).locator('textarea.minute-notes').count()).toBe(0);
      expect(await minutes(p).getByRole('button', { name: /^(Circulate|Lock|Start|Add an action|Record a declaration)/ }).count()).toBe(0);
      await minutes(p).getByRole('textbox', { name: 'Your organisation’s comment on item 1' }).fill('Luton’s apologies came by e-mail, not by telephone.');
      await minutes(p).getByRole('button', { name: 'Send the comment' }).first().click();
      await minutes(p).getByText('Volunteer Centre Bedford on 22 November 2026: Luton’s apologies came by e-mail, not by telephone.').waitFor();
      await checkRegion(p, 'minutes-08-partner-read-only', minutes(p));

      // Bedford is accountable for the action: its copy reports progress.
      await minutes(p).getByRole('link', { name: 'Send the volunteering survey to members' }).click();
      await p.getByRole('heading', { level: 1, name: 'Send the volunteering survey to members' }).waitFor();
      await p.getByText('Your organisation is accountable for this action', { exact: false }).waitFor();
      expect(await p.getByRole('button', { name: 'Close the action' }).count()).toBe(0);
      await p.getByRole('textbox', { name: 'Progress so far' }).fill('Survey sent to 40 groups');
      await p.getByRole('checkbox', { name: 'Done: ready for the meeting to close' }).check();
      await p.getByRole('button', { name: 'Save the progress' }).click();
      await p.getByRole('status').filter({ hasText: 'Saved the progress.' }).waitFor();
      await check(p, 'minutes-09-partner-progress');

      // Both reach the secretariat: the comment under its item, the progress on the action.
      await importBundle(s, await bundleFor(p, files, SECRETARIAT));
      await openMeeting(s, 'Consortium meeting');
      await minutes(s).getByText('Volunteer Centre Bedford on 22 November 2026: Luton’s apologies came by e-mail, not by telephone.').waitFor();
      await minutes(s).getByText('(Reported done: Survey sent to 40 groups (22 November 2026))').waitFor();
      // Still the secretariat's to edit, unchanged by the comment.
      expect(await s.locator('textarea#minute-item-1').inputValue()).toBe('Apologies were received from Luton.');
      expect(uncaughtErrors(p)).toEqual([]);
      expect(uncaughtErrors(s)).toEqual([]);
    } finally {
      await sBrowser.close();
      await pBrowser.close();
      await rm(files, { recursive: true, force: true });
    }
  }, 240_000);
});
