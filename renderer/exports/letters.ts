/**
 * Letters to a membership applicant, as ExportDocuments (document.ts) that the
 * DOCX and print renderers turn into files (docs/architecture.md, "Exports"):
 *
 * - the invitation: where members do not reach a consensus on an application, or
 *   clarification is needed, the application goes to the next consortium meeting
 *   and the applicant is invited to it (Partnership Agreement 5.3);
 * - the decision: admitted from a date, or refused with the reason.
 *
 * Plain data in, no store access: the caller gathers the names and dates. A letter
 * that cannot be written says why in plain words (LetterCannotBeWritten).
 */
import { format, parse } from 'date-fns';
import { formatDate, formatLongDate, isCalendarDate } from '../../shared/rules/calendar-date';
import { addressLines, type ExportBlock, type ExportDocument } from './document';

export interface ApplicantLetterInput {
  consortiumName: string;
  /** The constitution's name, e.g. "Partnership Agreement". */
  constitutionName: string;
  applicant: { organisationName: string; contactName: string; address: string };
  /** ISO date the letter is dated. */
  letterDate: string;
  meeting?: { title: string; date: string; startTime: string; location: string };
  decision?: {
    outcome: 'admitted' | 'refused';
    /** ISO date: admitted from, or refused on. */
    on: string;
    reason: string;
    /** "the Chair", or "the consortium meeting of 8 December 2026". */
    decidedBy: string;
  };
  signedBy: { name: string; role: string };
}

export class LetterCannotBeWritten extends Error {
  override readonly name = 'LetterCannotBeWritten';
}

function need(value: string | undefined, what: string): string {
  const text = value?.trim() ?? '';
  if (text === '') throw new LetterCannotBeWritten(`The letter cannot be written without ${what}.`);
  return text;
}

function dateInWords(value: string, what: string, long = false): string {
  if (!isCalendarDate(value)) throw new LetterCannotBeWritten(`The letter cannot be written: ${what} (“${value}”) is not a date.`);
  return long ? formatLongDate(value) : formatDate(value);
}

/** '10am', '2.30pm': times as British letters write them. */
export function timeInWords(time: string): string {
  const parsed = parse(time, 'HH:mm', new Date(2000, 0, 1));
  if (Number.isNaN(parsed.getTime())) throw new LetterCannotBeWritten(`The letter cannot be written: the meeting’s start time (“${time}”) is not a time like 10:00.`);
  return format(parsed, parsed.getMinutes() === 0 ? 'haaa' : 'h.mmaaa');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What every letter to the applicant shares: letterhead, address, date, greeting and signature. */
function letterFrame(input: ApplicantLetterInput, title: string, blocks: ExportBlock[]): ExportDocument {
  const consortium = need(input.consortiumName, 'the consortium’s name');
  const contact = need(input.applicant.contactName, 'the applicant’s contact name');
  return {
    title,
    letterhead: { name: consortium, lines: [] },
    address: [contact, need(input.applicant.organisationName, 'the applicant organisation’s name'), ...addressLines(input.applicant.address)],
    dateLine: dateInWords(input.letterDate, 'the letter’s date'),
    salutation: `Dear ${contact},`,
    blocks,
    signature: {
      closing: 'Yours sincerely',
      name: need(input.signedBy.name, 'the name of the person signing it'),
      role: need(input.signedBy.role, 'the role of the person signing it'),
      // Not twice, when the role already names the consortium ("for the secretariat of …").
      organisation: input.signedBy.role.includes(consortium) ? undefined : consortium,
    },
  };
}

/** The invitation to the consortium meeting that will consider the application (Partnership Agreement 5.3). */
export function invitationLetter(input: ApplicantLetterInput): ExportDocument {
  const meeting = input.meeting;
  if (!meeting) {
    throw new LetterCannotBeWritten('An invitation cannot be written without the meeting: choose the consortium meeting that will consider the application.');
  }
  const organisation = input.applicant.organisationName.trim();
  const consortium = input.consortiumName.trim();
  const title = need(meeting.title, 'the meeting’s title');
  const day = dateInWords(meeting.date, 'the meeting’s date', true);
  const time = timeInWords(meeting.startTime);
  const place = need(meeting.location, 'where the meeting is held');
  const constitution = need(input.constitutionName, 'the name of the consortium’s constitution');
  return letterFrame(input, `Your application to join ${consortium}`, [
    { kind: 'paragraph', text: `Thank you for the application from ${organisation} to become a member of ${consortium}.` },
    {
      kind: 'paragraph',
      text: `Under our ${constitution}, an application on which members do not reach a consensus, or which needs clarification, is considered at the next consortium meeting, and the applicant is invited to attend. Your application will be considered at the consortium meeting on ${day}, and we would like to invite you to attend.`,
    },
    { kind: 'heading', text: 'The meeting' },
    { kind: 'bullets', items: [`Meeting: ${title}`, `Date: ${day}`, `Time: ${time}`, `Place: ${place}`] },
    {
      kind: 'paragraph',
      text: `At the meeting you will be able to tell members about ${organisation} and answer their questions about the application. Please let us know whether you, or someone else from ${organisation}, will attend.`,
    },
    { kind: 'paragraph', text: 'We will write to you with the decision after the meeting.' },
  ]);
}

/** The decision: admitted from a date, or refused with the reason. */
export function decisionLetter(input: ApplicantLetterInput): ExportDocument {
  const decision = input.decision;
  if (!decision) throw new LetterCannotBeWritten('A decision letter cannot be written before the application is decided.');
  const organisation = input.applicant.organisationName.trim();
  const consortium = input.consortiumName.trim();
  const decidedBy = need(decision.decidedBy, 'who made the decision');
  const on = dateInWords(decision.on, decision.outcome === 'admitted' ? 'the date of admission' : 'the date of the decision');
  const reason = decision.reason.trim();

  if (decision.outcome === 'refused') {
    if (reason === '') throw new LetterCannotBeWritten('A refusal cannot be written without the reason for it.');
    return letterFrame(input, `Your application to join ${consortium}: the decision`, [
      { kind: 'paragraph', text: `Thank you for the application from ${organisation} to become a member of ${consortium}.` },
      { kind: 'paragraph', text: `I am sorry to tell you that ${decidedBy} decided on ${on} not to admit ${organisation} as a member.` },
      { kind: 'heading', text: 'The reason' },
      { kind: 'paragraph', text: reason },
      { kind: 'paragraph', text: `You are welcome to apply again when ${organisation} is able to meet the consortium’s membership criteria. If you would like to talk about the decision, please get in touch.` },
    ]);
  }
  return letterFrame(input, `Your application to join ${consortium}: the decision`, [
    { kind: 'paragraph', text: `Thank you for the application from ${organisation} to become a member of ${consortium}.` },
    { kind: 'paragraph', text: `I am pleased to tell you that ${organisation} has been admitted as a member of ${consortium} from ${on}. ${capitalised(decidedBy)} made the decision.` },
    ...(reason ? [{ kind: 'paragraph' as const, text: `${capitalised(decidedBy)} noted: ${reason}` }] : []),
    // Partnership Agreement 7.1 (a named representative and substitute) and 5.7 (the published directory).
    { kind: 'heading', text: 'What happens next' },
    {
      kind: 'bullets',
      items: [
        `Please name a representative of ${organisation}, and a substitute, to attend consortium meetings.`,
        `${organisation}’s contact details will be published in the consortium’s directory of members.`,
        'You will receive the notice and papers of each consortium meeting.',
      ],
    },
    { kind: 'paragraph', text: 'We look forward to working with you.' },
  ]);
}
