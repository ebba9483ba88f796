/**
 * Counting a vote on a motion.
 *
 * Decisions are sought by consensus first; a vote is taken only where there is none
 * (Partnership Agreement 10.7), so this is used after the chair calls a vote. Each
 * vote is counted or refused, and every refusal says why in plain words:
 * - one member, one vote (5.5): a second vote from the same organisation is refused;
 * - only organisations eligible to vote on the meeting date (5.4 co-opted, 5.6
 *   resigned; see eligibility.ts);
 * - only organisations present by representative or substitute (7.1, 7.2);
 * - an organisation that declared an interest in the item does not vote on it
 *   (Worcestershire conflicts-of-interest protocol; Constitution.interestBarsVoting).
 *
 * More for than against carries; more against defeats; equal is a tie (the
 * Partnership Agreement gives no casting vote). Abstentions are counted but do not
 * decide. Those who voted against a carried motion are its dissenters, recorded
 * because the consortium cannot commit a member against its will (10.7).
 *
 * The tally includes the meeting's quorum: an inquorate meeting cannot decide
 * (10.6), so call assertCanDecide(tally.quorum) before recording the outcome.
 */
import type { Constitution } from './constitution';
import type { Vote } from '../domain/entities';
import { votingRights, type NoVoteReason, type RegisteredOrganisation } from './eligibility';
import { assessQuorum, isPresent, type AttendanceRecord, type QuorumAssessment, type QuorumRule } from './quorum';

export type VoteChoice = Vote['choice'];

/** The parts of a vote the tally reads (a Vote row fits). */
export type CastVote = Pick<Vote, 'organisationId' | 'choice' | 'declaredInterest'> & { readonly deleted?: boolean };

export type RefusalReason = NoVoteReason | 'unknown-organisation' | 'not-present' | 'declared-interest' | 'second-vote';

export interface RefusedVote {
  readonly organisationId: string;
  readonly code: RefusalReason;
  /** Why, in plain words, naming the organisation. */
  readonly reason: string;
}

export type VoteOutcome = 'carried' | 'defeated' | 'tied';

export interface Tally {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  readonly refused: RefusedVote[];
  readonly outcome: VoteOutcome;
  /** Votes counted, one per organisation, in the order cast. */
  readonly counted: ReadonlyArray<{ organisationId: string; choice: VoteChoice }>;
  /** Partnership Agreement 10.7: organisations that voted against a carried motion. */
  readonly dissentingOrganisationIds: string[];
  readonly quorum: QuorumAssessment;
}

export type TallyRules = QuorumRule & Pick<Constitution, 'coOptedMayVote' | 'interestBarsVoting'>;

export function tallyVotes(
  votes: readonly CastVote[],
  organisations: readonly RegisteredOrganisation[],
  attendance: readonly AttendanceRecord[],
  constitution: TallyRules,
  meetingDate: string,
): Tally {
  const byId = new Map(organisations.filter((o) => !o.deleted).map((o) => [o.id, o]));
  const present = new Set(attendance.filter(isPresent).map((a) => a.organisationId));
  const live = votes.filter((v) => !v.deleted);
  // Worcestershire conflicts-of-interest protocol: an interest declared on any of an organisation's votes on the item bars it.
  const declared = new Set(live.filter((v) => v.declaredInterest).map((v) => v.organisationId));

  const refused: RefusedVote[] = [];
  const counted: Array<{ organisationId: string; choice: VoteChoice }> = [];
  const voted = new Set<string>();
  for (const vote of live) {
    const organisation = byId.get(vote.organisationId);
    const refuse = (code: RefusalReason, reason: string) => refused.push({ organisationId: vote.organisationId, code, reason });
    if (!organisation) {
      refuse('unknown-organisation', 'This vote is from an organisation that is not on the register, so it was not counted.');
      continue;
    }
    const rights = votingRights(organisation, meetingDate, constitution);
    if (!rights.mayVote) {
      refuse(rights.reason, rights.explanation);
      continue;
    }
    // Partnership Agreement 7.1, 7.2: votes through the representative or a named substitute at the meeting.
    if (!present.has(organisation.id)) {
      refuse('not-present', `${organisation.name} was not present, by its representative or a substitute, so cannot vote.`);
      continue;
    }
    if (constitution.interestBarsVoting && declared.has(organisation.id)) {
      refuse('declared-interest', `${organisation.name} declared an interest in this item and does not vote on it.`);
      continue;
    }
    // Partnership Agreement 5.5: one member, one vote.
    if (voted.has(organisation.id)) {
      refuse('second-vote', `${organisation.name} has already voted on this item: each member has one vote.`);
      continue;
    }
    voted.add(organisation.id);
    counted.push({ organisationId: organisation.id, choice: vote.choice });
  }

  const count = (choice: VoteChoice) => counted.filter((v) => v.choice === choice).length;
  const forVotes = count('for');
  const against = count('against');
  const outcome: VoteOutcome = forVotes > against ? 'carried' : against > forVotes ? 'defeated' : 'tied';
  return {
    for: forVotes,
    against,
    abstain: count('abstain'),
    refused,
    outcome,
    counted,
    dissentingOrganisationIds: outcome === 'carried' ? counted.filter((v) => v.choice === 'against').map((v) => v.organisationId) : [],
    quorum: assessQuorum(attendance, organisations, constitution, meetingDate),
  };
}
