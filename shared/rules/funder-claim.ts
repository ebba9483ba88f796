/**
 * The consortium's claim to a funder for one fund and quarter (docs/architecture.md,
 * "Claims: funder claims"), derived from its parts, never stored: the approved partner
 * claims (what the Accountable Body approved, line by line, not what was claimed) and
 * the Accountable Body's own costs, set against each project's budget profile and its
 * output targets.
 *
 * - Totals per budget line, per project and for the claim are sums of the lines
 *   (integer pence, added exactly with every part and total checked to be a safe
 *   integer, as money.ts sumPence does); cumulative figures run from the first quarter
 *   of each project's profile to the quarter claimed.
 * - Variance is spend minus profile: negative is an underspend. Its percentage of the
 *   profile is held as tenths of a percent rounded half away from zero by integer
 *   arithmetic, and whether it is beyond the consortium's threshold is decided exactly
 *   (|variance| × 100 against percent × profile), never by floating point.
 * - Shares of the claim by partner are tenths of a percent allocated by largest
 *   remainder (money.ts allocatePence), so they always add up to 100.0%.
 *
 * A variance beyond the threshold must be explained, and outputs below target need a
 * narrative, before the claim is marked submitted (funderClaimReadiness; enforced on
 * every copy by lifecycles.ts funderClaimLifecycle).
 */
import { allocatePence, InvalidAmount, NotWholePence, sumPence } from './money';
import type { Quarter } from './financial-year';
import { financialYearNamed } from './financial-year';

/** A quarter as a number that orders: the financial year's start year × 4 + quarter − 1. */
export type PeriodIndex = number;

export function periodIndex(financialYear: string, quarter: Quarter, startMonth = 4, startDay = 1): PeriodIndex {
  return financialYearNamed(financialYear, startMonth, startDay).startYear * 4 + (quarter - 1);
}

/** The financial year's start year and the quarter of a period index. */
export function periodOf(index: PeriodIndex): { startYear: number; quarter: Quarter } {
  return { startYear: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter };
}

