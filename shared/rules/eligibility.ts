/**
 * Who may be a member, and who may vote.
 *
 * Membership (Partnership Agreement 5.1, 5.2): an applicant shows how it provides at
 * least `minimumCriteriaMet` of the constitution's listed services (3 of 5 in
 * Bedfordshire and in Worcestershire). A criterion counts only when the application
 * says how it is met: empty evidence, unknown criteria and repeats are ignored.
 *
 * Voting (5.4, 5.5, 5.6): each member organisation has one vote; co-opted
 * organisations advise but do not vote (unless the constitution says they may); an
 * organisation that has resigned does not vote from its resignation date, nor one that
 * had not yet joined; nor an applicant, one refused membership, or one archived. Those eligible to vote are also those who count towards the
 * quorum (10.6), so quorum.ts and tallies.ts both ask `votingRights`.
 */
import type { Constitution } from './constitution';
import type { Organisation } from '../domain/entities';
import { formatDate, isCalendarDate, InvalidCalendarDate } from './calendar-date';

/** How an application claims criteria: the stored criteriaEvidence (index → text), or a list. */
export type ClaimedCriteria =
  | Readonly<Record<string, string>>
  | ReadonlyArray<{ readonly criterion: number; readonly evidence: string }>;

export interface ApplicationAssessment {
  /** Indexes of the criteria met with evidence, ascending. */
  readonly met: number[];
  /** How many must be met. */
  readonly required: number;
  readonly eligible: boolean;
  /** How many more criteria the applicant must show (0 when eligible). */
  readonly missing: number;
  /** Indexes of the listed criteria not shown, ascending. */
  readonly unmet: number[];
  /** In plain words, for the application screen. */
  readonly message: string;
}

// Partnership Agreement 5.1: at least minimumCriteriaMet of the listed services, each with evidence.
export function assessApplication(
  claimed: ClaimedCriteria,
  constitution: Pick<Constitution, 'membershipCriteria' | 'minimumCriteriaMet'>,
): ApplicationAssessment {
  const listed = constitution.membershipCriteria.length;
  const entries: Array<[unknown, unknown]> = Array.isArray(claimed)
    ? claimed.map((c) => [c.criterion, c.evidence])
    : Object.entries(claimed);
  const met = new Set<number>();
  for (const [key, evidence] of entries) {
    const index = typeof key === 'number' ? key : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : NaN;
    if (Number.isInteger(index) && index >= 0 && index < listed && typeof evidence === 'string' && evidence.trim() !== '') {
      met.add(index);
    }
  }
  const required = constitution.minimumCriteriaMet;
  const metList = [...met].sort((a, b) => a - b);
  const missing = Math.max(0, required - metList.length);
  const unmet = constitution.membershipCriteria.map((_, i) => i).filter((i) => !met.has(i));
  const message =
    missing === 0
      ? `Meets ${metList.length} of the ${listed} criteria; ${required} are needed.`
      : `Meets ${metList.length} of the ${listed} criteria; ${required} are needed, so the application must show how ` +
        `the organisation meets ${missing} more before it can be admitted.`;
  return { met: metList, required, eligible: missing === 0, missing, unmet, message };
}

/** The parts of an organisation the voting rules read (an Organisation row fits). */
export type RegisteredOrganisation = Pick<Organisation, 'id' | 'name' | 'status' | 'joinedOn' | 'resignedOn'> & {
  readonly deleted?: boolean;
  /** Kept for its history only (docs/architecture.md, "The register"). */
  readonly archived?: boolean;
};

export type NoVoteReason = 'co-opted' | 'resigned' | 'not-yet-joined' | 'removed' | 'applicant' | 'refused' | 'archived';

export type VotingRights =
  | { readonly mayVote: true }
  | { readonly mayVote: false; readonly reason: NoVoteReason; readonly explanation: string };

// Partnership Agreement 5.4, 5.5, 5.6
/**
 * Whether an organisation may vote, and counts towards the quorum, on a date.
 * An organisation marked resigned with a resignation date after `onDate` was still a
 * member then; one marked resigned without a date is treated as resigned.
 */
export function votingRights(
  organisation: RegisteredOrganisation,
  onDate: string,
  constitution: Pick<Constitution, 'coOptedMayVote'>,
): VotingRights {
  if (!isCalendarDate(onDate)) throw new InvalidCalendarDate(onDate);
  const name = organisation.name;
  if (organisation.deleted) {
    return { mayVote: false, reason: 'removed', explanation: `${name} has been removed from the register.` };
  }
  const resignedBy = organisation.resignedOn !== '' && organisation.resignedOn <= onDate;
  if (resignedBy || (organisation.status === 'resigned' && organisation.resignedOn === '')) {
    const when = organisation.resignedOn ? ` on ${formatDate(organisation.resignedOn)}` : '';
    // Partnership Agreement 5.6
    return { mayVote: false, reason: 'resigned', explanation: `${name} resigned${when} and no longer votes.` };
  }
  // Partnership Agreement 5.3: an applicant is not a member until the chair admits it.
  if (organisation.status === 'applicant') {
    return { mayVote: false, reason: 'applicant', explanation: `${name} is an applicant, not yet a member.` };
  }
  // Partnership Agreement 5.3
  if (organisation.status === 'refused') {
    return { mayVote: false, reason: 'refused', explanation: `${name} was refused membership and is not a member.` };
  }
  if (organisation.archived) {
    return { mayVote: false, reason: 'archived', explanation: `${name} is archived: it is kept in the register for its history only.` };
  }
  if (organisation.joinedOn !== '' && organisation.joinedOn > onDate) {
    return {
      mayVote: false,
      reason: 'not-yet-joined',
      explanation: `${name} joined on ${formatDate(organisation.joinedOn)}, after ${formatDate(onDate)}.`,
    };
  }
  // Partnership Agreement 5.4, 5.5
  if (organisation.status === 'co-opted' && !constitution.coOptedMayVote) {
    return {
      mayVote: false,
      reason: 'co-opted',
      explanation: `${name} is co-opted: co-opted organisations advise the consortium but do not vote.`,
    };
  }
  return { mayVote: true };
}

/** How many organisations may vote on a date: the membership eligible to vote (10.6). */
export function votingMembersOn(
  organisations: readonly RegisteredOrganisation[],
  onDate: string,
  constitution: Pick<Constitution, 'coOptedMayVote'>,
): number {
  return organisations.filter((o) => votingRights(o, onDate, constitution).mayVote).length;
}
