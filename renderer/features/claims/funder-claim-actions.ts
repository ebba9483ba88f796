/**
 * What the Accountable Body does to a claim to a funder (docs/architecture.md,
 * "Claims: funder claims"), as writes through the repositories (validated, judged by
 * the roles in force, logged): save the draft (its own costs, the explanation of
 * variances, the narrative on outputs), submit it, record the payment received. Each
 * step is one lifecycle event (shared/rules/lifecycles.ts funderClaimLifecycle), which
 * every copy judges the same way: a submission that leaves a variance beyond the
 * threshold unexplained, or outputs below target without a narrative, is refused.
 */
import { sumPence } from '../../../shared/rules/money';
import type { Quarter } from '../../../shared/rules/financial-year';
import { formatTenthsOfPercent, funderClaimReadiness, type FunderClaimFigures } from '../../../shared/rules/funder-claim';
import type { Constitution } from '../../../shared/rules/constitution';
import { authorityTables } from '../../db/authority';
import { loadFunderClaim, type YearStart } from './funder-claim-data';
import type { ReadyStore } from '../../db/open';

type Store = Pick<ReadyStore, 'db' | 'repositories'>;

export interface FunderClaimDraftValues {
  /** Pence by `<project id>/<line code>` (funder-claim-data.ts ownCostKey). */
  ownCosts: Record<string, number>;
  varianceExplanation: string;
  outputsNarrative: string;
}

/** A claim the rules do not let be submitted yet: the reasons, in the form's words. */
export class FunderClaimNotReady extends Error {
  override readonly name = 'FunderClaimNotReady';
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

/** Saves the draft claim to the funder for a fund and quarter (one per fund and quarter); returns its id. */
export async function saveFunderClaim(store: Store, fundId: string, financialYear: string, quarter: Quarter, values: FunderClaimDraftValues): Promise<string> {
  const { db, repositories: repos } = store;
  const ownCosts = Object.fromEntries(Object.entries(values.ownCosts).filter(([, pence]) => pence !== 0));
  return db.transaction('rw', [db.funderClaims, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const id = repos.funderClaims.naturalId({ fundId, financialYear, quarter })!;
    const existing = await repos.funderClaims.get(id);
    const record = { fundId, financialYear, quarter, ownCosts, varianceExplanation: values.varianceExplanation, outputsNarrative: values.outputsNarrative };
    if (existing) {
      await repos.funderClaims.update(id, record);
      return id;
    }
    return repos.funderClaims.create(record);
  });
}

/** The submission event: what the claim says as it goes to the funder. */
export function submissionOf(figures: FunderClaimFigures, submittedOn: string) {
  return {
    type: 'submitted' as const,
    submittedOn,
    claimedPence: figures.claimedPence,
    profilePence: figures.profilePence,
    projects: Object.fromEntries(figures.projects.map((p) => [p.projectId, p.claimedPence])),
    variancesToExplain: figures.variancesToExplain.map((v) => `${v.name}: ${formatTenthsOfPercent(v.variance.tenthsOfPercent)}`),
    outputsBelowTarget: figures.outputsBelowTarget.map((o) => `${o.name}: ${o.achieved} of ${o.target}`),
  };
}

/**
 * Saves the draft as it stands and marks it submitted, in one transaction: the claim
 * is derived again from the saved draft (its own costs included) and the submission is
 * refused — nothing written, the draft included — while a variance beyond the
 * threshold is unexplained or outputs below target have no narrative.
 */
export async function submitFunderClaim(
  store: Store,
  fundId: string,
  financialYear: string,
  quarter: Quarter,
  values: FunderClaimDraftValues,
  submittedOn: string,
  consortium: YearStart & { constitution: Constitution },
): Promise<string> {
  const { db, repositories: repos } = store;
  const tables = [db.funds, db.funders, db.projects, db.budgetLines, db.outputs, db.partnerClaims, db.funderClaims, db.organisations, db.changeLog, db.installation, ...authorityTables(db)];
  return db.transaction('rw', tables, async () => {
    const id = await saveFunderClaim(store, fundId, financialYear, quarter, values);
    const view = await loadFunderClaim(db, fundId, financialYear, quarter, consortium);
    if (!view) throw new FunderClaimNotReady(['The fund no longer exists.']);
    const problems = funderClaimReadiness(view.figures, values);
    if (problems.length > 0) throw new FunderClaimNotReady(problems);
    await repos.funderClaims.recordEvent(id, submissionOf(view.figures, submittedOn));
    return id;
  });
}

/** Records the funder's payment of a submitted claim: the day and the amount received. */
export async function recordFunderPayment(store: Store, id: string, receivedOn: string, amountPence: number): Promise<void> {
  sumPence([amountPence]);
  await store.repositories.funderClaims.recordEvent(id, { type: 'paid', receivedOn, amountPence });
}