/** 'Q1 2026/27' for a period index (a year that starts on 1 January is named '2026'). */
export function periodLabel(index: PeriodIndex, startMonth = 4): string {
  const { startYear, quarter } = periodOf(index);
  const label = startMonth === 1 ? String(startYear) : `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
  return `Q${quarter} ${label}`;
}

/** The consortium's threshold for variances that need explaining (constitution.ts varianceThreshold…). */
export interface VarianceThreshold {
  /** Beyond this percentage of the profile, in whole percent (10). */
  readonly percent: number;
  /** Beyond this amount, in pence (50000 = £500). */
  readonly pence: number;
  /** 'either': beyond either limit needs explaining (the default); 'both': only beyond both. */
  readonly combination: 'either' | 'both';
}

export const DEFAULT_VARIANCE_THRESHOLD: VarianceThreshold = { percent: 10, pence: 50_000, combination: 'either' };

export interface ClaimProject {
  readonly id: string;
  readonly name: string;
  /** The project's budget lines, in the order the funder sees them. */
  readonly lines: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly outputs: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

/** What the Accountable Body approved on one line of one partner's claim for a quarter. */
export interface ApprovedSpend {
  readonly projectId: string;
  readonly lineId: string;
  readonly organisationId: string;
  readonly period: PeriodIndex;
  readonly pence: number;
}

export interface ProfileAmount {
  readonly projectId: string;
  readonly lineId: string;
  readonly period: PeriodIndex;
  readonly pence: number;
}

/** The Accountable Body's own costs on a line (from the funder claim of that quarter). */
export interface OwnCost {
  readonly projectId: string;
  readonly lineId: string;
  readonly period: PeriodIndex;
  readonly pence: number;
}

export interface OutputCount {
  readonly projectId: string;
  readonly outputId: string;
  readonly period: PeriodIndex;
  readonly count: number;
}

export interface FunderClaimInput {
  readonly period: PeriodIndex;
  readonly projects: readonly ClaimProject[];
  readonly approved: readonly ApprovedSpend[];
  readonly profile: readonly ProfileAmount[];
  readonly ownCosts: readonly OwnCost[];
  readonly targets: readonly OutputCount[];
  readonly achieved: readonly OutputCount[];
  readonly threshold?: VarianceThreshold;
}

/** A variance: spend − profile, its percentage (tenths, undefined with no profile) and whether it must be explained. */
export interface Variance {
  readonly pence: number;
  /** Tenths of a percent of the profile, rounded half away from zero: -150 is -15.0%. Undefined when the profile is 0. */
  readonly tenthsOfPercent: number | undefined;
  readonly beyondThreshold: boolean;
}

export interface Figures {
  readonly partnersPence: number;
  readonly ownCostsPence: number;
  /** Claimed this quarter: partners' approved spend plus own costs. */
  readonly claimedPence: number;
  readonly profilePence: number;
  readonly variance: Variance;
  readonly cumulativePence: number;
  readonly cumulativeProfilePence: number;
  readonly cumulativeVariance: Variance;
}

export interface LineFigures extends Figures {
  readonly lineId: string;
  readonly name: string;
}

export interface OutputFigures {
  readonly outputId: string;
  readonly name: string;
  readonly target: number;
  readonly achieved: number;
  readonly cumulativeTarget: number;
  readonly cumulativeAchieved: number;
  /** Achieved this quarter is below this quarter's target. */
  readonly belowTarget: boolean;
}

export interface PartnerShare {
  readonly organisationId: string;
  readonly pence: number;
  /** Tenths of a percent of the claim's partner spend; the shares add up to 1000. */
  readonly shareTenths: number;
}

export interface CumulativePoint {
  readonly period: PeriodIndex;
  /** Spend to date; undefined for the quarters after the one claimed. */
  readonly spendPence: number | undefined;
  readonly profilePence: number;
}

export interface ProjectFigures extends Figures {
  readonly projectId: string;
  readonly name: string;
  readonly lines: readonly LineFigures[];
  readonly outputs: readonly OutputFigures[];
  readonly byPartner: readonly PartnerShare[];
  /** Cumulative spend (to the quarter claimed) and profile (to the last quarter profiled), quarter by quarter from the first. */
  readonly cumulative: readonly CumulativePoint[];
}

export interface FunderClaimFigures extends Figures {
  readonly period: PeriodIndex;
  readonly projects: readonly ProjectFigures[];
  readonly byPartner: readonly PartnerShare[];
  readonly threshold: VarianceThreshold;
  /** The lines, projects and claim whose variance (this quarter) is beyond the threshold. */
  readonly variancesToExplain: ReadonlyArray<{ projectId: string; lineId?: string; name: string; variance: Variance }>;
  readonly outputsBelowTarget: ReadonlyArray<{ projectId: string; outputId: string; name: string; target: number; achieved: number }>;
}

/** Tenths of a percent of `whole` that `part` is, rounded half away from zero, by integer arithmetic. */
export function tenthsOfPercent(part: number, whole: number): number | undefined {
  if (whole === 0) return undefined;
  const p = BigInt(part) * 1000n;
  const w = BigInt(whole);
  const negative = p < 0n !== w < 0n && p !== 0n;
  const ap = p < 0n ? -p : p;
  const aw = w < 0n ? -w : w;
  const rounded = (2n * ap + aw) / (2n * aw);
  return Number(negative ? -rounded : rounded);
}

/** '-15.0%' for -150 tenths; '—' when there is no profile to compare against. */
export function formatTenthsOfPercent(tenths: number | undefined): string {
  if (tenths === undefined) return '—';
  const abs = Math.abs(tenths);
  return `${tenths < 0 ? '-' : ''}${Math.floor(abs / 10)}.${abs % 10}%`;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/** Whether a variance is beyond the threshold, decided exactly. With no profile, any spend is beyond the percentage. */
export function isBeyondThreshold(variancePence: number, profilePence: number, threshold: VarianceThreshold): boolean {
  if (variancePence === 0) return false;
  const v = abs(BigInt(variancePence));
  const beyondPercent = profilePence === 0 ? true : v * 100n > BigInt(threshold.percent) * abs(BigInt(profilePence));
  const beyondPence = v > BigInt(threshold.pence);
  return threshold.combination === 'both' ? beyondPercent && beyondPence : beyondPercent || beyondPence;
}

export function varianceOf(spendPence: number, profilePence: number, threshold: VarianceThreshold): Variance {
  const pence = sumPence([spendPence, -profilePence]);
  return { pence, tenthsOfPercent: tenthsOfPercent(pence, profilePence), beyondThreshold: isBeyondThreshold(pence, profilePence, threshold) };
}

/**
 * Adds whole pence exactly, as sumPence does but without BigInt, for the tens of
 * thousands of lines a claim adds up: two safe integers add exactly unless the sum
 * leaves the safe range, and then the result is not a safe integer either, so it is refused.
 */
function add(total: number, pence: number): number {
  if (!Number.isSafeInteger(pence)) throw new NotWholePence(pence);
  const sum = total + pence;
  if (!Number.isSafeInteger(sum)) throw new InvalidAmount('The total is too large');
  return sum;
}

interface Sums {
  partners: number;
  own: number;
  profile: number;
  cumulative: number;
  cumulativeProfile: number;
}
const emptySums = (): Sums => ({ partners: 0, own: 0, profile: 0, cumulative: 0, cumulativeProfile: 0 });

function figuresOf(s: Sums, threshold: VarianceThreshold): Figures {
  const partnersPence = s.partners;
  const ownCostsPence = s.own;
  const claimedPence = add(partnersPence, ownCostsPence);
  const profilePence = s.profile;
  const cumulativePence = s.cumulative;
  const cumulativeProfilePence = s.cumulativeProfile;
  return {
    partnersPence,
    ownCostsPence,
    claimedPence,
    profilePence,
    variance: varianceOf(claimedPence, profilePence, threshold),
    cumulativePence,
    cumulativeProfilePence,
    cumulativeVariance: varianceOf(cumulativePence, cumulativeProfilePence, threshold),
  };
}

/** The project's (or the claim's) sums take a line's (or a project's) own totals: a whole is the sum of its parts. */
function addFigures(s: Sums, f: Figures) {
  s.partners = add(s.partners, f.partnersPence);
  s.own = add(s.own, f.ownCostsPence);
  s.profile = add(s.profile, f.profilePence);
  s.cumulative = add(s.cumulative, f.cumulativePence);
  s.cumulativeProfile = add(s.cumulativeProfile, f.cumulativeProfilePence);
}

function sharesOf(byOrganisation: Map<string, number>): PartnerShare[] {
  const rows = [...byOrganisation].map(([organisationId, pence]) => ({ organisationId, pence }));
  rows.sort((a, b) => b.pence - a.pence || (a.organisationId < b.organisationId ? -1 : 1));
  const total = sumPence(rows.map((r) => r.pence));
  const tenths = total > 0 ? allocatePence(1000, rows.map((r) => r.pence)) : rows.map(() => 0);
  return rows.map((r, i) => ({ ...r, shareTenths: tenths[i]! }));
}

const checkCount = (n: number, what: string) => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number, 0 or more`);
};

