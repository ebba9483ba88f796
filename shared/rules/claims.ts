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
import type { Quarter } from './financial-year';
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
