/**
 * A claim to a funder as the screen, the exports and the charts read it
 * (docs/architecture.md, "Claims: funder claims"): the fund's projects, their budget
 * lines with their profile and their outputs with their targets, every partner claim
 * the Accountable Body has approved (what it approved, line by line), and the
 * Accountable Body's own costs from the fund's claims, derived by
 * shared/rules/funder-claim.ts. Nothing derived is stored.
 *
 * Reads go by index: projects of the fund, then lines, outputs and partner claims by
 * `projectId`, funder claims by `fundId`, all in one read transaction.
 */
import type { BudgetLine, Fund, Funder, FunderClaim, Organisation, Output, PartnerClaim, Project } from '../../../shared/domain/entities';
import { periodValues, PROFILE_FIELD_PREFIX, TARGET_FIELD_PREFIX } from '../../../shared/domain/entities';
import { KINDS } from '../../../shared/domain/registry';
import { varianceThresholdOf, type Constitution } from '../../../shared/rules/constitution';
import { quarterBounds, type Quarter } from '../../../shared/rules/financial-year';
import {
  deriveFunderClaim,
  periodIndex,
  type ApprovedSpend,
  type FunderClaimFigures,
  type OutputCount,
  type OwnCost,
  type ProfileAmount,
} from '../../../shared/rules/funder-claim';
import { funderClaimLifecycle, partnerClaimLifecycle, stateOf, type FunderClaimState, type PartnerClaimState } from '../../../shared/rules/lifecycles';
import type { QuorumDatabase } from '../../db/database';

export interface YearStart {
  readonly financialYearStartMonth: number;
  readonly financialYearStartDay: number;
}

/** `<project id>/<line code>`: how a funder claim keys the Accountable Body's own costs (entities.ts funderClaimSchema). */
export const ownCostKey = (projectId: string, lineCode: string) => `${projectId}/${lineCode}`;

/** An approved partner claim's line, for the CSV of claim lines and the remittance advice. */
export interface ApprovedClaimLine {
  readonly claimId: string;
  readonly organisationId: string;
  readonly projectId: string;
  readonly financialYear: string;
  readonly quarter: number;
  readonly lineCode: string;
  readonly claimedPence: number;
  readonly approvedPence: number;
  readonly reason: string;
}

export interface FunderClaimView {
  readonly fund: Fund;
  readonly funder: Funder | undefined;
  readonly financialYear: string;
  readonly quarter: Quarter;
  /** First and last day of the quarter claimed. */
  readonly start: string;
  readonly end: string;
  /** The stored claim to the funder, if one has been saved; its state from its events. */
  readonly record: FunderClaim | undefined;
  readonly recordId: string;
  readonly state: FunderClaimState;
  readonly figures: FunderClaimFigures;
  readonly projects: readonly Project[];
  readonly lines: readonly BudgetLine[];
  readonly organisationNames: ReadonlyMap<string, string>;
  /** The partner claims of the quarter on the fund's projects, with their state (for the remittance advice of those paid). */
  readonly quarterClaims: ReadonlyArray<{ readonly row: PartnerClaim; readonly state: PartnerClaimState }>;
  readonly organisations: ReadonlyMap<string, Organisation>;
  /** How many approved partner claims of the quarter are in it, and how many of the quarter still wait for approval. */
  readonly approvedClaims: number;
  readonly waitingClaims: number;
}

const byOrder = <T extends { order: number; code: string }>(a: T, b: T) => a.order - b.order || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const live = <T extends { deleted?: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);

/** The id of the claim to a funder for a fund and quarter (one per fund and quarter: registry naturalKey). */
export function funderClaimId(fundId: string, financialYear: string, quarter: Quarter): string {
  return KINDS.funderClaims.naturalKey.id({ fundId, financialYear, quarter });
}

/**
 * Every partner claim of these projects, with its state, read once. When they are most
 * of the consortium's projects the whole table is read (IndexedDB's fastest read) and
 * the others' claims left out; otherwise one index range per project, read together
 * (much faster than anyOf's cursor over the same rows, bench:claims).
 */
async function claimsOf(db: QuorumDatabase, projectIds: string[], allProjects: number) {
  const wanted = new Set(projectIds);
  const rows =
    projectIds.length * 2 >= allProjects
      ? (await db.partnerClaims.toArray()).filter((c) => wanted.has(c.projectId))
      : (await Promise.all(projectIds.map((id) => db.partnerClaims.where('projectId').equals(id).toArray()))).flat();
  return live(rows).map((row) => ({ row, state: stateOf(partnerClaimLifecycle, row) }));
}

