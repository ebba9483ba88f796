/**
 * Sync through a shared folder in Chromium, as far as a test can drive it
 * (docs/bundle-format.md §12). Three copies — the example's secretariat and two
 * partners who joined it — each choose "the shared folder" in Settings; the
 * second partner, not yet enrolled at the secretariat, waits there until a
 * person compares fingerprints from the Sync page; from then on the
 * secretariat's grant of the chair reaches both partners with no file saved or
 * opened by hand, a bundle half copied into the folder is passed over
 * ("Not ready yet") and picked up once whole, and the three stores end with the
 * same records.
 *
 * What this proves and what it does not: the app's browser implementation runs
 * for real (a FileSystemDirectoryHandle kept in IndexedDB, listing, reading,
 * createWritable), and so do the pass, the import path and the screens. But a
 * test cannot click through Chromium's folder picker, and a folder on disk is
 * not shared between browser profiles, so the three copies are three stores
 * (?db=) in one profile and showDirectoryPicker is replaced, before the app
 * loads, by one that hands back the same folder of the origin private file
 * system to each. Sharing between machines is what the unit test of three
 * copies through the main process's module (folder-sync.test.ts) covers with a
 * real folder on disk. The re-asked permission (a click after a restart) is not
 * exercised: that folder is always granted.
 *
 * Screenshots go to $QUORUM_SCREENSHOTS (default /tmp/quorum-folder-screens).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../shared/sync/change';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { acceptPreview, checkState, download as downloadTo, enrolFrom, fingerprintOf, goTo, grantFromToday, joinFrom, WIDE } from './copies';

const SCREENS = process.env.QUORUM_SCREENSHOTS ?? '/tmp/quorum-folder-screens';
const CHAIR = 'Voluntary Action Luton';
const PARTNER = 'Volunteer Centre Bedford';
// Real time: imports run in a Web Worker, whose clock the test cannot hold back.
const NOW = new Date().toISOString();
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(NOW));

let browser: TestBrowser;
let files: string;
const stores = { s: freshStore('folder-secretariat'), chair: freshStore('folder-chair'), partner: freshStore('folder-partner') };

beforeAll(async () => {
  [browser, files] = await Promise.all([launchBrowser({ viewport: WIDE, now: NOW }), mkdtemp(join(tmpdir(), 'quorum-e2e-folder-')), mkdir(SCREENS, { recursive: true })]);
  // The folder picker a test cannot click: the same folder of this origin's private file system for every copy.
  await browser.context.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle('Consortium bundles', { create: true });
  });
});

afterAll(async () => {
  await browser?.close();
  if (files) await rm(files, { recursive: true, force: true });
});

const folderPanel = (page: Page) => page.getByRole('region', { name: 'Shared folder' });

async function chooseFolder(page: Page) {
  await goTo(page, 'Settings');
  const section = folderPanel(page);
  await section.getByRole('button', { name: 'Choose a shared folder…' }).click();
  await section.getByText('Consortium bundles').waitFor();
}

/** On the Sync page: "Sync with the folder now", and the pass finished. */
async function syncNow(page: Page): Promise<Locator> {
  await goTo(page, 'Sync');
  const panel = folderPanel(page);
  const button = panel.getByRole('button', { name: 'Sync with the folder now' });
  await button.click();
  await panel.getByRole('button', { name: 'Sync with the folder now' }).and(page.locator(':enabled')).waitFor();
  return panel;
}

/** The files in the shared folder, read in the page (the origin private file system). */
function folderFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('Consortium bundles');
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names.sort();
  });
}

/** Replaces a file in the folder with the first `fraction` of `bytes` (a cloud client part-way through), or with them whole. */
function putFile(page: Page, name: string, bytes: number[]): Promise<void> {
  return page.evaluate(
    async ({ name, bytes }) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('Consortium bundles');
      const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await writable.write(new Uint8Array(bytes));
      await writable.close();
    },
    { name, bytes },
  );
}

function readFolderFile(page: Page, name: string): Promise<number[]> {
  return page.evaluate(async (name) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('Consortium bundles');
    return [...new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer())];
  }, name);
}

/** Every synced table of a store, rows in key order: what every copy should agree on. */
function syncedRecords(page: Page, store: string): Promise<string> {
  return page.evaluate(
    ({ store, tables }) =>
      new Promise<string>((done, fail) => {
        const open = indexedDB.open(store);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = tables.filter((t) => db.objectStoreNames.contains(t));
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown> = {};
          for (const name of names) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => {
              out[name] = all.result;
            };
          }
          // Members in a fixed order: a row written by an import lists them in another order than one written here.
          const sorted = (value: unknown): unknown =>
            Array.isArray(value)
              ? value.map(sorted)
              : value && typeof value === 'object'
                ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]))
                : value;
          tx.oncomplete = () => {
            db.close();
            done(JSON.stringify(sorted(out)));
          };
        };
      }),
    { store, tables: [...SYNCED_TABLES] },
  );
}

