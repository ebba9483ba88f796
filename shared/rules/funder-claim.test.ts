import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_VARIANCE_THRESHOLD,
  deriveFunderClaim,
  formatTenthsOfPercent,
  funderClaimReadiness,
  isBeyondThreshold,
  periodIndex,
  periodLabel,
  tenthsOfPercent,
  type FunderClaimInput,
} from './funder-claim';

const Q1 = periodIndex('2026/27', 1);
const project = {
  id: 'p1',
  name: 'Frontline support',
  lines: [
    { id: 'staff', name: 'Staff' },
    { id: 'running', name: 'Running costs' },
  ],
  outputs: [{ id: 'orgs', name: 'Frontline organisations supported' }],
};

describe('periods', () => {
  it('orders quarters across years and names them', () => {
    expect(periodIndex('2026/27', 4) + 1).toBe(periodIndex('2027/28', 1));
    expect(periodLabel(periodIndex('2026/27', 3))).toBe('Q3 2026/27');
  });
});

describe('percentages and the threshold', () => {
  it('rounds tenths of a percent half away from zero with integers', () => {
    expect(tenthsOfPercent(-1500, 10_000)).toBe(-150);
    expect(tenthsOfPercent(1, 3)).toBe(333);
    expect(tenthsOfPercent(2, 3)).toBe(667);
    expect(tenthsOfPercent(-1, 2000)).toBe(-1); // -0.05% rounds away from zero
    expect(tenthsOfPercent(5, 0)).toBeUndefined();
    expect(formatTenthsOfPercent(-150)).toBe('-15.0%');
    expect(formatTenthsOfPercent(5)).toBe('0.5%');
    expect(formatTenthsOfPercent(undefined)).toBe('—');
  });

  it('is beyond 10% or £500 by default, exactly at the edge not beyond', () => {
    expect(isBeyondThreshold(-1000, 10_000, DEFAULT_VARIANCE_THRESHOLD)).toBe(false); // exactly 10%
    expect(isBeyondThreshold(-1001, 10_000, DEFAULT_VARIANCE_THRESHOLD)).toBe(true);
    expect(isBeyondThreshold(50_001, 100_000_000, DEFAULT_VARIANCE_THRESHOLD)).toBe(true); // £500.01 of £1m
    expect(isBeyondThreshold(50_000, 100_000_000, DEFAULT_VARIANCE_THRESHOLD)).toBe(false);
    expect(isBeyondThreshold(50_001, 100_000_000, { ...DEFAULT_VARIANCE_THRESHOLD, combination: 'both' })).toBe(false);
    expect(isBeyondThreshold(1, 0, DEFAULT_VARIANCE_THRESHOLD)).toBe(true); // spend with no profile
    expect(isBeyondThreshold(0, 0, DEFAULT_VARIANCE_THRESHOLD)).toBe(false);
  });
});

