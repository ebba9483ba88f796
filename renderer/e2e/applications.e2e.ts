/**
 * The chair's handling of a membership application, tried as new users would
 * (issue 8, "Done when"), with four copies of Quorum — four browser profiles,
 * four IndexedDB stores — exchanging real bundle files: the secretariat (the
 * example's founder, also the Accountable Body), the chair, and two partners.
 *
 * The secretariat grants the chair, records an application claiming 3 of the 5
 * criteria and opens the consultation; one partner supports it and the other
 * objects, each from its own copy; their answers reach the chair's copy in
 * their bundles; the chair refers it to the next consortium meeting, where it
 * appears on the agenda, and the invitation letter exports as DOCX (read back)
 * and prints as PDF (read back with pdftotext). An application claiming 2 of 5
 * cannot be admitted and says why. axe and both widths on every screen;
 * screenshots to $QUORUM_SCREENSHOTS (default /tmp/quorum-applications-screens).
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { freshStore, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { bundleFor, checkState, download, enrolFrom, fingerprintOf, goTo, grantFromToday, importBundle, joinFrom, copiesForTests } from './copies';
import { londonToday } from '../db/london-today';

const SCREENS = process.env.QUORUM_SCREENSHOTS ?? '/tmp/quorum-applications-screens';
const CHAIR = 'Voluntary Action Luton';
const SUPPORTER = 'Volunteer Centre Bedford';
const OBJECTOR = 'Bedford Race Equality Council';
const APPLICANT = 'Leighton Linslade Volunteer Centre';
const WEAK = 'Dunstable Community Hub';
// Bundles are imported in a Web Worker, whose clock the test cannot hold back: the browsers keep the real time (copiesForTests).
const TODAY = londonToday(new Date());

const copies = copiesForTests('applications', 4, SCREENS);

const check = (page: Page, name: string) => checkState(page, SCREENS, name);

/** Records an application on the secretariat's copy, claiming the first `claimed` criteria; returns to its page. */
async function recordApplication(s: Page, name: string, claimed: number) {
  await goTo(s, 'Applications');
  await s.getByRole('link', { name: 'Record an application' }).click();
  await s.getByRole('heading', { level: 1, name: 'Record an application' }).waitFor();
  const form = s.getByRole('form', { name: 'New application for membership' });
  await form.getByRole('textbox', { name: 'Name of the organisation' }).fill(name);
  await form.getByRole('textbox', { name: 'Contact name' }).fill('Sam Example');
  await form.getByRole('textbox', { name: 'Email' }).fill('sam@example.org');
  await form.getByRole('textbox', { name: 'Address' }).fill('1 High Street\nLeighton Buzzard LU7 1AA');
  const criteria = form.locator('.criteria-claim');
  for (let i = 0; i < claimed; i += 1) {
    await criteria.nth(i).getByRole('checkbox').check();
    await criteria.nth(i).getByRole('textbox', { name: 'How it meets this criterion' }).fill(`Our work on criterion ${i + 1}: forums, surgeries and a newsletter`);
  }
  await form.getByRole('textbox', { name: 'Level of work dedicated to infrastructure support' }).fill('Two full-time staff');
  await form.getByText(`Meets ${claimed} of the 5 criteria`).waitFor();
  if (claimed === 3) await check(s, 'applications-00-form');
  await form.getByRole('button', { name: 'Record the application' }).click();
  await s.getByRole('heading', { level: 1, name }).waitFor();
}