describe('three copies syncing through a shared folder in Chromium', () => {
  it('converge with no file opened by hand, skipping a half-copied bundle until it is whole', async () => {
    const check = (page: Page, name: string) => checkState(page, SCREENS, name);
    // The consortium: the secretariat's example; two partners join from its bundle and are enrolled back (by hand, as joining is).
    const s = await openExample(browser, stores.s);
    await goTo(s, 'Sync');
    const fingerprint = await fingerprintOf(s);
    const everything = await downloadTo(s, files, s.getByRole('button', { name: 'Save everything for a new partner' }));
    const c = await joinFrom(browser, stores.chair, everything, fingerprint, CHAIR);
    const p = await joinFrom(browser, stores.partner, everything, fingerprint, PARTNER);
    await enrolFrom(s, c, files, CHAIR);

    // Before a folder is chosen, the Sync page says where to choose one.
    await goTo(s, 'Sync');
    await folderPanel(s).getByText('This copy does not sync through a shared folder.').waitFor();

    // Each copy points at the folder; each pass leaves a bundle there for each partner the copy has enrolled.
    await chooseFolder(s);
    await check(s, 'folder-01-settings-chosen');
    await chooseFolder(c);
    await goTo(p, 'Sync');
    const partnerFingerprint = await fingerprintOf(p);
    await chooseFolder(p);

    // The second partner is not enrolled at the secretariat yet: its bundle waits there for a person.
    const waiting = await syncNow(s);
    await waiting.getByRole('heading', { name: 'Waiting for you: copies not enrolled here' }).waitFor();
    await check(s, 'folder-02-sync-sender-not-enrolled');
    await waiting.getByRole('button', { name: `Compare fingerprints with ${PARTNER}…` }).click();
    // The usual enrolment, as for a file opened by hand.
    const enrol = s.getByRole('region', { name: `Compare fingerprints with ${PARTNER}` });
    await enrol.waitFor();
    expect((await enrol.locator('.sync-fingerprint').innerText()).replace(/\s+/g, ' ').trim()).toBe(partnerFingerprint);
    await enrol.getByRole('checkbox', { name: /Every group of the fingerprint matches/ }).check();
    await enrol.getByRole('button', { name: 'Enrol and continue' }).click();
    await acceptPreview(s);
    await s.getByRole('row', { name: new RegExp(PARTNER) }).filter({ hasText: 'Trusted' }).waitFor();
    await syncNow(s);
    expect((await folderFiles(s)).filter((name) => name.includes(' – from Voluntary and Community'))).toHaveLength(2);

    // From here nobody saves or opens a file: the secretariat grants the chair, and its next pass carries it.
    await grantFromToday(s, 'Chair', CHAIR, TODAY);
    await syncNow(s);

    // The partner's bundle from the secretariat is only half there, as while a cloud client copies it.
    const forPartner = (await folderFiles(s)).find((name) => name.includes(`to ${PARTNER}`) && name.includes('from Voluntary and Community'))!;
    const whole = await readFolderFile(s, forPartner);
    await putFile(s, forPartner, whole.slice(0, Math.floor(whole.length / 2)));
    const half = await syncNow(p);
    await half.getByRole('heading', { name: 'Not ready yet' }).waitFor();
    await half.getByText(`${forPartner}: still being copied into the folder.`).waitFor();
    expect(await half.getByRole('heading', { name: 'Not imported' }).count()).toBe(0);
    await check(p, 'folder-03-sync-half-copied');

    // The copy finishes: the next pass imports it.
    await putFile(s, forPartner, whole);
    const done = await syncNow(p);
    // The secretariat's first bundle for this copy, written once it was enrolled there, carrying the grant too.
    await done.getByRole('listitem').filter({ hasText: /^From Voluntary and Community Action South Bedfordshire, .*: \d+ changes?\./ }).waitFor();
    expect(await done.getByRole('heading', { name: 'Not ready yet' }).count()).toBe(0);

    // The chair's copy learns it holds the chair.
    const chairPanel = await syncNow(c);
    await chairPanel.getByRole('listitem').filter({ hasText: /^From Voluntary and Community Action South Bedfordshire/ }).first().waitFor();
    await c.locator('.app-header').filter({ hasText: `Chair · ${CHAIR}` }).waitFor();
    await check(c, 'folder-04-sync-came-in');

    // A few more passes each way, and the three stores hold the same records.
    for (let round = 0; round < 2; round++) for (const page of [s, c, p]) await syncNow(page);
    const [a, b, d] = (await Promise.all([syncedRecords(s, stores.s), syncedRecords(c, stores.chair), syncedRecords(p, stores.partner)])).map((dump) => JSON.parse(dump) as Record<string, unknown>);
    const differing = (x: Record<string, unknown>, y: Record<string, unknown>) => SYNCED_TABLES.filter((table) => JSON.stringify(x[table]) !== JSON.stringify(y[table]));
    expect(differing(a!, b!), 'tables the chair’s copy holds differently').toEqual([]);
    expect(differing(a!, d!), 'tables the partner’s copy holds differently').toEqual([]);
    expect((a!.roleGrants as unknown[]).length).toBe(3);
    // Only Quorum's bundles are in the folder, each whole: one per copy and partner.
    expect(await folderFiles(s)).toHaveLength(6);

    // Stopping leaves the folder as it is.
    await goTo(p, 'Settings');
    await folderPanel(p).getByRole('button', { name: 'Stop syncing through this folder' }).click();
    await folderPanel(p).getByRole('button', { name: 'Choose a shared folder…' }).waitFor();
    expect(await folderFiles(s)).toHaveLength(6);

    for (const page of [s, c, p]) expect(uncaughtErrors(page)).toEqual([]);
  }, 240_000);
});