describe('deriveFunderClaim', () => {
  const input: FunderClaimInput = {
    period: Q1,
    projects: [project],
    approved: [
      { projectId: 'p1', lineId: 'staff', organisationId: 'bedford', period: Q1, pence: 600_000 },
      { projectId: 'p1', lineId: 'staff', organisationId: 'luton', period: Q1, pence: 250_000 },
      { projectId: 'p1', lineId: 'running', organisationId: 'luton', period: Q1, pence: 100_000 },
      { projectId: 'p1', lineId: 'running', organisationId: 'luton', period: Q1 + 1, pence: 999_999 }, // later: not in Q1
      { projectId: 'other', lineId: 'staff', organisationId: 'luton', period: Q1, pence: 5 }, // another fund's project
    ],
    ownCosts: [{ projectId: 'p1', lineId: 'running', period: Q1, pence: 50_000 }],
    profile: [
      { projectId: 'p1', lineId: 'staff', period: Q1, pence: 1_000_000 },
      { projectId: 'p1', lineId: 'running', period: Q1, pence: 150_000 },
    ],
    targets: [{ projectId: 'p1', outputId: 'orgs', period: Q1, count: 20 }],
    achieved: [
      { projectId: 'p1', outputId: 'orgs', period: Q1, count: 12 },
      { projectId: 'p1', outputId: 'orgs', period: Q1, count: 5 },
    ],
  };

  it('totals lines, projects and the claim, with variance, outputs and shares', () => {
    const f = deriveFunderClaim(input);
    const [p] = f.projects;
    expect(p!.lines.map((l) => [l.name, l.partnersPence, l.ownCostsPence, l.claimedPence, l.profilePence, l.variance.pence])).toEqual([
      ['Staff', 850_000, 0, 850_000, 1_000_000, -150_000],
      ['Running costs', 100_000, 50_000, 150_000, 150_000, 0],
    ]);
    expect(p!.claimedPence).toBe(1_000_000);
    expect(p!.variance).toEqual({ pence: -150_000, tenthsOfPercent: -130, beyondThreshold: true });
    expect(f.claimedPence).toBe(1_000_000);
    expect(f.variancesToExplain.map((v) => v.name)).toEqual(['Frontline support: Staff', 'Frontline support', 'The claim as a whole']);
    expect(p!.outputs[0]).toMatchObject({ target: 20, achieved: 17, belowTarget: true });
    expect(p!.byPartner).toEqual([
      { organisationId: 'bedford', pence: 600_000, shareTenths: 632 },
      { organisationId: 'luton', pence: 350_000, shareTenths: 368 },
    ]);
    expect(p!.cumulative).toEqual([{ period: Q1, spendPence: 1_000_000, profilePence: 1_150_000 }]);
    // A later quarter's profile is on the chart, with no spend yet, and in no total.
    const later = deriveFunderClaim({ ...input, profile: [...input.profile, { projectId: 'p1', lineId: 'staff', period: Q1 + 1, pence: 500 }] });
    expect(later.projects[0]!.cumulative).toEqual([
      { period: Q1, spendPence: 1_000_000, profilePence: 1_150_000 },
      { period: Q1 + 1, spendPence: undefined, profilePence: 1_150_500 },
    ]);
    expect(later.profilePence).toBe(1_150_000);
  });

  it('keeps spend on a line the budget lacks, so nothing approved drops out', () => {
    const f = deriveFunderClaim({ ...input, approved: [...input.approved, { projectId: 'p1', lineId: 'gone', organisationId: 'luton', period: Q1, pence: 7 }] });
    expect(f.projects[0]!.lines.at(-1)).toMatchObject({ lineId: 'gone', name: 'gone (not in the budget)', claimedPence: 7 });
    expect(f.claimedPence).toBe(1_000_007);
  });

  it('needs an explanation and a narrative before it may be submitted', () => {
    const f = deriveFunderClaim(input);
    const problems = funderClaimReadiness(f, {});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/Explain the variance.*Frontline support: Staff is -15\.0% \(under profile\) and 2 more/);
    expect(problems[1]).toMatch(/achieved 17 of 20/);
    expect(funderClaimReadiness(f, { varianceExplanation: 'A post was vacant in May.', outputsNarrative: 'Two events moved to July.' })).toEqual([]);
  });

  const ids = ['a', 'b', 'c'];
  const arbitraryInput = fc.record({
    approved: fc.array(
      fc.record({
        projectId: fc.constantFrom('p1', 'p2'),
        lineId: fc.constantFrom(...ids),
        organisationId: fc.constantFrom('x', 'y', 'z'),
        period: fc.integer({ min: Q1 - 3, max: Q1 + 1 }),
        pence: fc.integer({ min: 0, max: 10_000_000_000 }),
      }),
      { maxLength: 60 },
    ),
    ownCosts: fc.array(
      fc.record({ projectId: fc.constantFrom('p1', 'p2'), lineId: fc.constantFrom(...ids), period: fc.integer({ min: Q1 - 3, max: Q1 }), pence: fc.integer({ min: 0, max: 1_000_000_000 }) }),
      { maxLength: 10 },
    ),
    profile: fc.array(
      fc.record({ projectId: fc.constantFrom('p1', 'p2'), lineId: fc.constantFrom(...ids), period: fc.integer({ min: Q1 - 3, max: Q1 + 1 }), pence: fc.integer({ min: 0, max: 10_000_000_000 }) }),
      { maxLength: 30 },
    ),
  });
  const projects = ['p1', 'p2'].map((id) => ({ id, name: id, lines: ids.map((l) => ({ id: l, name: l })), outputs: [] }));

  it('totals always equal the sum of their lines, in whole pence (property)', () => {
    fc.assert(
      fc.property(arbitraryInput, (parts) => {
        const f = deriveFunderClaim({ period: Q1, projects, targets: [], achieved: [], ...parts });
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        const inQuarter = parts.approved.filter((a) => a.period === Q1);
        expect(f.partnersPence).toBe(sum(inQuarter.map((a) => a.pence)));
        expect(f.ownCostsPence).toBe(sum(parts.ownCosts.filter((o) => o.period === Q1).map((o) => o.pence)));
        expect(f.cumulativePence).toBe(sum([...parts.approved, ...parts.ownCosts].filter((a) => a.period <= Q1).map((a) => a.pence)));
        expect(f.claimedPence).toBe(sum(f.projects.map((p) => p.claimedPence)));
        expect(f.profilePence).toBe(sum(f.projects.map((p) => p.profilePence)));
        for (const p of f.projects) {
          expect(p.claimedPence).toBe(sum(p.lines.map((l) => l.claimedPence)));
          expect(p.cumulativePence).toBe(sum(p.lines.map((l) => l.cumulativePence)));
          expect(p.variance.pence).toBe(p.claimedPence - p.profilePence);
          expect(sum(p.byPartner.map((s) => s.pence))).toBe(p.partnersPence);
          if (p.partnersPence > 0) expect(sum(p.byPartner.map((s) => s.shareTenths))).toBe(1000);
          const claimed = p.cumulative.find((c) => c.period === Q1);
          if (claimed) expect([claimed.spendPence, claimed.profilePence]).toEqual([p.cumulativePence, p.cumulativeProfilePence]);
          for (const c of p.cumulative) expect(c.spendPence === undefined).toBe(c.period > Q1);
          for (const l of p.lines) expect(Number.isSafeInteger(l.claimedPence) && Number.isSafeInteger(l.variance.pence)).toBe(true);
        }
        if (f.partnersPence > 0) expect(sum(f.byPartner.map((s) => s.shareTenths))).toBe(1000);
      }),
    );
  });

  it('the threshold decision matches exact rational arithmetic (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 0, max: 100 }), (v, profile, percent) => {
        const beyondPercent = BigInt(Math.abs(v)) * 100n > BigInt(percent) * BigInt(profile);
        const t = { percent, pence: Number.MAX_SAFE_INTEGER, combination: 'either' as const };
        expect(isBeyondThreshold(v, profile, t)).toBe(v !== 0 && beyondPercent);
      }),
    );
  });
});
