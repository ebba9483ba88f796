/**
 * The members' directory (Partnership Agreement 5.7) exported three ways from the
 * running app, each file read back: the CSV and XLSX downloads the buttons make
 * (papaparse, exceljs) and the PDF printed from the directory page (Chromium's own
 * printing, as Electron's printToPDF, read back with poppler's pdftotext). One
 * organisation resigns and another is co-opted first, through the Members edit
 * form. The page runs under the desktop app's Content Security Policy, so a library
 * that needed eval would fail here as it would in Electron.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appAddress, freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { keepScreenshot, seriousViolations, sidewaysOverflow } from './page-checks';
import { invitationLetter } from '../exports/letters';
import type { LetterPrintState } from '../exports/LetterExport';

const run = promisify(execFile);

/** The desktop app's CSP, read from the main process's own module (another TypeScript project, so loaded by address). */
async function desktopContentSecurityPolicy(): Promise<string> {
  const address = new URL('../../electron/content-security-policy.ts', import.meta.url).href;
  const module = (await import(/* @vite-ignore */ address)) as { CONTENT_SECURITY_POLICY: string };
  return module.CONTENT_SECURITY_POLICY;
}

let browser: TestBrowser;
let folder: string;
beforeAll(async () => {
  browser = await launchBrowser();
  folder = await mkdtemp(join(tmpdir(), 'quorum-e2e-directory-'));
  // Every page is served with the desktop app's CSP (no eval, no inline script).
  const policy = await desktopContentSecurityPolicy();
  expect(policy).toContain("script-src 'self'");
  await browser.context.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
});
afterAll(async () => {
  await browser?.close();
  await rm(folder, { recursive: true, force: true });
});

const RESIGNED = 'Volunteer Centre Bedford';
const CO_OPTED = 'Bedford Race Equality Council';
const IN_THE_DIRECTORY = [
  'Bedford Race Equality Council',
  'Bedfordshire Rural Communities Charity',
  'Community & Voluntary Service Mid and North Bedfordshire',
  'Luton and Bedfordshire Advice Network',
  'Voluntary Action Luton',
  'Voluntary and Community Action South Bedfordshire',
];
const FILE_NAME = 'Bedfordshire & Luton – directory – 2026-11-22';

async function editMembership(page: Page, organisation: string, membership: string, resignedOn?: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  await page.getByRole('link', { name: organisation, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: organisation }).waitFor();
  await page.getByRole('combobox', { name: 'Membership' }).selectOption({ label: membership });
  if (resignedOn) {
    await page.getByText('Resigned on', { exact: true }).click();
    await page.keyboard.type(resignedOn);
  }
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: `Saved ${organisation}.` }).waitFor();
}

