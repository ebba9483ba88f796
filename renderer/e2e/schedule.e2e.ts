/**
 * The secretariat schedules a year of six-weekly consortium meetings in the example
 * (docs/architecture.md, "Meetings: the schedule and notice"): bad input first — a
 * first date in the past, an impossible end date, no start time — each refused against
 * its field with what was typed kept; then the dates listed before saving, the saved
 * list, the schedule saved as .ics (a real download, read back: one VEVENT per
 * meeting, TZID=Europe/London, 10:00 local on both sides of the clock change), a
 * meeting's papers-due date (Partnership Agreement 10.5), the pack recorded as
 * circulated late and shown as late by 2 working days, and the dashboard's card. axe
 * and the fit at 1024×768 and 320 px on every screen. The clock is Friday 27 November
 * 2026, so the first meeting's pack (due Tuesday 24 November) is already late.
 * Set QUORUM_SCREENSHOTS=/some/folder to keep the screenshots.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { keepScreenshot, seriousViolations, sidewaysOverflow } from './page-checks';

const NOW = '2026-11-27T10:00:00Z';
const SCHEDULED = [
  'Tuesday 1 December 2026',
  'Tuesday 12 January 2027',
  'Tuesday 23 February 2027',
  'Tuesday 6 April 2027',
  'Tuesday 18 May 2027',
  'Tuesday 29 June 2027',
  'Tuesday 10 August 2027',
  'Tuesday 21 September 2027',
  'Tuesday 2 November 2027',
];

let browser: TestBrowser;
let folder: string;
beforeAll(async () => {
  browser = await launchBrowser({ viewport: { width: 1024, height: 768 }, now: NOW });
  folder = await mkdtemp(join(tmpdir(), 'quorum-e2e-schedule-'));
});
afterAll(async () => {
  await browser?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Clicks a date field's label and types the date as day, month, year. */
async function typeDate(page: Page, label: string, day: string, month: string, year: string) {
  await page.getByText(label, { exact: true }).click();
  await page.keyboard.type(day);
  await page.keyboard.type(month);
  await page.keyboard.type(year);
}
const shownDate = async (page: Page, label: string) => (await page.getByRole('group', { name: label, exact: true }).innerText()).replace(/\s+/g, '');

/** axe, and no sideways scrolling at this width and at 320 px; a screenshot of each. */
async function checkScreen(page: Page, name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await keepScreenshot(page, name);
  await page.setViewportSize({ width: 320, height: 640 });
  await keepScreenshot(page, `${name}-320`);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1024, height: 768 });
}

/** The text unfolded (RFC 5545 3.1) and split into its events. */
function events(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('BEGIN:VEVENT\r\n')
    .slice(1)
    .map((e) => e.split('END:VEVENT')[0]!);
}
/** The row of the Coming up table for a date. */
const rowOn = (page: Page, date: string) => page.getByRole('table', { name: 'Coming up' }).locator('tbody tr').filter({ has: page.locator('td:first-child', { hasText: date }) });
const property = (event: string, name: string) => event.split('\r\n').find((line) => line.startsWith(name)) ?? '';

