/**
 * A claim to a funder across copies, with real stores and real bundles: the
 * Accountable Body's submission, with its explanation, reaches a partner's copy as
 * submitted; an altered Accountable Body's copy that submits without explaining its
 * variance, and a partner's copy that submits one at all, are refused by the copy
 * that receives them, which keeps the claim as it was.
 */
import { describe, expect, it } from 'vitest';
import { consortiaForTests, send, storeOf } from '../../db/sync/test-consortia';
import { writeUnchecked, type TestCopy } from '../../db/sync/test-support';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { funderClaimLifecycle, stateOf } from '../../../shared/rules/lifecycles';
import { seedApprovedQuarter } from './test-claims';
import { loadFunderClaim } from './funder-claim-data';
import { saveFunderClaim, submissionOf, submitFunderClaim } from './funder-claim-actions';

const consortium = consortiaForTests();
const yearStart = { financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION };
const stateOn = async (copy: TestCopy, id: string) => {
  const row = await copy.db.funderClaims.get(id);
  return row ? stateOf(funderClaimLifecycle, row) : undefined;
};

describe('a claim to a funder across copies', () => {
  it('reaches a partner’s copy as submitted, and a submission the rules refuse is refused on the copy that receives it', async () => {
    const c = await consortium([
      ['Accountable Body', 'accountable-body'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [ab, partner] = c.copies as [TestCopy, TestCopy];
    const { fundId } = await seedApprovedQuarter(ab);
    const view = (await loadFunderClaim(ab.db, fundId, '2026/27', 1, yearStart))!;
    expect(view.figures.variancesToExplain.length).toBeGreaterThan(0); // a 15% underspend on staff

    // An altered copy of the Accountable Body submits the Q1 claim without the explanation its variance needs.
    await saveFunderClaim(storeOf(ab), fundId, '2026/27', 1, { ownCosts: {}, varianceExplanation: '', outputsNarrative: '' });
    await send(ab, partner);
    await writeUnchecked(ab, [{ table: 'funderClaims', row: view.recordId, fields: { 'event:forged': submissionOf(view.figures, '2026-07-20') } }]);
    const forged = await send(ab, partner);
    expect(forged.refused).toHaveLength(1);
    expect(forged.refused[0]!.message).toMatch(/tried to submit a claim to a funder: the variance against the profile is not explained \(Frontline support: Staff: -15\.0%\)/);
    expect((await stateOn(partner, view.recordId))!.status).toBe('draft');

    // A partner's copy cannot submit it either, explained or not.
    await writeUnchecked(partner, [{ table: 'funderClaims', row: view.recordId, fields: { varianceExplanation: 'Explained by a partner', 'event:partner': submissionOf(view.figures, '2026-07-21') } }]);
    const fromPartner = await send(partner, ab);
    expect(fromPartner.refused.map((r) => r.message)).toEqual(expect.arrayContaining([expect.stringMatching(/only the Accountable Body may do that/)]));
    expect((await stateOn(ab, view.recordId))!.status).toBe('draft');

    // The Accountable Body explains the variance and submits: the partner's copy holds it as submitted, with what it claimed.
    const explained = { ownCosts: {}, varianceExplanation: 'The development worker post was vacant in May.', outputsNarrative: '' };
    const id = await submitFunderClaim(storeOf(ab), fundId, '2026/27', 1, explained, '2026-07-22', yearStart);
    const received = await send(ab, partner);
    expect(received.refused).toEqual([]);
    expect(await stateOn(partner, id)).toMatchObject({ status: 'submitted', submittedOn: '2026-07-22', submitted: { claimedPence: view.figures.claimedPence } });
    expect((await partner.db.funderClaims.get(id))!.varianceExplanation).toBe('The development worker post was vacant in May.');
  });
});
