/**
 * The decisions register (issue 10, item 4), in Chromium with the example
 * consortium: the secretariat's copy records, through the meeting screens, a
 * decision by consensus with a dissent, a named vote, a secret ballot and the
 * election of the Chair at two past meetings; a second copy, granted the
 * Accountable Body's role, overrides the consensus decision, and the override
 * comes back in its bundle. The register lists them, filters them, and exports
 * CSV, XLSX and PDF — real downloads and Chromium's own printing — read back
 * with papaparse, exceljs and pdftotext; the meeting's minutes, printed, carry
 * each decision's proof. axe on the register and its print
 * view; no sideways scrolling at 320 px; screenshots to $QUORUM_SCREENSHOTS
 * (default /tmp/quorum-register-screens).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { freshStore, mainNav, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { bundleFor, copiesForTests, download, enrolFrom, fingerprintOf, goTo, grantFromToday, importBundle, joinFrom, screenshot, SECRETARIAT, WIDE } from './copies';
import { pastMeeting } from './meeting-steps';
import { seriousViolations, sidewaysOverflow } from './page-checks';

const run = promisify(execFile);
const SCREENS = process.env.QUORUM_SCREENSHOTS ?? '/tmp/quorum-register-screens';
const LUTON = 'Voluntary Action Luton';
const RURAL = 'Bedfordshire Rural Communities Charity';
const RACE = 'Bedford Race Equality Council';
const MIDNORTH = 'Community & Voluntary Service Mid and North Bedfordshire';
const COOPTED = 'Luton and Bedfordshire Advice Network';
const UNDERSPEND = 'That partners may carry underspend into next year';
const BID = 'That the consortium bids to the county council’s fund';
const RESERVE = 'That the reserve is reviewed every quarter';
// Bundles are imported in a Web Worker, whose clock the test cannot hold back: the browsers keep the real time, and the meetings are in the past.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const copies = copiesForTests('register', 2, SCREENS);

const decisions = (page: Page) => page.getByRole('region', { name: 'Motions and decisions' });

async function putMotion(s: Page, item: string, text: string, ballot: 'named' | 'secret' = 'named') {
  const form = decisions(s).getByRole('form', { name: 'Put a motion' });
  await form.getByRole('combobox', { name: 'On the agenda item' }).selectOption({ label: item });
  await form.getByRole('textbox', { name: 'The motion' }).fill(text);
  if (ballot === 'secret') await form.getByRole('combobox', { name: 'If it comes to a vote' }).selectOption({ label: 'A secret ballot: only the counts are kept' });
  await form.getByRole('button', { name: 'Put the motion' }).click();
  const motion = decisions(s).getByRole('article', { name: text });
  await motion.waitFor();
  return motion;
}

async function saved(page: Page, button: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(copies.files, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** axe, and nothing wider than the window at 1024 and at 320 px, with a screenshot at each. */
async function checkBoth(page: Page, name: string) {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, SCREENS, `${name}-1024`);
  await page.setViewportSize({ width: 320, height: 768 });
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, SCREENS, `${name}-320`);
  await page.setViewportSize(WIDE);
}

