/**
 * What a partner and the Accountable Body do to a partner's claim
 * (docs/architecture.md, "Claims"), as writes through the repositories: validated
 * by the record's schema, checked against the project (shared/rules/claims.ts
 * claimProblems), judged by the roles in force and logged. Each step is one
 * lifecycle event (shared/rules/lifecycles.ts partnerClaimLifecycle). A refusal
 * says why, in words, and writes nothing.
 */
import type { BudgetLine, Consortium, Output, PartnerClaim, Project } from '../../../shared/domain/entities';
import { partnerClaimSchema } from '../../../shared/domain/entities';
import { claimProblems, claimTotal, type ClaimFrame } from '../../../shared/rules/claims';
import { formatPounds } from '../../../shared/rules/money';
import { isCalendarDate } from '../../../shared/rules/calendar-date';
import { partnerClaimLifecycle, stateOf, type PartnerClaimState } from '../../../shared/rules/lifecycles';
import { authorityTables } from '../../db/authority';
import type { QuorumDatabase } from '../../db/database';
import type { ReadyStore } from '../../db/open';
import { ValidationError, validationErrorFrom } from '../../db/repository';
import { londonToday } from '../../db/london-today';

type Store = Pick<ReadyStore, 'db' | 'repositories'>;

export function claimState(claim: PartnerClaim): PartnerClaimState {
  return stateOf(partnerClaimLifecycle, claim);
}

/** A project with its budget lines and outputs, in their order: what a claim for it is checked against. */
export interface ProjectFrame {
  project: Project;
  lines: BudgetLine[];
  outputs: Output[];
}

const byOrder = <T extends { order: number; code: string }>(a: T, b: T) => a.order - b.order || (a.code < b.code ? -1 : 1);

/** The project's frame from the store, or undefined when the project does not exist here. */
export async function loadProjectFrame(db: QuorumDatabase, projectId: string): Promise<ProjectFrame | undefined> {
  const [project, lines, outputs] = await Promise.all([
    db.projects.get(projectId),
    db.budgetLines.where('projectId').equals(projectId).toArray(),
    db.outputs.where('projectId').equals(projectId).toArray(),
  ]);
  if (!project || project.deleted) return undefined;
  return { project, lines: lines.filter((l) => !l.deleted).sort(byOrder), outputs: outputs.filter((o) => !o.deleted).sort(byOrder) };
}

export function claimFrameOf(frame: ProjectFrame, consortium: Pick<Consortium, 'financialYearStartMonth' | 'financialYearStartDay'> | undefined): ClaimFrame {
  return {
    project: frame.project,
    lineCodes: frame.lines.map((l) => l.code),
    outputCodes: frame.outputs.map((o) => o.code),
    startMonth: consortium?.financialYearStartMonth ?? 4,
    startDay: consortium?.financialYearStartDay ?? 1,
  };
}

/** What a partner (or the Accountable Body from a paper claim) enters. */
export interface ClaimInput {
  organisationId: string;
  projectId: string;
  financialYear: string;
  quarter: number;
  /** Pence by budget line code; a line left blank is left out. */
  lines: Record<string, number>;
  outputs: Record<string, number>;
  outputsDelivered: string;
  narrative: string;
  evidence: string;
  enteredOnBehalf: boolean;
}

/** The problems of a claim against its project, as a ValidationError with a message per field ('lines.staff', 'financialYear' …). */
function problemsError(input: ClaimInput, frame: ProjectFrame, consortium: Consortium | undefined): ValidationError | undefined {
  const problems = claimProblems(input, claimFrameOf(frame, consortium));
  if (problems.length === 0) return undefined;
  const errors: Record<string, string> = {};
  for (const p of problems) errors[p.code ? `${p.field}.${p.code}` : p.field] ??= p.message;
  return new ValidationError(errors);
}

const claimTables = (db: QuorumDatabase) => [db.partnerClaims, db.projects, db.budgetLines, db.outputs, db.consortium, db.changeLog, db.installation, ...authorityTables(db)];

async function consortiumOf(db: QuorumDatabase): Promise<Consortium | undefined> {
  return (await db.consortium.toArray()).find((c) => !c.deleted);
}

/**
 * Saves a claim as a draft (or the changes to one being answered): one per
 * organisation, project, year and quarter, so saving again updates it. Refused,
 * with nothing saved, when a value is not valid or the claim does not fit its
 * project (a quarter outside it, a line or output it lacks).
 */
export async function saveClaim(store: Store, input: ClaimInput): Promise<string> {
  const { db, repositories: repos } = store;
  const parsed = partnerClaimSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  return db.transaction('rw', claimTables(db), async () => {
    const frame = await loadProjectFrame(db, input.projectId);
    if (!frame) throw new ValidationError({ projectId: 'Choose a project' });
    const problems = problemsError(parsed.data, frame, await consortiumOf(db));
    if (problems) throw problems;
    const id = repos.partnerClaims.naturalId(parsed.data)!;
    const existing = await repos.partnerClaims.get(id);
    if (!existing) return repos.partnerClaims.create(parsed.data);
    const { lines, outputs, outputsDelivered, narrative, evidence } = parsed.data;
    await repos.partnerClaims.update(id, { lines, outputs, outputsDelivered, narrative, evidence });
    return id;
  });
}

