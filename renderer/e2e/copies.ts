/**
 * Several copies of Quorum in one end-to-end test: separate browser profiles,
 * each with its own IndexedDB store, exchanging real bundle files through real
 * downloads and file choosers. The secretariat's copy is the example's
 * founder; the others join from its "everything" bundle, choose their
 * organisation, and send their first bundle back to be enrolled by fingerprint.
 * Also: the checks every state gets (axe, no sideways scrolling at 1024×768 and
 * 320 px wide, a screenshot of each).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { appAddress, launchBrowser, type TestBrowser } from './browser';
import { seriousViolations, sidewaysOverflow } from './page-checks';

export const SECRETARIAT = 'Voluntary and Community Action South Bedfordshire';
export const WIDE = { width: 1024, height: 768 };
export const NARROW = { width: 320, height: 768 };

export interface Exchange {
  /** Where downloads are kept. */
  files: string;
  /** Where screenshots go. */
  screens: string;
}

/**
 * Call once at the top of a test file: `count` browsers (separate profiles) at
 * 1024 × 768 keeping the real time (bundles are imported in a Web Worker, whose
 * clock a test cannot hold back), a folder for the files they exchange, and the
 * screenshots folder; all closed and removed after the file's tests.
 */
export function copiesForTests(label: string, count: number, screens: string): { browsers: TestBrowser[]; files: string } {
  const made = { browsers: [] as TestBrowser[], files: '' };
  const now = new Date().toISOString();
  beforeAll(async () => {
    const [folder] = await Promise.all([mkdtemp(join(tmpdir(), `quorum-e2e-${label}-`)), mkdir(screens, { recursive: true })]);
    made.files = folder;
    made.browsers = await Promise.all(Array.from({ length: count }, () => launchBrowser({ viewport: WIDE, now })));
  });
  afterAll(async () => {
    await Promise.all(made.browsers.map((b) => b.close()));
    if (made.files) await rm(made.files, { recursive: true, force: true });
  });
  return made;
}

/** The whole page, the app's scrolling main area included, at the window's width; a tall one also in parts. */
export async function screenshot(page: Page, screens: string, name: string) {
  const size = page.viewportSize() ?? WIDE;
  const height = await page.evaluate(() => {
    const main = document.querySelector('.app-main');
    return Math.max(document.documentElement.scrollHeight, main ? main.scrollHeight + main.getBoundingClientRect().top : 0);
  });
  const full = Math.min(Math.ceil(height), 8000);
  await page.setViewportSize({ width: size.width, height: full });
  await page.screenshot({ path: join(screens, `${name}.png`) });
  const part = size.width < 600 ? 900 : 1000;
  if (full > part * 1.5) {
    await mkdir(join(screens, 'parts'), { recursive: true });
    for (let y = 0, i = 1; y < full; y += part, i += 1) {
      await page.screenshot({ path: join(screens, 'parts', `${name}-${i}.png`), clip: { x: 0, y, width: size.width, height: Math.min(part, full - y) } });
    }
  }
  await page.setViewportSize(size);
}