describe('the decisions register', () => {
  it('lists consensus, a named vote, a secret ballot, an election and an override, filters them, and exports CSV, XLSX and PDF that read back', async () => {
    const [sb, ab] = copies.browsers as [TestBrowser, TestBrowser];
    const s = await openExample(sb, freshStore('register-secretariat'));

    // October: agreed by consensus, Bedford Race Equality Council's dissent recorded.
    await pastMeeting(s, { title: 'Consortium meeting, October', date: '2026-10-13', present: [LUTON, RURAL, RACE, MIDNORTH, SECRETARIAT], items: ['Underspend'] });
    const underspend = await putMotion(s, '1. Underspend', UNDERSPEND);
    await underspend.getByRole('checkbox', { name: `Record ${RACE}’s dissent` }).check();
    await underspend.getByRole('button', { name: 'Record: agreed by consensus' }).click();
    await underspend.getByText('Agreed by consensus', { exact: false }).first().waitFor();

    // November: six present, one co-opted; a named vote, a secret ballot and the Chair's election.
    await pastMeeting(s, { title: 'Consortium meeting, November', date: '2026-11-10', present: [LUTON, RURAL, RACE, MIDNORTH, SECRETARIAT, COOPTED], items: ['Bid to the fund', 'Reserves'] });
    const bid = await putMotion(s, '1. Bid to the fund', BID);
    const voters = bid.getByRole('list', { name: /^Members who may vote/ });
    for (const [name, choice] of [[LUTON, 'for'], [RURAL, 'for'], [RACE, 'for'], [MIDNORTH, 'against'], [SECRETARIAT, 'abstain']] as const) {
      await voters.getByRole('button', { name: `${name}: ${choice}` }).click();
      await voters.getByRole('button', { name: `${name}: ${choice}` }).and(s.locator('[aria-pressed="true"]')).waitFor();
    }
    await bid.getByRole('button', { name: 'Record the vote' }).click();
    await bid.getByText('Carried (3 for, 1 against, 1 abstention)').first().waitFor();
    const reserve = await putMotion(s, '2. Reserves', RESERVE, 'secret');
    await reserve.getByRole('textbox', { name: 'Votes for' }).fill('1');
    await reserve.getByRole('textbox', { name: 'Votes against' }).fill('3');
    await reserve.getByRole('textbox', { name: 'Abstentions' }).fill('1');
    await reserve.getByRole('button', { name: 'Record the vote' }).click();
    await reserve.getByText('Not carried (1 for, 3 against, 1 abstention)').first().waitFor();
    const elections = s.getByRole('region', { name: 'Elections: the Chair and the Accountable Body' });
    await elections.getByRole('button', { name: /^Hold the election of the Chair for / }).click();
    const candidates = elections.getByRole('group', { name: 'Candidates for Chair' });
    await candidates.getByRole('checkbox', { name: new RegExp(`^(.*, )?${LUTON}$`) }).check();
    await candidates.getByRole('checkbox', { name: new RegExp(`^(.*, )?${RACE}$`) }).check();
    await elections.getByRole('button', { name: 'Record the candidates' }).click();
    const ballot = elections.getByRole('group', { name: 'Ballot: votes for each candidate' });
    await ballot.getByRole('textbox', { name: new RegExp(LUTON) }).fill('3');
    await ballot.getByRole('textbox', { name: new RegExp(RACE) }).fill('2');
    await ballot.getByRole('button', { name: 'Record the ballot' }).click();
    await elections.getByText(new RegExp(`^Elected Chair: (.*, )?${LUTON}$`)).waitFor();

    // A second copy, granted the Accountable Body's role, overrides October's decision; its bundle brings the override back.
    await goTo(s, 'Sync');
    const everything = await download(s, copies.files, s.getByRole('button', { name: 'Save everything for a new partner' }));
    const abCopy = await joinFrom(ab, freshStore('register-ab'), everything, await fingerprintOf(s), RURAL);
    await enrolFrom(s, abCopy, copies.files, RURAL);
    await grantFromToday(s, 'Accountable Body', RURAL, TODAY);
    await importBundle(abCopy, await bundleFor(s, copies.files, RURAL));
    await abCopy.locator('.app-header').filter({ hasText: `Accountable Body · ${RURAL}` }).waitFor();
    await goTo(abCopy, 'Meetings');
    await abCopy.getByRole('link', { name: 'Consortium meeting, October' }).click();
    const toOverride = decisions(abCopy).getByRole('article', { name: UNDERSPEND });
    await toOverride.getByRole('button', { name: 'Override this decision' }).click();
    const override = toOverride.getByRole('form', { name: 'Override as the Accountable Body' });
    await override.getByRole('textbox', { name: 'Why it is overridden' }).fill('The grant cannot be carried over');
    await override.getByRole('textbox', { name: 'The funder’s term it is contrary to' }).fill('Grant agreement, clause 7.2');
    await override.getByRole('button', { name: 'Record the override' }).click();
    await toOverride.getByText('Overridden by the Accountable Body').first().waitFor();
    await importBundle(s, await bundleFor(abCopy, copies.files, SECRETARIAT));

    // The register, live.
    await mainNav(s, 'Decisions').click();
    await s.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    const table = s.getByRole('table');
    await table.getByRole('rowheader', { name: new RegExp(UNDERSPEND) }).waitFor();
    await s.getByRole('rowheader').filter({ hasText: /Election of the Chair/ }).waitFor();
    expect(await s.locator('caption').innerText()).toBe('Every decision: 4');
    const rowOf = (words: string) => s.getByRole('row').filter({ has: s.getByRole('rowheader', { name: new RegExp(words) }) });
    const overriddenRow = await rowOf(UNDERSPEND).innerText();
    expect(overriddenRow).toContain(`By consensus; dissent recorded: ${RACE}`);
    expect(overriddenRow).toContain('Overridden by the Accountable Body');
    expect(overriddenRow).toContain('The grant cannot be carried over (the funder’s term: Grant agreement, clause 7.2)');
    expect(await rowOf(BID).innerText()).toContain('By vote, named ballot: 3 for, 1 against, 1 abstention');
    expect(await rowOf(RESERVE).innerText()).toContain('By vote, secret ballot: 1 for, 3 against, 1 abstention');
    await rowOf(BID).getByText('Each member’s vote (5)').click();
    expect(await rowOf(BID).innerText()).toContain(`${MIDNORTH}: Against`);
    expect(await rowOf(/Election of the Chair/.source).innerText()).toContain(`Ballot: ${LUTON} 3, ${RACE} 2`);
    await checkBoth(s, 'register-01-every-decision');

    // Each row leads to its meeting.
    await rowOf(RESERVE).getByRole('link', { name: /Consortium meeting, November/ }).click();
    await s.getByRole('heading', { level: 1, name: 'Consortium meeting, November' }).waitFor();
    // The meeting's minutes print each decision with its proof.
    const minutes = s.getByRole('region', { name: /^Minutes/ });
    await minutes.getByRole('button', { name: 'Start the minutes on this copy' }).click();
    await minutes.getByRole('button', { name: 'The minutes as PDF' }).click();
    const printed = s.getByRole('article', { name: /^Minutes: Consortium meeting, November/ });
    await printed.getByText('Outcome: Carried (3 for, 1 against, 1 abstention).').waitFor();
    await screenshot(s, SCREENS, 'register-04-minutes-print-view');
    const minutesPdf = join(copies.files, 'minutes.pdf');
    await s.pdf({ path: minutesPdf, format: 'A4', printBackground: true });
    const minutesText = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', minutesPdf, '-'])).stdout.replace(/\s+/g, ' ');
    expect(minutesText).toContain(`Motion: ${BID}.`);
    expect(minutesText).toContain('Quorum: 5 present of 6 members eligible to vote; 2 required.');
    expect(minutesText).toContain(`Not counted: ${COOPTED} is co-opted`);
    expect(minutesText).toContain('Named ballot: 3 for, 1 against, 1 abstention.');
    expect(minutesText).toContain('Secret ballot: 1 for, 3 against, 1 abstention; only the counts are kept.');
    expect(minutesText).toContain('Rule: A simple majority of the votes cast');
    expect(minutesText).toMatch(new RegExp(`Each member’s vote Organisation Vote .*${MIDNORTH} Against`));
    expect(minutesText).toContain(`Not eligible: ${COOPTED} is co-opted: co-opted organisations advise the consortium but do not vote. Volunteer Centre Bedford was not present`);
    expect(minutesText).toContain(`Election of the Chair for 2027/28: ${LUTON} elected Chair.`);
    await run('pdftoppm', ['-png', '-r', '60', '-l', '2', minutesPdf, join(SCREENS, 'register-05-minutes-pdf')]);
    await mainNav(s, 'Decisions').click();
    await s.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();

    // Filters: outcome, words, kind of meeting, year.
    await s.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Overridden by the Accountable Body' });
    await expect.poll(() => s.getByRole('rowheader').allInnerTexts()).toEqual([expect.stringContaining(UNDERSPEND)]);
    await s.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Any outcome' });
    await s.getByRole('searchbox', { name: 'Words to find' }).fill('secret ballot');
    await expect.poll(() => s.getByRole('rowheader').allInnerTexts()).toEqual([expect.stringContaining(RESERVE)]);
    await s.getByRole('searchbox', { name: 'Words to find' }).fill('');
    await s.getByRole('combobox', { name: 'Meeting' }).selectOption({ label: 'Steering group' });
    await s.getByText('No decisions match: Steering group.').waitFor();
    await s.getByRole('combobox', { name: 'Meeting' }).selectOption({ label: 'Consortium meeting' });
    await s.getByRole('combobox', { name: 'Year' }).selectOption({ label: '2026' });
    await s.getByRole('combobox', { name: 'Order' }).selectOption({ label: 'Oldest first' });
    await expect.poll(async () => (await s.getByRole('rowheader').allInnerTexts())[0]).toContain(UNDERSPEND);
    expect(await s.locator('caption').innerText()).toBe('Decisions (Consortium meeting, in 2026): 4');

    // CSV: the real download, parsed back, one row per decision, the named vote's members in "Votes".
    const csv = await saved(s, 'Decisions as CSV');
    expect(csv.name).toBe(`Bedfordshire & Luton – decisions – ${TODAY}.csv`);
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(csv.bytes).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(4);
    const bidLine = parsed.data.find((r) => r.Decided === BID)!;
    expect(bidLine).toMatchObject({ Date: '2026-11-10', Meeting: 'Consortium meeting, November', For: '3', Against: '1', Abstain: '1', Ballot: 'named', Status: 'Stands' });
    expect(bidLine.Votes).toBe(`${RACE}: for; ${RURAL}: for; ${MIDNORTH}: against; ${LUTON}: for; ${SECRETARIAT}: abstain`);
    expect(parsed.data.find((r) => r.Decided === RESERVE)).toMatchObject({ For: '1', Against: '3', Abstain: '1', Ballot: 'secret', Votes: '' });
    expect(parsed.data.find((r) => r.Decided === UNDERSPEND)).toMatchObject({ 'Override reason': 'The grant cannot be carried over', 'Funder’s term': 'Grant agreement, clause 7.2', Dissent: RACE });

    // XLSX: "Decisions" with a date cell and number cells, "Votes" one row per member vote.
    const xlsx = await saved(s, 'Decisions as XLSX');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as never);
    const sheet = workbook.getWorksheet('Decisions')!;
    const bidRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(4).value === BID)!;
    expect(bidRow.getCell(1).value).toEqual(new Date(Date.UTC(2026, 10, 10)));
    expect([bidRow.getCell(7).value, bidRow.getCell(8).value, bidRow.getCell(9).value]).toEqual([3, 1, 1]);
    const votes = workbook.getWorksheet('Votes')!;
    expect(votes.rowCount).toBe(6);
    expect(votes.getRows(2, 5)!.map((r) => [r.getCell(4).value, r.getCell(5).value])).toContainEqual([MIDNORTH, 'Against']);

    // PDF: the print view keeps the filter; printed as the desktop app prints and read back.
    await s.getByRole('button', { name: 'Decisions as PDF' }).click();
    await s.getByRole('heading', { level: 1, name: 'Decisions register' }).waitFor();
    const document = s.getByRole('article', { name: /decisions register/ });
    await document.getByText(`Outcome: Carried (3 for, 1 against, 1 abstention)`).waitFor();
    await checkBoth(s, 'register-02-print-view');
    const pdfPath = join(copies.files, 'decisions.pdf');
    await s.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const text = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Bedfordshire & Luton VCS Infrastructure Consortium: decisions register');
    expect(text).toContain('4 decisions (Consortium meeting, in 2026), oldest first.');
    expect(text).toContain(`10 November 2026: ${BID}`);
    expect(text).toContain('Outcome: Carried (3 for, 1 against, 1 abstention)');
    expect(text).toContain('Outcome: Not carried (1 for, 3 against, 1 abstention)');
    expect(text).toMatch(new RegExp(`${MIDNORTH} Against`));
    expect(text).toContain('Grant agreement, clause 7.2');
    for (const frame of ['Print or save as PDF', 'Dashboard', 'The register as it will print']) expect(text).not.toContain(frame);
    await run('pdftoppm', ['-png', '-r', '60', '-l', '2', pdfPath, join(SCREENS, 'register-03-pdf')]);
    await s.locator('.breadcrumb').getByRole('link', { name: 'Decisions' }).click();
    await s.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    // The year's choices come with the register's rows: the filter from the address shows once they are read.
    await expect.poll(() => s.getByRole('combobox', { name: 'Year' }).inputValue()).toBe('2026');

    for (const page of [s, abCopy]) expect(uncaughtErrors(page)).toEqual([]);
  }, 300_000);
});