/** The lines of the approved (and paid) partner claims: what was approved, not what was claimed. */
export function approvedLinesOf(claims: ReadonlyArray<{ row: PartnerClaim; state: ReturnType<typeof stateOf<ReturnType<typeof partnerClaimLifecycle.initial>>> }>): ApprovedClaimLine[] {
  const out: ApprovedClaimLine[] = [];
  for (const { row, state } of claims) {
    if (state.status !== 'approved' && state.status !== 'paid') continue;
    for (const [lineCode, approvedPence] of Object.entries(state.approvedLines ?? {})) {
      out.push({
        claimId: row.id,
        organisationId: row.organisationId,
        projectId: row.projectId,
        financialYear: row.financialYear,
        quarter: row.quarter,
        lineCode,
        claimedPence: row.lines[lineCode] ?? 0,
        approvedPence,
        reason: state.reasons?.[lineCode] ?? '',
      });
    }
  }
  return out;
}

/** The claim to the funder for `fundId` and a quarter, derived from its parts. Undefined when the fund does not exist. */
export async function loadFunderClaim(
  db: QuorumDatabase,
  fundId: string,
  financialYear: string,
  quarter: Quarter,
  consortium: YearStart & { constitution: Constitution },
): Promise<FunderClaimView | undefined> {
  const sm = consortium.financialYearStartMonth;
  const sd = consortium.financialYearStartDay;
  const recordId = funderClaimId(fundId, financialYear, quarter);
  return db.transaction('r', [db.funds, db.funders, db.projects, db.budgetLines, db.outputs, db.partnerClaims, db.funderClaims, db.organisations], async () => {
    // Everything that needs only the fund's id, read together; then the fund's projects' lines, outputs and claims.
    const [fund, funders, allProjects, organisations, fundClaims] = await Promise.all([
      db.funds.get(fundId),
      db.funders.toArray(),
      db.projects.toArray(),
      db.organisations.toArray(),
      db.funderClaims.where('fundId').equals(fundId).toArray(),
    ]);
    if (!fund || fund.deleted) return undefined;
    const funder = funders.find((f) => f.id === fund.funderId);
    const projects = live(allProjects).filter((p) => p.fundId === fundId);
    projects.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    const projectIds = projects.map((p) => p.id);
    const [lineRows, outputRows, claims] = await Promise.all([
      Promise.all(projectIds.map((id) => db.budgetLines.where('projectId').equals(id).toArray())).then((r) => r.flat()),
      Promise.all(projectIds.map((id) => db.outputs.where('projectId').equals(id).toArray())).then((r) => r.flat()),
      claimsOf(db, projectIds, allProjects.length),
    ]);
    const lines = live(lineRows).sort(byOrder);
    const outputs = live(outputRows).sort(byOrder);
    return viewOf({ fund, funder, financialYear, quarter, sm, sd, recordId, projects, lines, outputs, claims, fundClaims: live(fundClaims), organisations, constitution: consortium.constitution });
  });
}