describe('an application handled by the chair, with members consulted from their own copies', () => {
  it('goes from the secretariat to two partners and the chair, and to the next meeting’s agenda with an invitation letter', async () => {
    const [sb, cb, pb, qb] = copies.browsers as [TestBrowser, TestBrowser, TestBrowser, TestBrowser];
    const files = copies.files;
    const s = await openExample(sb, freshStore('applications-secretariat'));
    await goTo(s, 'Sync');
    const everything = await download(s, files, s.getByRole('button', { name: 'Save everything for a new partner' }));
    const fingerprint = await fingerprintOf(s);
    const c = await joinFrom(cb, freshStore('applications-chair'), everything, fingerprint, CHAIR);
    const p = await joinFrom(pb, freshStore('applications-supporter'), everything, fingerprint, SUPPORTER);
    const q = await joinFrom(qb, freshStore('applications-objector'), everything, fingerprint, OBJECTOR);
    for (const [page, name] of [[c, CHAIR], [p, SUPPORTER], [q, OBJECTOR]] as const) await enrolFrom(s, page, files, name);
    await grantFromToday(s, 'Chair', CHAIR, TODAY);

    // The secretariat records the application; the form counts the criteria as they are ticked.
    await recordApplication(s, APPLICANT, 3);
    await s.getByRole('status').filter({ hasText: `Recorded the application from ${APPLICANT}.` }).waitFor();
    await s.getByText('Can be admitted.').waitFor();
    expect(await s.locator('.panel--accent').first().innerText()).toContain('Meets 3 of the 5 criteria; 3 are needed.');
    await check(s, 'applications-01-received');
    const consult = s.getByRole('form', { name: 'Consult the members' });
    expect(await consult.innerText()).toContain(SUPPORTER);
    expect(await consult.innerText()).toContain(OBJECTOR);
    await consult.getByRole('button', { name: 'Open the consultation' }).click();
    await s.getByRole('heading', { level: 2, name: 'Members being consulted' }).waitFor();

    // An application showing 2 of the 5 cannot be admitted, and says why, before anyone is consulted.
    await recordApplication(s, WEAK, 2);
    await s.getByText('Cannot be admitted.').waitFor();
    expect(await s.locator('.panel--accent').first().innerText()).toContain(
      'Meets 2 of the 5 criteria; 3 are needed, so the application must show how the organisation meets 1 more before it can be admitted.',
    );
    await check(s, 'applications-02-cannot-be-admitted');
    await goTo(s, 'Applications');
    await check(s, 'applications-03-list-secretariat');

    // The secretariat's bundles carry the chair's grant, the applications and the consultation.
    const toChair = await bundleFor(s, files, CHAIR);
    const toSupporter = await bundleFor(s, files, SUPPORTER);
    const toObjector = await bundleFor(s, files, OBJECTOR);

    // Each partner answers from its own copy, for its own organisation only.
    for (const [page, bundle, choice, comment, name] of [
      [p, toSupporter, 'We support it', 'A strong record of support to small groups', SUPPORTER],
      [q, toObjector, 'We object', 'It overlaps the area we already serve', OBJECTOR],
    ] as const) {
      await importBundle(page, bundle);
      await goTo(page, 'Applications');
      const waiting = page.getByRole('region', { name: 'Waiting for you' });
      await waiting.getByRole('link', { name: APPLICANT }).click();
      await page.getByRole('heading', { level: 1, name: APPLICANT }).waitFor();
      const answer = page.getByRole('form', { name: `${name}’s answer` });
      // A partner's copy neither opens, refers nor decides, and records no answer for others.
      expect(await page.getByRole('form', { name: 'Record an answer given another way' }).count()).toBe(0);
      expect(await page.getByRole('form', { name: 'The chair’s decision' }).count()).toBe(0);
      await answer.getByRole('button', { name: 'Give our answer' }).click();
      await answer.getByText('Choose support, object or needs clarification').first().waitFor();
      await answer.getByRole('radio', { name: choice }).check();
      await answer.getByRole('textbox', { name: 'Comment (optional)' }).fill(comment);
      await answer.getByRole('button', { name: 'Give our answer' }).click();
      await answer.getByRole('status').filter({ hasText: 'Your answer is saved.' }).waitFor();
      if (page === q) await check(q, 'applications-04-partner-answered');
    }
    const fromSupporter = await bundleFor(p, files, CHAIR);
    const fromObjector = await bundleFor(q, files, CHAIR);

    // The chair's copy: its grant from the secretariat, then the partners' answers, each in its own bundle.
    await importBundle(c, toChair);
    await c.locator('.app-header').filter({ hasText: `Chair · ${CHAIR}` }).waitFor();
    await importBundle(c, fromSupporter);
    await importBundle(c, fromObjector);
    await goTo(c, 'Dashboard');
    const card = c.getByRole('region', { name: 'Applications' });
    await card.getByText('Waiting for the chair: 1').waitFor();
    await check(c, 'applications-05-chair-dashboard');
    await card.getByRole('link', { name: APPLICANT }).click();
    await c.getByRole('heading', { level: 1, name: APPLICANT }).waitFor();
    const answers = c.getByRole('table', { name: 'Members’ answers to the consultation' });
    await answers.getByRole('row', { name: new RegExp(SUPPORTER) }).filter({ hasText: 'Supports' }).waitFor();
    await answers.getByRole('row', { name: new RegExp(OBJECTOR) }).filter({ hasText: 'Objects' }).waitFor();
    expect(await answers.innerText()).toContain('It overlaps the area we already serve');
    expect(await c.getByRole('region', { name: 'Members being consulted' }).innerText()).toContain('1 member objects, so the chair refers the application to the next consortium meeting.');
    // With an objection the chair does not decide alone: the step offered is the referral.
    expect(await c.getByRole('form', { name: 'The chair’s decision' }).count()).toBe(0);
    const refer = c.getByRole('form', { name: 'Refer it to the next consortium meeting' });
    await check(c, 'applications-06-chair-refers');
    const referButton = refer.getByRole('button', { name: /^Refer to the meeting on / });
    const meetingDate = (await referButton.innerText()).replace('Refer to the meeting on ', '');
    await referButton.click();
    await c.getByRole('heading', { level: 2, name: 'Referred to a consortium meeting' }).waitFor();

    // It is on that meeting's agenda.
    await c.getByRole('link', { name: 'The meeting’s agenda' }).click();
    const agenda = c.getByRole('list', { name: 'Agenda' });
    await agenda.getByRole('link', { name: `Application for membership: ${APPLICANT}` }).waitFor();
    expect(await c.getByRole('heading', { level: 1 }).innerText()).toBe('Consortium meeting');
    expect(await c.locator('.page-intro').innerText()).toContain(meetingDate);
    await check(c, 'applications-07-agenda');
    await agenda.getByRole('link', { name: `Application for membership: ${APPLICANT}` }).click();
    await c.getByRole('heading', { level: 1, name: APPLICANT }).waitFor();

    // The invitation letter: a real DOCX, read back.
    const letters = c.getByRole('region', { name: 'Letters to the applicant' });
    const docx = await download(c, files, letters.getByRole('button', { name: 'Invitation letter as DOCX' }));
    expect(docx).toMatch(/\.docx$/);
    const xml = await (await JSZip.loadAsync(await readFile(docx))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(APPLICANT);
    expect(text).toContain(meetingDate);
    expect(text).toContain('Sam Example');
    // … and as PDF, printed as the desktop app prints, read back with pdftotext.
    await letters.getByRole('button', { name: 'Invitation letter as PDF' }).click();
    await c.getByRole('button', { name: /Print or save as PDF/ }).waitFor();
    await check(c, 'applications-08-invitation-print-view');
    const pdfPath = join(files, 'invitation.pdf');
    await writeFile(pdfPath, await c.pdf({ format: 'A4' }));
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', pdfPath, '-']);
    expect(stdout).toContain(APPLICANT);
    expect(stdout.replace(/\s+/g, ' ')).toContain(meetingDate);
    expect(stdout).not.toContain('Print or save as PDF');

    // Back at the secretariat, the referral and its agenda item arrive with the chair's bundle.
    await importBundle(s, await bundleFor(c, files, 'Voluntary and Community Action South Bedfordshire'));
    await goTo(s, 'Dashboard');
    const referredCard = s.getByRole('region', { name: 'Applications' });
    await referredCard.getByText('Referred to a meeting: 1').waitFor();
    await referredCard.getByRole('link', { name: APPLICANT }).click();
    await s.getByRole('heading', { level: 1, name: APPLICANT }).waitFor();
    // The meeting has not been held: its decision is not offered yet; the invitation is.
    await s.getByRole('status').filter({ hasText: 'Record the decision of the meeting on' }).waitFor();
    expect(await s.getByRole('form', { name: 'Record the meeting’s decision' }).count()).toBe(0);
    // Its history, from the change log, says each step in words.
    // Opened, and open again should the page redraw it closed while the bundle's changes settle.
    const historyButton = s.locator('#application-history-heading').getByRole('button', { name: 'History' });
    await historyButton.scrollIntoViewIfNeeded();
    const history = s.getByRole('list', { name: 'History' });
    await expect
      .poll(
        async () => {
          if ((await historyButton.getAttribute('aria-expanded', { timeout: 2_000 })) !== 'true') await historyButton.click({ timeout: 2_000 });
          return (await history.count()) > 0 ? await history.innerText() : '';
        },
        { timeout: 30_000, interval: 250 },
      )
      .toMatch(/Referred to .*1 member objects/);
    expect(await history.innerText()).toMatch(/Step: Members consulted until \d+ \w+ \d{4} \(6 members asked\)/);
    expect(await history.innerText()).not.toMatch(/event:|consulting|referred"/);
    await check(s, 'applications-09-secretariat-history');

    for (const page of [s, c, p, q]) expect(uncaughtErrors(page)).toEqual([]);
  }, 300_000);
});
