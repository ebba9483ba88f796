/**
 * Roles granted on the Sync page and shown everywhere, with three copies of
 * Quorum (three browser profiles, three IndexedDB stores) exchanging real
 * bundle files through real downloads and file choosers. The secretariat loads
 * the example and saves everything for a new partner; two partners join from
 * that bundle and choose their organisation (their role is the consortium's to
 * grant, not theirs to choose); each partner's first bundle goes back and is
 * enrolled by fingerprint, with the role the consortium granted it (none),
 * whatever its bundle says. The secretariat grants the chair to the first
 * partner's copy — an impossible date refused in plain words and kept, and a
 * grant changed after it was made refused, nothing lost — and after its next
 * bundle the first partner's copy holds the chair (header, dashboard,
 * Settings, Sync) and the second's shows who the chair is, with no form to
 * grant a role. axe on every state; screenshots at 1024×768 and 320 px wide
 * go to $QUORUM_SCREENSHOTS (default /tmp/quorum-roles-screens), and nothing
 * scrolls sideways at either width.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { acceptPreview, checkState, download as downloadTo, enrolFrom as enrolCopy, fingerprintOf, goTo, joinFrom as joinCopy, openBundle, SECRETARIAT, WIDE } from './copies';
import { londonToday } from '../db/london-today';
import { formatDate } from '../../shared/rules/calendar-date';

const SCREENS = process.env.QUORUM_SCREENSHOTS ?? '/tmp/quorum-roles-screens';
const CHAIR = 'Voluntary Action Luton';
const PARTNER = 'Volunteer Centre Bedford';
/*
 * The browsers keep the real time: bundles are imported in a Web Worker, whose clock the
 * test cannot hold back, and a grant is held from the clock time it is made.
 */
const NOW = new Date().toISOString();
const TODAY = londonToday(new Date(NOW));
const TODAY_WORDS = formatDate(TODAY);

let secretariat: TestBrowser;
let second: TestBrowser;
let third: TestBrowser;
let files: string;

beforeAll(async () => {
  const [a, b, c, folder] = await Promise.all([
    launchBrowser({ viewport: WIDE, now: NOW }),
    launchBrowser({ viewport: WIDE, now: NOW }),
    launchBrowser({ viewport: WIDE, now: NOW }),
    mkdtemp(join(tmpdir(), 'quorum-e2e-roles-')),
    mkdir(SCREENS, { recursive: true }),
  ]);
  secretariat = a;
  second = b;
  third = c;
  files = folder;
});

afterAll(async () => {
  await Promise.all([secretariat?.close(), second?.close(), third?.close()]);
  if (files) await rm(files, { recursive: true, force: true });
});

const check = (page: Page, name: string) => checkState(page, SCREENS, name);
const download = (page: Page, button: Locator) => downloadTo(page, files, button);
const joinFrom = (browser: TestBrowser, store: string, everything: string, fingerprint: string, organisation: string, screen?: string) =>
  joinCopy(browser, store, everything, fingerprint, organisation, screen ? (page) => check(page, screen) : undefined);
const enrolFrom = (s: Page, partner: Page, name: string, screen?: string) => enrolCopy(s, partner, files, name, screen ? (page) => check(page, screen) : undefined);

const roles = (page: Page) => page.getByRole('region', { name: 'Roles in the consortium' });

