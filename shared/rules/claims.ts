/**
 * Claims arithmetic. The Accountable Body runs quarterly claiming (Partnership
 * Agreement 8.1(3)): partners claim from the consortium's funds for each project, the
 * Accountable Body approves and pays them (8.1(4)) and prepares the consortium's own
 * claim to each funder from the approved partner claims. Payment is tied to delivery
 * (Partnership Agreement 8.1(3), 8.1(4)): a partner claim that does not say which outputs were delivered
 * cannot be approved (ClaimWithoutOutputsError).
 *
 * Approved and paid claims are money committed: they count against a budget and go
 * into a funder claim. Draft, submitted and rejected claims do not. All amounts are
 * integer pence and every sum is exact (money.ts).
 */
import { sumPence } from './money';
import { financialYearNamed, financialYearOf, financialYearStarting, InvalidFinancialYear, quarterBounds, quarterOf, type Quarter } from './financial-year';
import { addCalendarDays } from './calendar-date';
import type { PartnerClaimStatus } from './lifecycles';

export type ClaimStatus = PartnerClaimStatus;

/**
 * A partner claim as this arithmetic reads it: its total (the sum of its lines)
 * and its status, both derived from the stored claim (lifecycles.ts partnerClaimState).
 */
export interface PartnerClaim {
  readonly id: string;
  readonly projectId: string;
  readonly financialYear: string;
  readonly quarter: number;
  readonly amountPence: number;
  readonly status: ClaimStatus;
  readonly outputsDelivered: string;
}

/** Claims that commit money: counted against budgets and claimed from funders. */
export const COMMITTED_CLAIM_STATUSES: readonly ClaimStatus[] = ['approved', 'paid'];

type Live = { readonly deleted?: boolean };
const committed = (c: Pick<PartnerClaim, 'status'> & Live) => !c.deleted && COMMITTED_CLAIM_STATUSES.includes(c.status);

/** A partner claim that says nothing about outputs delivered. */
export class ClaimWithoutOutputsError extends Error {
  override readonly name = 'ClaimWithoutOutputsError';
  constructor(readonly claimId = '') {
    super('This claim cannot be approved until it says which outputs were delivered: payment is tied to delivery.');
  }
}

// Partnership Agreement 8.1(3), 8.1(4): payment is tied to the delivery of outputs.
export function assertClaimApprovable(claim: Pick<PartnerClaim, 'outputsDelivered'> & { readonly id?: string }): void {
  if (claim.outputsDelivered.trim() === '') throw new ClaimWithoutOutputsError(claim.id ?? '');
}

/**
 * What is left of a budget after the approved and paid claims against it. Negative
 * when overspent, so the screen can say by how much. Pass the claims of one project
 * and financial year.
 */
export function remainingBudget(
  budgetPence: number,
  claims: ReadonlyArray<Pick<PartnerClaim, 'amountPence' | 'status'> & Live>,
): number {
  return sumPence([budgetPence, -sumPence(claims.filter(committed).map((c) => c.amountPence))]);
}

/** The total of the claims for one quarter of one financial year, approved and paid ones by default. */
export function quarterClaimTotal(
  claims: ReadonlyArray<Pick<PartnerClaim, 'financialYear' | 'quarter' | 'amountPence' | 'status'> & Live>,
  financialYear: string,
  quarter: Quarter,
  statuses: readonly ClaimStatus[] = COMMITTED_CLAIM_STATUSES,
): number {
  return sumPence(
    claims
      .filter((c) => !c.deleted && c.financialYear === financialYear && c.quarter === quarter && statuses.includes(c.status))
      .map((c) => c.amountPence),
  );
}

export interface FunderClaimPeriod {
  readonly funderId: string;
  readonly financialYear: string;
  readonly quarter: Quarter;
  /** The projects this funder pays for (Project.fundId → Fund.funderId). */
  readonly projectIds: readonly string[];
}

/** The fields of a new FunderClaim (shared/domain/entities.ts), before it is saved. */
export interface FunderClaimDraft {
  readonly funderId: string;
  readonly financialYear: string;
  readonly quarter: Quarter;
  readonly partnerClaimIds: string[];
  readonly amountPence: number;
}