/** Sends a claim to the Accountable Body; after a query, with the partner's answer. */
export async function submitClaim(store: Store, id: string, answer = ''): Promise<void> {
  const { db, repositories: repos } = store;
  await db.transaction('rw', claimTables(db), async () => {
    const claim = await repos.partnerClaims.get(id);
    if (!claim) throw new ValidationError({ _: 'That claim no longer exists' });
    const state = claimState(claim);
    if (state.status === 'queried' && answer.trim() === '') throw new ValidationError({ answer: 'Answer the Accountable Body’s query before sending the claim back' });
    if (Object.keys(claim.lines).length === 0) throw new ValidationError({ lines: 'Enter the spend on at least one budget line' });
    const frame = await loadProjectFrame(db, claim.projectId);
    const problems = frame ? problemsError(claim, frame, await consortiumOf(db)) : new ValidationError({ projectId: 'The claim’s project is not on this copy' });
    if (problems) throw problems;
    await repos.partnerClaims.recordEvent(id, { type: 'submitted', answer: answer.trim() });
  });
}

/** The Accountable Body's question about one line of a claim ('' for the claim as a whole). */
export async function queryClaim(store: Store, id: string, line: string, query: string): Promise<void> {
  if (query.trim() === '') throw new ValidationError({ query: 'Say what needs clarifying' });
  if (query.trim().length > 5000) throw new ValidationError({ query: 'The query must be 5000 characters or fewer' });
  await store.repositories.partnerClaims.recordEvent(id, { type: 'queried', query: query.trim(), line, on: londonToday() });
}

/**
 * Approves a claim line by line: `approved` is pence by line code; a line
 * approved at less than claimed needs a reason. Refused when the claim does
 * not fit its project, whatever copy it came from.
 */
export async function approveClaim(store: Store, id: string, approved: Record<string, number>, reasons: Record<string, string>): Promise<void> {
  const { db, repositories: repos } = store;
  await db.transaction('rw', claimTables(db), async () => {
    const claim = await repos.partnerClaims.get(id);
    if (!claim) throw new ValidationError({ _: 'That claim no longer exists' });
    const frame = await loadProjectFrame(db, claim.projectId);
    const problems = frame ? problemsError(claim, frame, await consortiumOf(db)) : new ValidationError({ projectId: 'The claim’s project is not on this copy' });
    if (problems) throw new ValidationError({ _: `This claim cannot be approved: ${problems.message}` });
    const errors: Record<string, string> = {};
    const kept: Record<string, string> = {};
    for (const [code, claimed] of Object.entries(claim.lines)) {
      const amount = approved[code];
      if (amount === undefined || !Number.isSafeInteger(amount)) errors[`approved.${code}`] = 'Enter the amount approved';
      else if (amount < 0) errors[`approved.${code}`] = 'The amount approved cannot be negative';
      else if (amount > claimed) errors[`approved.${code}`] = `No more than was claimed (${formatPounds(claimed)}) can be approved`;
      else if (amount !== claimed) {
        const reason = (reasons[code] ?? '').trim();
        if (reason === '') errors[`reasons.${code}`] = 'Say why less than was claimed is approved';
        else kept[code] = reason;
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const lines = Object.fromEntries(Object.keys(claim.lines).map((code) => [code, approved[code]!]));
    await repos.partnerClaims.recordEvent(id, { type: 'approved', lines, reasons: kept, on: londonToday() });
  });
}

/** Records the payment of an approved claim: the date, the reference and the amount, which must be the amount approved. */
export async function markClaimPaid(store: Store, id: string, paidOn: string, reference: string, amountPence: number): Promise<void> {
  const claim = await store.repositories.partnerClaims.get(id);
  if (!claim) throw new ValidationError({ _: 'That claim no longer exists' });
  const state = claimState(claim);
  const errors: Record<string, string> = {};
  if (!isCalendarDate(paidOn)) errors.paidOn = 'Enter the date it was paid as a real date, for example 14 July 2026';
  else if (paidOn > londonToday()) errors.paidOn = 'The date it was paid cannot be after today';
  if (reference.trim() === '') errors.reference = 'Enter the payment reference';
  else if (reference.trim().length > 200) errors.reference = 'The payment reference must be 200 characters or fewer';
  if (state.approvedTotalPence !== undefined && amountPence !== state.approvedTotalPence) errors.amount = `The amount paid must be the amount approved, ${formatPounds(state.approvedTotalPence)}`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  await store.repositories.partnerClaims.recordEvent(id, { type: 'paid', paidOn, reference: reference.trim(), amountPence });
}

/** A claim's figures for screens: its total, what was approved (per line and in all) and what was paid. */
export function claimFigures(claim: PartnerClaim) {
  const state = claimState(claim);
  return { state, claimedPence: claimTotal(claim.lines), approvedPence: state.approvedTotalPence, paidPence: state.paid?.amountPence };
}
