/**
 * The register's consistency and its counts (docs/architecture.md, "The register").
 *
 * `registerProblems` says, in plain words, what is wrong with one organisation's
 * entry: a problem that is `refuse` stops the save; one that is `flag` is shown on
 * the Members page and the organisation's page for a person to put right.
 *
 * `membershipCounts` is the one count of the register: the dashboard and the Members
 * page both show it, so their numbers agree and give the same reasons. Who votes is
 * `votingRights` (eligibility.ts), which quorum.ts and tallies.ts also ask; the counts
 * never decide it a second way. An organisation is counted once, in the group its
 * record places it in on the day: one whose resignation has taken effect is resigned
 * even while its status still says member (and is flagged for it).
 */
import type { Constitution } from './constitution';
import type { MembershipStatus, Organisation } from '../domain/entities';
import { formatDate, isCalendarDate, InvalidCalendarDate } from './calendar-date';
import { votingRights, type NoVoteReason } from './eligibility';

export type ProblemSeverity = 'refuse' | 'flag';

export type RegisterProblemCode = 'resigned-before-joined' | 'resigned-without-date' | 'member-but-resigned' | 'too-few-criteria' | 'joined-in-future';

export interface RegisterProblem {
  readonly code: RegisterProblemCode;
  readonly severity: ProblemSeverity;
  /** The field a person corrects, for the form to show it by. */
  readonly field: 'joinedOn' | 'resignedOn' | 'status' | 'servicesProvided';
  /** In plain words, naming the organisation only where the sentence needs it. */
  readonly message: string;
}

/** What the register's rules read of an organisation (an Organisation row, or a form's values). */
export type RegisterEntry = Pick<Organisation, 'name' | 'status' | 'joinedOn' | 'resignedOn' | 'servicesProvided'> & {
  readonly id?: string;
  readonly archived?: boolean;
  readonly deleted?: boolean;
};

export interface RegisterContext {
  /** The day the record is read on (ISO, Europe/London). */
  readonly today: string;
  readonly constitution: Pick<Constitution, 'membershipCriteria' | 'minimumCriteriaMet'>;
  /** How the screens name the consortium's constitution ("the constitution" when not given). */
  readonly constitutionName?: string;
}

/** The listed criteria an organisation provides: known indexes, each once. */
export function criteriaMet(servicesProvided: readonly number[] | undefined, constitution: Pick<Constitution, 'membershipCriteria'>): number {
  const listed = constitution.membershipCriteria.length;
  return new Set((servicesProvided ?? []).filter((i) => Number.isInteger(i) && i >= 0 && i < listed)).size;
}

/** What is wrong with an organisation's entry in the register, refusals first. */
export function registerProblems(organisation: RegisterEntry, context: RegisterContext): RegisterProblem[] {
  if (!isCalendarDate(context.today)) throw new InvalidCalendarDate(context.today);
  const problems: RegisterProblem[] = [];
  const joinedOn = organisation.joinedOn ?? '';
  const resignedOn = organisation.resignedOn ?? '';
  const joined = isCalendarDate(joinedOn);
  const resigned = isCalendarDate(resignedOn);
  // Partnership Agreement 5.6: a resignation ends a membership, so it cannot come before it began.
  if (joined && resigned && resignedOn < joinedOn) {
    problems.push({
      code: 'resigned-before-joined',
      severity: 'refuse',
      field: 'resignedOn',
      message: `The resignation date, ${formatDate(resignedOn)}, is before the date it joined, ${formatDate(joinedOn)}.`,
    });
  }
  // Partnership Agreement 5.6: a resignation is in writing, and takes effect from a date.
  if (organisation.status === 'resigned' && !resigned) {
    problems.push({
      code: 'resigned-without-date',
      severity: 'flag',
      field: 'resignedOn',
      message: 'Marked as resigned, but no date of resignation is recorded: record the resignation and the date it takes effect.',
    });
  }
  if ((organisation.status === 'member' || organisation.status === 'co-opted') && resigned && resignedOn <= context.today) {
    problems.push({
      code: 'member-but-resigned',
      severity: 'flag',
      field: 'status',
      message: `Marked as ${organisation.status === 'member' ? 'a member' : 'co-opted'} but resigned on ${formatDate(resignedOn)}: it no longer votes or counts.`,
    });
  }
  // Partnership Agreement 5.1: a member provides at least minimumCriteriaMet of the listed services.
  const required = context.constitution.minimumCriteriaMet;
  const met = criteriaMet(organisation.servicesProvided, context.constitution);
  if (organisation.status === 'member' && met < required) {
    const name = context.constitutionName ?? 'the constitution';
    problems.push({
      code: 'too-few-criteria',
      severity: 'flag',
      field: 'servicesProvided',
      message: `Meets ${met} of the ${context.constitution.membershipCriteria.length} membership criteria; ${name} needs ${required}. New members are admitted through an application.`,
    });
  }
  if (joined && joinedOn > context.today) {
    problems.push({ code: 'joined-in-future', severity: 'flag', field: 'joinedOn', message: `The date it joined, ${formatDate(joinedOn)}, is still to come.` });
  }
  return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'refuse' ? -1 : 1));
}

