/**
 * The Accountable Body's claim to a funder on a real store (fake-indexeddb): built from
 * the partner claims it approved (at what it approved), its own costs, the profile and
 * the targets; refused submission while a 15% underspend is unexplained, on the form's
 * check and on the store's own judgement of the event; submitted, then paid.
 */
import { describe, expect, it } from 'vitest';
import { consortiaForTests, storeOf } from '../../db/sync/test-consortia';
import { NotAuthorisedError } from '../../db/not-authorised';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { seedApprovedQuarter } from './test-claims';
import { loadClaimLines, loadFunderClaim, ownCostKey } from './funder-claim-data';
import { recordFunderPayment, saveFunderClaim, submissionOf, submitFunderClaim } from './funder-claim-actions';

const consortium = consortiaForTests();
const yearStart = { financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION };

describe('a claim to a funder', () => {
  it('is built from the approved lines, refused unexplained, submitted, paid, and stays as submitted', async () => {
    const c = await consortium([['Accountable Body', 'accountable-body']]);
    const ab = c.founder;
    const { fundId, projectId } = await seedApprovedQuarter(ab);
    const store = storeOf(ab);

    await saveFunderClaim(store, fundId, '2026/27', 1, { ownCosts: { [ownCostKey(projectId, 'running-costs')]: 27_500 }, varianceExplanation: '', outputsNarrative: '' });
    const view = (await loadFunderClaim(ab.db, fundId, '2026/27', 1, yearStart))!;
    const project = view.figures.projects[0]!;
    expect(project.lines.map((l) => [l.lineId, l.partnersPence, l.ownCostsPence, l.profilePence])).toEqual([
      ['staff', 850_000, 0, 1_000_000],
      ['running-costs', 100_000, 27_500, 150_000],
    ]);
    expect(view.figures.claimedPence).toBe(977_500);
    expect(view.figures.variance).toMatchObject({ pence: -172_500, tenthsOfPercent: -150 }); // a 15% underspend
    expect(view.approvedClaims).toBe(2);
    expect(project.outputs[0]).toMatchObject({ target: 20, achieved: 20, belowTarget: false });
    expect(view.figures.byPartner.map((s) => [view.organisationNames.get(s.organisationId), s.pence, s.shareTenths])).toEqual([
      ['Bedford CVS', 700_000, 737],
      ['Voluntary Action Luton', 250_000, 263],
    ]);

    // The form refuses it, with the reason…
    await expect(submitFunderClaim(store, fundId, '2026/27', 1, { ownCosts: {}, varianceExplanation: '', outputsNarrative: '' }, '2026-07-20', yearStart)).rejects.toThrow(
      /Explain the variance against the profile before submitting: Frontline support: Staff is -15\.0% \(under profile\)/,
    );
    // Nothing of the refused submission was written: the own costs saved before are still there.
    expect((await ab.repos.funderClaims.get(view.recordId))!.ownCosts).toEqual({ [ownCostKey(projectId, 'running-costs')]: 27_500 });
    // …and so does the store, judging the event itself, as every copy does.
    await expect(ab.repos.funderClaims.recordEvent(view.recordId, submissionOf(view.figures, '2026-07-20'))).rejects.toThrow(NotAuthorisedError);
    expect((await loadFunderClaim(ab.db, fundId, '2026/27', 1, yearStart))!.state.status).toBe('draft');

    const values = { ownCosts: { [ownCostKey(projectId, 'running-costs')]: 27_500 }, varianceExplanation: 'The development worker post was vacant in May.', outputsNarrative: '' };
    await submitFunderClaim(store, fundId, '2026/27', 1, values, '2026-07-20', yearStart);
    const submitted = (await loadFunderClaim(ab.db, fundId, '2026/27', 1, yearStart))!;
    expect(submitted.state).toMatchObject({ status: 'submitted', submittedOn: '2026-07-20', submitted: { claimedPence: 977_500, profilePence: 1_150_000 } });
    await expect(saveFunderClaim(store, fundId, '2026/27', 1, { ...values, varianceExplanation: 'Changed' })).rejects.toThrow(NotAuthorisedError);

    await recordFunderPayment(store, submitted.recordId, '2026-08-14', 977_500);
    expect((await loadFunderClaim(ab.db, fundId, '2026/27', 1, yearStart))!.state).toMatchObject({ status: 'paid', received: { receivedOn: '2026-08-14', amountPence: 977_500 } });

    const lines = await loadClaimLines(ab.db);
    expect(lines.map((l) => [l.lineCode, l.claimedPence, l.approvedPence, l.reason])).toEqual(
      expect.arrayContaining([
        ['staff', 300_000, 250_000, 'Timesheets support 250 hours'],
        ['staff', 600_000, 600_000, ''],
        ['running-costs', 100_000, 100_000, ''],
      ]),
    );
  });
});