// Partnership Agreement 8.1(4): the Accountable Body prepares claims to funders from members' approved claims.
export function funderClaimFrom(
  partnerClaims: ReadonlyArray<
    Pick<PartnerClaim, 'id' | 'projectId' | 'financialYear' | 'quarter' | 'amountPence' | 'status' | 'outputsDelivered'> & Live
  >,
  period: FunderClaimPeriod,
): FunderClaimDraft {
  const projects = new Set(period.projectIds);
  const included = partnerClaims.filter(
    (c) => committed(c) && projects.has(c.projectId) && c.financialYear === period.financialYear && c.quarter === period.quarter,
  );
  for (const claim of included) assertClaimApprovable(claim);
  return {
    funderId: period.funderId,
    financialYear: period.financialYear,
    quarter: period.quarter,
    partnerClaimIds: included.map((c) => c.id),
    amountPence: sumPence(included.map((c) => c.amountPence)),
  };
}

// ---------------------------------------------------------------- a partner claim against its project

/** What a partner claim is checked against: its project, the project's budget lines and outputs, and the consortium's year start. */
export interface ClaimFrame {
  readonly project: {
    readonly firstYear: string;
    readonly firstQuarter: number;
    readonly lastYear: string;
    readonly lastQuarter: number;
    readonly leadOrganisationId: string;
    readonly deliveryOrganisationIds: readonly string[];
  };
  /** The codes of the project's budget lines. */
  readonly lineCodes: readonly string[];
  /** The codes of the project's outputs. */
  readonly outputCodes: readonly string[];
  readonly startMonth?: number;
  readonly startDay?: number;
}

/** A partner claim as entered, before it is checked against its project. */
export interface ClaimEntry {
  readonly organisationId: string;
  readonly financialYear: string;
  readonly quarter: number;
  readonly lines: Readonly<Record<string, number>>;
  readonly outputs?: Readonly<Record<string, number>>;
}

/** One reason a claim does not fit its project, for the field it is about. */
export interface ClaimProblem {
  readonly field: 'organisationId' | 'financialYear' | 'lines' | 'outputs';
  /** The line or output it is about ('' for the claim as a whole). */
  readonly code: string;
  readonly message: string;
}

/** A year and quarter as one number that orders: the year's start year × 4 + quarter − 1; undefined if the year is not named as the consortium names years. */
function periodNumber(financialYear: string, quarter: number, startMonth: number, startDay: number): number | undefined {
  try {
    return financialYearNamed(financialYear, startMonth, startDay).startYear * 4 + quarter - 1;
  } catch (error) {
    if (error instanceof InvalidFinancialYear) return undefined;
    throw error;
  }
}

// Partnership Agreement 8.1(3): the Accountable Body's claiming is by project and quarter, against the project's budget and outputs.
export function claimProblems(claim: ClaimEntry, frame: ClaimFrame): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const { project } = frame;
  const startMonth = frame.startMonth ?? 4;
  const startDay = frame.startDay ?? 1;
  if (claim.organisationId !== project.leadOrganisationId && !project.deliveryOrganisationIds.includes(claim.organisationId)) {
    problems.push({ field: 'organisationId', code: '', message: 'The organisation is neither the lead nor a delivery partner of this project' });
  }
  const period = periodNumber(claim.financialYear, claim.quarter, startMonth, startDay);
  const first = project.firstYear === '' ? undefined : periodNumber(project.firstYear, project.firstQuarter, startMonth, startDay);
  const last = project.lastYear === '' ? undefined : periodNumber(project.lastYear, project.lastQuarter, startMonth, startDay);
  const said = (year: string, quarter: number) => `Q${quarter} ${year}`;
  if (period === undefined) {
    problems.push({ field: 'financialYear', code: '', message: `Enter the year like ${financialYearStarting(2026, startMonth, startDay).label}` });
  } else if (first === undefined || last === undefined) {
    problems.push({ field: 'financialYear', code: '', message: 'The project’s first and last quarters have not been entered, so it cannot be claimed for yet' });
  } else if (period < first || period > last) {
    problems.push({
      field: 'financialYear',
      code: '',
      message: `${said(claim.financialYear, claim.quarter)} is outside the project, which runs from ${said(project.firstYear, project.firstQuarter)} to ${said(project.lastYear, project.lastQuarter)}`,
    });
  }
  const lines = new Set(frame.lineCodes);
  for (const code of Object.keys(claim.lines)) {
    if (!lines.has(code)) problems.push({ field: 'lines', code, message: `“${code}” is not one of the project’s budget lines` });
  }
  const outputs = new Set(frame.outputCodes);
  for (const code of Object.keys(claim.outputs ?? {})) {
    if (!outputs.has(code)) problems.push({ field: 'outputs', code, message: `“${code}” is not one of the project’s outputs` });
  }
  return problems;
}