/** Who holds an office, as the "Who holds each office now" list says it. */
async function holderOf(page: Page, office: string): Promise<string> {
  const row = roles(page).locator('.roles-now-row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${office}$`) }) });
  return (await row.locator('dd').innerText()).replace(/\s+/g, ' ').trim();
}

/** What the segments of a date field show ("31/02/2027"). */
async function shownDate(page: Page, label: string): Promise<string> {
  return (await page.getByRole('group', { name: label, exact: true }).innerText()).replace(/\s+/g, '');
}

const stores = { s: freshStore('roles-secretariat'), chair: freshStore('roles-chair'), partner: freshStore('roles-partner') };

describe('roles granted on the Sync page, with three copies', () => {
  it('the secretariat grants the chair to a partner’s copy; the next bundle gives it the chair on that copy and shows it on the third', async () => {
    // The secretariat: the example, in which this copy founded the consortium and holds the secretariat and, at the same organisation, the Accountable Body.
    const s = await openExample(secretariat, stores.s);
    await s.locator('.app-header').filter({ hasText: `Secretariat and Accountable Body · ${SECRETARIAT}` }).waitFor();
    await s.getByText('this computer is used by the secretariat and the Accountable Body.').waitFor();
    await goTo(s, 'Sync');
    await roles(s).waitFor();
    expect(await holderOf(s, 'Secretariat')).toBe(`${SECRETARIAT} (this copy) since ${TODAY_WORDS}`);
    expect(await holderOf(s, 'Chair')).toBe('Nobody holds it now');
    expect(await holderOf(s, 'Accountable Body')).toBe(`${SECRETARIAT} (this copy) since ${TODAY_WORDS}`);
    const firstGrants = await roles(s).getByRole('listitem').allInnerTexts();
    expect(firstGrants).toHaveLength(2);
    expect(firstGrants.join('\n')).toContain(`Secretariat: ${SECRETARIAT} (this copy) In office`);
    // Nobody is enrolled yet: nothing to grant to.
    await roles(s).getByText('Grant a role: no other copy is enrolled yet.').waitFor();
    await check(s, 'roles-01-secretariat-before');
    const secretariatFingerprint = await fingerprintOf(s);
    const everything = await download(s, s.getByRole('button', { name: 'Save everything for a new partner' }));

    // Two partners join from that one bundle and are enrolled back by fingerprint.
    const c = await joinFrom(second, stores.chair, everything, secretariatFingerprint, CHAIR, 'roles-02-partner-joined-settings');
    const p = await joinFrom(third, stores.partner, everything, secretariatFingerprint, PARTNER);
    await enrolFrom(s, c, CHAIR, 'roles-03-secretariat-enrols-no-office');
    await enrolFrom(s, p, PARTNER);

    // The secretariat grants the chair to the first partner's copy.
    await goTo(s, 'Sync');
    const form = roles(s).getByRole('form', { name: 'Grant a role' });
    await form.waitFor();
    expect(await form.innerText()).toContain('reaches the other copies in the next bundle');
    expect(await form.innerText()).toContain('A grant cannot be changed once it is made: a new grant of the same office replaces it');
    expect(await form.getByRole('combobox', { name: 'Copy' }).locator('option').allInnerTexts()).toEqual(['Choose a copy', CHAIR, PARTNER]);
    await form.getByRole('combobox', { name: 'Office' }).selectOption({ label: 'Chair' });
    await form.getByRole('combobox', { name: 'Copy' }).selectOption({ label: CHAIR });
    // A day that does not exist is refused in plain words, and what was typed stays.
    await form.getByRole('group', { name: 'Date it takes effect' }).getByRole('spinbutton', { name: /^day/ }).click();
    await s.keyboard.type('31');
    await s.keyboard.type('02');
    await s.keyboard.type('2027');
    const typed = await shownDate(s, 'Date it takes effect');
    await form.getByRole('button', { name: 'Grant the role' }).click();
    if (typed === '31/02/2027') {
      await form.getByRole('alert').filter({ hasText: 'There is a problem' }).getByText('The date it takes effect is not a real date').waitFor();
    } else {
      // The date field itself would not take 31 February: it settled on the last day of the month, which is a real date.
      expect(typed).toBe('28/02/2027');
    }
    expect(await shownDate(s, 'Date it takes effect')).toBe(typed);
    expect(await form.getByRole('combobox', { name: 'Copy' }).inputValue()).not.toBe('');
    if (typed === '31/02/2027') await check(s, 'roles-04-secretariat-impossible-date');
    if (typed !== '31/02/2027') {
      // Then only a half-typed date can be refused: rub out the year.
      await form.getByRole('group', { name: 'Date it takes effect' }).getByRole('spinbutton', { name: /^year/ }).click();
      for (let i = 0; i < 4; i += 1) await s.keyboard.press('Backspace');
      await form.getByRole('button', { name: 'Grant the role' }).click();
      await form.getByRole('alert').filter({ hasText: 'Date it takes effect must include a year' }).waitFor();
      await check(s, 'roles-04-secretariat-impossible-date');
    }
    // From today.
    await form.getByRole('group', { name: 'Date it takes effect' }).getByRole('spinbutton', { name: /^day/ }).click();
    await s.keyboard.type(TODAY.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3$2$1'));
    expect(await shownDate(s, 'Date it takes effect')).toBe(TODAY.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1'));
    await form.getByText(`Will grant: Chair from today, ${TODAY_WORDS} to ${CHAIR}.`).waitFor();
    await form.getByRole('button', { name: 'Grant the role' }).click();
    await form.getByRole('status').filter({ hasText: `Granted: Chair from today, ${TODAY_WORDS} to ${CHAIR}. It reaches the other copies in the next bundle` }).waitFor();
    await roles(s).locator('.roles-now-row').filter({ hasText: `${CHAIR} since` }).waitFor();
    expect(await holderOf(s, 'Chair')).toBe(`${CHAIR} since ${TODAY_WORDS} — the copy enrolled as ${CHAIR}`);
    await check(s, 'roles-05-secretariat-granted');

    // A grant is never changed: the same grant again with a note is refused, in the error summary, and nothing typed is lost.
    await form.getByRole('combobox', { name: 'Office' }).selectOption({ label: 'Chair' });
    await form.getByRole('combobox', { name: 'Copy' }).selectOption({ label: CHAIR });
    await form.getByRole('textbox', { name: 'Note (optional)' }).fill('Elected at the annual meeting');
    await form.getByRole('button', { name: 'Grant the role' }).click();
    const refused = form.getByRole('alert').filter({ hasText: 'This could not be saved' });
    await refused.getByText('This copy cannot change a role granted: it is written once; a new one replaces it. Nothing was saved.').waitFor();
    expect(await form.getByRole('textbox', { name: 'Note (optional)' }).inputValue()).toBe('Elected at the annual meeting');
    expect(await form.getByRole('combobox', { name: 'Copy' }).inputValue()).not.toBe('');
    await check(s, 'roles-06-secretariat-refused');
    await form.getByRole('textbox', { name: 'Note (optional)' }).fill('');

    // The secretariat's next bundle carries the grant.
    const forChair = await download(s, s.getByRole('button', { name: `Save a bundle for ${CHAIR}` }));
    const forPartner = await download(s, s.getByRole('button', { name: `Save a bundle for ${PARTNER}` }));

    // The first partner's copy now holds the chair: header, dashboard, Settings and Sync all say so.
    await goTo(c, 'Sync');
    expect(await holderOf(c, 'Chair')).toBe('Nobody holds it now');
    await openBundle(c, forChair);
    await acceptPreview(c);
    await c.locator('.app-header').filter({ hasText: `Chair · ${CHAIR}` }).waitFor();
    await roles(c).locator('.roles-now-row').filter({ hasText: `${CHAIR} (this copy) since` }).waitFor();
    expect(await holderOf(c, 'Chair')).toBe(`${CHAIR} (this copy) since ${TODAY_WORDS}`);
    expect(await c.getByRole('region', { name: 'This copy' }).innerText()).toMatch(/Role\s+Chair/);
    // The chair does not grant roles either.
    expect(await roles(c).getByRole('form', { name: 'Grant a role' }).count()).toBe(0);
    await roles(c).getByText('Only the secretariat or the Accountable Body grants roles').waitFor();
    await check(c, 'roles-07-chair-sync');
    await goTo(c, 'Settings');
    await c.locator('.this-copy-roles-now').filter({ hasText: `Chair since ${TODAY_WORDS}; copy of ${CHAIR}` }).waitFor();
    await check(c, 'roles-08-chair-settings');
    await goTo(c, 'Dashboard');
    await c.getByText('this computer is used by the chair.').waitFor();

    // The third copy shows the first partner as chair, and has no form: no copy can give itself a role.
    await goTo(p, 'Sync');
    await openBundle(p, forPartner);
    await acceptPreview(p);
    // The grant and the enrolment of the chair's copy arrive together; the row may name the copy a moment after the grant shows.
    await roles(p).locator('.roles-now-row').filter({ hasText: `${CHAIR} since ${TODAY_WORDS} — the copy enrolled as ${CHAIR}` }).waitFor();
    expect(await holderOf(p, 'Chair')).toBe(`${CHAIR} since ${TODAY_WORDS} — the copy enrolled as ${CHAIR}`);
    expect(await roles(p).getByRole('form', { name: 'Grant a role' }).count()).toBe(0);
    await roles(p).getByText('Only the secretariat or the Accountable Body grants roles: this copy shows them, and cannot grant one.').waitFor();
    await p.locator('.app-header').filter({ hasText: `Partner organisation · ${PARTNER}` }).waitFor();
    const history = await roles(p).getByRole('listitem').allInnerTexts();
    expect(history[0]).toContain(`Chair: ${CHAIR}`);
    expect(history[0]).toContain(`granted on ${TODAY_WORDS} by ${SECRETARIAT}`);
    await check(p, 'roles-09-partner-sees-chair');
    await goTo(p, 'Settings');
    await p.locator('.this-copy-roles-now').filter({ hasText: `Partner organisation (no office granted); copy of ${PARTNER}` }).waitFor();

    for (const page of [s, c, p]) expect(uncaughtErrors(page)).toEqual([]);
    // Three copies, nine states each checked by axe and photographed at two widths: longer than one page's test.
  }, 240_000);
});
