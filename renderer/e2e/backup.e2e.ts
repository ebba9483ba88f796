/**
 * Backup and restore as a person does it in Chromium (docs/backup-format.md): the
 * example consortium is backed up from Settings (a real download), its data store
 * is deleted, and on the set-up screen the backup is chosen through the real file
 * chooser: a file that is not a backup is refused in plain words; the backup's
 * preview says what it holds and writes nothing; accepted, every table is back as
 * it was (read straight from IndexedDB), and the page says plainly that this copy
 * has a new key and must be enrolled again. axe and 320 px reflow on each screen;
 * screenshots go to $QUORUM_SCREENSHOTS (default /tmp/quorum-backup-screens).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appAddress, freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { checkState, download, goTo, WIDE } from './copies';
import { dumpStore } from './store-dump';

const SCREENS = process.env.QUORUM_SCREENSHOTS ?? '/tmp/quorum-backup-screens';

let browser: TestBrowser;
let files: string;

beforeAll(async () => {
  const [b, folder] = await Promise.all([launchBrowser({ viewport: WIDE }), mkdtemp(join(tmpdir(), 'quorum-e2e-backups-')), mkdir(SCREENS, { recursive: true })]);
  browser = b;
  files = folder;
});

afterAll(async () => {
  await browser?.close();
  if (files) await rm(files, { recursive: true, force: true });
});

type Dump = Record<string, { keys: unknown[]; values: unknown[] }>;

async function chooseFile(page: Page, path: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a backup file…' }).click()]);
  await chooser.setFiles(path);
}

async function nodeIdOf(page: Page): Promise<string> {
  await goTo(page, 'Settings');
  return (await page.getByRole('region', { name: 'Identity for sync' }).locator('dd code').nth(1).innerText()).trim();
}

describe('backup and restore', () => {
  it('backs a copy up, and restores it into a deleted store from the set-up screen with every table as it was', async () => {
    const store = freshStore('backup');
    const page = await openExample(browser, store);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    const oldNode = await nodeIdOf(page);

    // Back up from Settings: a real download of the file.
    const backups = page.getByRole('region', { name: 'Backups' });
    await backups.getByText('None yet').waitFor();
    const saved = await download(page, files, backups.getByRole('button', { name: 'Save a backup now' }));
    expect(saved).toMatch(/quorum-backup-bedfordshire-luton-.*\.quorumbackup$/);
    await backups.getByText(/^Backup saved and checked: /).waitFor();
    // Made off the window's thread, by the backup worker.
    expect(workers.some((url) => /backup-worker/.test(url)), workers.join(', ')).toBe(true);
    await backups.getByText(/quorum-backup-bedfordshire-luton-.*\.quorumbackup \(\d+ KB\)$/).waitFor();
    await checkState(page, SCREENS, 'backup-01-settings');
    const bytes = await readFile(saved);
    const header = JSON.parse(gunzipSync(bytes).toString('utf8').split('\n')[0]!) as { format: string; copy: { node: string }; tables: Record<string, number> };
    expect(header.format).toBe('quorum-backup');
    expect(header.copy.node).toBe(oldNode);
    expect(gunzipSync(bytes).toString('utf8')).not.toContain('privateKey');

    // The store as it was, then deleted, as when a browser clears its data.
    const before = JSON.parse(await dumpStore(page, store)) as Dump;
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
    const other = await browser.context.newPage();
    await other.goto(appAddress(freshStore('elsewhere')));
    await other.getByRole('heading', { level: 1, name: 'Set up Quorum' }).waitFor();
    expect(await other.evaluate((name) => new Promise<string>((done) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => done('deleted');
      request.onerror = () => done(String(request.error));
      request.onblocked = () => done('blocked');
    }), store)).toBe('deleted');
    await other.close();

    const restoring = await browser.context.newPage();
    const errors: Error[] = [];
    restoring.on('pageerror', (error) => errors.push(error));
    await restoring.goto(appAddress(store));
    await restoring.getByRole('heading', { level: 1, name: 'Set up Quorum' }).waitFor();
    const restore = restoring.getByRole('region', { name: 'Restore from a backup' });
    await restore.getByText(/This computer makes a new key and becomes a new copy of the consortium/).waitFor();

    // Not a backup: refused in plain words, nothing written.
    const notABackup = join(files, 'minutes.quorumbackup');
    await writeFile(notABackup, 'Minutes of the meeting of 8 December 2026');
    const empty = await dumpStore(restoring, store);
    await chooseFile(restoring, notABackup);
    const refused = restore.getByRole('alert');
    await refused.getByRole('heading', { name: '“minutes.quorumbackup” cannot be restored' }).waitFor();
    expect(await refused.innerText()).toContain('This file is not a Quorum backup: it holds something else.');
    expect(await refused.innerText()).toContain('Nothing has been changed.');
    await checkState(restoring, SCREENS, 'backup-02-refused');
    await refused.getByRole('button', { name: 'Close' }).click();

    // The backup: a preview in words, still nothing written.
    await chooseFile(restoring, saved);
    const preview = restore.getByRole('region', { name: /^A backup of Bedfordshire & Luton/ });
    await preview.waitFor();
    const shown = await preview.innerText();
    expect(shown).toContain('Voluntary and Community Action South Bedfordshire’s copy');
    expect(shown).toContain('22 November 2026 at');
    expect(shown).toContain(`${header.tables.projects} projects`);
    expect(shown).toContain(`${header.tables.organisations} organisations`);
    expect(shown).toContain('Nothing has been restored yet.');
    expect(shown).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no node ids
    expect(await dumpStore(restoring, store)).toBe(empty);
    await checkState(restoring, SCREENS, 'backup-03-preview');

    await preview.getByRole('button', { name: 'Restore this backup' }).click();
    await restoring.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const notice = restoring.getByRole('region', { name: 'Restored from a backup: enrol this copy again' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('this computer has made a new key, so it is a new copy of the consortium');
    expect(await notice.innerText()).toContain('Until your secretariat enrols it again, partners will not accept its bundles');
    await checkState(restoring, SCREENS, 'backup-04-restored');

    // Every table as it was, read from IndexedDB itself: all but this copy's own identity, and its trust of the copy it came from.
    const after = JSON.parse(await dumpStore(restoring, store)) as Dump;
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) {
      if (table === 'installation') continue;
      if (table === 'syncLedger') {
        const fromBackup = after[table]!.keys.indexOf(`enrolment:${oldNode}`);
        expect(fromBackup).toBeGreaterThanOrEqual(0);
        after[table]!.keys.splice(fromBackup, 1);
        after[table]!.values.splice(fromBackup, 1);
      }
      expect(after[table], table).toEqual(before[table]);
    }
    expect((await restoring.getByRole('banner').innerText())).toContain('Bedfordshire & Luton');

    // A new copy: another node id; the notice goes once read.
    const newNode = await nodeIdOf(restoring);
    expect(newNode).not.toBe(oldNode);
    await goTo(restoring, 'Dashboard');
    await notice.getByRole('button', { name: 'I have read this' }).click();
    await notice.waitFor({ state: 'detached' });
    await restoring.reload();
    await restoring.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await restoring.getByRole('region', { name: 'Restored from a backup: enrol this copy again' }).count()).toBe(0);

    // A week and a day later, never backed up since: the browser reminds, on every page, until dismissed or saved.
    await browser.context.clock.setSystemTime(new Date('2026-11-30T11:00:00Z'));
    await restoring.reload();
    const reminder = restoring.getByRole('region', { name: 'Time to save a backup' });
    await reminder.waitFor();
    expect(await reminder.innerText()).toContain('No backup of this copy has been saved yet.');
    await checkState(restoring, SCREENS, 'backup-05-reminder');
    await reminder.getByRole('button', { name: 'Remind me next time' }).click();
    await reminder.waitFor({ state: 'detached' });
    await restoring.reload();
    await restoring.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await reminder.count()).toBe(0); // dismissed for the session
    const fresh = await browser.context.newPage();
    await fresh.goto(appAddress(store));
    const again = fresh.getByRole('region', { name: 'Time to save a backup' });
    await download(fresh, files, again.getByRole('button', { name: 'Save a backup now' }));
    await again.waitFor({ state: 'detached' });
    await fresh.close();
    expect(errors).toEqual([]);
    await restoring.close();
  }, 180_000);
});
