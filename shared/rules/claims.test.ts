import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertClaimApprovable,
  claimProblems,
  claimTotal,
  ClaimWithoutOutputsError,
  funderClaimsDue,
  partnerClaimsDue,
  type ClaimFrame,
  funderClaimFrom,
  quarterClaimTotal,
  remainingBudget,
  type ClaimStatus,
} from './claims';
import type { Quarter } from './financial-year';
import { allocatePence, sumPence } from './money';
import { isRefusal, partnerClaimLifecycle, stateOf, type Actor } from './lifecycles';
import { partnerClaimSchema } from '../domain/entities';

interface TestClaim {
  id: string;
  projectId: string;
  financialYear: string;
  quarter: Quarter;
  amountPence: number;
  status: ClaimStatus;
  outputsDelivered: string;
  deleted?: boolean;
}
let next = 0;
const claim = (extra: Partial<TestClaim> = {}): TestClaim => ({
  id: `c${(next += 1)}`,
  projectId: 'infrastructure-hub',
  financialYear: '2026/27',
  quarter: 1,
  amountPence: 100_000,
  status: 'approved',
  outputsDelivered: '12 groups supported with governance health checks',
  ...extra,
});

describe('approving a partner claim (payment tied to delivery, 8.1(3), (4))', () => {
  it('cannot approve a claim with no outputs delivered', () => {
    expect(() => assertClaimApprovable(claim({ id: 'q1-val', outputsDelivered: '  ' }))).toThrow(ClaimWithoutOutputsError);
    expect(() => assertClaimApprovable(claim({ outputsDelivered: '' }))).toThrow(
      'This claim cannot be approved until it says which outputs were delivered: payment is tied to delivery.',
    );
    try {
      assertClaimApprovable(claim({ id: 'q1-val', outputsDelivered: '' }));
      expect.unreachable();
    } catch (error) {
      expect((error as ClaimWithoutOutputsError).claimId).toBe('q1-val');
    }
  });

  it('approves a claim that says what was delivered', () => {
    expect(() => assertClaimApprovable(claim())).not.toThrow();
  });
});

describe('remainingBudget', () => {
  it('takes off approved and paid claims only', () => {
    const claims = [
      claim({ amountPence: 250_000, status: 'paid' }),
      claim({ amountPence: 100_050, status: 'approved' }),
      claim({ amountPence: 900_000, status: 'submitted' }),
      claim({ amountPence: 900_000, status: 'draft' }),
      claim({ amountPence: 900_000, status: 'queried' }),
      claim({ amountPence: 900_000, status: 'approved', deleted: true }),
    ];
    expect(remainingBudget(1_000_000, claims)).toBe(649_950);
  });

  it('goes below zero when the budget is overspent', () => {
    expect(remainingBudget(100, [claim({ amountPence: 150 })])).toBe(-50);
  });

  it('is the budget less the committed claims, exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.record({ amountPence: fc.integer({ min: 0, max: 1e9 }), status: fc.constantFrom<ClaimStatus>('draft', 'submitted', 'approved', 'paid', 'queried') })),
        (budget, claims) => {
          const spent = claims.filter((c) => c.status === 'approved' || c.status === 'paid').reduce((a, c) => a + c.amountPence, 0);
          expect(remainingBudget(budget, claims)).toBe(budget - spent);
        },
      ),
    );
  });
});

describe('quarterClaimTotal', () => {
  const claims = [
    claim({ quarter: 1, amountPence: 100 }),
    claim({ quarter: 1, amountPence: 200, status: 'paid' }),
    claim({ quarter: 1, amountPence: 400, status: 'submitted' }),
    claim({ quarter: 2, amountPence: 800 }),
    claim({ quarter: 1, amountPence: 1600, financialYear: '2027/28' }),
  ];

  it('adds the approved and paid claims of one quarter of one year', () => {
    expect(quarterClaimTotal(claims, '2026/27', 1)).toBe(300);
    expect(quarterClaimTotal(claims, '2026/27', 2)).toBe(800);
    expect(quarterClaimTotal(claims, '2026/27', 3)).toBe(0);
  });

  it('can include claims still waiting for approval', () => {
    expect(quarterClaimTotal(claims, '2026/27', 1, ['submitted', 'approved', 'paid'])).toBe(700);
  });
});

