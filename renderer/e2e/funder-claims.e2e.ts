/**
 * The claim to a funder, tried as the Accountable Body would (issue 11, "Done when",
 * the funder's part), in a real Chromium on one copy: the example consortium, whose
 * copy is the secretariat at the Accountable Body. Two partners' Q1 claims on the
 * Procurement project arrive on paper and are entered on their behalf and approved,
 * one line at less than claimed, so that what is approved is 85% of the quarter's
 * profile. The Accountable Body opens the Q1 claim to Capacitybuilders: the 15%
 * underspend is shown and must be explained before the claim can be marked submitted
 * (refused in words first); it exports the claim as XLSX (read back with exceljs: the
 * totals are SUM formulas whose results match the approved lines to the penny), as
 * PDF (printed as the desktop app prints, read back with pdftotext) and every claim
 * line as CSV; the chart shows spend against profile and its table says the same;
 * a paid partner's remittance advice is printed to PDF and read back; the funder's
 * payment is recorded. axe and both widths on each screen; screenshots
 * to $QUORUM_SCREENSHOTS (default /tmp/quorum-funder-claim-screens). The partners'
 * own copies and bundles are claims.e2e.ts.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { checkState, download, nav, WIDE } from './copies';

const run = promisify(execFile);
const SCREENS = process.env.QUORUM_SCREENSHOTS ?? '/tmp/quorum-funder-claim-screens';
const LUTON = 'Voluntary Action Luton';
const MID = 'Community & Voluntary Service Mid and North Bedfordshire';
const PROJECT = 'Procurement';
const TITLE = /^Claim to Capacitybuilders: .*, Q1 2026\/27$/;

let browser: TestBrowser;
let files: string;

beforeAll(async () => {
  const [folder] = await Promise.all([mkdtemp(join(tmpdir(), 'quorum-e2e-funder-claim-')), mkdir(SCREENS, { recursive: true })]);
  files = folder;
  browser = await launchBrowser({ viewport: WIDE });
});

afterAll(async () => {
  await browser?.close();
  if (files) await rm(files, { recursive: true, force: true });
});

const check = (page: Page, name: string) => checkState(page, SCREENS, name);
const pence = (text: string) => {
  const m = /£([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`No amount in “${text}”`);
  return Number(m[1]!.replaceAll(',', '')) * 100 + Number(m[2]);
};
const pounds = (p: number) => `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
/** '£1,234.50', as the screens write it. */
const gbp = (p: number) => `£${Math.floor(p / 100).toLocaleString('en-GB')}.${String(p % 100).padStart(2, '0')}`;

async function openClaims(page: Page) {
  await nav(page, 'Claims').click();
  await page.getByRole('heading', { level: 1, name: 'Claims' }).waitFor();
}

/** The claim form's budget lines and outputs, each with the profile or target its hint gives. */
async function claimFields(page: Page) {
  return page.getByRole('form', { name: 'Enter the claim' }).evaluate((form) =>
    [...form.querySelectorAll('input')].map((input) => {
      const label = form.querySelector(`label[for="${input.id}"]`)?.textContent ?? '';
      const hints = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
      return { label, hint: hints.join(' ') };
    }),
  );
}

/**
 * Enters a partner's paper claim for Q1 on Procurement, `share` of 85% of each line's
 * profile (the first partner the odd penny and `extraStaff` more on staff), the outputs'
 * targets shared the same way, and sends it; returns what it claimed by line.
 */