async function download(page: Page, button: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

describe('the published directory', () => {
  it('exports the members and co-opted organisations as CSV, XLSX and PDF, leaving out the one that resigned', async () => {
    const store = freshStore('directory');
    const page = await openExample(browser, store);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await editMembership(page, RESIGNED, 'Resigned', '01112026');
    await editMembership(page, CO_OPTED, 'Co-opted (advises, no vote)');

    // From the Members page when the section is there; the directory page is also reachable by its address.
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    const pdfButton = page.getByRole('button', { name: 'Directory as PDF' });
    if ((await pdfButton.count()) > 0) {
      const section = page.getByRole('region', { name: 'Published directory' });
      expect(await section.innerText()).toContain('6 member and co-opted organisations (2 co-opted); resigned ones are left out.');
      if (process.env.QUORUM_SCREENSHOTS) await section.screenshot({ path: join(process.env.QUORUM_SCREENSHOTS, 'directory-on-members.png') });
      await pdfButton.click();
    } else await page.goto(appAddress(store, '/members/directory/print'));
    await page.getByRole('heading', { level: 1, name: 'Directory of members' }).waitFor();
    const document = page.getByRole('article', { name: /directory of members/ });
    await document.getByRole('rowheader', { name: /Voluntary Action Luton/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Published directory' }).innerText()).toContain('6 member and co-opted organisations (2 co-opted); resigned ones are left out.');
    expect(await document.getByRole('rowheader').allInnerTexts()).toHaveLength(6);

    // CSV: the real download, parsed back.
    const csv = await download(page, 'Directory as CSV');
    expect(csv.name).toBe(`${FILE_NAME}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(csv.bytes), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((row) => row.Organisation)).toEqual(IN_THE_DIRECTORY);
    expect(parsed.data.find((row) => row.Organisation === CO_OPTED)?.Membership).toBe('Co-opted');
    expect(parsed.data.find((row) => row.Organisation === 'Voluntary Action Luton')).toMatchObject({
      Kind: 'Council for voluntary service',
      Membership: 'Member',
      Email: 'voluntary-action-luton@example.org',
      Telephone: '01632 960004',
      'Named representative': 'Everton Blake',
      'Representative’s email': 'everton.blake@example.org',
    });
    await page.getByRole('status').filter({ hasText: `Saved ${FILE_NAME}.csv.` }).waitFor();

    // XLSX: the real download, read back with exceljs.
    const xlsx = await download(page, 'Directory as XLSX');
    expect(xlsx.name).toBe(`${FILE_NAME}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as never);
    const sheet = workbook.getWorksheet('Directory')!;
    const column = (index: number) => sheet.getColumn(index).values.slice(2).map(String);
    expect(sheet.getRow(1).getCell(1).value).toBe('Organisation');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(column(1)).toEqual(IN_THE_DIRECTORY);
    expect(column(3)).toEqual(['Co-opted', 'Member', 'Member', 'Co-opted', 'Member', 'Member']);
    expect(column(1)).not.toContain(RESIGNED);

    // The page itself: accessible, and nothing scrolls sideways at 320 px.
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'directory-1280');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'directory-320');
    if (process.env.QUORUM_SCREENSHOTS) await document.screenshot({ path: join(process.env.QUORUM_SCREENSHOTS, 'directory-320-document.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    // PDF: printed as the desktop app prints (A4), read back as text.
    const pdfPath = join(folder, `${FILE_NAME}.pdf`);
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-']);
    const text = stdout.replace(/\s+/g, ' ');
    for (const name of IN_THE_DIRECTORY) expect(text).toContain(name);
    expect(text).toContain('Bedfordshire & Luton VCS Infrastructure Consortium: directory of members');
    expect(text).toContain('As at 22 November 2026');
    expect(text).toContain('01632 960004');
    expect(text).toMatch(/Bedford Race Equality Council Race equality council · Co-\s?opted/);
    expect(text).not.toContain(RESIGNED);
    expect(text).not.toContain('01632 960006');
    // Only the document prints: not the app's header, navigation or buttons.
    for (const frame of ['Dashboard', 'Print or save as PDF', 'Directory as CSV', 'Skip to main content', 'Published directory']) expect(text).not.toContain(frame);
    if (process.env.QUORUM_SCREENSHOTS) await run('pdftoppm', ['-png', '-r', '60', pdfPath, join(process.env.QUORUM_SCREENSHOTS, 'directory-pdf')]);

    expect(consoleErrors.filter((message) => /Content Security Policy/i.test(message))).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('shows a letter from the navigation state, keeps it after a reload, saves it as DOCX and prints it alone', async () => {
    const store = freshStore('letter');
    const page = await openExample(browser, store);
    await page.goto(appAddress(store, '/print/letter'));
    await page.getByRole('heading', { level: 1, name: 'Print a letter' }).waitFor();
    expect(await page.getByRole('main').innerText()).toContain('There is no letter to print here.');
    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'letter-none');

    // What LetterExport's PDF button navigates with, kept by React Router in the history entry (so a reload keeps it).
    const state: LetterPrintState = {
      document: invitationLetter({
        consortiumName: 'Bedfordshire & Luton VCS Infrastructure Consortium',
        constitutionName: 'Partnership Agreement',
        applicant: { organisationName: 'Dunstable Community Transport', contactName: 'Priya Shah', address: '12 High Street North\nDunstable\nLU6 1LA' },
        letterDate: '2026-11-23',
        meeting: { title: 'Consortium meeting', date: '2026-12-08', startTime: '10:00', location: 'Volunteer Centre Bedford' },
        signedBy: { name: 'John Gelder', role: 'Secretariat' },
      }),
      fileName: 'Invitation – Dunstable Community Transport',
      label: 'Invitation letter',
      returnTo: '/applications',
    };
    await page.evaluate((usr) => history.replaceState({ usr, key: 'e2e', idx: 0 }, ''), state);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Invitation letter' }).waitFor();
    const letter = page.getByRole('article', { name: /Your application to join/ });
    expect(await letter.innerText()).toContain('Dear Priya Shah,');

    const docx = await download(page, 'Invitation letter as DOCX');
    expect(docx.name).toBe('Invitation – Dunstable Community Transport.docx');
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Priya Shah');
    expect(xml).toContain('Date: Tuesday 8 December 2026');

    expect(await seriousViolations(page)).toEqual([]);
    await keepScreenshot(page, 'letter-1280');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await sidewaysOverflow(page)).toBe(0);
    if (process.env.QUORUM_SCREENSHOTS) await letter.screenshot({ path: join(process.env.QUORUM_SCREENSHOTS, 'letter-320-document.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    const pdfPath = join(folder, 'invitation.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const text = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'])).stdout.replace(/\s+/g, ' ');
    for (const words of ['Dear Priya Shah,', 'Dunstable Community Transport', 'Date: Tuesday 8 December 2026', 'Place: Volunteer Centre Bedford', 'Yours sincerely John Gelder Secretariat']) expect(text).toContain(words);
    for (const frame of ['Print or save as PDF', 'Invitation letter as DOCX', 'Dashboard', 'The letter as it will print']) expect(text).not.toContain(frame);
    if (process.env.QUORUM_SCREENSHOTS) await run('pdftoppm', ['-png', '-r', '60', pdfPath, join(process.env.QUORUM_SCREENSHOTS, 'letter-pdf')]);

    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