describe('funderClaimFrom', () => {
  it('sums the approved partner claims on the funder’s projects for the quarter', () => {
    const claims = [
      claim({ id: 'a', projectId: 'hub', amountPence: 1_250_000 }),
      claim({ id: 'b', projectId: 'volunteering', amountPence: 375_050, status: 'paid' }),
      claim({ id: 'c', projectId: 'hub', amountPence: 999, status: 'submitted' }),
      claim({ id: 'd', projectId: 'other-funder', amountPence: 999 }),
      claim({ id: 'e', projectId: 'hub', amountPence: 999, quarter: 2 }),
      claim({ id: 'f', projectId: 'hub', amountPence: 999, deleted: true }),
    ];
    expect(
      funderClaimFrom(claims, { funderId: 'capacitybuilders', financialYear: '2026/27', quarter: 1, projectIds: ['hub', 'volunteering'] }),
    ).toEqual({ funderId: 'capacitybuilders', financialYear: '2026/27', quarter: 1, partnerClaimIds: ['a', 'b'], amountPence: 1_625_050 });
  });

  it('refuses to claim from a funder for a partner claim with no outputs delivered', () => {
    const claims = [claim({ id: 'a' }), claim({ id: 'b', outputsDelivered: '' })];
    expect(() => funderClaimFrom(claims, { funderId: 'f', financialYear: '2026/27', quarter: 1, projectIds: ['infrastructure-hub'] })).toThrow(
      ClaimWithoutOutputsError,
    );
  });

  it('gives an empty claim when nothing was approved', () => {
    expect(funderClaimFrom([], { funderId: 'f', financialYear: '2026/27', quarter: 4, projectIds: [] })).toMatchObject({
      partnerClaimIds: [],
      amountPence: 0,
    });
  });
});

const frame: ClaimFrame = {
  project: { firstYear: '2026/27', firstQuarter: 1, lastYear: '2028/29', lastQuarter: 4, leadOrganisationId: 'vcb', deliveryOrganisationIds: ['val', 'vcasb'] },
  lineCodes: ['staff', 'running-costs', 'volunteer-expenses'],
  outputCodes: ['volunteers-placed'],
};
const entry = { organisationId: 'val', financialYear: '2026/27', quarter: 1, lines: { staff: 250_000, 'running-costs': 40_000 }, outputs: { 'volunteers-placed': 55 } };

