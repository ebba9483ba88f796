/**
 * Partner claims across copies exchanging real bundles (docs/architecture.md,
 * "Claims"): each partner claims on its own copy, the Accountable Body queries,
 * the partner answers, the Accountable Body approves line by line and pays; bad
 * input and changes nobody may make are refused with the reason, on the copy that
 * tries them and on every copy that receives them, and nothing is half saved.
 */
import { describe, expect, it } from 'vitest';
import { consortiaForTests, orgOf, send, storeOf } from '../../db/sync/test-consortia';
import { dumpSyncedTables, writeUnchecked, type TestCopy } from '../../db/sync/test-support';
import { NotAuthorisedError } from '../../db/not-authorised';
import { ValidationError } from '../../db/repository';
import { periodField, PROFILE_FIELD_PREFIX, TARGET_FIELD_PREFIX } from '../../../shared/domain/entities';
import { approveClaim, claimFigures, markClaimPaid, queryClaim, saveClaim, submitClaim, type ClaimInput } from './claim-actions';
import { changesTo } from '../../db/history';

const consortium = consortiaForTests();

/** The Accountable Body (the founder) with two partners, and a project both partners deliver, sent to everyone. */
async function claimingConsortium() {
  const c = await consortium([
    ['Voluntary and Community Action South Bedfordshire', 'accountable-body'],
    ['Voluntary Action Luton', 'partner'],
    ['CVS Mid and North Bedfordshire', 'partner'],
  ]);
  const [ab, luton, mid] = c.copies as [TestCopy, TestCopy, TestCopy];
  const [abOrg, lutonOrg, midOrg] = [await orgOf(ab), await orgOf(luton), await orgOf(mid)];
  const funder = await ab.repos.funders.create({ name: 'Capacitybuilders' });
  const fund = await ab.repos.funds.create({ funderId: funder, name: 'Infrastructure Business Plan', awardedPence: 268_185_000, startOn: '2026-04-01', endOn: '2029-03-31' });
  const projectId = await ab.repos.projects.create({
    name: 'Procurement',
    fundId: fund,
    leadOrganisationId: midOrg,
    deliveryOrganisationIds: [abOrg, lutonOrg],
    firstYear: '2026/27',
    firstQuarter: 1,
    lastYear: '2028/29',
    lastQuarter: 4,
  });
  for (const [order, code, name] of [[0, 'staff', 'Staff'], [1, 'running-costs', 'Running costs']] as const) {
    await ab.repos.budgetLines.createWithParts({ projectId, code, name, order }, { [periodField(PROFILE_FIELD_PREFIX, '2026/27', 1)]: 300_000 });
  }
  await ab.repos.outputs.createWithParts({ projectId, code: 'orgs-supported', name: 'Frontline organisations supported' }, { [periodField(TARGET_FIELD_PREFIX, '2026/27', 1)]: 10 });
  await send(ab, luton);
  await send(ab, mid);
  const claim = (organisationId: string, extra: Partial<ClaimInput> = {}): ClaimInput => ({
    organisationId,
    projectId,
    financialYear: '2026/27',
    quarter: 1,
    lines: { staff: 250_000, 'running-costs': 40_000 },
    outputs: { 'orgs-supported': 9 },
    outputsDelivered: 'Nine organisations supported to bid for contracts',
    narrative: 'Two procurement workshops held.',
    evidence: 'Timesheets TS-0412; invoices INV-22, INV-23',
    enteredOnBehalf: false,
    ...extra,
  });
  return { ab, luton, mid, abOrg, lutonOrg, midOrg, projectId, claim };
}

const fieldErrors = async (attempt: Promise<unknown>) => {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
};

