/**
 * A consortium meeting's agenda and attendance, tried as the secretariat would in
 * Chromium (docs/architecture.md, "Meetings: agenda, papers and attendance"): from the
 * Meetings page to the next consortium meeting, the standard items filled in, an item
 * added and moved up by the keyboard (and one dragged with the mouse), a paper
 * attached and one over 5 MB refused in plain words, attendance recorded with one
 * named substitute and one co-opted observer, and the quorum seen to change as it is
 * recorded. axe finds nothing serious and nothing scrolls sideways, at 1024×768 and
 * at 320 px wide.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { bundleFor, download, enrolFrom, fingerprintOf, goTo, importBundle, joinFrom, SECRETARIAT } from './copies';
import { keepScreenshot, seriousViolations, sidewaysOverflow } from './page-checks';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
});
afterAll(async () => {
  await browser?.close();
});

async function check(page: Page, what: string, failures: string[]) {
  for (const v of await seriousViolations(page)) failures.push(`${what}: ${v}`);
  const overflow = await sidewaysOverflow(page);
  if (overflow > 0) failures.push(`${what}: scrolls sideways by ${overflow}px`);
}

/** From the Meetings page to the example's next consortium meeting. */
async function openNextMeeting(page: Page) {
  await goTo(page, 'Meetings');
  await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
  await page.getByRole('link', { name: 'Consortium meeting', exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Consortium meeting' }).waitFor();
}

/** The agenda's item titles, in order. */
const titles = (agenda: Locator) => agenda.locator(':scope > li .agenda-title').allInnerTexts();

const STANDARD = ['Apologies for absence', 'Declarations of interest', 'Minutes of the last meeting, for confirmation', 'Matters arising and open actions', 'Any other business', 'Date of the next meeting'];

describe('a consortium meeting’s agenda and attendance', () => {
  it('builds the agenda, attaches a paper, records attendance and shows the quorum live', async () => {
    const page = await openExample(browser, freshStore('agenda'));
    const failures: string[] = [];
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByRole('link', { name: 'Consortium meeting', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Consortium meeting' }).waitFor();
    expect(await page.locator('.page-intro').innerText()).toContain('8 December 2026');

    // The standard items: offered, then filled in, in order.
    const section = page.getByRole('region', { name: 'Agenda', exact: true });
    expect(await section.innerText()).toContain('The standard items of a consortium meeting are not on the agenda yet');
    // Papers are due five working days before Tuesday 8 December; members' items three working days before that.
    expect(await section.innerText()).toContain('Members’ items are due by Thursday 26 November 2026, 3 working days before the papers, which go out by Tuesday 1 December 2026 (Partnership Agreement 10.5).');
    await check(page, 'Agenda, empty', failures);
    await keepScreenshot(page, 'agenda-01-empty');
    await section.getByRole('button', { name: 'Fill in the standard items' }).click();
    await section.getByRole('status').filter({ hasText: 'Added 6 standard items to the agenda.' }).waitFor();
    const agenda = page.getByRole('list', { name: 'Agenda', exact: true });
    await expect.poll(() => titles(agenda)).toEqual(STANDARD);
    expect(await section.getByRole('button', { name: 'Fill in the standard items' }).count()).toBe(0);
    expect(await agenda.locator(':scope > li', { hasText: 'Matters arising and open actions' }).innerText()).toContain('No actions are open from earlier meetings.');

    // An item without a title is refused, and what was typed is kept.
    const add = section.getByRole('form', { name: 'Add an item' });
    await add.getByRole('textbox', { name: 'Presented by (optional)' }).fill('The Accountable Body');
    await add.getByRole('button', { name: 'Add the item' }).click();
    await add.getByRole('alert').filter({ hasText: 'Enter the item’s title' }).waitFor();
    expect(await add.getByRole('textbox', { name: 'Presented by (optional)' }).inputValue()).toBe('The Accountable Body');
    await add.getByRole('textbox', { name: 'Title' }).fill('Budget for 2027/28');
    await add.getByRole('button', { name: 'Add the item' }).click();
    await section.getByRole('status').filter({ hasText: 'Added “Budget for 2027/28” to the agenda.' }).waitFor();
    // A new item goes before any other business.
    await expect.poll(() => titles(agenda)).toEqual([...STANDARD.slice(0, 4), 'Budget for 2027/28', ...STANDARD.slice(4)]);

    // Moved up by the keyboard: focus stays on the button, so Enter again moves it again.
    const up = agenda.getByRole('button', { name: 'Move up: Budget for 2027/28' });
    await up.focus();
    await page.keyboard.press('Enter');
    await section.getByRole('status').filter({ hasText: 'Moved “Budget for 2027/28” to number 4 of 7.' }).waitFor();
    await expect.poll(() => titles(agenda)).toEqual([...STANDARD.slice(0, 3), 'Budget for 2027/28', ...STANDARD.slice(3)]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move up: Budget for 2027/28');
    await page.keyboard.press('Enter');
    await section.getByRole('status').filter({ hasText: 'Moved “Budget for 2027/28” to number 3 of 7.' }).waitFor();
    await expect.poll(() => titles(agenda)).toEqual([STANDARD[0], STANDARD[1], 'Budget for 2027/28', STANDARD[2], STANDARD[3], STANDARD[4], STANDARD[5]]);
    // Back down one with "Move down", reached from the keyboard.
    await agenda.getByRole('button', { name: 'Move down: Budget for 2027/28' }).focus();
    await page.keyboard.press('Enter');
    await section.getByRole('status').filter({ hasText: 'Moved “Budget for 2027/28” to number 4 of 7.' }).waitFor();
    // And with the mouse: any other business dragged onto matters arising takes its place.
    const aob = agenda.locator(':scope > li', { hasText: 'Any other business' });
    const matters = agenda.locator(':scope > li', { hasText: 'Matters arising and open actions' });
    await aob.scrollIntoViewIfNeeded();
    await matters.scrollIntoViewIfNeeded();
    const from = (await aob.locator('.agenda-number').boundingBox())!;
    const to = (await matters.locator('.agenda-number').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await section.getByRole('status').filter({ hasText: 'Moved “Any other business” to number 5 of 7.' }).waitFor();
    const arranged = [STANDARD[0], STANDARD[1], STANDARD[2], 'Budget for 2027/28', STANDARD[4], STANDARD[3], STANDARD[5]];
    await expect.poll(() => titles(agenda)).toEqual(arranged);

    // A paper attached; one over 5 MB refused in plain words, and nothing attached.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), agenda.getByRole('button', { name: 'Attach a paper to “Budget for 2027/28”' }).click()]);
    await chooser.setFiles({ name: 'Budget 2027-28.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 the budget for 2027/28') });
    await section.getByRole('status').filter({ hasText: 'Attached Budget 2027-28.pdf' }).waitFor();
    const budget = agenda.locator(':scope > li', { hasText: 'Budget for 2027/28' });
    await budget.getByRole('list', { name: 'Papers for “Budget for 2027/28”' }).getByText('Paper: Budget 2027-28.pdf').waitFor();
    const [tooBig] = await Promise.all([page.waitForEvent('filechooser'), agenda.getByRole('button', { name: 'Attach a paper to “Budget for 2027/28”' }).click()]);
    await tooBig.setFiles({ name: 'Full accounts.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 7) });
    const refusal = budget.getByRole('alert').filter({ hasText: 'Full accounts.pdf is 5.0 MB, larger than the 5 MB a paper may be, so it was not attached.' });
    await refusal.waitFor();
    expect(await budget.getByRole('list', { name: 'Papers for “Budget for 2027/28”' }).getByRole('listitem').count()).toBe(1);
    await section.getByRole('heading', { name: 'Agenda' }).scrollIntoViewIfNeeded();
    await check(page, 'Agenda, filled in', failures);
    await keepScreenshot(page, 'agenda-02-filled-in');
    await refusal.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'agenda-03-paper-refused');

    // Attendance: the quorum of 2 for six members, live as each is recorded.
    const attendance = page.getByRole('region', { name: 'Attendance and quorum' });
    const quorum = attendance.locator('.quorum-box');
    expect(await quorum.innerText()).toContain('Not quorate');
    await attendance.getByRole('combobox', { name: 'Voluntary Action Luton' }).selectOption({ label: 'Present: Sam Taylor (named substitute)' });
    await attendance.getByRole('status').filter({ hasText: 'Recorded Voluntary Action Luton: Present: Sam Taylor (named substitute).' }).waitFor();
    await attendance.getByRole('combobox', { name: 'Luton and Bedfordshire Advice Network' }).selectOption({ label: 'Present: Morgan Ellis (representative)' });
    await quorum.getByText('Present but not counted:').waitFor();
    // The co-opted observer does not make up the number.
    expect(await quorum.innerText()).toContain('Not quorate: 1 of the 6 members eligible to vote is present and the quorum is 2.');
    expect(await quorum.innerText()).toContain('Luton and Bedfordshire Advice Network is co-opted: co-opted organisations advise the consortium but do not vote.');
    await attendance.getByRole('combobox', { name: 'Bedford Race Equality Council' }).selectOption({ label: 'Present: Wendy Anderson-Welsh (representative)' });
    await quorum.getByText('Quorate: 2 of the 6 members eligible to vote are present and the quorum is 2.', { exact: false }).waitFor();
    await attendance.getByRole('combobox', { name: 'Volunteer Centre Bedford' }).selectOption({ label: 'Apologies' });
    await attendance.getByRole('status').filter({ hasText: 'Recorded Volunteer Centre Bedford: Apologies.' }).waitFor();
    expect(await quorum.innerText()).toContain('Quorate');
    expect(await quorum.innerText()).toContain('only members present by their representative or named substitute count (Partnership Agreement 10.6).');
    // The co-opted organisation is listed apart.
    const others = attendance.getByRole('list', { name: /^Co-opted organisations and observers/ });
    expect(await others.innerText()).toContain('Luton and Bedfordshire Advice Network');
    expect(await attendance.getByRole('list', { name: /^Members/ }).innerText()).not.toContain('Luton and Bedfordshire Advice Network');

    // Who chairs: the elected Chair's organisation is here by its substitute; the meeting appoints the substitute to chair.
    expect(await attendance.innerText()).toContain('The elected Chair, Everton Blake of Voluntary Action Luton, chairs unless the meeting appoints another member’s representative (Partnership Agreement 9).');
    await attendance.getByRole('combobox', { name: 'Chaired by' }).selectOption({ label: 'Acting chair: Wendy Anderson-Welsh, Bedford Race Equality Council' });
    await attendance.getByText('Wendy Anderson-Welsh of Bedford Race Equality Council chairs this meeting, appointed by the meeting (Partnership Agreement 9).').waitFor();
    await attendance.getByRole('heading', { name: 'Attendance and quorum' }).scrollIntoViewIfNeeded();
    await check(page, 'Attendance', failures);
    await keepScreenshot(page, 'agenda-04-attendance');
    await others.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'agenda-05-attendance-rows');

    // After a reload, everything is as recorded.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Consortium meeting' }).waitFor();
    await expect.poll(() => titles(page.getByRole('list', { name: 'Agenda', exact: true }))).toEqual(arranged);
    expect(await page.getByRole('region', { name: 'Attendance and quorum' }).locator('.quorum-box').innerText()).toContain('Quorate');

    // At 320 px wide nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.getByRole('list', { name: 'Agenda', exact: true }).scrollIntoViewIfNeeded();
    await check(page, 'Agenda at 320 px', failures);
    await keepScreenshot(page, 'agenda-06-narrow');
    await page.getByRole('region', { name: 'Attendance and quorum' }).locator('.quorum-box').scrollIntoViewIfNeeded();
    await check(page, 'Attendance at 320 px', failures);
    await keepScreenshot(page, 'agenda-07-narrow-attendance');
    await page.setViewportSize({ width: 1024, height: 768 });

    expect(failures).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  it('reaches a partner’s copy with its paper, to read, and the partner sends only its own apologies', async () => {
    const partnerBrowser = await launchBrowser({ viewport: { width: 1024, height: 768 } });
    const files = await mkdtemp(join(tmpdir(), 'quorum-e2e-agenda-'));
    try {
      const failures: string[] = [];
      const s = await openExample(browser, freshStore('agenda-secretariat'));
      await openNextMeeting(s);
      await s.getByRole('button', { name: 'Fill in the standard items' }).click();
      const agenda = s.getByRole('list', { name: 'Agenda', exact: true });
      await expect.poll(() => titles(agenda)).toEqual(STANDARD);
      const [chooser] = await Promise.all([s.waitForEvent('filechooser'), agenda.getByRole('button', { name: 'Attach a paper to “Matters arising and open actions”' }).click()]);
      await chooser.setFiles({ name: 'Action log.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 the action log') });
      await s.getByRole('status').filter({ hasText: 'Attached Action log.pdf' }).waitFor();

      // Volunteer Centre Bedford's copy joins, is enrolled, and receives the agenda with its paper.
      await goTo(s, 'Sync');
      const everything = await download(s, files, s.getByRole('button', { name: 'Save everything for a new partner' }));
      const p = await joinFrom(partnerBrowser, freshStore('agenda-partner'), everything, await fingerprintOf(s), 'Volunteer Centre Bedford');
      await enrolFrom(s, p, files, 'Volunteer Centre Bedford');
      await importBundle(p, await bundleFor(s, files, 'Volunteer Centre Bedford'));
      await openNextMeeting(p);
      const theirs = p.getByRole('list', { name: 'Agenda', exact: true });
      await expect.poll(() => titles(theirs)).toEqual(STANDARD);
      await theirs.getByRole('list', { name: 'Papers for “Matters arising and open actions”' }).getByText('Paper: Action log.pdf').waitFor();
      // It reads the agenda: nothing to fill in, move or attach, and no attendance to record but its own apologies.
      expect(await p.getByRole('button', { name: /^(Move up|Attach a paper|Fill in the standard items)/ }).count()).toBe(0);
      expect(await p.getByRole('form', { name: 'Add an item' }).count()).toBe(0);
      const attendance = p.getByRole('region', { name: 'Attendance and quorum' });
      expect(await attendance.getByRole('combobox').count()).toBe(0);
      await attendance.getByRole('button', { name: 'Send apologies for Volunteer Centre Bedford' }).click();
      await attendance.getByRole('status').filter({ hasText: 'Sent apologies for Volunteer Centre Bedford.' }).waitFor();
      await attendance.locator('.attendance-row', { hasText: 'Volunteer Centre Bedford' }).getByText('Apologies').waitFor();
      await check(p, 'The partner’s meeting page', failures);
      await keepScreenshot(p, 'agenda-08-partner');

      // The apologies reach the secretariat's copy.
      await importBundle(s, await bundleFor(p, files, SECRETARIAT));
      await openNextMeeting(s);
      await expect.poll(() => s.getByRole('combobox', { name: 'Volunteer Centre Bedford' }).inputValue()).toBe('apologies');
      expect(failures).toEqual([]);
      expect(uncaughtErrors(p)).toEqual([]);
    } finally {
      await partnerBrowser.close();
      await rm(files, { recursive: true, force: true });
    }
  });
});