async function enterPaperClaim(page: Page, partner: string, first: boolean, extraStaff: number) {
  await openClaims(page);
  const start = page.getByRole('form', { name: 'Enter a claim received on paper' });
  await start.getByRole('combobox', { name: 'Partner' }).selectOption({ label: partner });
  await start.getByRole('combobox', { name: 'Project' }).selectOption({ label: PROJECT });
  await start.getByRole('combobox', { name: 'Financial year' }).selectOption('2026/27');
  await start.getByRole('combobox', { name: 'Quarter' }).selectOption({ label: 'Q1' });
  await start.getByRole('button', { name: 'Enter the paper claim' }).click();
  await page.getByRole('heading', { level: 1, name: `Q1 2026/27 claim: ${PROJECT}` }).waitFor();
  const form = page.getByRole('form', { name: 'Enter the claim' });
  const claimed: Record<string, number> = {};
  for (const { label, hint } of await claimFields(page)) {
    const profile = /Profile for the quarter: (£[\d,.]+)/.exec(hint);
    const target = /Target: (\d+)/.exec(hint);
    if (profile) {
      const whole = Math.floor((pence(profile[1]!) * 85) / 100);
      let mine = first ? whole - Math.floor(whole / 2) : Math.floor(whole / 2);
      if (label === 'Staff (£)') mine += extraStaff;
      claimed[label.replace(' (£)', '')] = mine;
      await form.getByRole('textbox', { name: label, exact: true }).fill(pounds(mine));
    } else if (target) {
      const whole = Number(target[1]);
      await form.getByRole('textbox', { name: label, exact: true }).fill(String(first ? whole - Math.floor(whole / 2) : Math.floor(whole / 2)));
    }
  }
  await form.getByRole('textbox', { name: 'Outputs delivered' }).fill('As on the paper claim form');
  await form.getByRole('textbox', { name: 'Evidence references' }).fill('Paper claim received by post');
  await form.getByRole('button', { name: 'Send to the Accountable Body' }).click();
  await page.getByRole('heading', { level: 2, name: 'Submitted' }).waitFor();
  return claimed;
}

describe('the claim to a funder', () => {
  it('is built from the approved claims, refused until its 15% underspend is explained, submitted, exported as XLSX, PDF and CSV, charted and paid', async () => {
    const page = await openExample(browser, freshStore('funder-claim'));
    try {
      await steps(page);
    } catch (error) {
      await page.screenshot({ path: join(SCREENS, 'failed.png'), fullPage: true }).catch(() => undefined);
      throw error;
    }
    expect(uncaughtErrors(page)).toEqual([]);
  }, 300_000);
});

