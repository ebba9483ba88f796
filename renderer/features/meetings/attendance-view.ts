/**
 * Who is at a meeting, as the attendance section shows it (docs/architecture.md,
 * "Meetings: agenda, papers and attendance"): each member organisation present by its
 * representative or named substitute, with apologies, or absent; co-opted
 * organisations and applicants invited to attend listed apart, as they neither vote
 * nor count (Partnership Agreement 5.3, 5.4); the quorum from shared/rules/quorum.ts,
 * with who does not count and why; and who chairs (9): the elected Chair, or a
 * member's representative the meeting appoints.
 */
import type { Appointment, Attendance, Meeting, Organisation, Representative } from '../../../shared/domain/entities';
import { assessQuorum, chairEligibility, votingRights, type Constitution, type QuorumAssessment } from '../../../shared/rules';

export type AttendanceChoice = Attendance['status'] | 'not-recorded';

export interface PersonChoice {
  readonly representativeId: string;
  readonly name: string;
  readonly kind: 'representative' | 'substitute';
}

export interface AttendanceLine {
  readonly organisation: Pick<Organisation, 'id' | 'name' | 'status'>;
  /** The record, when one is made: one per meeting and organisation (registry naturalKey). */
  readonly record: Attendance | undefined;
  readonly status: AttendanceChoice;
  /** Who attended for it, when present. */
  readonly person: PersonChoice | undefined;
  /** Its named representative and substitutes in post on the meeting's date. */
  readonly people: readonly PersonChoice[];
  /** Counts towards the quorum. */
  readonly counts: boolean;
  /** Why it does not vote, for those listed apart. */
  readonly note: string;
}

export interface ChairLine {
  /** The elected Chair's organisation and its representative on the date, if the register names one. */
  readonly elected: { organisation: Pick<Organisation, 'id' | 'name'>; representative: PersonChoice | undefined } | undefined;
  /** Who chairs as recorded on the meeting ('' → the elected Chair). */
  readonly chairedBy: { representativeId: string; name: string; organisationName: string; acting: boolean } | undefined;
  /** Those the meeting may appoint to chair it: each present member's representative or substitute (9.3). */
  readonly candidates: readonly { representativeId: string; label: string }[];
  /** What to say. */
  readonly message: string;
  /** A problem with the chair recorded, in words ('' when none). */
  readonly problem: string;
}

export interface AttendanceView {
  readonly members: readonly AttendanceLine[];
  readonly others: readonly AttendanceLine[];
  readonly quorum: QuorumAssessment;
  /** Present but not counted, by name and why. */
  readonly notCounted: readonly { name: string; explanation: string }[];
  readonly chair: ChairLine;
}

type Org = Pick<Organisation, 'id' | 'name' | 'status' | 'joinedOn' | 'resignedOn'> & { deleted?: boolean; archived?: boolean; coOptedOn?: string };
type Rep = Pick<Representative, 'id' | 'organisationId' | 'name' | 'kind' | 'from' | 'until'> & { deleted?: boolean };

/** In the post on the date: from on or before it, and not yet left (directory.ts reads the same). */
export function inPostOn(rep: Pick<Rep, 'from' | 'until' | 'deleted'>, date: string): boolean {
  return !rep.deleted && (!rep.from || rep.from <= date) && (!rep.until || rep.until > date);
}

/** Held on the date: an appointment's term runs from `from` to `until` inclusive ('' open). */
function heldOn(appointment: Pick<Appointment, 'from' | 'until'> & { deleted?: boolean }, date: string): boolean {
  return !appointment.deleted && appointment.from <= date && (!appointment.until || appointment.until >= date);
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'en-GB');

export interface AttendanceInput {
  readonly meeting: Pick<Meeting, 'id' | 'date' | 'chairRepresentativeId'>;
  readonly organisations: readonly Org[];
  readonly representatives: readonly Rep[];
  readonly attendance: readonly Attendance[];
  readonly appointments: readonly (Pick<Appointment, 'organisationId' | 'role' | 'from' | 'until'> & { deleted?: boolean })[];
  readonly constitution: Pick<Constitution, 'quorumMinimum' | 'quorumFractionNumerator' | 'quorumFractionDenominator' | 'coOptedMayVote' | 'accountableBodyMayChair'>;
  readonly accountableBodyId: string;
}

