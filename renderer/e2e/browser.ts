/**
 * A real Chromium for the end-to-end tests: Debian's (or CHROMIUM_PATH), headless, with
 * a persistent profile in a temporary folder so IndexedDB is real and survives reloads.
 * Each test opens the app on its own data store (`?db=`), so tests in one browser never
 * see each other's data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** Pretend it is this moment, so tests about dates do not change meaning as the calendar moves on. */
  now?: string;
}

/** The moment the example consortium's first meeting (Tuesday 8 December 2026) is upcoming. */
export const EXAMPLE_TODAY = '2026-11-22T10:00:00Z';

export async function launchBrowser({ viewport = { width: 1280, height: 800 }, now = EXAMPLE_TODAY }: LaunchOptions = {}): Promise<TestBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'quorum-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--lang=en-GB', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  await context.clock.install({ time: now });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh data store name, so each test starts from first run. */
export function freshStore(label: string): string {
  return `e2e-${label}-${crypto.randomUUID().slice(0, 8)}`;
}

/** The app's address for a data store and a route ('/members'). */
export function appAddress(store: string, route = '/'): string {
  return `${inject('appUrl')}?db=${encodeURIComponent(store)}#${route}`;
}

/** Opens a page on the app and fails the test on any uncaught error in it. */
export async function openApp(browser: TestBrowser, store: string, route = '/'): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  (page as Page & { uncaughtErrors?: Error[] }).uncaughtErrors = errors;
  await page.goto(appAddress(store, route));
  return page;
}

export function uncaughtErrors(page: Page): Error[] {
  return (page as Page & { uncaughtErrors?: Error[] }).uncaughtErrors ?? [];
}

/** Opens the example consortium in a fresh store and waits for the dashboard. */
export async function openExample(browser: TestBrowser, store: string): Promise<Page> {
  const page = await openApp(browser, store);
  await page.getByRole('button', { name: 'Open the example consortium' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  return page;
}

/** A link of the main navigation ("Members", "Sync"). */
export const mainNav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** From any page, through Members, to one organisation's page. */
export async function openOrganisation(page: Page, name: string) {
  await mainNav(page, 'Members').click();
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}