describe('a partner claim against its project (claimProblems)', () => {
  it('finds nothing wrong with a delivery partner’s claim for a quarter of the project on its own lines', () => {
    expect(claimProblems(entry, frame)).toEqual([]);
    expect(claimProblems({ ...entry, organisationId: 'vcb', financialYear: '2028/29', quarter: 4 }, frame)).toEqual([]);
  });

  it('refuses a quarter before or after the project, in words', () => {
    expect(claimProblems({ ...entry, financialYear: '2025/26', quarter: 4 }, frame)).toEqual([
      { field: 'financialYear', code: '', message: 'Q4 2025/26 is outside the project, which runs from Q1 2026/27 to Q4 2028/29' },
    ]);
    expect(claimProblems({ ...entry, financialYear: '2029/30', quarter: 1 }, frame)[0]?.field).toBe('financialYear');
    expect(claimProblems({ ...entry, financialYear: '2026/28' }, frame)[0]?.message).toBe('Enter the year like 2026/27');
    expect(claimProblems(entry, { ...frame, project: { ...frame.project, firstYear: '' } })[0]?.message).toMatch(/first and last quarters have not been entered/);
  });

  it('follows the consortium’s year start (rule 16): with a January year, 2026 Q1 is inside a project from 2026 Q1', () => {
    const january = { ...frame, project: { ...frame.project, firstYear: '2026', lastYear: '2027' }, startMonth: 1 };
    expect(claimProblems({ ...entry, financialYear: '2026' }, january)).toEqual([]);
    expect(claimProblems({ ...entry, financialYear: '2026/27' }, january)[0]?.message).toBe('Enter the year like 2026');
  });

  it('refuses a line for a budget line the project lacks, an output it does not have, and an organisation not on the project', () => {
    const problems = claimProblems({ ...entry, organisationId: 'brec', lines: { ...entry.lines, catering: 100 }, outputs: { 'groups-trained': 3 } }, frame);
    expect(problems).toEqual([
      { field: 'organisationId', code: '', message: 'The organisation is neither the lead nor a delivery partner of this project' },
      { field: 'lines', code: 'catering', message: '“catering” is not one of the project’s budget lines' },
      { field: 'outputs', code: 'groups-trained', message: '“groups-trained” is not one of the project’s outputs' },
    ]);
  });

  it('refuses negative amounts and fractions of a penny on every copy, by the record’s schema', () => {
    const parse = (lines: Record<string, number>) => partnerClaimSchema.safeParse({ ...entry, projectId: 'p', lines });
    expect(parse({ staff: -1 }).error?.issues[0]?.message).toBe('The amount for the line cannot be negative');
    expect(parse({ staff: 100.5 }).error?.issues[0]?.message).toBe('The amount for the line must be in whole pence');
    expect(partnerClaimSchema.safeParse({ ...entry, projectId: 'p', quarter: 5 }).error?.issues[0]?.message).toBe('Choose a quarter from 1 to 4');
    expect(parse({ staff: 100 }).success).toBe(true);
  });
});

describe('totals are the sums of their lines (property)', () => {
  const lines = fc.dictionary(fc.constantFrom('staff', 'running-costs', 'equipment', 'volunteer-expenses', 'management'), fc.integer({ min: 0, max: 10_000_000_000 }), { minKeys: 1 });
  const ab: Actor = { offices: new Set(['accountable-body']), organisationId: 'vcasb' };

  it('a claim’s total is exactly the sum of its lines', () => {
    fc.assert(
      fc.property(lines, (claimed) => {
        let expected = 0n;
        for (const pence of Object.values(claimed)) expected += BigInt(pence);
        expect(BigInt(claimTotal(claimed))).toBe(expected);
      }),
    );
  });

  it('what is approved totals the approved lines, never more than claimed, and is what must be paid', () => {
    fc.assert(
      fc.property(lines, fc.array(fc.nat({ max: 100 }), { minLength: 5, maxLength: 5 }), (claimed, cuts) => {
        const codes = Object.keys(claimed);
        const approved = Object.fromEntries(codes.map((code, i) => [code, Math.floor((claimed[code]! * (100 - cuts[i]!)) / 100)]));
        const reasons = Object.fromEntries(codes.filter((code) => approved[code] !== claimed[code]).map((code) => [code, 'Not evidenced']));
        const row = { organisationId: 'val', lines: claimed, outputsDelivered: '12 groups supported' };
        const submitted = partnerClaimLifecycle.step(partnerClaimLifecycle.initial(), { type: 'submitted', answer: '' }, { offices: new Set(), organisationId: 'val' }, row);
        if (isRefusal(submitted)) throw new Error(submitted.reason);
        const state = partnerClaimLifecycle.step(submitted, { type: 'approved', lines: approved, reasons }, ab, row);
        if (isRefusal(state)) throw new Error(state.reason);
        expect(state.approvedTotalPence).toBe(sumPence(Object.values(state.approvedLines!)));
        expect(state.approvedTotalPence! <= claimTotal(claimed)).toBe(true);
        const short = partnerClaimLifecycle.step(state, { type: 'paid', paidOn: '2026-08-01', reference: 'BACS 1', amountPence: state.approvedTotalPence! - 1 }, ab, row);
        expect(isRefusal(short)).toBe(true);
        const paid = partnerClaimLifecycle.step(state, { type: 'paid', paidOn: '2026-08-01', reference: 'BACS 1', amountPence: state.approvedTotalPence! }, ab, row);
        expect(isRefusal(paid) ? paid.reason : paid.status).toBe('paid');
      }),
    );
  });

  it('a profile shared over quarters by largest remainder adds up to the line’s budget, and the lines to the project’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 10 }), (budget, shares) => {
        const perLine = allocatePence(budget, shares);
        expect(sumPence(perLine)).toBe(budget);
        for (const line of perLine) expect(sumPence(allocatePence(line, [2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]))).toBe(line);
      }),
    );
  });

  it('folds a stored claim to the same approved total whatever order its fields are stored in', () => {
    const row = { organisationId: 'val', lines: { staff: 300, management: 200 }, outputsDelivered: 'x', _clocks: { 'event:b': '2', 'event:a': '1' }, 'event:b': { type: 'approved', lines: { staff: 300, management: 150 }, reasons: { management: 'Over the profile' } }, 'event:a': { type: 'submitted', answer: '' } };
    expect(stateOf(partnerClaimLifecycle, row)).toMatchObject({ status: 'approved', approvedTotalPence: 450 });
  });
});

