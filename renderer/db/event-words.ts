/**
 * A lifecycle's step in words, for the change history (history-words.ts;
 * docs/architecture.md, "Lifecycles"): each event is one field `event:<id>`
 * written once, and the history says what happened — "Members consulted until
 * 15 December 2026", "Admitted from 8 December 2026: Agreed by consensus" —
 * never the event's code or its id.
 */
import type { FieldValue } from '../../shared/sync/change';
import { formatPounds } from '../../shared/rules/money';
import { decisionProofSchema, outcomeWords } from '../../shared/rules/decisions';

const CALENDAR_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

function dateWords(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? '' : CALENDAR_DATE.format(date);
}

function withReason(words: string, reason: unknown): string {
  return typeof reason === 'string' && reason.trim() !== '' ? `${words}: ${reason.trim()}` : words;
}

const MOTION_OUTCOME_WORDS: Record<string, string> = {
  consensus: 'Agreed by consensus',
  carried: 'Carried on a vote',
  defeated: 'Defeated on a vote',
  tied: 'Tied on a vote: not carried',
  deferred: 'Deferred',
};

function count(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The label of an event field: "Step". */
export const EVENT_LABEL = 'Step';

/** What an event says happened, for the kind of record it is on; undefined when it is not an event this version knows. */
export function eventWords(table: string, value: FieldValue | undefined, labelOf: (row: string) => string = () => ''): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const event = value as Record<string, FieldValue>;
  const type = event.type;
  if (typeof type !== 'string') return undefined;
  if (table === 'applications') {
    switch (type) {
      case 'consulting': {
        const asked = Array.isArray(event.consulted) ? event.consulted.length : 0;
        return `Members consulted until ${dateWords(event.closesOn) || 'a date not given'}${asked > 0 ? ` (${count(asked, 'member', 'members')} asked)` : ''}`;
      }
      case 'referred': {
        const meeting = typeof event.meetingId === 'string' ? labelOf(event.meetingId) : '';
        return withReason(`Referred to ${meeting ? `‘${meeting}’` : 'the next consortium meeting'}`, event.reason);
      }
      case 'decided': {
        const on = dateWords(event.on);
        const words = event.decision === 'admitted' ? `Admitted${on ? ` from ${on}` : ''}` : `Refused${on ? ` on ${on}` : ''}`;
        return withReason(`${words}${typeof event.atMeetingId === 'string' && event.atMeetingId !== '' ? ' by the meeting' : ''}`, event.reason);
      }
      case 'notified':
        return `Applicant told of the decision on ${dateWords(event.on) || 'a date not given'}`;
      case 'withdrawn':
        return 'Withdrawn';
      default:
        return undefined;
    }
  }
  if (table === 'partnerClaims') {
    switch (type) {
      case 'submitted':
        return typeof event.answer === 'string' && event.answer.trim() !== '' ? withReason('Sent back to the Accountable Body with an answer', event.answer) : 'Submitted to the Accountable Body';
      case 'queried':
        return withReason(`Queried by the Accountable Body${typeof event.line === 'string' && event.line !== '' ? ` about the line “${event.line}”` : ''}`, event.query);
      case 'approved': {
        const lines = event.lines && typeof event.lines === 'object' && !Array.isArray(event.lines) ? Object.values(event.lines) : [];
        const total = lines.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
        const reasons = event.reasons && typeof event.reasons === 'object' && !Array.isArray(event.reasons) ? Object.entries(event.reasons).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '') : [];
        const why = reasons.map(([line, reason]) => `“${line}” lower: ${reason.trim()}`).join('; ');
        return `Approved: ${formatPounds(total)} over ${count(lines.length, 'line', 'lines')}${why ? ` (${why})` : ''}`;
      }
      case 'paid':
        return `Paid ${typeof event.amountPence === 'number' ? formatPounds(event.amountPence) : ''} on ${dateWords(event.paidOn)}${typeof event.reference === 'string' && event.reference ? ` (reference ${event.reference})` : ''}`.replace(/\s+/g, ' ');
      default:
        return undefined;
    }
  }
  if (table === 'funderClaims') {
    if (type === 'submitted') return `Submitted to the funder${dateWords(event.submittedOn) ? ` on ${dateWords(event.submittedOn)}` : ''}`;
    if (type === 'paid') return `Paid by the funder${typeof event.amountPence === 'number' ? `: ${formatPounds(event.amountPence)}` : ''}${dateWords(event.receivedOn) ? `, received ${dateWords(event.receivedOn)}` : ''}`;
    return undefined;
  }
  if (table === 'minutes') {
    // The minutes' steps (shared/rules/lifecycles.ts minutesLifecycle).
    if (type === 'taken') return 'Minutes started on this organisation’s copy';
    if (type === 'circulated') return 'Circulated to members for comment';
    if (type === 'confirmed') {
      const meeting = typeof event.atMeetingId === 'string' && event.atMeetingId !== '' ? labelOf(event.atMeetingId) : '';
      const words = `Confirmed as a true record${meeting ? ` at ‘${meeting}’` : ''}`;
      return typeof event.amendments === 'string' && event.amendments.trim() !== '' ? `${words}, with amendments: ${event.amendments.trim()}` : words;
    }
    if (type === 'locked') return 'Locked: signed as a true record';
    if (type === 'corrected') return withReason('Correction recorded', event.text);
    return undefined;
  }
  if (table === 'motions') {
    if (type === 'decided') {
      // With its counts when a vote decided it (shared/rules/decisions.ts).
      const parsed = decisionProofSchema.safeParse(event.proof);
      return parsed.success ? outcomeWords(String(event.outcome), parsed.data) : (MOTION_OUTCOME_WORDS[String(event.outcome)] ?? 'Decided');
    }
    if (type === 'overridden') {
      const term = typeof event.funderTerm === 'string' && event.funderTerm.trim() !== '' ? ` (the funder’s term: ${event.funderTerm.trim()})` : '';
      return `${withReason('Overridden by the Accountable Body', event.reason)}${term}`;
    }
    return undefined;
  }
  if (table === 'elections') {
    // The election's steps (shared/rules/lifecycles.ts electionLifecycle).
    if (type === 'ballot' && event.counts && typeof event.counts === 'object') {
      const counts = Object.entries(event.counts as Record<string, unknown>).map(([id, n]) => `${labelOf(id) || 'a candidate'} ${String(n)}`);
      return `Ballot held: ${counts.join(', ')}`;
    }
    if (type === 'agreed') return `Agreed without a ballot: ${labelOf(String(event.organisationId ?? '')) || 'the candidate'}`;
    if (type === 'drawn') return `Decided by lot after a tie: ${labelOf(String(event.organisationId ?? '')) || 'the candidate'}`;
    return undefined;
  }
  return undefined;
}