/** Derive the funder claim for `input.period` from its parts. */
export function deriveFunderClaim(input: FunderClaimInput): FunderClaimFigures {
  const threshold = input.threshold ?? DEFAULT_VARIANCE_THRESHOLD;
  const period = input.period;
  // By project, then line: no key to build for each of the tens of thousands of lines.
  const lineSums = new Map<string, Map<string, Sums>>();
  const projectIds = new Set(input.projects.map((p) => p.id));
  const linesOfProject = new Map(input.projects.map((p) => [p.id, new Set(p.lines.map((l) => l.id))]));
  const isLine = (projectId: string, lineId: string) => linesOfProject.get(projectId)?.has(lineId) === true;
  // Spend on a line the project's budget no longer has is kept, on a line of its own, so no approved penny drops out.
  const extraLines = new Map<string, string[]>();
  const noteLine = (projectId: string, lineId: string) => {
    const lines = linesOfProject.get(projectId)!;
    if (lines.has(lineId)) return;
    lines.add(lineId);
    (extraLines.get(projectId) ?? extraLines.set(projectId, []).get(projectId)!).push(lineId);
  };
  const sumsOf = (projectId: string, lineId: string) => {
    let byLine = lineSums.get(projectId);
    if (!byLine) lineSums.set(projectId, (byLine = new Map()));
    let s = byLine.get(lineId);
    if (!s) byLine.set(lineId, (s = emptySums()));
    return s;
  };
  // Per project and quarter, for the cumulative series.
  const spendByPeriod = new Map<string, Map<PeriodIndex, number>>();
  const profileByPeriod = new Map<string, Map<PeriodIndex, number>>();
  const push = <K,>(m: Map<string, Map<K, number>>, projectId: string, at: K, pence: number) => {
    let inner = m.get(projectId);
    if (!inner) m.set(projectId, (inner = new Map()));
    inner.set(at, add(inner.get(at) ?? 0, pence));
  };
  const laterProfile = new Map<string, Map<PeriodIndex, number>>();
  const partnerByProject = new Map<string, Map<string, number>>();
  const partnerAll = new Map<string, number>();

  for (const a of input.approved) {
    if (a.period > period || !projectIds.has(a.projectId)) continue;
    noteLine(a.projectId, a.lineId);
    const s = sumsOf(a.projectId, a.lineId);
    s.cumulative = add(s.cumulative, a.pence);
    push(spendByPeriod, a.projectId, a.period, a.pence);
    if (a.period === period) {
      s.partners = add(s.partners, a.pence);
      push(partnerByProject, a.projectId, a.organisationId, a.pence);
      partnerAll.set(a.organisationId, add(partnerAll.get(a.organisationId) ?? 0, a.pence));
    }
  }
  for (const o of input.ownCosts) {
    if (o.period > period || !projectIds.has(o.projectId)) continue;
    noteLine(o.projectId, o.lineId);
    const s = sumsOf(o.projectId, o.lineId);
    s.cumulative = add(s.cumulative, o.pence);
    push(spendByPeriod, o.projectId, o.period, o.pence);
    if (o.period === period) s.own = add(s.own, o.pence);
  }
  for (const p of input.profile) {
    if (!isLine(p.projectId, p.lineId)) continue;
    // The profile of later quarters is drawn on the chart, and counts in no total.
    if (p.period > period) {
      push(laterProfile, p.projectId, p.period, p.pence);
      continue;
    }
    const s = sumsOf(p.projectId, p.lineId);
    s.cumulativeProfile = add(s.cumulativeProfile, p.pence);
    push(profileByPeriod, p.projectId, p.period, p.pence);
    if (p.period === period) s.profile = add(s.profile, p.pence);
  }

  const outputKey = (projectId: string, outputId: string) => `${projectId}\u0000${outputId}`;
  const counts = new Map<string, { target: number; achieved: number; cumulativeTarget: number; cumulativeAchieved: number }>();
  const countOf = (k: string) => {
    let c = counts.get(k);
    if (!c) counts.set(k, (c = { target: 0, achieved: 0, cumulativeTarget: 0, cumulativeAchieved: 0 }));
    return c;
  };
  for (const t of input.targets) {
    checkCount(t.count, 'A target');
    if (t.period > period || !projectIds.has(t.projectId)) continue;
    const c = countOf(outputKey(t.projectId, t.outputId));
    c.cumulativeTarget += t.count;
    if (t.period === period) c.target += t.count;
  }
  for (const a of input.achieved) {
    checkCount(a.count, 'An output achieved');
    if (a.period > period || !projectIds.has(a.projectId)) continue;
    const c = countOf(outputKey(a.projectId, a.outputId));
    c.cumulativeAchieved += a.count;
    if (a.period === period) c.achieved += a.count;
  }

  const claimSums = emptySums();
  const variancesToExplain: Array<{ projectId: string; lineId?: string; name: string; variance: Variance }> = [];
  const outputsBelowTarget: Array<{ projectId: string; outputId: string; name: string; target: number; achieved: number }> = [];
  const projects: ProjectFigures[] = input.projects.map((project) => {
    const projectSums = emptySums();
    const allLines = [...project.lines, ...(extraLines.get(project.id) ?? []).map((id) => ({ id, name: `${id} (not in the budget)` }))];
    const lines: LineFigures[] = allLines.map((line) => {
      const s = lineSums.get(project.id)?.get(line.id) ?? emptySums();
      const figures = figuresOf(s, threshold);
      // Parts of the project's figures are the lines' own totals, so the project is the sum of its lines.
      addFigures(projectSums, figures);
      if (figures.variance.beyondThreshold) variancesToExplain.push({ projectId: project.id, lineId: line.id, name: `${project.name}: ${line.name}`, variance: figures.variance });
      return { lineId: line.id, name: line.name, ...figures };
    });
    const figures = figuresOf(projectSums, threshold);
    if (figures.variance.beyondThreshold) variancesToExplain.push({ projectId: project.id, name: project.name, variance: figures.variance });
    addFigures(claimSums, figures);

    const outputs: OutputFigures[] = project.outputs.map((output) => {
      const c = counts.get(outputKey(project.id, output.id)) ?? { target: 0, achieved: 0, cumulativeTarget: 0, cumulativeAchieved: 0 };
      const belowTarget = c.achieved < c.target;
      if (belowTarget) outputsBelowTarget.push({ projectId: project.id, outputId: output.id, name: `${project.name}: ${output.name}`, target: c.target, achieved: c.achieved });
      return { outputId: output.id, name: output.name, ...c, belowTarget };
    });

    const spend = spendByPeriod.get(project.id) ?? new Map<PeriodIndex, number>();
    const profile = profileByPeriod.get(project.id) ?? new Map<PeriodIndex, number>();
    const later = laterProfile.get(project.id) ?? new Map<PeriodIndex, number>();
    const periods = [...spend.keys(), ...profile.keys()];
    const cumulative: CumulativePoint[] = [];
    if (periods.length > 0 || later.size > 0) {
      let spendRun = 0;
      let profileRun = 0;
      const last = Math.max(period, ...later.keys());
      for (let at = Math.min(period, ...periods, ...later.keys()); at <= last; at++) {
        if (at <= period) spendRun = add(spendRun, spend.get(at) ?? 0);
        profileRun = add(add(profileRun, profile.get(at) ?? 0), later.get(at) ?? 0);
        cumulative.push({ period: at, spendPence: at <= period ? spendRun : undefined, profilePence: profileRun });
      }
    }
    return { projectId: project.id, name: project.name, ...figures, lines, outputs, byPartner: sharesOf(partnerByProject.get(project.id) ?? new Map()), cumulative };
  });
  const totals = figuresOf(claimSums, threshold);
  if (totals.variance.beyondThreshold) variancesToExplain.push({ projectId: '', name: 'The claim as a whole', variance: totals.variance });
  return { period, ...totals, projects, byPartner: sharesOf(partnerAll), threshold, variancesToExplain, outputsBelowTarget };
}