/** The total of a claim's lines, exactly (integer pence). */
export function claimTotal(lines: Readonly<Record<string, number>>): number {
  return sumPence(Object.values(lines));
}

/** Which claims a partner still owes: each quarter of each project it works on, from its first quarter to the last one ended by `today`, with the day it is due. */
export interface ClaimDue {
  readonly projectId: string;
  readonly financialYear: string;
  readonly quarter: Quarter;
  /** The quarter's last day and the day the claim is due (ISO dates). */
  readonly quarterEnd: string;
  readonly dueOn: string;
}

/**
 * The partner claims due for one organisation by `today`: for each project it leads
 * or delivers, every quarter of the project that has ended, whose claim has not been
 * sent (no claim, or still a draft). Due `dueDays` after the quarter's end (the
 * fund's `partnerClaimDueDays`). Sorted by the day due.
 */
// Partnership Agreement 8.1(3): quarterly claiming, due the agreed number of days after each quarter's end.
export function partnerClaimsDue(
  organisationId: string,
  projects: ReadonlyArray<ClaimFrame['project'] & { readonly id: string; readonly dueDays: number }>,
  sent: ReadonlySet<string>,
  today: string,
  startMonth = 4,
  startDay = 1,
): ClaimDue[] {
  const out: ClaimDue[] = [];
  for (const project of projects) {
    if (project.leadOrganisationId !== organisationId && !project.deliveryOrganisationIds.includes(organisationId)) continue;
    if (project.firstYear === '' || project.lastYear === '') continue;
    const first = periodNumber(project.firstYear, project.firstQuarter, startMonth, startDay);
    const last = periodNumber(project.lastYear, project.lastQuarter, startMonth, startDay);
    if (first === undefined || last === undefined) continue;
    for (let p = first; p <= last; p++) {
      const year = financialYearStarting(Math.floor(p / 4), startMonth, startDay);
      const quarter = ((p % 4) + 1) as Quarter;
      const { end } = quarterBounds(year, quarter, startMonth, startDay);
      if (end >= today) break;
      if (sent.has(`${project.id}:${year.label}:Q${quarter}`)) continue;
      out.push({ projectId: project.id, financialYear: year.label, quarter, quarterEnd: end, dueOn: addCalendarDays(end, project.dueDays) });
    }
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** A claim to a funder still to be submitted: one fund and quarter of its agreement that has ended. */
export interface FunderClaimDue {
  readonly fundId: string;
  readonly financialYear: string;
  readonly quarter: Quarter;
  readonly quarterEnd: string;
  readonly dueOn: string;
}

/**
 * The claims to funders due by `today`: for each fund with an agreement period,
 * each quarter of it that has ended and whose claim has not been submitted
 * (`submitted` holds `fundId:2026/27:Q1`), due the agreement's days after the
 * quarter's end. Sorted by the day due.
 */
// Partnership Agreement 8.1(4): the Accountable Body prepares the consortium's quarterly claims to funders.
export function funderClaimsDue(
  funds: ReadonlyArray<{ readonly id: string; readonly startOn: string; readonly endOn: string; readonly claimDueDays: number }>,
  submitted: ReadonlySet<string>,
  today: string,
  startMonth = 4,
  startDay = 1,
): FunderClaimDue[] {
  const out: FunderClaimDue[] = [];
  for (const fund of funds) {
    if (fund.startOn === '' || fund.endOn === '' || fund.startOn > fund.endOn) continue;
    let year = financialYearOf(fund.startOn, startMonth, startDay);
    let quarter = quarterOf(fund.startOn, startMonth, startDay);
    for (;;) {
      const { start, end } = quarterBounds(year, quarter, startMonth, startDay);
      if (start > fund.endOn || end >= today) break;
      if (!submitted.has(`${fund.id}:${year.label}:Q${quarter}`)) out.push({ fundId: fund.id, financialYear: year.label, quarter, quarterEnd: end, dueOn: addCalendarDays(end, fund.claimDueDays) });
      if (quarter === 4) {
        year = financialYearStarting(year.startYear + 1, startMonth, startDay);
        quarter = 1;
      } else quarter = (quarter + 1) as Quarter;
    }
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}