// Partnership Agreement 7.1, 7.2, 5.4, 10.6, 9
export function attendanceView(input: AttendanceInput): AttendanceView {
  const { meeting, constitution } = input;
  const date = meeting.date;
  const records = new Map(input.attendance.filter((a) => !a.deleted && a.meetingId === meeting.id).map((a) => [a.organisationId, a]));
  const reps = input.representatives.filter((r) => !r.deleted);
  const peopleOf = (organisationId: string): PersonChoice[] =>
    reps
      .filter((r) => r.organisationId === organisationId && inPostOn(r, date))
      .sort((a, b) => (a.kind === b.kind ? byName(a, b) : a.kind === 'representative' ? -1 : 1))
      .map((r) => ({ representativeId: r.id, name: r.name, kind: r.kind }));
  const personById = new Map(reps.map((r) => [r.id, { representativeId: r.id, name: r.name, kind: r.kind } satisfies PersonChoice]));

  const quorum = assessQuorum([...records.values()], input.organisations, constitution, date);
  const counted = new Set(quorum.countedOrganisationIds);
  const line = (organisation: Org, note: string): AttendanceLine => {
    const record = records.get(organisation.id);
    const present = record && (record.status === 'present' || record.status === 'substitute');
    return {
      organisation,
      record,
      status: record?.status ?? 'not-recorded',
      person: present ? personById.get(record.representativeId) : undefined,
      people: peopleOf(organisation.id),
      counts: counted.has(organisation.id),
      note,
    };
  };

  const members: AttendanceLine[] = [];
  const others: AttendanceLine[] = [];
  for (const organisation of [...input.organisations].filter((o) => !o.deleted).sort(byName)) {
    const rights = votingRights(organisation, date, constitution);
    if (rights.mayVote) {
      members.push(line(organisation, ''));
      continue;
    }
    // Listed apart: co-opted organisations and applicants invited to attend (5.3, 5.4), and anyone else recorded.
    const listed = (rights.reason === 'co-opted' || rights.reason === 'applicant') && !organisation.archived;
    if (listed || records.has(organisation.id)) others.push(line(organisation, rights.explanation));
  }

  const names = new Map(input.organisations.map((o) => [o.id, o.name]));
  const notCounted = quorum.notCounted.map((n) => ({ name: names.get(n.organisationId) ?? 'An organisation not on the register', explanation: n.explanation }));
  return { members, others, quorum, notCounted, chair: chairLine(input, members, personById) };
}

function chairLine(input: AttendanceInput, members: readonly AttendanceLine[], personById: Map<string, PersonChoice>): ChairLine {
  const { meeting, constitution } = input;
  const date = meeting.date;
  const orgs = new Map(input.organisations.map((o) => [o.id, o]));
  const appointment = input.appointments.filter((a) => a.role === 'chair' && heldOn(a, date)).sort((a, b) => (a.from < b.from ? 1 : -1))[0];
  const electedOrg = appointment ? orgs.get(appointment.organisationId) : undefined;
  const electedRep = electedOrg
    ? input.representatives.filter((r) => r.organisationId === electedOrg.id && r.kind === 'representative' && inPostOn(r, date)).map((r) => personById.get(r.id)!)[0]
    : undefined;
  const elected = electedOrg ? { organisation: electedOrg, representative: electedRep } : undefined;
  const electedLine = electedOrg ? members.find((m) => m.organisation.id === electedOrg.id) : undefined;

  // Partnership Agreement 9.3: the meeting may appoint any member's representative, the Accountable Body's included, who is there.
  const candidates = members
    .filter((m) => m.counts && m.person && chairEligibility(orgs.get(m.organisation.id)!, input.accountableBodyId, constitution, date, 'meeting-chair').eligible)
    .map((m) => ({ representativeId: m.person!.representativeId, label: `${m.person!.name}, ${m.organisation.name}` }));

  const chosen = meeting.chairRepresentativeId;
  const rep = chosen ? input.representatives.find((r) => r.id === chosen) : undefined;
  let chairedBy: ChairLine['chairedBy'];
  let problem = '';
  if (rep) {
    const organisation = orgs.get(rep.organisationId);
    const acting = !electedOrg || rep.organisationId !== electedOrg.id;
    chairedBy = { representativeId: rep.id, name: rep.name, organisationName: organisation?.name ?? 'an organisation not on the register', acting };
    const eligibility = organisation ? chairEligibility(organisation, input.accountableBodyId, constitution, date, acting ? 'meeting-chair' : 'elected-chair') : { eligible: false as const, reason: 'The organisation is not on the register.' };
    if (!eligibility.eligible) problem = eligibility.reason;
    else if (!members.find((m) => m.organisation.id === rep.organisationId)?.counts) problem = `${organisation!.name} is not recorded as present.`;
  } else if (chosen) {
    problem = 'The person recorded as chairing is not in this copy’s register.';
  }

  let message: string;
  if (chairedBy) {
    message = chairedBy.acting
      ? `${chairedBy.name} of ${chairedBy.organisationName} chairs this meeting, appointed by the meeting (Partnership Agreement 9).`
      : `${chairedBy.name} of ${chairedBy.organisationName} chairs this meeting, as the elected Chair (Partnership Agreement 9).`;
  } else if (!elected) {
    message = 'The register names no elected Chair on this date: the meeting appoints a member’s representative to chair it (Partnership Agreement 9).';
  } else if (electedLine?.status === 'apologies' || electedLine?.status === 'absent') {
    message = `The elected Chair’s organisation, ${elected.organisation.name}, is not here: the meeting may appoint any member’s representative, the Accountable Body’s included, to chair it (Partnership Agreement 9).`;
  } else {
    const who = elected.representative ? `${elected.representative.name} of ${elected.organisation.name}` : elected.organisation.name;
    message = `The elected Chair, ${who}, chairs unless the meeting appoints another member’s representative (Partnership Agreement 9).`;
  }
  return { elected, chairedBy, candidates, message, problem };
}