/** What stops a funder claim being marked submitted, in words for the form; [] when it may be submitted. */
export function funderClaimReadiness(
  figures: Pick<FunderClaimFigures, 'variancesToExplain' | 'outputsBelowTarget'>,
  text: { varianceExplanation?: string; outputsNarrative?: string },
): string[] {
  const problems: string[] = [];
  if (figures.variancesToExplain.length > 0 && !(text.varianceExplanation ?? '').trim()) {
    const first = figures.variancesToExplain[0]!;
    const more = figures.variancesToExplain.length - 1;
    problems.push(
      `Explain the variance against the profile before submitting: ${first.name} is ${formatTenthsOfPercent(first.variance.tenthsOfPercent)} (${first.variance.pence < 0 ? 'under' : 'over'} profile)${more > 0 ? ` and ${more} more` : ''}.`,
    );
  }
  if (figures.outputsBelowTarget.length > 0 && !(text.outputsNarrative ?? '').trim()) {
    const first = figures.outputsBelowTarget[0]!;
    const more = figures.outputsBelowTarget.length - 1;
    problems.push(
      `Say why outputs are below target before submitting: ${first.name} achieved ${first.achieved} of ${first.target}${more > 0 ? `, and ${more} more` : ''}.`,
    );
  }
  return problems;
}