describe('partner claims due', () => {
  const projects = [{ id: 'p1', dueDays: 14, ...frame.project }];
  it('lists each quarter of the partner’s projects that has ended and has not been sent, due days after its end', () => {
    expect(partnerClaimsDue('val', projects, new Set(), '2026-10-02')).toEqual([
      { projectId: 'p1', financialYear: '2026/27', quarter: 1, quarterEnd: '2026-06-30', dueOn: '2026-07-14' },
      { projectId: 'p1', financialYear: '2026/27', quarter: 2, quarterEnd: '2026-09-30', dueOn: '2026-10-14' },
    ]);
    expect(partnerClaimsDue('val', projects, new Set(['p1:2026/27:Q1']), '2026-10-02').map((d) => d.quarter)).toEqual([2]);
    expect(partnerClaimsDue('brec', projects, new Set(), '2026-10-02')).toEqual([]);
    expect(partnerClaimsDue('val', projects, new Set(), '2026-06-30')).toEqual([]);
  });
});

describe('claims to funders due', () => {
  it('lists each quarter of the agreement that has ended and is not submitted, due the agreement’s days after its end', () => {
    const funds = [{ id: 'cb', startOn: '2026-04-01', endOn: '2029-03-31', claimDueDays: 30 }];
    expect(funderClaimsDue(funds, new Set(), '2026-12-02')).toEqual([
      { fundId: 'cb', financialYear: '2026/27', quarter: 1, quarterEnd: '2026-06-30', dueOn: '2026-07-30' },
      { fundId: 'cb', financialYear: '2026/27', quarter: 2, quarterEnd: '2026-09-30', dueOn: '2026-10-30' },
    ]);
    expect(funderClaimsDue(funds, new Set(['cb:2026/27:Q1']), '2026-12-02').map((d) => d.quarter)).toEqual([2]);
    // An agreement starting mid-quarter claims that quarter; one that has ended claims no more.
    expect(funderClaimsDue([{ id: 'x', startOn: '2025-02-10', endOn: '2025-06-30', claimDueDays: 10 }], new Set(), '2026-12-02').map((d) => `${d.financialYear} Q${d.quarter}`)).toEqual(['2024/25 Q4', '2025/26 Q1']);
    expect(funderClaimsDue([{ id: 'y', startOn: '', endOn: '', claimDueDays: 10 }], new Set(), '2026-12-02')).toEqual([]);
  });
});