describe('partner claims across copies', () => {
  it('goes from each partner’s copy to the Accountable Body, is queried, answered, approved lower with a reason and paid, and the approval reaches the partner', async () => {
    const { ab, luton, mid, lutonOrg, midOrg, claim } = await claimingConsortium();

    // Each partner enters its Q1 claim on its own copy and sends it.
    const lutonClaim = await saveClaim(storeOf(luton), claim(lutonOrg));
    await submitClaim(storeOf(luton), lutonClaim);
    const midClaim = await saveClaim(storeOf(mid), claim(midOrg, { lines: { staff: 280_000 } }));
    await submitClaim(storeOf(mid), midClaim);
    await send(luton, ab);
    await send(mid, ab);
    expect(claimFigures((await ab.db.partnerClaims.get(lutonClaim))!)).toMatchObject({ state: { status: 'submitted' }, claimedPence: 290_000 });

    // The Accountable Body queries one line; the partner answers from its own copy, changing the line.
    await queryClaim(storeOf(ab), lutonClaim, 'running-costs', 'What does the £400 of running costs cover?');
    await send(ab, luton);
    expect(claimFigures((await luton.db.partnerClaims.get(lutonClaim))!).state).toMatchObject({ status: 'queried', questions: [{ line: 'running-costs', query: 'What does the £400 of running costs cover?', answer: '' }] });
    expect(await fieldErrors(submitClaim(storeOf(luton), lutonClaim))).toEqual({ answer: 'Answer the Accountable Body’s query before sending the claim back' });
    await saveClaim(storeOf(luton), claim(lutonOrg, { lines: { staff: 250_000, 'running-costs': 35_000 } }));
    await submitClaim(storeOf(luton), lutonClaim, 'Room hire for two workshops; one invoice was counted twice, now taken off.');
    await send(luton, ab);

    // The Accountable Body approves the line lower than claimed, which needs a reason; then pays exactly what it approved.
    expect(await fieldErrors(approveClaim(storeOf(ab), lutonClaim, { staff: 250_000, 'running-costs': 30_000 }, {}))).toEqual({ 'reasons.running-costs': 'Say why less than was claimed is approved' });
    expect(await fieldErrors(approveClaim(storeOf(ab), lutonClaim, { staff: 260_000, 'running-costs': 30_000 }, { 'running-costs': 'x' }))).toEqual({ 'approved.staff': 'No more than was claimed (£2,500.00) can be approved' });
    await approveClaim(storeOf(ab), lutonClaim, { staff: 250_000, 'running-costs': 30_000 }, { 'running-costs': 'Only one room hire invoice is evidenced' });
    await approveClaim(storeOf(ab), midClaim, { staff: 280_000 }, {});
    expect(await fieldErrors(markClaimPaid(storeOf(ab), lutonClaim, '2026-07-31', 'BACS 0731', 285_000))).toEqual({ amount: 'The amount paid must be the amount approved, £2,800.00' });
    expect(await fieldErrors(markClaimPaid(storeOf(ab), lutonClaim, '2026-02-30', '', 280_000))).toMatchObject({ paidOn: expect.stringContaining('real date'), reference: 'Enter the payment reference' });
    await markClaimPaid(storeOf(ab), lutonClaim, '2026-07-31', 'BACS 0731', 280_000);
    await send(ab, luton);
    await send(ab, mid);

    // The approvals reach the partners' copies: what was approved, why, and what was paid.
    const onLuton = claimFigures((await luton.db.partnerClaims.get(lutonClaim))!);
    expect(onLuton).toMatchObject({ claimedPence: 285_000, approvedPence: 280_000, paidPence: 280_000, state: { status: 'paid', approvedLines: { staff: 250_000, 'running-costs': 30_000 }, reasons: { 'running-costs': 'Only one room hire invoice is evidenced' } } });
    expect(onLuton.state.questions).toEqual([{ line: 'running-costs', query: 'What does the £400 of running costs cover?', answer: 'Room hire for two workshops; one invoice was counted twice, now taken off.' }]);
    expect(claimFigures((await mid.db.partnerClaims.get(midClaim))!)).toMatchObject({ approvedPence: 280_000, state: { status: 'approved' } });

    // What was approved is what is paid: the partner can change nothing now.
    await expect(saveClaim(storeOf(luton), claim(lutonOrg, { lines: { staff: 900_000 } }))).rejects.toThrow(NotAuthorisedError);

    // The claim's history on the partner's copy: who did what, on which copy.
    const history = await changesTo(luton.db, 'partnerClaims', lutonClaim);
    const events = history.flatMap((h) => h.changes.filter((f) => f.field.startsWith('event:')).map((f) => `${h.node === ab.node ? 'AB' : 'Luton'} ${String((f.value as { type: string }).type)}`));
    expect(events.sort()).toEqual(['AB approved', 'AB paid', 'AB queried', 'Luton submitted', 'Luton submitted'].sort());
    expect(new Set(history.map((h) => h.node))).toEqual(new Set([luton.node, ab.node]));

    // Every copy holds the same claims.
    await send(luton, mid);
    await send(mid, luton);
    await send(ab, luton);
    await send(ab, mid);
    await send(luton, ab);
    await send(mid, ab);
    const dumps = await Promise.all([ab, luton, mid].map((copy) => dumpSyncedTables(copy.db)));
    expect(new Set(dumps).size).toBe(1);
  });

  it('refuses bad input with the reason and saves nothing: negative amounts, fractions of a penny, a quarter outside the project, a line the project lacks', async () => {
    const { luton, lutonOrg, claim } = await claimingConsortium();
    const before = await luton.db.changeLog.count();
    expect(await fieldErrors(saveClaim(storeOf(luton), claim(lutonOrg, { lines: { staff: -100 } })))).toEqual({ 'lines.staff': 'The amount for the line cannot be negative' });
    expect(await fieldErrors(saveClaim(storeOf(luton), claim(lutonOrg, { lines: { staff: 100.5 } })))).toEqual({ 'lines.staff': 'The amount for the line must be in whole pence' });
    expect(await fieldErrors(saveClaim(storeOf(luton), claim(lutonOrg, { financialYear: '2029/30' })))).toEqual({ financialYear: 'Q1 2029/30 is outside the project, which runs from Q1 2026/27 to Q4 2028/29' });
    expect(await fieldErrors(saveClaim(storeOf(luton), claim(lutonOrg, { lines: { staff: 100, catering: 5_000 } })))).toEqual({ 'lines.catering': '“catering” is not one of the project’s budget lines' });
    expect(await fieldErrors(saveClaim(storeOf(luton), claim(lutonOrg, { outputs: { 'orgs-supported': -1 } })))).toEqual({ 'outputs.orgs-supported': 'A number achieved cannot be negative' });
    expect(await luton.db.partnerClaims.count()).toBe(0);
    expect(await luton.db.changeLog.count()).toBe(before);
  });

  it('refuses, on the copy that tries and on every copy that receives it, a partner writing another partner’s claim or approving its own, and a paper claim not marked as one', async () => {
    const { ab, luton, mid, abOrg, lutonOrg, midOrg, claim } = await claimingConsortium();
    const lutonClaim = await saveClaim(storeOf(luton), claim(lutonOrg));
    await submitClaim(storeOf(luton), lutonClaim);
    await send(luton, mid);
    const countBefore = await mid.db.changeLog.count();

    // Mid Bedfordshire's own copy refuses, saying why and saving nothing.
    await expect(saveClaim(storeOf(mid), claim(lutonOrg, { lines: { staff: 1 } }))).rejects.toThrow('This copy cannot change another partner’s claim');
    await expect(saveClaim(storeOf(mid), claim(abOrg))).rejects.toThrow('This copy cannot make a claim for another partner: a partner’s copy claims only for its own organisation. Nothing was saved.');
    const midClaim = await saveClaim(storeOf(mid), claim(midOrg));
    await submitClaim(storeOf(mid), midClaim);
    await expect(approveClaim(storeOf(mid), midClaim, { staff: 250_000, 'running-costs': 40_000 }, {})).rejects.toThrow('This copy cannot approve a claim: only the Accountable Body may do that (Partnership Agreement 8.1). Nothing was saved.');
    await expect(approveClaim(storeOf(mid), lutonClaim, { staff: 250_000, 'running-costs': 40_000 }, {})).rejects.toThrow('only the Accountable Body may do that');
    expect(await mid.db.changeLog.count()).toBe(countBefore + 2); // its own claim and its submission, nothing else

    // The Accountable Body cannot approve a claim of its own organisation either; it enters Luton's paper claim marked as such.
    const abOwn = await saveClaim(storeOf(ab), claim(abOrg));
    await submitClaim(storeOf(ab), abOwn);
    await expect(approveClaim(storeOf(ab), abOwn, { staff: 250_000, 'running-costs': 40_000 }, {})).rejects.toThrow('This copy cannot approve its own organisation’s claim: no organisation approves or pays its own claim. Nothing was saved.');
    await expect(saveClaim(storeOf(ab), claim(lutonOrg, { quarter: 2 }))).rejects.toThrow('enter a claim for a partner without marking it as entered on the partner’s behalf');
    const onPaper = await saveClaim(storeOf(ab), claim(lutonOrg, { quarter: 2, enteredOnBehalf: true }));
    expect((await ab.db.partnerClaims.get(onPaper))!.enteredOnBehalf).toBe(true);

    // An altered copy sends all of it anyway: every copy refuses it with the reason.
    await writeUnchecked(mid, [
      { table: 'partnerClaims', row: lutonClaim, fields: { lines: { staff: 1 } } },
      { table: 'partnerClaims', row: midClaim, fields: { 'event:self': { type: 'approved', lines: { staff: 250_000, 'running-costs': 40_000 }, reasons: {} } } },
      { table: 'partnerClaims', row: `partnerClaim:${abOrg}:${claim(abOrg).projectId}:2026/27:Q3`, fields: { ...claim(abOrg), quarter: 3 } },
    ]);
    for (const to of [ab, luton]) {
      const report = await send(mid, to);
      const messages = report.refused.map((r) => r.message).join('\n');
      expect(messages).toContain('CVS Mid and North Bedfordshire’s copy tried to change another partner’s claim');
      expect(messages).toContain('CVS Mid and North Bedfordshire’s copy tried to approve a claim: only the Accountable Body may do that');
      expect(messages).toContain('CVS Mid and North Bedfordshire’s copy tried to make a claim for another partner');
      expect((await to.db.partnerClaims.get(lutonClaim))!.lines).toEqual({ staff: 250_000, 'running-costs': 40_000 });
      expect(claimFigures((await to.db.partnerClaims.get(midClaim))!).state.status).toBe('submitted');
    }
    // The Accountable Body's own claim refused an approval on another copy too (an altered AB copy).
    await writeUnchecked(ab, [{ table: 'partnerClaims', row: abOwn, fields: { 'event:own': { type: 'approved', lines: { staff: 250_000, 'running-costs': 40_000 }, reasons: {} } } }]);
    const report = await send(ab, luton);
    expect(report.refused.map((r) => r.message).join('\n')).toContain('tried to approve its own organisation’s claim');
    expect(claimFigures((await luton.db.partnerClaims.get(abOwn))!).state.status).toBe('submitted');
  });

  it('lets only the Accountable Body keep a budget line’s profile and an output’s targets, one field per quarter, merged quarter by quarter', async () => {
    const { ab, luton, mid, projectId } = await claimingConsortium();
    const staff = `budgetLine:${projectId}:staff`;
    await expect(luton.repos.budgetLines.setParts(staff, { [periodField(PROFILE_FIELD_PREFIX, '2026/27', 2)]: 1 })).rejects.toThrow('This copy cannot change a budget line: only the Accountable Body may');
    await expect(ab.repos.budgetLines.setParts(staff, { [periodField(PROFILE_FIELD_PREFIX, '2026/27', 2)]: -1 })).rejects.toThrow(ValidationError);
    // Two quarters changed in two bundles both stand: each quarter is its own field.
    await ab.repos.budgetLines.setParts(staff, { [periodField(PROFILE_FIELD_PREFIX, '2026/27', 2)]: 310_000 });
    await writeUnchecked(mid, [
      { table: 'budgetLines', row: staff, fields: { 'profile:2026-27:Q3': 5 } },
      { table: 'budgetLines', row: staff, fields: { 'profile:next-year': 5 } },
    ]);
    const report = await send(mid, ab);
    const messages = report.refused.map((r) => r.message).join('\n');
    expect(messages).toContain('tried to change a budget line: only the Accountable Body may');
    expect(messages).toContain('tried to give a budget line a figure for a period that is not a quarter');
    await send(ab, luton);
    const row = (await luton.db.budgetLines.get(staff))!;
    expect(row['profile:2026-27:Q1' as keyof typeof row]).toBe(300_000);
    expect(row['profile:2026-27:Q2' as keyof typeof row]).toBe(310_000);
    expect(row['profile:2026-27:Q3' as keyof typeof row]).toBeUndefined();
  });
});