function viewOf(p: {
  fund: Fund;
  funder: Funder | undefined;
  financialYear: string;
  quarter: Quarter;
  sm: number;
  sd: number;
  recordId: string;
  projects: Project[];
  lines: BudgetLine[];
  outputs: Output[];
  claims: Awaited<ReturnType<typeof claimsOf>>;
  fundClaims: FunderClaim[];
  organisations: Organisation[];
  constitution: Constitution;
}): FunderClaimView {
  const { sm, sd } = p;
  const periodCache = new Map<string, number>();
  const periodOfKey = (key: string) => {
    // `2026/27:Q1`, as periodValues gives it.
    let at = periodCache.get(key);
    if (at === undefined) {
      const [year, q] = key.split(':Q');
      at = periodIndex(year!, Number(q) as Quarter, sm, sd);
      periodCache.set(key, at);
    }
    return at;
  };
  const periodOfClaim = (year: string, q: number) => periodOfKey(`${year}:Q${q}`);
  const period = periodOfClaim(p.financialYear, p.quarter);

  const profile: ProfileAmount[] = [];
  for (const line of p.lines) {
    for (const [key, pence] of periodValues(line, PROFILE_FIELD_PREFIX)) profile.push({ projectId: line.projectId, lineId: line.code, period: periodOfKey(key), pence });
  }
  const targets: OutputCount[] = [];
  for (const output of p.outputs) {
    for (const [key, count] of periodValues(output, TARGET_FIELD_PREFIX)) targets.push({ projectId: output.projectId, outputId: output.code, period: periodOfKey(key), count });
  }
  const approved: ApprovedSpend[] = [];
  const achieved: OutputCount[] = [];
  let approvedClaims = 0;
  let waitingClaims = 0;
  const quarterClaims: Array<{ row: PartnerClaim; state: PartnerClaimState }> = [];
  for (const { row, state } of p.claims) {
    const at = periodOfClaim(row.financialYear, row.quarter);
    if (at > period) continue;
    const committed = state.status === 'approved' || state.status === 'paid';
    if (at === period) {
      quarterClaims.push({ row, state });
      if (committed) approvedClaims++;
      else if (state.status === 'submitted' || state.status === 'queried') waitingClaims++;
    }
    if (!committed) continue;
    for (const [lineId, pence] of Object.entries(state.approvedLines ?? {})) approved.push({ projectId: row.projectId, lineId, organisationId: row.organisationId, period: at, pence });
    for (const [outputId, count] of Object.entries(row.outputs ?? {})) achieved.push({ projectId: row.projectId, outputId, period: at, count });
  }
  const ownCosts: OwnCost[] = [];
  for (const claim of p.fundClaims) {
    const at = periodOfClaim(claim.financialYear, claim.quarter);
    for (const [key, pence] of Object.entries(claim.ownCosts ?? {})) {
      const slash = key.indexOf('/');
      if (slash > 0) ownCosts.push({ projectId: key.slice(0, slash), lineId: key.slice(slash + 1), period: at, pence });
    }
  }
  const figures = deriveFunderClaim({
    period,
    projects: p.projects.map((project) => ({
      id: project.id,
      name: project.name,
      lines: p.lines.filter((l) => l.projectId === project.id).map((l) => ({ id: l.code, name: l.name })),
      outputs: p.outputs.filter((o) => o.projectId === project.id).map((o) => ({ id: o.code, name: o.name })),
    })),
    approved,
    profile,
    ownCosts,
    targets,
    achieved,
    threshold: varianceThresholdOf(p.constitution),
  });
  const record = p.fundClaims.find((c) => c.id === p.recordId);
  const bounds = quarterBounds(p.financialYear, p.quarter, sm, sd);
  return {
    fund: p.fund,
    funder: p.funder,
    financialYear: p.financialYear,
    quarter: p.quarter,
    start: bounds.start,
    end: bounds.end,
    record,
    recordId: p.recordId,
    state: record ? stateOf(funderClaimLifecycle, record) : funderClaimLifecycle.initial(),
    figures,
    projects: p.projects,
    lines: p.lines,
    organisationNames: new Map(p.organisations.map((o) => [o.id, o.name])),
    organisations: new Map(p.organisations.map((o) => [o.id, o])),
    quarterClaims,
    approvedClaims,
    waitingClaims,
  };
}

/** A line of any partner claim, for the CSV of every claim line: its status, what was claimed and, once approved, what was approved. */
export interface ClaimLine extends Omit<ApprovedClaimLine, 'approvedPence'> {
  readonly status: string;
  readonly approvedPence: number | undefined;
  readonly enteredOnBehalf: boolean;
}

/** Every line of every partner claim (removed ones aside), sorted by year, quarter, project, partner and line. */
export async function loadClaimLines(db: QuorumDatabase): Promise<ClaimLine[]> {
  const rows = live(await db.partnerClaims.toArray());
  const out: ClaimLine[] = [];
  for (const row of rows) {
    const state = stateOf(partnerClaimLifecycle, row);
    const approved = state.status === 'approved' || state.status === 'paid';
    const codes = new Set([...Object.keys(row.lines ?? {}), ...Object.keys(approved ? (state.approvedLines ?? {}) : {})]);
    for (const lineCode of codes) {
      out.push({
        claimId: row.id,
        organisationId: row.organisationId,
        projectId: row.projectId,
        financialYear: row.financialYear,
        quarter: row.quarter,
        lineCode,
        claimedPence: row.lines?.[lineCode] ?? 0,
        approvedPence: approved ? (state.approvedLines?.[lineCode] ?? 0) : undefined,
        reason: state.reasons?.[lineCode] ?? '',
        status: partnerClaimLifecycle.statusWords[state.status],
        enteredOnBehalf: row.enteredOnBehalf === true,
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.financialYear.localeCompare(b.financialYear) || a.quarter - b.quarter || a.projectId.localeCompare(b.projectId) || a.organisationId.localeCompare(b.organisationId) || a.lineCode.localeCompare(b.lineCode),
  );
}