/** The elements that reach past the window's right edge, to say what scrolls sideways. */
export async function tooWide(page: Page): Promise<string> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5 && box.width > 0 && !el.closest('.table-wrap')) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(box.right)})`);
    }
    return out.slice(0, 8).join(', ') || 'nothing found';
  });
}

/** axe finds nothing serious and nothing scrolls sideways, at 1024×768 and at 320 px wide; a screenshot of each is kept. */
export async function checkState(page: Page, screens: string, name: string) {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  expect(await sidewaysOverflow(page), `sideways scrolling on ${name} at 1024 px`).toBeLessThanOrEqual(0);
  await screenshot(page, screens, `${name}-1024`);
  await page.setViewportSize(NARROW);
  try {
    await screenshot(page, screens, `${name}-320`);
    expect(await sidewaysOverflow(page), `sideways scrolling on ${name} at 320 px: ${await tooWide(page)}`).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page), `axe on ${name} at 320 px`).toEqual([]);
  } finally {
    await page.setViewportSize(WIDE);
  }
}

export const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

export async function goTo(page: Page, area: 'Sync' | 'Settings' | 'Dashboard' | 'Applications' | 'Members' | 'Meetings') {
  await nav(page, area).click();
  await page.getByRole('heading', { level: 1, name: area }).waitFor();
}

/** Clicks a save button and keeps the real download; returns where it was saved. */
export async function download(page: Page, files: string, button: Locator): Promise<string> {
  const [saved] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const folder = await mkdtemp(join(files, 'download-'));
  const path = join(folder, saved.suggestedFilename());
  await saved.saveAs(path);
  return path;
}

/** Opens a bundle file through the file chooser the open button brings up. */
export async function openBundle(page: Page, path: string, button: RegExp = /^Open a bundle/) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button }).click()]);
  await chooser.setFiles(path);
}

export async function fingerprintOf(page: Page): Promise<string> {
  return (await page.getByRole('region', { name: 'This copy' }).locator('.sync-fingerprint').innerText()).replace(/\s+/g, ' ').trim();
}

/** Previews an opened bundle, accepts it, and waits for the report. */
export async function acceptPreview(page: Page) {
  const preview = page.getByRole('region', { name: /^Preview of / });
  await preview.waitFor();
  await preview.getByRole('button', { name: 'Accept and import' }).click();
  await page.getByRole('heading', { level: 3, name: /^Imported / }).waitFor();
}

/** On the Sync page: opens a bundle and imports it. */
export async function importBundle(page: Page, path: string) {
  await goTo(page, 'Sync');
  await openBundle(page, path);
  await acceptPreview(page);
}

/** On the Sync page: saves a bundle for a partner; returns the file. */
export async function bundleFor(page: Page, files: string, partner: string): Promise<string> {
  await goTo(page, 'Sync');
  return download(page, files, page.getByRole('button', { name: `Save a bundle for ${partner}` }));
}

/**
 * A fresh copy joins from the secretariat's "everything" bundle, then says
 * which organisation it belongs to. `checks` runs on its Settings page once it
 * has joined (the roles test looks at it there).
 */
export async function joinFrom(browser: TestBrowser, store: string, everything: string, secretariatFingerprint: string, organisation: string, checks?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(appAddress(store));
  await page.getByRole('heading', { level: 1, name: 'Set up Quorum' }).waitFor();
  await openBundle(page, everything, /Open the secretariat’s bundle/);
  const compare = page.getByRole('region', { name: `Compare fingerprints with ${SECRETARIAT}` });
  await compare.waitFor();
  expect((await compare.locator('.sync-fingerprint').innerText()).replace(/\s+/g, ' ').trim()).toBe(secretariatFingerprint);
  // A copy still joining learns the roles from the bundle's own grants, not from what the bundle says of its sender.
  await compare.getByText('Its bundle calls it the secretariat; this copy learns who holds which office from the consortium’s own role grants', { exact: false }).waitFor();
  await compare.getByRole('checkbox', { name: /Every group of the fingerprint matches/ }).check();
  await compare.getByRole('button', { name: 'Enrol and continue' }).click();
  await page.getByRole('region', { name: /^Preview of / }).getByRole('button', { name: 'Accept and import' }).click();

  // Taken to Settings: it chooses its organisation; its role is the consortium's to grant.
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'This copy has joined Bedfordshire' }).waitFor();
  expect(await page.getByRole('combobox', { name: 'Used for' }).count()).toBe(0);
  await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption({ label: organisation });
  await page.getByRole('button', { name: 'Save this computer’s organisation' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved this computer’s organisation.' }).waitFor();
  await page.locator('.this-copy-roles-now').filter({ hasText: `Partner organisation (no office granted); copy of ${organisation}` }).waitFor();
  await page.locator('.app-header').filter({ hasText: `Partner organisation · ${organisation}` }).waitFor();
  if (checks) await checks(page);
  return page;
}

/**
 * The secretariat enrols a partner from its first bundle, after comparing
 * fingerprints; the role offered is the one granted (none). `checks` runs on
 * the secretariat's page while the enrolment is shown.
 */
export async function enrolFrom(s: Page, partner: Page, files: string, name: string, checks?: (page: Page) => Promise<void>) {
  await goTo(partner, 'Sync');
  const fingerprint = await fingerprintOf(partner);
  const hello = await download(partner, files, partner.getByRole('button', { name: `Save a bundle for ${SECRETARIAT}` }));
  await openBundle(s, hello);
  const enrol = s.getByRole('region', { name: `Compare fingerprints with ${name}` });
  await enrol.waitFor();
  expect((await enrol.locator('.sync-fingerprint').innerText()).replace(/\s+/g, ' ').trim()).toBe(fingerprint);
  await enrol.getByText('The consortium has granted it no office.').waitFor();
  expect(await enrol.innerText()).toMatch(/Role here\s+Partner organisation\s+The consortium has granted it no office\./);
  expect(await enrol.getByRole('combobox', { name: 'Their role' }).count()).toBe(0);
  if (checks) await checks(s);
  await enrol.getByRole('checkbox', { name: /Every group of the fingerprint matches/ }).check();
  await enrol.getByRole('button', { name: 'Enrol and continue' }).click();
  await acceptPreview(s);
  await s.getByRole('row', { name: new RegExp(name) }).filter({ hasText: 'Trusted' }).waitFor();
}

/** The secretariat grants an office to a copy from today, on the Sync page's Roles panel. */
export async function grantFromToday(s: Page, office: 'Chair' | 'Accountable Body' | 'Secretariat', copy: string, today: string) {
  await goTo(s, 'Sync');
  const form = s.getByRole('region', { name: 'Roles in the consortium' }).getByRole('form', { name: 'Grant a role' });
  await form.waitFor();
  await form.getByRole('combobox', { name: 'Office' }).selectOption({ label: office });
  await form.getByRole('combobox', { name: 'Copy' }).selectOption({ label: copy });
  await form.getByRole('group', { name: 'Date it takes effect' }).getByRole('spinbutton', { name: /^day/ }).click();
  await s.keyboard.type(today.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3$2$1'));
  await form.getByRole('button', { name: 'Grant the role' }).click();
  await form.getByRole('status').filter({ hasText: `Granted: ${office} from today` }).waitFor();
}