async function steps(page: Page) {
  // Two partners' paper claims, entered and approved: Mid and North Bedfordshire's staff line £10.00 lower, with a reason.
  const mid = await enterPaperClaim(page, MID, true, 1000);
  const approve = page.getByRole('form', { name: 'Approve line by line' });
  const staff = approve.getByRole('group', { name: /^Staff: claimed/ });
  await staff.getByRole('textbox', { name: 'Approved (£)' }).fill(pounds(mid.Staff! - 1000));
  await staff.getByRole('textbox', { name: 'Reason, if less' }).fill('£10.00 of mileage was outside the project');
  await approve.getByRole('button', { name: 'Approve the claim' }).click();
  await page.getByRole('heading', { level: 2, name: 'Approved' }).waitFor();
  const luton = await enterPaperClaim(page, LUTON, false, 0);
  await page.getByRole('form', { name: 'Approve line by line' }).getByRole('button', { name: 'Approve the claim' }).click();
  await page.getByRole('heading', { level: 2, name: 'Approved' }).waitFor();
  // Luton's is paid at once.
  const pay = page.getByRole('form', { name: 'Mark it paid' });
  await pay.getByRole('textbox', { name: 'Payment reference' }).fill('BACS 000417');
  await pay.getByRole('button', { name: 'Record the payment' }).click();
  await page.getByRole('heading', { level: 2, name: 'Paid' }).waitFor();
  const approvedByLine = Object.fromEntries(Object.keys(mid).map((line) => [line, mid[line]! + luton[line]! - (line === 'Staff' ? 1000 : 0)]));
  const approvedTotal = Object.values(approvedByLine).reduce((a, b) => a + b, 0);

  // The Accountable Body opens the Q1 claim to the funder.
  await openClaims(page);
  const funderClaims = page.getByRole('region', { name: 'Claims to funders' });
  await funderClaims.getByRole('combobox', { name: 'Financial year' }).selectOption('2026/27');
  await funderClaims.getByRole('combobox', { name: 'Quarter' }).selectOption({ label: 'Q1' });
  await funderClaims.getByRole('link', { name: 'Open the claim' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByText('Built from 2 approved partner claims').waitFor();
  const summary = page.getByRole('table', { name: 'Summary by project' });
  const procurement = summary.getByRole('row', { name: new RegExp(`^${PROJECT}`) });
  const row = await procurement.innerText();
  expect(pence(row.split('\t')[1]!)).toBe(approvedTotal); // the partners' approved spend, not what was claimed
  expect(row).toContain('(-15.0%)');
  expect(row).toContain('Needs explaining');
  await check(page, 'funder-claim-01-draft');

  // Marked submitted without an explanation: refused, in words, and nothing is submitted.
  await page.getByRole('button', { name: 'Mark as submitted to the funder' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Explain the variance against the profile before submitting' });
  await problem.waitFor();
  expect(await problem.innerText()).toMatch(/-\d+\.\d% \(under profile\)/);
  await page.getByText('Not started: nothing saved yet.').waitFor();
  await check(page, 'funder-claim-02-refused');

  await page.getByRole('textbox', { name: 'Explanation of variances' }).fill('Procurement: the development worker started in May, so staff costs are 15% under the profile. The other projects’ claims arrive next month.');
  await page.getByRole('textbox', { name: 'Narrative on outputs' }).fill('Outputs on the other projects follow with their claims.');
  await page.getByRole('button', { name: 'Mark as submitted to the funder' }).click();
  await page.getByText(/Submitted to the funder on 22 November 2026, for £/).waitFor();

  // XLSX: the real download, read back: a summary and a sheet per project; totals are SUMs that match the approved lines to the penny.
  const xlsxPath = await download(page, files, page.getByRole('button', { name: 'Claim as XLSX' }));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  expect(workbook.worksheets[0]!.name).toBe('Summary');
  expect(workbook.worksheets).toHaveLength(13);
  const sheet = workbook.getWorksheet(PROJECT)!;
  const names = sheet.getColumn(1).values as unknown[];
  const totalRow = names.indexOf('Total');
  type Formula = { formula: string; result: number };
  const partnersTotal = sheet.getRow(totalRow).getCell(2).value as Formula;
  expect(partnersTotal.formula).toMatch(/^SUM\(B5:B\d+\)$/);
  expect(Math.round(partnersTotal.result * 100)).toBe(approvedTotal);
  for (const [line, approved] of Object.entries(approvedByLine)) {
    const cell = sheet.getRow(names.indexOf(line)).getCell(2);
    expect(Math.round((cell.value as number) * 100), line).toBe(approved);
    expect(cell.numFmt).toBe('£#,##0.00');
  }
  const summarySheet = workbook.getWorksheet('Summary')!;
  const summaryNames = summarySheet.getColumn(1).values as unknown[];
  const claimTotal = summarySheet.getRow(summaryNames.indexOf('Total')).getCell(4).value as Formula;
  expect(claimTotal.formula).toMatch(/^SUM\(D\d+:D\d+\)$/);
  expect(Math.round(claimTotal.result * 100)).toBe(approvedTotal);
  expect(summarySheet.getRow(summaryNames.indexOf(PROJECT)).getCell(4).value).toMatchObject({ formula: `'${PROJECT}'!D${totalRow}` });
  expect(summarySheet.getColumn(2).values).toContain('Submitted');

  // CSV of every claim line: the two claims' lines, the staff line with what was approved and why.
  const csvPath = await download(page, files, page.getByRole('button', { name: 'Every claim line as CSV' }));
  const csv = Papa.parse<Record<string, string>>((await readFile(csvPath, 'utf8')).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
  expect(csv.data).toHaveLength(2 * Object.keys(mid).length);
  const midStaff = csv.data.find((r) => r.Partner === MID && r['Budget line'] === 'Staff')!;
  expect([midStaff.Claimed, midStaff.Approved, midStaff['Reason for a difference']]).toEqual([pounds(mid.Staff!), pounds(mid.Staff! - 1000), '£10.00 of mileage was outside the project']);

  // The chart: Procurement's cumulative spend against profile, and its table of the same figures.
  const charts = page.getByRole('region', { name: 'Charts' });
  await charts.getByRole('combobox', { name: 'Project' }).selectOption({ label: PROJECT });
  const chart = charts.getByRole('region', { name: `${PROJECT}: cumulative spend against profile` });
  const figure = chart.locator('.claim-chart-figure');
  expect(await figure.getAttribute('aria-label')).toMatch(/spent to date against .* profiled to date \(-15\.0%\)/);
  await figure.locator('.recharts-line').first().waitFor();
  await chart.getByRole('button', { name: 'Show as table' }).click();
  const table = chart.getByRole('table', { name: /cumulative spend against profile, by quarter/ });
  const q1 = await table.getByRole('row', { name: /^Q1 2026\/27/ }).innerText();
  expect(pence(q1)).toBe(approvedTotal);
  expect(await table.getByRole('row', { name: /^Q2 2026\/27/ }).innerText()).toContain('Not yet claimed');
  await check(page, 'funder-claim-03-submitted-chart-table');

  // Remittance advice for Luton, paid: its PDF, from the letter print view, read back as text.
  await page.getByRole('button', { name: `Remittance advice for ${LUTON}, ${PROJECT} as PDF` }).click();
  await page.getByRole('heading', { level: 1, name: `Remittance advice for ${LUTON}, ${PROJECT}` }).waitFor();
  await check(page, 'funder-claim-05-remittance');
  const remittancePath = join(files, 'remittance.pdf');
  await page.pdf({ path: remittancePath, format: 'A4', printBackground: true });
  const remittance = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', remittancePath, '-'])).stdout.replace(/\s+/g, ' ');
  const lutonTotal = Object.values(luton).reduce((a, b) => a + b, 0);
  expect(remittance).toContain(`Remittance advice: ${PROJECT}, Q1 2026/27`);
  expect(remittance).toContain(`We have paid ${gbp(lutonTotal)} on 22 November 2026, reference BACS 000417`);
  expect(remittance).toContain(`Total ${gbp(lutonTotal)} ${gbp(lutonTotal)}`);
  expect(remittance).toContain(LUTON);
  await page.getByRole('link', { name: 'Back' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

  // PDF: the print view, printed as the desktop app prints it (A4), read back as text.
  await page.getByRole('link', { name: 'Claim as PDF' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await check(page, 'funder-claim-04-print');
  const pdfPath = join(files, 'claim.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  const text = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'])).stdout.replace(/\s+/g, ' ');
  expect(text).toMatch(/Claim to Capacitybuilders: .*, Q1 2026\/27/);
  expect(text).toContain(`${PROJECT} ${gbp(approvedTotal)}`);
  expect(text).toContain('(-15.0%)');
  expect(text).toContain('the development worker started in May');
  for (const frame of ['Print or save as PDF', 'Claim as DOCX', 'Dashboard']) expect(text).not.toContain(frame);

  // The funder pays: the payment received is recorded.
  await page.getByRole('link', { name: 'Back to the claim' }).click();
  const payment = page.getByRole('form', { name: 'The funder’s payment' });
  await payment.getByRole('textbox', { name: 'Amount received, in pounds' }).fill(pounds(approvedTotal));
  await payment.getByRole('button', { name: 'Record the payment' }).click();
  await page.getByText(`Paid: ${gbp(approvedTotal)} received on 22 November 2026.`).waitFor();
}
