/**
 * Partners' quarterly claims, tried as new users would (issue 11, "Done when"),
 * with three copies of Quorum — three browser profiles, three IndexedDB stores —
 * exchanging real bundle files: the Accountable Body (the example's founder,
 * Voluntary and Community Action South Bedfordshire, also the secretariat) and
 * two partners on the Procurement project.
 *
 * Each partner enters its Q1 claim on its own copy (a negative amount and a
 * fraction of a penny refused in words first) and sends it; the Accountable Body
 * sees them waiting on its dashboard, queries one line, the partner answers from
 * its own copy, and the Accountable Body approves it line by line at a lower
 * amount with a reason, and the other as claimed; the approvals reach the
 * partners' copies, with the reason and the claim's history. axe and both widths
 * on every screen; screenshots to $QUORUM_SCREENSHOTS (default
 * /tmp/quorum-claims-screens).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { freshStore, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { bundleFor, checkState, download, enrolFrom, fingerprintOf, goTo, importBundle, joinFrom, nav, SECRETARIAT, copiesForTests } from './copies';

const SCREENS = process.env.QUORUM_SCREENSHOTS ?? '/tmp/quorum-claims-screens';
const LUTON = 'Voluntary Action Luton';
const MID = 'Community & Voluntary Service Mid and North Bedfordshire';
const PROJECT = 'Procurement';
// Bundles are imported in a Web Worker, whose clock the test cannot hold back: the browsers keep the real time (copiesForTests).

const copies = copiesForTests('claims', 3, SCREENS);

const check = (page: Page, name: string) => checkState(page, SCREENS, name);

async function openClaims(page: Page) {
  await nav(page, 'Claims').click();
  await page.getByRole('heading', { level: 1, name: 'Claims' }).waitFor();
}

/** On a partner's copy: opens its Q1 2026/27 claim on the project from the Claims page. */
async function openOwnQ1Claim(page: Page) {
  await openClaims(page);
  const start = page.getByRole('form', { name: 'Start a claim' });
  await start.getByRole('combobox', { name: 'Project' }).selectOption({ label: PROJECT });
  await start.getByRole('combobox', { name: 'Financial year' }).selectOption('2026/27');
  await start.getByRole('combobox', { name: 'Quarter' }).selectOption({ label: 'Q1' });
  await start.getByRole('button', { name: 'Open the claim' }).click();
  await page.getByRole('heading', { level: 1, name: `Q1 2026/27 claim: ${PROJECT}` }).waitFor();
}

describe('partners’ claims, from their own copies to the Accountable Body and back', () => {
  it('two partners claim Q1, the Accountable Body queries a line, the partner answers, it is approved lower with a reason, and the approvals reach the partners', async () => {
    const [ab, lb, mb] = copies.browsers as [TestBrowser, TestBrowser, TestBrowser];
    const s = await openExample(ab, freshStore('claims-ab'));
    try {
      await steps(s, lb, mb);
    } catch (error) {
      // What each copy showed when it failed, to look at.
      for (const [i, b] of copies.browsers.entries()) for (const [j, page] of b.context.pages().entries()) await page.screenshot({ path: join(SCREENS, `failed-${i}-${j}.png`), fullPage: true }).catch(() => undefined);
      throw error;
    }
  }, 300_000);
});