/** The problems that stop a save. */
export function refusals(problems: readonly RegisterProblem[]): RegisterProblem[] {
  return problems.filter((p) => p.severity === 'refuse');
}

/** The group an organisation's record places it in on a day. */
export type RegisterGroup = MembershipStatus | 'archived';

export function registerGroup(organisation: RegisterEntry, onDate: string): RegisterGroup {
  if (organisation.archived) return 'archived';
  const resignedOn = organisation.resignedOn ?? '';
  // Partnership Agreement 5.6: from the date of resignation, as votingRights reads it.
  if (resignedOn !== '') return resignedOn <= onDate ? 'resigned' : organisation.status === 'resigned' ? 'member' : organisation.status;
  return organisation.status;
}

export interface NotVoting {
  readonly id: string;
  readonly name: string;
  readonly reason: NoVoteReason;
  readonly explanation: string;
}

export interface MembershipCounts {
  /** Organisations in the register (removed ones are not). */
  readonly total: number;
  readonly members: number;
  readonly coOpted: number;
  readonly applicants: number;
  readonly resigned: number;
  readonly refused: number;
  readonly archived: number;
  /** Those who vote and count towards the quorum on the day (votingRights). */
  readonly eligibleToVote: number;
  /** Everyone else in the register, with votingRights' reason, in the order given. */
  readonly notVoting: readonly NotVoting[];
}

type CountedOrganisation = RegisterEntry & Pick<Organisation, 'id'>;

// Partnership Agreement 5.4-5.6, 10.6: one count of the register, with votingRights deciding who votes.
export function membershipCounts(
  organisations: readonly CountedOrganisation[],
  onDate: string,
  constitution: Pick<Constitution, 'coOptedMayVote'>,
): MembershipCounts {
  if (!isCalendarDate(onDate)) throw new InvalidCalendarDate(onDate);
  const groups: Record<RegisterGroup, number> = { applicant: 0, member: 0, 'co-opted': 0, resigned: 0, refused: 0, archived: 0 };
  const notVoting: NotVoting[] = [];
  let eligibleToVote = 0;
  let total = 0;
  for (const organisation of organisations) {
    if (organisation.deleted) continue;
    total += 1;
    groups[registerGroup(organisation, onDate)] += 1;
    const rights = votingRights(
      { id: organisation.id, name: organisation.name, status: organisation.status, joinedOn: organisation.joinedOn ?? '', resignedOn: organisation.resignedOn ?? '', archived: organisation.archived === true },
      onDate,
      constitution,
    );
    if (rights.mayVote) eligibleToVote += 1;
    else notVoting.push({ id: organisation.id, name: organisation.name, reason: rights.reason, explanation: rights.explanation });
  }
  return {
    total,
    members: groups.member,
    coOpted: groups['co-opted'],
    applicants: groups.applicant,
    resigned: groups.resigned,
    refused: groups.refused,
    archived: groups.archived,
    eligibleToVote,
    notVoting,
  };
}

/** Why a group of organisations does not vote, said once for the group (Partnership Agreement 5.3-5.6). */
export const NO_VOTE_GROUP_WORDS: Record<NoVoteReason, (count: number) => string> = {
  'co-opted': (n) => `${n === 1 ? 'The co-opted organisation advises' : `The ${n} co-opted organisations advise`} but ${n === 1 ? 'does' : 'do'} not vote and ${n === 1 ? 'does' : 'do'} not count to the quorum.`,
  resigned: (n) => `${n === 1 ? 'One organisation has' : `${n} organisations have`} resigned and no longer ${n === 1 ? 'votes or counts' : 'vote or count'}.`,
  'not-yet-joined': (n) => `${n === 1 ? 'One member joins' : `${n} members join`} on a date still to come and ${n === 1 ? 'does' : 'do'} not vote until then.`,
  applicant: (n) => `${n === 1 ? 'One applicant is' : `${n} applicants are`} not yet ${n === 1 ? 'a member' : 'members'}.`,
  refused: (n) => `${n === 1 ? 'One organisation was' : `${n} organisations were`} refused membership.`,
  archived: (n) => `${n === 1 ? 'One organisation is' : `${n} organisations are`} archived, kept for ${n === 1 ? 'its' : 'their'} history only.`,
  removed: (n) => `${n === 1 ? 'One organisation has' : `${n} organisations have`} been removed from the register.`,
};

/** Those who do not vote, grouped by reason, in a fixed order. */
export function notVotingByReason(counts: Pick<MembershipCounts, 'notVoting'>): Array<{ reason: NoVoteReason; organisations: NotVoting[]; words: string }> {
  const order: NoVoteReason[] = ['co-opted', 'not-yet-joined', 'applicant', 'resigned', 'refused', 'archived', 'removed'];
  return order
    .map((reason) => {
      const organisations = counts.notVoting.filter((o) => o.reason === reason);
      return { reason, organisations, words: NO_VOTE_GROUP_WORDS[reason](organisations.length) };
    })
    .filter((g) => g.organisations.length > 0);
}
