/**
 * The chair's handling of a membership application (Partnership Agreement 5.3;
 * docs/architecture.md, "Lifecycles"): members are consulted until a closing
 * date; when every member that answered supports it and none objects or asks
 * for clarification, the chair decides; otherwise the chair refers it to the
 * next consortium meeting, and the applicant is invited to attend.
 *
 * Pure functions of the answers, the dates and the meetings: every copy
 * holding the same records says the same thing.
 */
import type { ConsultationAnswerChoice } from '../domain/entities';
import { addCalendarDays as addDays, formatDate, isCalendarDate, InvalidCalendarDate } from './calendar-date';

export interface AnswerLike {
  organisationId: string;
  answer: ConsultationAnswerChoice;
  deleted?: boolean;
}

export type ConsultationOutcome =
  /** Before the closing date, with members still to answer. */
  | { kind: 'open'; closesOn: string; answered: number; waiting: number; message: string }
  /** Every member that answered supports it: the chair decides. */
  | { kind: 'chair-decides'; supports: number; message: string }
  /** An objection, a request for clarification, or no answer at all: to the next consortium meeting. */
  | { kind: 'refer'; objects: number; clarification: number; supports: number; message: string };

/** How long a consultation runs unless the chair sets another date. */
export const CONSULTATION_DAYS = 14;

/** The closing date offered for a consultation opened on `today`. */
export function defaultClosingDate(today: string): string {
  return addDays(today, CONSULTATION_DAYS);
}

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

// Partnership Agreement 5.3: the chair decides after consulting members; without consensus, or where clarification is needed, the next consortium meeting does.
/**
 * Where a consultation stands on `today`. `consulted` are the organisations
 * asked (the voting members): an answer from anyone else does not count. An
 * objection or a request for clarification sends the application to a
 * meeting at once; support decides it only when every consulted member has
 * answered or the closing date has passed. No answer at all by the closing
 * date is not consensus: the meeting decides.
 */
export function consultationOutcome(answers: readonly AnswerLike[], consulted: readonly string[], closesOn: string, today: string): ConsultationOutcome {
  if (!isCalendarDate(closesOn)) throw new InvalidCalendarDate(closesOn);
  if (!isCalendarDate(today)) throw new InvalidCalendarDate(today);
  const asked = new Set(consulted);
  const counted = answers.filter((a) => !a.deleted && asked.has(a.organisationId));
  const objects = counted.filter((a) => a.answer === 'object').length;
  const clarification = counted.filter((a) => a.answer === 'needs-clarification').length;
  const supports = counted.filter((a) => a.answer === 'support').length;
  if (objects > 0 || clarification > 0) {
    const why = [objects > 0 ? plural(objects, 'member objects', 'members object') : '', clarification > 0 ? plural(clarification, 'member needs', 'members need') + ' clarification' : '']
      .filter(Boolean)
      .join(' and ');
    return { kind: 'refer', objects, clarification, supports, message: `${why}, so the chair refers the application to the next consortium meeting.` };
  }
  const waiting = asked.size - counted.length;
  if (today <= closesOn && waiting > 0) {
    return {
      kind: 'open',
      closesOn,
      answered: counted.length,
      waiting,
      message: `${plural(counted.length, 'member has', 'members have')} answered and ${plural(waiting, 'is', 'are')} still to answer; the consultation closes on ${formatDate(closesOn)}.`,
    };
  }
  if (supports === 0) {
    return { kind: 'refer', objects, clarification, supports, message: 'No member answered by the closing date, so there is no consensus: the chair refers the application to the next consortium meeting.' };
  }
  return {
    kind: 'chair-decides',
    supports,
    message: `${supports === asked.size ? `All ${plural(supports, 'member', 'members')} consulted support it` : `Every member that answered supports it (${supports} of ${asked.size})`} and none objects: the chair decides.`,
  };
}

export interface MeetingLike {
  id: string;
  kind: string;
  date: string;
  status: string;
  deleted?: boolean;
}

// Partnership Agreement 5.3: an application without consensus goes to the next consortium meeting.
/** The next consortium meeting on or after `today` that is not cancelled, or undefined when none is scheduled. */
export function nextConsortiumMeeting<M extends MeetingLike>(meetings: readonly M[], today: string): M | undefined {
  return meetings
    .filter((m) => !m.deleted && m.kind === 'consortium' && m.status === 'planned' && m.date >= today)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1))[0];
}

/** Whether a consultation's closing date falls within `days` days from `today` (today included). */
export function closesWithin(closesOn: string, today: string, days: number): boolean {
  return closesOn >= today && closesOn <= addDays(today, days);
}