async function steps(s: Page, lb: TestBrowser, mb: TestBrowser) {
  const files = copies.files;
  {
    await goTo(s, 'Sync');
    const everything = await download(s, files, s.getByRole('button', { name: 'Save everything for a new partner' }));
    const fingerprint = await fingerprintOf(s);
    const l = await joinFrom(lb, freshStore('claims-luton'), everything, fingerprint, LUTON);
    const m = await joinFrom(mb, freshStore('claims-mid'), everything, fingerprint, MID);
    for (const [page, name] of [[l, LUTON], [m, MID]] as const) await enrolFrom(s, page, files, name);
    // Until the Accountable Body's bundle says whose copy it is, a partner's copy cannot claim in its organisation's name.
    await nav(l, 'Claims').click();
    await l.getByRole('heading', { level: 1, name: 'Claims' }).waitFor();
    await l.getByText('This copy is not yet registered as Voluntary Action Luton’s copy').waitFor();
    for (const [page, name] of [[l, LUTON], [m, MID]] as const) await importBundle(page, await bundleFor(s, files, name));

    // Luton's dashboard lists the claims it owes, the example's Q1 of Procurement among them.
    await goTo(l, 'Dashboard');
    const card = l.getByRole('region', { name: 'Claims' });
    await card.getByRole('list', { name: 'Claims due' }).waitFor();
    expect(await card.innerText()).toMatch(/claims due/);

    // Luton enters its claim on its own copy; money that is not money is refused in words, and what was typed stays.
    await openOwnQ1Claim(l);
    const form = l.getByRole('form', { name: 'Enter the claim' });
    await form.getByRole('textbox', { name: 'Staff (£)' }).fill('-2,500');
    await form.getByRole('textbox', { name: 'Running costs (£)' }).fill('400.125');
    await form.getByRole('button', { name: 'Save as a draft' }).click();
    await form.getByText('The spend on staff cannot be negative').first().waitFor();
    await form.getByText('The spend on running costs must be in whole pence, like 1,250.50').first().waitFor();
    expect(await form.getByRole('textbox', { name: 'Running costs (£)' }).inputValue()).toBe('400.125');
    await check(l, 'claims-01-partner-form-refused');
    await form.getByRole('textbox', { name: 'Staff (£)' }).fill('2,500.00');
    await form.getByRole('textbox', { name: 'Running costs (£)' }).fill('400');
    await form.getByRole('textbox', { name: 'Frontline organisations supported' }).fill('9');
    await form.getByRole('textbox', { name: 'Outputs delivered' }).fill('Nine organisations supported to bid for contracts');
    await form.getByRole('textbox', { name: 'Narrative' }).fill('Two procurement workshops held in Luton.');
    await form.getByRole('textbox', { name: 'Evidence references' }).fill('Timesheets TS-0412; invoices INV-22, INV-23');
    await form.getByRole('button', { name: 'Save as a draft' }).click();
    // Saved, the form is the claim's own: the same fields, with what was typed.
    await l.getByRole('form', { name: 'Your claim' }).getByRole('status').filter({ hasText: 'Saved as a draft on this copy' }).waitFor();
    await l.getByRole('heading', { level: 2, name: 'Draft' }).waitFor();
    expect(await l.getByRole('form', { name: 'Your claim' }).getByRole('textbox', { name: 'Running costs (£)' }).inputValue()).toBe('400');
    await l.getByRole('form', { name: 'Your claim' }).getByRole('button', { name: 'Send to the Accountable Body' }).click();
    await l.getByRole('heading', { level: 2, name: 'Submitted' }).waitFor();
    expect(await l.getByRole('table', { name: /Spend claimed by budget line/ }).innerText()).toMatch(/Total\s+£2,900\.00/);
    await check(l, 'claims-02-partner-sent');

    // Mid and North Bedfordshire enters and sends its own.
    await openOwnQ1Claim(m);
    const mForm = m.getByRole('form', { name: 'Enter the claim' });
    await mForm.getByRole('textbox', { name: 'Staff (£)' }).fill('2,800');
    await mForm.getByRole('textbox', { name: 'Frontline organisations supported' }).fill('11');
    await mForm.getByRole('textbox', { name: 'Outputs delivered' }).fill('Eleven organisations supported; one consortium bid made');
    await mForm.getByRole('button', { name: 'Send to the Accountable Body' }).click();
    await m.getByRole('heading', { level: 2, name: 'Submitted' }).waitFor();

    // Both claims reach the Accountable Body in the partners' bundles.
    await importBundle(s, await bundleFor(l, files, SECRETARIAT));
    await importBundle(s, await bundleFor(m, files, SECRETARIAT));
    await goTo(s, 'Dashboard');
    const abCard = s.getByRole('region', { name: 'Claims' });
    await abCard.getByText('2 claims waiting for approval').waitFor();
    await check(s, 'claims-03-ab-dashboard');
    await openClaims(s);
    const list = s.getByRole('region', { name: 'Claims from partners: all claims' });
    await list.getByRole('row', { name: new RegExp(LUTON) }).filter({ hasText: 'Submitted' }).waitFor();
    await check(s, 'claims-04-ab-list');

    // The Accountable Body queries Luton's running costs.
    await list.getByRole('row', { name: new RegExp(LUTON) }).getByRole('link').click();
    await s.getByRole('heading', { level: 1, name: `Q1 2026/27 claim: ${PROJECT}` }).waitFor();
    const query = s.getByRole('form', { name: 'Query a line' });
    await query.getByRole('combobox', { name: 'About' }).selectOption({ label: 'Running costs' });
    await query.getByRole('textbox', { name: 'Your question' }).fill('What does the £400 of running costs cover?');
    await check(s, 'claims-05-ab-review');
    await query.getByRole('button', { name: 'Send the query' }).click();
    await s.getByRole('heading', { level: 2, name: 'Queried by the Accountable Body' }).waitFor();

    // Luton answers from its own copy, correcting the line.
    await importBundle(l, await bundleFor(s, files, LUTON));
    await goTo(l, 'Dashboard');
    await l.getByRole('region', { name: 'Claims' }).getByRole('list', { name: 'Queried, waiting for your answer' }).getByRole('link').click();
    const answer = l.getByRole('form', { name: 'Answer the query and send the claim back' });
    await answer.getByRole('button', { name: 'Send the claim back with the answer' }).click();
    await answer.getByText('Answer the Accountable Body’s query before sending the claim back').first().waitFor();
    await answer.getByRole('textbox', { name: 'Your answer to the query' }).fill('Room hire for two workshops; one invoice was counted twice and is taken off.');
    await answer.getByRole('textbox', { name: 'Running costs (£)' }).fill('350.00');
    await check(l, 'claims-06-partner-answers');
    await answer.getByRole('button', { name: 'Send the claim back with the answer' }).click();
    await l.getByRole('heading', { level: 2, name: 'Submitted' }).waitFor();
    await importBundle(s, await bundleFor(l, files, SECRETARIAT));

    // The Accountable Body approves it line by line, the running costs lower, with a reason.
    await openClaims(s);
    await s.getByRole('region', { name: 'Claims from partners: all claims' }).getByRole('row', { name: new RegExp(LUTON) }).getByRole('link').click();
    await s.getByText('Room hire for two workshops').waitFor();
    const approve = s.getByRole('form', { name: 'Approve line by line' });
    const runningCosts = approve.getByRole('group', { name: /Running costs: claimed £350\.00/ });
    await runningCosts.getByRole('textbox', { name: 'Approved (£)' }).fill('300.00');
    await approve.getByRole('button', { name: 'Approve the claim' }).click();
    await approve.getByText('Say why less than was claimed is approved for running costs').first().waitFor();
    await runningCosts.getByRole('textbox', { name: 'Reason, if less' }).fill('Only one room hire invoice is evidenced');
    await approve.getByRole('button', { name: 'Approve the claim' }).click();
    await s.getByRole('heading', { level: 2, name: 'Approved' }).waitFor();
    await s.getByText('£2,800.00 approved of £2,850.00 claimed').waitFor();
    await check(s, 'claims-07-ab-approved');
    // … and Mid and North Bedfordshire's as claimed.
    await openClaims(s);
    await s.getByRole('region', { name: 'Claims from partners: all claims' }).getByRole('row', { name: new RegExp(MID) }).getByRole('link').click();
    await s.getByRole('form', { name: 'Approve line by line' }).getByRole('button', { name: 'Approve the claim' }).click();
    await s.getByRole('heading', { level: 2, name: 'Approved' }).waitFor();

    // The grant agreement and the project's profile, as the Accountable Body keeps them.
    await openClaims(s);
    await s.getByRole('link', { name: 'Infrastructure Business Plan (three years)' }).click();
    await s.getByRole('heading', { level: 1, name: 'Infrastructure Business Plan (three years)' }).waitFor();
    await s.getByRole('form', { name: 'Change the agreement' }).waitFor();
    await check(s, 'claims-09-ab-fund');
    await s.getByRole('link', { name: PROJECT, exact: true }).click();
    await s.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
    expect(await s.getByRole('table', { name: 'Budget profile, 2026/27' }).innerText()).toMatch(/Staff\s+£5,314\.28/);
    await check(s, 'claims-10-ab-project');

    // The approvals reach the partners' copies: what was approved, and why.
    await importBundle(l, await bundleFor(s, files, LUTON));
    await importBundle(m, await bundleFor(s, files, MID));
    await openOwnQ1Claim(l);
    await l.getByRole('heading', { level: 2, name: 'Approved' }).waitFor();
    expect(await l.getByRole('table', { name: /with what was approved/ }).innerText()).toContain('Only one room hire invoice is evidenced');
    await l.getByText('£2,800.00 approved of £2,850.00 claimed').waitFor();
    expect(await l.getByRole('form').count()).toBe(0); // nothing left to edit: what was approved is what is paid
    // Its history says each step in words, on which copy.
    const historyButton = l.locator('#claim-history-heading').getByRole('button', { name: 'History' });
    await historyButton.scrollIntoViewIfNeeded();
    const history = l.getByRole('list', { name: 'History' });
    await expect
      .poll(
        async () => {
          if ((await historyButton.getAttribute('aria-expanded', { timeout: 2_000 })) !== 'true') await historyButton.click({ timeout: 2_000 });
          return (await history.count()) > 0 ? await history.innerText() : '';
        },
        { timeout: 30_000, interval: 250 },
      )
      .toMatch(/Approved: £2,800\.00 over 2 lines/);
    const said = await history.innerText();
    expect(said).toMatch(/Queried by the Accountable Body/);
    expect(said).toContain(SECRETARIAT);
    expect(said).not.toMatch(/event:|"type"/);
    await check(l, 'claims-08-partner-approved-history');
    await openOwnQ1Claim(m);
    await m.getByRole('heading', { level: 2, name: 'Approved' }).waitFor();
    await m.getByText('£2,800.00 approved of £2,800.00 claimed').waitFor();

    for (const page of [s, l, m]) expect(uncaughtErrors(page)).toEqual([]);
  }
}
