import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertClaimApprovable,
  ClaimWithoutOutputsError,
  funderClaimFrom,
  quarterClaimTotal,
  remainingBudget,
  type ClaimStatus,
} from './claims';
import type { Quarter } from './financial-year';

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
