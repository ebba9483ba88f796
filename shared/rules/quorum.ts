/**
 * Quorum. Partnership Agreement 10.6: "two or the nearest number to one third of the
 * Consortium's membership eligible to vote", whichever is greater. Both numbers are
 * constitution settings (quorumMinimum, quorumFractionNumerator/Denominator).
 *
 * "Nearest whole number" in integer arithmetic, halves rounded up:
 *   nearest(v × n / d) = floor((2·v·n + d) / (2·d))
 * so 6 → 2, 11 → 4 (3.67), 13 → 4 (4.33), 137 → 46 (45.67), and 1½ would be 2.
 *
 * Only organisations eligible to vote on the meeting date count (eligibility.ts:
 * members, not co-opted, not resigned), present by their representative or a named
 * substitute (7.1, 7.2), one per organisation however many people came.
 * An inquorate meeting may minute discussion but cannot decide (InquorateError).
 */
import type { Constitution } from './constitution';
import type { Attendance } from '../domain/entities';
import { votingRights, type NoVoteReason, type RegisteredOrganisation } from './eligibility';

export type QuorumRule = Pick<Constitution, 'quorumMinimum' | 'quorumFractionNumerator' | 'quorumFractionDenominator'>;

/** A number of voting members that is not a whole number from 0 up. */
export class InvalidMemberCount extends RangeError {
  override readonly name = 'InvalidMemberCount';
  constructor(readonly value: number) {
    super('The number of voting members must be a whole number, 0 or more');
  }
}

// Partnership Agreement 10.6
export function quorumFor(votingMembers: number, constitution: QuorumRule): number {
  if (!Number.isSafeInteger(votingMembers) || votingMembers < 0) throw new InvalidMemberCount(votingMembers);
  const n = constitution.quorumFractionNumerator;
  const d = constitution.quorumFractionDenominator;
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1) {
    throw new RangeError('The quorum fraction must be whole numbers with a bottom of at least 1');
  }
  const top = 2 * votingMembers * n + d;
  const nearest = (top - (top % (2 * d))) / (2 * d);
  return Math.max(constitution.quorumMinimum, nearest);
}

/** The parts of an attendance row the quorum reads (an Attendance row fits). */
export type AttendanceRecord = Pick<Attendance, 'organisationId' | 'status'> & { readonly deleted?: boolean };

/** Present in person (representative) or by named substitute (Partnership Agreement 7.1, 7.2). */
export const isPresent = (a: AttendanceRecord) => !a.deleted && (a.status === 'present' || a.status === 'substitute');

export interface QuorumAssessment {
  readonly quorate: boolean;
  /** The quorum for this meeting. */
  readonly required: number;
  /** Voting organisations present. */
  readonly present: number;
  /** Organisations eligible to vote on the meeting date. */
  readonly votingMembers: number;
  /** The organisations counted, one each, in attendance order. */
  readonly countedOrganisationIds: string[];
  /** Organisations present but not counted, with why. */
  readonly notCounted: ReadonlyArray<{ organisationId: string; reason: NoVoteReason | 'unknown-organisation'; explanation: string }>;
  readonly message: string;
}

// Partnership Agreement 10.6, 5.4, 5.6: only members eligible to vote, present in person or by substitute, count.
export function assessQuorum(
  attendance: readonly AttendanceRecord[],
  organisations: readonly RegisteredOrganisation[],
  constitution: QuorumRule & Pick<Constitution, 'coOptedMayVote'>,
  meetingDate: string,
): QuorumAssessment {
  const byId = new Map(organisations.filter((o) => !o.deleted).map((o) => [o.id, o]));
  let votingMembers = 0;
  for (const organisation of byId.values()) if (votingRights(organisation, meetingDate, constitution).mayVote) votingMembers += 1;

  const counted: string[] = [];
  const notCounted: Array<QuorumAssessment['notCounted'][number]> = [];
  const seen = new Set<string>();
  for (const row of attendance) {
    if (!isPresent(row) || seen.has(row.organisationId)) continue;
    seen.add(row.organisationId);
    const organisation = byId.get(row.organisationId);
    if (!organisation) {
      notCounted.push({
        organisationId: row.organisationId,
        reason: 'unknown-organisation',
        explanation: 'An organisation that is not on the register was recorded as present.',
      });
      continue;
    }
    const rights = votingRights(organisation, meetingDate, constitution);
    if (rights.mayVote) counted.push(organisation.id);
    else notCounted.push({ organisationId: organisation.id, reason: rights.reason, explanation: rights.explanation });
  }
  const required = quorumFor(votingMembers, constitution);
  const quorate = counted.length >= required;
  const of = `${counted.length} of the ${votingMembers} ${votingMembers === 1 ? 'member' : 'members'} eligible to vote`;
  const are = counted.length === 1 ? 'is' : 'are';
  const message = quorate
    ? `Quorate: ${of} ${are} present and the quorum is ${required}.`
    : `Not quorate: ${of} ${are} present and the quorum is ${required}. The meeting can discuss and minute items but cannot take decisions.`;
  return { quorate, required, present: counted.length, votingMembers, countedOrganisationIds: counted, notCounted, message };
}

/** The organisations that count towards the quorum (one each, in attendance order). */
export function countTowardsQuorum(
  attendance: readonly AttendanceRecord[],
  organisations: readonly RegisteredOrganisation[],
  constitution: QuorumRule & Pick<Constitution, 'coOptedMayVote'>,
  meetingDate: string,
): string[] {
  return assessQuorum(attendance, organisations, constitution, meetingDate).countedOrganisationIds;
}

export function isQuorate(
  attendance: readonly AttendanceRecord[],
  organisations: readonly RegisteredOrganisation[],
  constitution: QuorumRule & Pick<Constitution, 'coOptedMayVote'>,
  meetingDate: string,
): boolean {
  return assessQuorum(attendance, organisations, constitution, meetingDate).quorate;
}

/** A decision was attempted at a meeting without a quorum. */
export class InquorateError extends Error {
  override readonly name = 'InquorateError';
  constructor(readonly assessment?: QuorumAssessment) {
    super(
      assessment
        ? assessment.message
        : 'The meeting is not quorate: it can discuss and minute items but cannot take decisions.',
    );
  }
}

// Partnership Agreement 10.6: an inquorate meeting cannot take decisions.
export function canDecide(quorum: boolean | QuorumAssessment): boolean {
  return typeof quorum === 'boolean' ? quorum : quorum.quorate;
}

// Partnership Agreement 10.6
/** Throws InquorateError unless the meeting is quorate; call before recording any decision. */
export function assertCanDecide(quorum: boolean | QuorumAssessment): void {
  if (!canDecide(quorum)) throw new InquorateError(typeof quorum === 'boolean' ? undefined : quorum);
}
