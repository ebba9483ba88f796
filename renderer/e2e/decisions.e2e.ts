/**
 * Decisions, tried as new users would (issue 10, "Done when"), with three
 * copies of Quorum — three browser profiles exchanging real bundle files: the
 * secretariat (the example's founder), Voluntary Action Luton and Bedfordshire
 * Rural Communities Charity.
 *
 * At the last meeting of 2025/26 the secretariat records the election of the
 * Chair for 2026/27 — refusing the Accountable Body's representative with the
 * reason — won by Luton on a second ballot after a tie, and the review of the
 * Accountable Body, which appoints Bedfordshire Rural; both are granted to
 * their copies from 1 April 2026. At a meeting of six members of whom one is
 * co-opted, one declares an interest: the vote records four votes, shows the
 * co-opted and the conflicted as not eligible with the reasons, is carried by
 * the majority rule, and shows its quorum and eligibility. Bedfordshire
 * Rural's copy, now the Accountable Body, overrides it; the override reaches the
 * secretariat and is on the next meeting's agenda. Luton's copy, the Chair
 * from 1 April, decides an application, and its decision stands on the
 * secretariat's copy. axe and both widths on every screen; screenshots to
 * $QUORUM_SCREENSHOTS (default /tmp/quorum-decisions-screens).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { freshStore, openExample, uncaughtErrors, type TestBrowser } from './browser';
import { bundleFor, checkState, copiesForTests, download, enrolFrom, fingerprintOf, goTo, importBundle, joinFrom, SECRETARIAT } from './copies';
import { pastMeeting } from './meeting-steps';

const SCREENS = process.env.QUORUM_SCREENSHOTS ?? '/tmp/quorum-decisions-screens';
const LUTON = 'Voluntary Action Luton';
const RURAL = 'Bedfordshire Rural Communities Charity';
const COOPTED = 'Luton and Bedfordshire Advice Network';
const APOLOGIES = 'Volunteer Centre Bedford';
const RACE = 'Bedford Race Equality Council';
const MIDNORTH = 'Community & Voluntary Service Mid and North Bedfordshire';
const APPLICANT = 'Leighton Linslade Volunteer Centre';

// The meetings here are in the past: the browsers keep the real time (the Chair's term from 1 April 2026 has begun).
const copies = copiesForTests('decisions', 3, SCREENS);
const check = (page: Page, name: string) => checkState(page, SCREENS, name);

const decisions = (page: Page) => page.getByRole('region', { name: 'Motions and decisions' });

describe('decisions at meetings, across copies', () => {
  it('votes with eligibility shown, elects a Chair who then decides, and reports an override on the next agenda', async () => {
    const [sb, lb, rb] = copies.browsers as [TestBrowser, TestBrowser, TestBrowser];
    const files = copies.files;
    const s = await openExample(sb, freshStore('decisions-secretariat'));
    await goTo(s, 'Sync');
    const everything = await download(s, files, s.getByRole('button', { name: 'Save everything for a new partner' }));
    const fingerprint = await fingerprintOf(s);
    const luton = await joinFrom(lb, freshStore('decisions-luton'), everything, fingerprint, LUTON);
    const rural = await joinFrom(rb, freshStore('decisions-rural'), everything, fingerprint, RURAL);
    for (const [page, name] of [[luton, LUTON], [rural, RURAL]] as const) await enrolFrom(s, page, files, name);

    // The last meeting of 2025/26 elects the Chair and reviews the Accountable Body for 2026/27.
    await pastMeeting(s, { title: 'Annual meeting 2026', date: '2026-03-17', present: [LUTON, RURAL, RACE, MIDNORTH, SECRETARIAT] });
    const elections = s.getByRole('region', { name: 'Elections: the Chair and the Accountable Body' });
    await elections.getByRole('button', { name: 'Hold the election of the Chair for 2026/27' }).click();
    const candidates = elections.getByRole('group', { name: 'Candidates for Chair' });
    await candidates.getByRole('checkbox', { name: new RegExp(`${SECRETARIAT} \\(the Accountable Body\\)`) }).check();
    await candidates.getByRole('checkbox', { name: new RegExp(`^(.*, )?${LUTON}$`) }).check();
    await elections.getByRole('button', { name: 'Record the candidates' }).click();
    await elections.getByRole('alert').filter({ hasText: `${SECRETARIAT} is the Accountable Body, which cannot be elected Chair.` }).waitFor();
    await check(s, 'decisions-01-ab-refused-as-chair');
    await candidates.getByRole('checkbox', { name: new RegExp(`${SECRETARIAT} \\(the Accountable Body\\)`) }).uncheck();
    await candidates.getByRole('checkbox', { name: new RegExp(`^(.*, )?${RURAL}$`) }).check();
    await elections.getByRole('button', { name: 'Record the candidates' }).click();
    const chairElection = elections.getByRole('article', { name: 'Election of the Chair for 2026/27' });
    await chairElection.waitFor();
    const ballot = chairElection.getByRole('group', { name: 'Ballot: votes for each candidate' });
    await ballot.getByRole('textbox', { name: new RegExp(LUTON) }).fill('2');
    await ballot.getByRole('textbox', { name: new RegExp(RURAL) }).fill('2');
    await ballot.getByRole('button', { name: 'Record the ballot' }).click();
    await chairElection.getByText(/^Tied between /).waitFor();
    const second = chairElection.getByRole('group', { name: 'Second ballot: votes for each candidate tied' });
    await second.getByRole('textbox', { name: new RegExp(LUTON) }).fill('3');
    await second.getByRole('textbox', { name: new RegExp(RURAL) }).fill('2');
    await second.getByRole('button', { name: 'Record the ballot' }).click();
    await chairElection.getByText(new RegExp(`^Elected Chair: (.*, )?${LUTON}$`)).waitFor();
    expect(await chairElection.innerText()).toContain('from Wednesday 1 April 2026 to Wednesday 31 March 2027');

    await elections.getByRole('button', { name: 'Review the Accountable Body for 2026/27' }).click();
    const who = elections.getByRole('group', { name: /^Who may hold the office/ });
    await who.getByRole('checkbox', { name: new RegExp(`^(.*, )?${RURAL}$`) }).check();
    await who.getByRole('checkbox', { name: new RegExp(`${SECRETARIAT} \\(the Accountable Body\\)`) }).uncheck();
    await elections.getByRole('button', { name: 'Record who may hold the office' }).click();
    const review = elections.getByRole('article', { name: 'Review of the Accountable Body for 2026/27' });
    await review.getByRole('button', { name: new RegExp(`^Agreed without a ballot: (.*, )?${RURAL}$`) }).click();
    await review.getByText(new RegExp(`^Accountable Body: (.*, )?${RURAL}$`)).waitFor();
    await check(s, 'decisions-02-elections');

    // Six present, of whom one is co-opted, and one member's apologies; Bedfordshire Rural declares an interest in the item.
    await pastMeeting(s, {
      title: 'Consortium meeting, November',
      date: '2026-11-10',
      present: [LUTON, RURAL, RACE, MIDNORTH, SECRETARIAT, COOPTED],
      apologies: [APOLOGIES],
      items: ['Bid to the county council’s infrastructure fund'],
    });
    const minutes = s.getByRole('region', { name: /^Minutes/ });
    await minutes.getByRole('button', { name: 'Start the minutes on this copy' }).click();
    await minutes.getByRole('button', { name: /^Record a declaration of interest/ }).first().click();
    await minutes.getByRole('combobox', { name: 'Organisation declaring' }).selectOption({ label: RURAL });
    await minutes.getByRole('textbox', { name: 'Interest' }).fill('A trustee sits on the fund’s panel');
    await minutes.getByRole('button', { name: 'Record the declaration' }).click();
    await minutes.getByText('A trustee sits on the fund’s panel').waitFor();

    const section = decisions(s);
    const motionForm = section.getByRole('form', { name: 'Put a motion' });
    await motionForm.getByRole('combobox', { name: 'On the agenda item' }).selectOption({ label: '1. Bid to the county council’s infrastructure fund' });
    await motionForm.getByRole('textbox', { name: 'The motion' }).fill('That the consortium bids to the county council’s infrastructure fund');
    await motionForm.getByRole('combobox', { name: 'Proposed by (optional)' }).selectOption({ label: LUTON });
    await motionForm.getByRole('combobox', { name: 'Seconded by (optional)' }).selectOption({ label: LUTON });
    await motionForm.getByRole('button', { name: 'Put the motion' }).click();
    await motionForm.getByRole('alert').filter({ hasText: 'The seconder must be another member than the proposer' }).first().waitFor();
    expect(await motionForm.getByRole('textbox', { name: 'The motion' }).inputValue()).toBe('That the consortium bids to the county council’s infrastructure fund');
    await motionForm.getByRole('combobox', { name: 'Seconded by (optional)' }).selectOption({ label: RACE });
    await motionForm.getByRole('button', { name: 'Put the motion' }).click();
    const motion = section.getByRole('article', { name: 'That the consortium bids to the county council’s infrastructure fund' });
    await motion.waitFor();
    const voters = motion.getByRole('list', { name: /^Members who may vote/ });
    expect(await motion.getByRole('heading', { name: /^Members who may vote/ }).innerText()).toBe('Members who may vote (4)');
    const notEligible = await motion.locator('.decision-not-eligible').innerText();
    expect(notEligible).toContain(`${COOPTED} is co-opted: co-opted organisations advise the consortium but do not vote.`);
    expect(notEligible).toContain(`${RURAL} declared an interest in this item and does not vote on it.`);
    expect(notEligible).toContain(`${APOLOGIES} was not present, by its representative or a named substitute.`);
    for (const [name, choice] of [[LUTON, 'for'], [RACE, 'for'], [MIDNORTH, 'against'], [SECRETARIAT, 'for']] as const) {
      await voters.getByRole('button', { name: `${name}: ${choice}` }).click();
      await voters.getByRole('button', { name: `${name}: ${choice}` }).and(s.locator('[aria-pressed="true"]')).waitFor();
    }
    await motion.getByText('So far: 3 for, 1 against, 0 abstentions; 0 not yet recorded.').waitFor();
    await check(s, 'decisions-03-voting');
    await motion.getByRole('button', { name: 'Record the vote' }).click();
    await motion.getByText('Carried (3 for, 1 against, 0 abstentions)').waitFor();
    await motion.getByText('How this was decided').click();
    const proof = await motion.locator('.decision-proof').innerText();
    expect(proof).toContain('Quorate: 5 of the 6 members eligible to vote were present; the quorum was 2.');
    expect(proof).toContain(`Present but not counted: ${COOPTED} is co-opted`);
    expect(proof).toContain('A simple majority of the votes cast');
    expect(proof).toContain(`Eligible to vote (4)`);
    expect(proof).toContain(`${RURAL} declared an interest in this item`);
    expect(proof).toContain(`Dissent recorded\n${MIDNORTH}`);
    await check(s, 'decisions-04-decided-with-proof');

    // Bedfordshire Rural's copy, the Accountable Body from 1 April 2026, overrides the decision.
    await importBundle(rural, await bundleFor(s, files, RURAL));
    await rural.locator('.app-header').filter({ hasText: `Accountable Body · ${RURAL}` }).waitFor();
    await goTo(rural, 'Meetings');
    await rural.getByRole('link', { name: 'Consortium meeting, November' }).click();
    const ruralMotion = decisions(rural).getByRole('article', { name: 'That the consortium bids to the county council’s infrastructure fund' });
    await ruralMotion.getByRole('button', { name: 'Override this decision' }).click();
    const override = ruralMotion.getByRole('form', { name: 'Override as the Accountable Body' });
    await override.getByRole('button', { name: 'Record the override' }).click();
    await override.getByRole('alert').filter({ hasText: 'Nothing was recorded: Say why the decision is overridden. Name the funder’s term the decision is contrary to.' }).waitFor();
    await override.getByRole('textbox', { name: 'Why it is overridden' }).fill('The fund’s terms bar a bid from a body it already funds');
    await override.getByRole('textbox', { name: 'The funder’s term it is contrary to' }).fill('Capacitybuilders grant agreement, clause 9.3');
    await override.getByRole('button', { name: 'Record the override' }).click();
    await ruralMotion.getByText('Overridden by the Accountable Body').waitFor();
    await check(rural, 'decisions-05-overridden');
    // The secretariat's copy holds no such power.
    expect(await decisions(s).getByRole('button', { name: 'Override this decision' }).count()).toBe(0);

    // The override reaches the secretariat, and the next consortium meeting's agenda reports it.
    await importBundle(s, await bundleFor(rural, files, SECRETARIAT));
    await goTo(s, 'Meetings');
    await s.getByRole('link', { name: 'Consortium meeting, November' }).click();
    await decisions(s).getByText('Overridden by the Accountable Body').waitFor();
    await goTo(s, 'Meetings');
    await s.getByRole('link', { name: 'Consortium meeting', exact: true }).first().click();
    await s.getByRole('region', { name: /^Agenda/ }).getByRole('button', { name: 'Fill in the standard items' }).click();
    const overrides = s.getByRole('list', { name: 'Agenda', exact: true }).locator(':scope > li', { hasText: 'Decisions overridden by the Accountable Body' });
    await overrides.waitFor();
    expect(await overrides.innerText()).toContain('The fund’s terms bar a bid from a body it already funds');

    // Luton's copy holds the Chair from 1 April 2026, and decides an application after consultation.
    await goTo(s, 'Applications');
    await s.getByRole('link', { name: 'Record an application' }).click();
    const form = s.getByRole('form', { name: 'New application for membership' });
    await form.getByRole('textbox', { name: 'Name of the organisation' }).fill(APPLICANT);
    await form.getByRole('textbox', { name: 'Contact name' }).fill('Sam Example');
    await form.getByRole('textbox', { name: 'Email' }).fill('sam@example.org');
    await form.getByRole('textbox', { name: 'Address' }).fill('1 High Street\nLeighton Buzzard LU7 1AA');
    const criteria = form.locator('.criteria-claim');
    for (let i = 0; i < 3; i += 1) {
      await criteria.nth(i).getByRole('checkbox').check();
      await criteria.nth(i).getByRole('textbox', { name: 'How it meets this criterion' }).fill(`Our work on criterion ${i + 1}`);
    }
    await form.getByRole('textbox', { name: 'Level of work dedicated to infrastructure support' }).fill('Two full-time staff');
    await form.getByRole('button', { name: 'Record the application' }).click();
    await s.getByRole('heading', { level: 1, name: APPLICANT }).waitFor();
    await s.getByRole('form', { name: 'Consult the members' }).getByRole('button', { name: 'Open the consultation' }).click();
    await s.getByRole('heading', { level: 2, name: 'Members being consulted' }).waitFor();
    // Every member consulted supports it, by letter: the chair decides.
    const byLetter = s.getByRole('form', { name: 'Record an answer given another way' });
    for (const member of [RACE, RURAL, MIDNORTH, LUTON, SECRETARIAT, APOLOGIES]) {
      await byLetter.getByRole('combobox', { name: 'Member' }).selectOption({ label: member });
      await byLetter.getByRole('radio', { name: 'Supports' }).check();
      await byLetter.getByRole('button', { name: 'Record the answer' }).click();
      await byLetter.getByRole('status').filter({ hasText: `Recorded ${member}’s answer.` }).waitFor();
    }

    await importBundle(luton, await bundleFor(s, files, LUTON));
    await luton.locator('.app-header').filter({ hasText: `Chair · ${LUTON}` }).waitFor();
    await goTo(luton, 'Applications');
    await luton.getByRole('link', { name: APPLICANT }).first().click();
    const decision = luton.getByRole('form', { name: 'The chair’s decision' });
    await decision.waitFor();
    await check(luton, 'decisions-06-elected-chair-decides');
    await decision.getByRole('radio', { name: 'Admit as a member' }).check();
    await decision.getByRole('button', { name: 'Record the decision' }).click();
    await decision.getByRole('status').filter({ hasText: `${APPLICANT} is admitted` }).waitFor();
    await importBundle(s, await bundleFor(luton, files, SECRETARIAT));
    await goTo(s, 'Applications');
    await s.getByRole('link', { name: APPLICANT }).first().click();
    await s.getByRole('heading', { level: 2, name: 'Admitted' }).waitFor();
    for (const page of [s, luton, rural]) expect(uncaughtErrors(page)).toEqual([]);
  }, 300_000);
});