describe('scheduling a year of meetings', () => {
  it('refuses bad input field by field, previews and saves six-weekly meetings, exports them as .ics and shows the notice', async () => {
    const page = await openExample(browser, freshStore('schedule'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByRole('link', { name: 'Schedule meetings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schedule meetings' }).waitFor();
    await checkScreen(page, 'schedule-form');

    // Bad input: a first date in the past, an end date that does not exist, no start time.
    await typeDate(page, 'Date of the first meeting', '01', '11', '2026');
    await typeDate(page, 'Last date for a meeting (optional)', '31', '02', '2027');
    await page.getByRole('textbox', { name: 'Start time' }).fill('');
    await page.getByRole('button', { name: 'Save the schedule' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allInnerTexts()).toEqual([
      'The first meeting cannot be before today',
      'The date the schedule ends is not a real date',
      'Enter the time the meetings start, like 10:00',
    ]);
    expect(await page.locator('#field-from-error').textContent()).toBe('Error: The first meeting cannot be before today');
    expect(await page.locator('#field-until-error').textContent()).toBe('Error: The date the schedule ends is not a real date');
    expect(await page.locator('#field-startTime-error').textContent()).toBe('Error: Enter the time the meetings start, like 10:00');
    expect(await page.locator('#field-startTime').getAttribute('aria-invalid')).toBe('true');
    // What was typed is kept, the impossible day too (not moved to 28 February).
    expect(await shownDate(page, 'Date of the first meeting')).toBe('01/11/2026');
    expect(await shownDate(page, 'Last date for a meeting (optional)')).toBe('31/02/2027');
    expect(await page.getByRole('textbox', { name: 'Weeks between meetings' }).inputValue()).toBe('6');
    await checkScreen(page, 'schedule-refused');

    // Put right: Tuesday 1 December 2026 to 30 November 2027, at 10:00, with the venue's details.
    await typeDate(page, 'Date of the first meeting', '01', '12', '2026');
    await typeDate(page, 'Last date for a meeting (optional)', '30', '11', '2027');
    expect(await shownDate(page, 'Date of the first meeting')).toBe('01/12/2026');
    expect(await shownDate(page, 'Last date for a meeting (optional)')).toBe('30/11/2027');
    await page.getByRole('textbox', { name: 'Start time' }).fill('10:00');
    await page.getByRole('textbox', { name: 'End time (optional)' }).fill('12:30');
    await page.getByRole('textbox', { name: 'Venue', exact: true }).fill('Voluntary Action Luton, 15 Williamson Street, Luton');
    await page.getByRole('textbox', { name: 'Access to the venue' }).fill('Step-free entrance and lift; hearing loop in the main room');
    await page.getByRole('textbox', { name: 'Link to join online (optional)' }).fill('https://meet.example.org/consortium');

    // The dates it will make, before anything is saved.
    const preview = page.getByRole('list', { name: 'Dates of the meetings' });
    await preview.getByRole('listitem').nth(SCHEDULED.length - 1).waitFor();
    expect(await preview.getByRole('listitem').allInnerTexts()).toEqual(SCHEDULED.map((d) => `${d}, 10:00`));
    expect(await page.getByRole('region', { name: 'The dates this will make' }).innerText()).toContain('9 meetings: every 6 weeks from Tuesday 1 December 2026 to Tuesday 2 November 2027, each at 10:00 London time.');
    await checkScreen(page, 'schedule-preview');

    await page.getByRole('button', { name: 'Save the schedule' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Scheduled 9 meetings, from Tuesday 1 December 2026 to Tuesday 2 November 2027.' }).waitFor();
    const coming = page.getByRole('table', { name: 'Coming up' });
    const dates = await coming.locator('tbody tr td:first-child').allInnerTexts();
    // The nine saved, with the example's two (8 December 2026 and 16 March 2027), in date order.
    expect(dates).toEqual([SCHEDULED[0], 'Tuesday 8 December 2026', SCHEDULED[1], SCHEDULED[2], 'Tuesday 16 March 2027', ...SCHEDULED.slice(3)]);
    // The first meeting's pack was due on Tuesday 24 November and has not gone out.
    expect(await rowOn(page, 'Tuesday 1 December 2026').innerText()).toContain('Not yet circulated: due by Tuesday 24 November 2026, 3 working days ago');
    await checkScreen(page, 'meetings-scheduled');

    // The whole schedule as .ics: a real download, read back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the schedule (.ics)' }).click()]);
    expect(download.suggestedFilename()).toBe('Bedfordshire & Luton VCS Infrastructure Consortium – meetings – 2026-11-27.ics');
    const path = join(folder, download.suggestedFilename());
    await download.saveAs(path);
    await page.getByRole('status').filter({ hasText: /^Saved / }).waitFor();
    const ics = await readFile(path, 'utf8');
    const all = events(ics);
    expect(all).toHaveLength(11);
    expect(new Set(all.map((e) => property(e, 'UID:'))).size).toBe(11);
    expect(ics.match(/BEGIN:VTIMEZONE\r\nTZID:Europe\/London/g)).toHaveLength(1);
    const starts = all.map((e) => property(e, 'DTSTART'));
    // Winter (GMT) and summer (BST): 10:00 local either side of the clock change on 28 March 2027.
    expect(starts).toContain('DTSTART;TZID=Europe/London:20261201T100000');
    expect(starts).toContain('DTSTART;TZID=Europe/London:20270223T100000');
    expect(starts).toContain('DTSTART;TZID=Europe/London:20270406T100000');
    expect(starts).toContain('DTSTART;TZID=Europe/London:20270629T100000');
    expect(starts.every((s) => s.startsWith('DTSTART;TZID=Europe/London:') && s.endsWith('T100000'))).toBe(true);
    const first = all.find((e) => property(e, 'DTSTART').endsWith('20261201T100000'))!;
    expect(property(first, 'DTEND')).toBe('DTEND;TZID=Europe/London:20261201T123000');
    expect(property(first, 'LOCATION:')).toBe('LOCATION:Voluntary Action Luton\\, 15 Williamson Street\\, Luton');
    expect(property(first, 'DESCRIPTION:')).toContain('Access: Step-free entrance and lift\\; hearing loop in the main room');
    expect(property(first, 'DESCRIPTION:')).toContain('Join online: https://meet.example.org/consortium');

    // The first meeting's page: the papers-due date, and the pack recorded as circulated late.
    await rowOn(page, 'Tuesday 1 December 2026').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Consortium meeting' }).waitFor();
    const pack = page.getByRole('region', { name: 'Agenda pack' });
    expect(await pack.innerText()).toContain('Papers due by Tuesday 24 November 2026: 5 working days before the meeting, not counting weekends and bank holidays (Partnership Agreement 10.5).');
    const when = page.getByRole('region', { name: 'When and where' });
    expect(await when.innerText()).toContain('10:00 to 12:30, London time');
    expect(await when.innerText()).toContain('Step-free entrance and lift; hearing loop in the main room');
    await checkScreen(page, 'meeting-notice');

    // A date after today is refused and kept; then Thursday 26 November, two working days late.
    await typeDate(page, 'Date the agenda pack was circulated', '30', '11', '2026');
    await page.getByRole('button', { name: 'Record that the agenda pack was circulated' }).click();
    await pack.getByRole('alert').filter({ hasText: 'The date the pack was circulated cannot be after today' }).waitFor();
    expect(await shownDate(page, 'Date the agenda pack was circulated')).toBe('30/11/2026');
    await typeDate(page, 'Date the agenda pack was circulated', '26', '11', '2026');
    await page.getByRole('button', { name: 'Record that the agenda pack was circulated' }).click();
    await pack.getByRole('status').filter({ hasText: 'Recorded that the agenda pack was circulated on Thursday 26 November 2026.' }).waitFor();
    await pack.getByText('Circulated on Thursday 26 November 2026: late by 2 working days (due by Tuesday 24 November 2026).').waitFor();
    await checkScreen(page, 'meeting-circulated-late');

    // The calendar file for this one meeting.
    const [one] = await Promise.all([page.waitForEvent('download'), when.getByRole('button', { name: 'Add to a calendar (.ics)' }).click()]);
    const onePath = join(folder, one.suggestedFilename());
    await one.saveAs(onePath);
    const single = events(await readFile(onePath, 'utf8'));
    expect(single.map((e) => property(e, 'DTSTART'))).toEqual(['DTSTART;TZID=Europe/London:20261201T100000']);
    expect(property(single[0]!, 'UID:')).toBe(property(first, 'UID:'));

    // Back on the Meetings page the row says so; the dashboard lists it among the late packs.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    expect(await rowOn(page, 'Tuesday 1 December 2026').innerText()).toContain('late by 2 working days');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const card = page.getByRole('region', { name: 'Next meeting' });
    await card.getByText('Tuesday 1 December 2026', { exact: true }).waitFor();
    const cardText = await card.innerText();
    expect(cardText).toContain('Papers due in the next 10 working days');
    expect(cardText).toContain('By Tuesday 1 December 2026, for Consortium meeting on Tuesday 8 December 2026');
    expect(cardText).toContain('Late agenda packs (Partnership Agreement 10.5)');
    expect(cardText).toContain('Consortium meeting on Tuesday 1 December 2026. Circulated on Thursday 26 November 2026: late by 2 working days (due by Tuesday 24 November 2026).');
    await checkScreen(page, 'dashboard-meetings');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('adds one meeting, refusing a missing date and time and a link that is not a web address, keeping what was typed', async () => {
    const page = await openExample(browser, freshStore('one-meeting'));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('link', { name: 'Add a meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a meeting' }).waitFor();
    await page.getByRole('combobox', { name: 'Kind of meeting' }).selectOption({ label: 'Open meeting' });
    await page.getByRole('textbox', { name: 'Title' }).fill('Open meeting on the strategy');
    await page.getByRole('textbox', { name: 'Link to join online (optional)' }).fill('meet example org');
    await page.getByRole('button', { name: 'Add the meeting' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('listitem').allInnerTexts()).toEqual(['Enter the date of the meeting', 'Enter the start time like 10:00', 'Enter the online link as a web address starting https://']);
    expect(await page.getByRole('textbox', { name: 'Link to join online (optional)' }).inputValue()).toBe('meet example org');
    await checkScreen(page, 'meeting-form-refused');

    await typeDate(page, 'Date', '19', '01', '2027');
    await page.getByRole('textbox', { name: 'Start time' }).fill('18:30');
    await page.getByRole('textbox', { name: 'Link to join online (optional)' }).fill('https://meet.example.org/open');
    await page.getByRole('button', { name: 'Add the meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open meeting on the strategy' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Added Open meeting on the strategy on Tuesday 19 January 2027.' }).waitFor();
    const when = page.getByRole('region', { name: 'When and where' });
    expect(await when.innerText()).toContain('Open meeting');
    expect(await when.innerText()).toContain('Online only');
    await checkScreen(page, 'meeting-added');
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
