/**
 * The decisions register (docs/architecture.md, "Decisions: the register"): one
 * row per decision across every meeting, derived from the records as they stand
 * on this copy, and its exports as CSV, XLSX and a document to print to PDF
 * (renderer/exports; "Exports").
 *
 * A row comes from one of three sources:
 * - a motion the meeting decided (motionState: outcome, day, proof), or
 *   deferred; a motion still proposed is not yet a decision and is left out;
 * - an election of the Chair or review of the Accountable Body with at least one
 *   ballot, or a result agreed or drawn by lot;
 * - a membership application decided without a motion: by the chair after
 *   consulting members (Partnership Agreement 5.3), or recorded on the
 *   application at a meeting.
 *
 * Its status: it stands; it was overridden by the Accountable Body (with the
 * reason and the funder's term, Partnership Agreement 8.2); tied; not carried;
 * deferred. A steering group's recommendation also says whether the consortium
 * has ratified it (ratificationOf).
 */
import type { AgendaItem, Application, Election, Meeting, MeetingKind, Minute, Motion, Organisation } from '../../../shared/domain/entities';
import { MEETING_KIND_LABELS } from '../../../shared/domain/entities';
import { formatDate } from '../../../shared/rules/calendar-date';
import { outcomeWords, VOTE_CHOICE_WORDS, type DecisionProof, type VoteChoice } from '../../../shared/rules/decisions';
import { DISSENT_FIELD_PREFIX } from '../../../shared/rules/lifecycles';
import { csvBytes, CSV_MIME_TYPE, type CsvColumn } from '../../exports/csv';
import type { ExportBlock, ExportDocument } from '../../exports/document';
import { exportFileName, type ExportFile } from '../../exports/save';
import { sheetOf, xlsxBytes, XLSX_MIME_TYPE, type XlsxColumn } from '../../exports/xlsx';
import { applicationState } from '../applications/application-actions';
import { electionState, motionState, ratificationOf } from './decision-actions';

export const DECISION_STATUSES = ['stands', 'overridden', 'tied', 'not-carried', 'deferred'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_WORDS: Record<DecisionStatus, string> = {
  stands: 'Stands',
  overridden: 'Overridden by the Accountable Body',
  tied: 'Tied',
  'not-carried': 'Not carried',
  deferred: 'Deferred',
};

/** Chair's decisions on applications outside a meeting (Partnership Agreement 5.3). */
export const CHAIR_DECISION_WORDS = 'Decided by the chair after consulting members (Partnership Agreement 5.3)';

export interface RegisterVote {
  organisation: string;
  choice: VoteChoice;
}

export interface DecisionRow {
  /** The record the row comes from: a motion, an election or an application. */
  id: string;
  source: 'motion' | 'election' | 'application';
  /** The meeting that decided it; '' for the chair's decision outside a meeting. */
  meetingId: string;
  meetingTitle: string;
  meetingKind: MeetingKind | '';
  /** The day of the decision (ISO), or the meeting's when it was deferred. */
  date: string;
  /** What was decided: the motion's words, the office and who was elected, the application. */
  decided: string;
  /** How: by consensus (with dissent), a vote with its counts (named or secret), an election's ballots, the chair's decision. */
  how: string;
  /** The outcome in words (outcomeWords). */
  outcome: string;
  /** The counts of a vote on a motion; absent otherwise. */
  counts?: { for: number; against: number; abstain: number };
  ballot: 'named' | 'secret' | '';
  /** A named ballot's votes, by organisation, in name order. */
  votes: RegisterVote[];
  /** Members whose dissent is recorded (Partnership Agreement 10.7). */
  dissent: string[];
  /** What it refers to: an application, a minutes confirmation, a claim, an election, a recommendation. */
  refersTo: string;
  status: DecisionStatus;
  /** The status in words: with an override's reason, funder's term and day; a tie's rule. */
  statusWords: string;
  override?: { reason: string; funderTerm: string; on: string };
  /** A steering group's recommendation: whether the consortium ratified it. */
  ratification?: string;
  /** An election's ballots, each candidate's votes by name. */
  ballots?: Array<{ on: string; counts: Array<{ candidate: string; votes: number }> }>;
}

export interface RegisterInput {
  motions: readonly Motion[];
  elections: readonly Election[];
  applications: readonly Application[];
  meetings: readonly Meeting[];
  organisations: readonly Pick<Organisation, 'id' | 'name'>[];
  agendaItems?: readonly Pick<AgendaItem, 'id' | 'title'>[];
  minutes?: readonly Pick<Minute, 'id' | 'meetingId'>[];
}

const live = <T extends { deleted?: boolean }>(rows: readonly T[]) => rows.filter((r) => !r.deleted);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const list = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** "2 for, 1 against, 1 abstention". */
export function countWords(c: { for: number; against: number; abstain: number }): string {
  return `${c.for} for, ${c.against} against, ${plural(c.abstain, 'abstention', 'abstentions')}`;
}

/** A named ballot's votes as one line: "Voluntary Action Luton: for; Bedford CVS: against". */
export function votesLine(votes: readonly RegisterVote[]): string {
  return votes.map((v) => `${v.organisation}: ${v.choice}`).join('; ');
}

function dissentOf(motion: Motion, proof: DecisionProof | undefined, name: (id: string) => string): string[] {
  const ids = new Set((proof?.dissent ?? []).map((d) => d.organisationId));
  const names = new Map((proof?.dissent ?? []).map((d) => [d.organisationId, d.name]));
  // A member's dissent recorded after the decision, one field per organisation (shared/rules/lifecycles.ts).
  for (const [field, value] of Object.entries(motion as unknown as Record<string, unknown>)) {
    if (field.startsWith(DISSENT_FIELD_PREFIX) && value !== false && value !== '' && value !== null && value !== undefined) ids.add(field.slice(DISSENT_FIELD_PREFIX.length));
  }
  return [...ids].map((id) => names.get(id) ?? name(id)).sort((a, b) => a.localeCompare(b, 'en-GB'));
}

function howOfMotion(proof: DecisionProof | undefined, outcome: string, dissent: readonly string[]): string {
  if (outcome === 'deferred' || !proof) return 'Deferred to a later meeting';
  if (proof.method === 'consensus') return dissent.length > 0 ? `By consensus; dissent recorded: ${list(dissent)}` : 'By consensus';
  const ballot = proof.ballot === 'secret' ? 'secret ballot' : 'named ballot';
  const counts = proof.counts ? `: ${countWords(proof.counts)}` : '';
  const casting = proof.castingVote ? `; the chair’s casting vote ${proof.castingVote}` : '';
  const against = outcome === 'carried' && dissent.length > 0 ? `; dissent recorded: ${list(dissent)}` : '';
  return `By vote, ${ballot}${counts}${casting}${against}`;
}

/** The decisions register's rows, newest first (by day, then meeting, then words). */
export function decisionsRegister(input: RegisterInput): DecisionRow[] {
  const names = new Map(input.organisations.map((o) => [o.id, o.name]));
  const name = (id: string) => names.get(id) ?? 'An organisation not on the register';
  const meetings = new Map(live(input.meetings).map((m) => [m.id, m]));
  const applications = new Map(input.applications.map((a) => [a.id, a]));
  const items = new Map((input.agendaItems ?? []).map((i) => [i.id, i.title]));
  const minutes = new Map((input.minutes ?? []).map((m) => [m.id, m.meetingId]));
  const motions = live(input.motions);
  const motionsById = new Map(motions.map((m) => [m.id, m]));
  const elections = new Map(input.elections.map((e) => [e.id, e]));
  const meetingWords = (id: string) => {
    const m = meetings.get(id);
    return m ? `${m.title} of ${formatDate(m.date)}` : 'a meeting not on this copy';
  };

  const refersTo = (motion: Motion): string => {
    const row = motion.refersToRow;
    switch (motion.refersToTable) {
      case 'applications': {
        const a = applications.get(row);
        return `Membership application: ${a ? a.organisationName : 'an application not on this copy'}`;
      }
      case 'meetings':
        return `Confirming the minutes of the ${meetingWords(row)}`;
      case 'minutes':
        return `Confirming the minutes of the ${meetingWords(minutes.get(row) ?? '')}`;
      case 'partnerClaims':
        return 'A partner’s claim';
      case 'funderClaims':
        return 'A claim to the funder';
      case 'elections': {
        const e = elections.get(row);
        return e ? `The ${e.office === 'chair' ? 'election of the Chair' : 'review of the Accountable Body'} for ${e.financialYear}` : 'An election';
      }
      case 'motions': {
        const r = motionsById.get(row);
        return r ? `Ratifying the recommendation of the ${meetingWords(r.meetingId)}: ${r.text}` : 'Ratifying a recommendation not on this copy';
      }
      default:
        return items.get(motion.agendaItemId) ? `Agenda item: ${items.get(motion.agendaItemId)}` : '';
    }
  };

  const rows: DecisionRow[] = [];
  for (const motion of motions) {
    const state = motionState(motion);
    if (state.status === 'proposed' || !state.outcome) continue;
    const meeting = meetings.get(motion.meetingId);
    const proof = state.proof;
    const dissent = dissentOf(motion, proof, name);
    const outcome = state.outcome;
    let status: DecisionStatus = outcome === 'deferred' ? 'deferred' : outcome === 'tied' ? 'tied' : outcome === 'defeated' ? 'not-carried' : 'stands';
    let statusWords = DECISION_STATUS_WORDS[status];
    if (status === 'tied') statusWords = `Tied: not carried. ${proof?.rule?.castingVote ? 'The chair did not use a casting vote.' : 'The chair has no casting vote.'}`;
    let override: DecisionRow['override'];
    if (state.status === 'overridden') {
      status = 'overridden';
      override = { reason: state.overrideReason ?? '', funderTerm: state.overrideTerm ?? '', on: state.overriddenOn ?? '' };
      statusWords = `Overridden by the Accountable Body${override.on ? ` on ${formatDate(override.on)}` : ''}: ${override.reason}${override.funderTerm ? ` (the funder’s term: ${override.funderTerm})` : ''}`;
    }
    let ratification: string | undefined;
    let refers = refersTo(motion);
    if (motion.recommendation && status !== 'deferred') {
      const r = ratificationOf(motion, motions);
      ratification =
        r.status === 'awaiting'
          ? 'A recommendation: awaiting ratification by the consortium'
          : `A recommendation: ${r.status === 'ratified' ? 'ratified' : 'not ratified'} at the ${meetingWords(r.meetingId ?? '')}`;
      refers = refers ? `${refers}. ${ratification}` : ratification;
    }
    const votes = (proof?.votes ?? []).map((v) => ({ organisation: v.name, choice: v.choice })).sort((a, b) => a.organisation.localeCompare(b.organisation, 'en-GB'));
    rows.push({
      id: motion.id,
      source: 'motion',
      meetingId: motion.meetingId,
      meetingTitle: meeting?.title ?? 'A meeting not on this copy',
      meetingKind: meeting?.kind ?? '',
      date: state.decidedOn ?? proof?.meetingDate ?? meeting?.date ?? '',
      decided: motion.text,
      how: howOfMotion(proof, outcome, dissent),
      outcome: outcomeWords(outcome, proof),
      ...(proof?.counts ? { counts: { ...proof.counts } } : {}),
      ballot: proof?.method === 'vote' ? (proof.ballot ?? '') : '',
      votes,
      dissent,
      refersTo: refers,
      status,
      statusWords,
      ...(override ? { override } : {}),
      ...(ratification ? { ratification } : {}),
    });
  }

  for (const election of live(input.elections)) {
    const state = electionState(election);
    if (state.ballots.length === 0 && state.status !== 'elected') continue;
    const meeting = meetings.get(election.meetingId);
    const office = election.office === 'chair' ? 'Chair' : 'Accountable Body';
    const ballots = state.ballots.map((b) => ({
      on: b.on,
      counts: Object.entries(b.counts)
        .map(([id, votes]) => ({ candidate: name(id), votes }))
        .sort((a, b) => b.votes - a.votes || a.candidate.localeCompare(b.candidate, 'en-GB')),
    }));
    const ballotWords = ballots.map((b, i) => `${ballots.length > 1 ? `Ballot ${i + 1}: ` : 'Ballot: '}${b.counts.map((c) => `${c.candidate} ${c.votes}`).join(', ')}`);
    const how =
      state.how === 'agreed'
        ? 'Agreed by the meeting without a ballot'
        : state.how === 'lot'
          ? `${ballotWords.join('; ')}; tied, decided by lot`
          : ballotWords.join('; ');
    const elected = state.status === 'elected' && state.electedOrganisationId ? name(state.electedOrganisationId) : '';
    const decided =
      election.office === 'chair'
        ? `Election of the Chair for ${election.financialYear}${elected ? `: ${elected} elected` : ''}`
        : `Review of the Accountable Body for ${election.financialYear}${elected ? `: ${elected} ${election.accountableBodyId === state.electedOrganisationId ? 'continues' : 'appointed'}` : ''}`;
    const tied = state.status === 'tied';
    rows.push({
      id: election.id,
      source: 'election',
      meetingId: election.meetingId,
      meetingTitle: meeting?.title ?? 'A meeting not on this copy',
      meetingKind: meeting?.kind ?? '',
      date: state.electedOn ?? state.ballots.at(-1)?.on ?? meeting?.date ?? '',
      decided,
      how,
      outcome: tied ? `Tied between ${list((state.tiedOrganisationIds ?? []).map(name))}` : `${elected} elected ${office}`,
      ballot: '',
      votes: [],
      dissent: [],
      refersTo: `The ${office}’s term for ${election.financialYear}`,
      status: tied ? 'tied' : 'stands',
      statusWords: tied ? 'Tied: a further ballot or a draw decides, as the constitution says' : 'Stands',
      ballots,
    });
  }

  const decidedByMotion = new Set(motions.filter((m) => m.refersToTable === 'applications' && motionState(m).status !== 'proposed').map((m) => m.refersToRow));
  for (const application of live(input.applications)) {
    const state = applicationState(application);
    if (state.status !== 'admitted' && state.status !== 'refused') continue;
    if (decidedByMotion.has(application.id)) continue;
    const meeting = state.decidedAtMeetingId ? meetings.get(state.decidedAtMeetingId) : undefined;
    const admitted = state.status === 'admitted';
    rows.push({
      id: application.id,
      source: 'application',
      meetingId: state.decidedAtMeetingId ?? '',
      meetingTitle: state.decidedAtMeetingId ? (meeting?.title ?? 'A meeting not on this copy') : 'Outside a meeting',
      meetingKind: meeting?.kind ?? '',
      date: state.decidedOn ?? '',
      decided: `${admitted ? 'To admit' : 'Not to admit'} ${application.organisationName} as a member${state.reason ? `: ${state.reason}` : ''}`,
      how: state.decidedAtMeetingId ? 'Decided at the meeting' : CHAIR_DECISION_WORDS,
      outcome: admitted ? 'Admitted' : 'Refused',
      ballot: '',
      votes: [],
      dissent: [],
      refersTo: `Membership application: ${application.organisationName}`,
      status: 'stands',
      statusWords: 'Stands',
    });
  }

  return rows.sort((a, b) => b.date.localeCompare(a.date) || a.meetingTitle.localeCompare(b.meetingTitle, 'en-GB') || a.decided.localeCompare(b.decided, 'en-GB') || (a.id < b.id ? -1 : 1));
}

// ---------------------------------------------------------------- filters

export interface RegisterFilter {
  /** A meeting kind, 'outside' (the chair's decisions outside a meeting), or '' for any. */
  meetingKind?: MeetingKind | 'outside' | '';
  /** A year (the calendar year of the decision's day), or '' for any. */
  year?: string;
  status?: DecisionStatus | '';
  /** Words to find in what was decided, how, what it refers to, the meeting or the status. */
  text?: string;
  /** Oldest first, instead of newest first. */
  oldestFirst?: boolean;
}

export function filterRegister(rows: readonly DecisionRow[], filter: RegisterFilter): DecisionRow[] {
  const words = (filter.text ?? '').toLocaleLowerCase('en-GB').split(/\s+/).filter(Boolean);
  const out = rows.filter((row) => {
    if (filter.meetingKind === 'outside' ? row.meetingId !== '' : filter.meetingKind && row.meetingKind !== filter.meetingKind) return false;
    if (filter.year && row.date.slice(0, 4) !== filter.year) return false;
    if (filter.status && row.status !== filter.status) return false;
    if (words.length > 0) {
      const haystack = [row.decided, row.how, row.outcome, row.refersTo, row.meetingTitle, row.statusWords, votesLine(row.votes)].join(' ').toLocaleLowerCase('en-GB');
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
  // Oldest first by day; a stable sort keeps the order within a day.
  return filter.oldestFirst ? out.sort((a, b) => a.date.localeCompare(b.date)) : out;
}

/** The years decisions were taken in, newest first, for the filter. */
export function registerYears(rows: readonly DecisionRow[]): string[] {
  return [...new Set(rows.map((r) => r.date.slice(0, 4)).filter((y) => /^\d{4}$/.test(y)))].sort().reverse();
}

export const meetingKindWords = (row: Pick<DecisionRow, 'meetingKind' | 'meetingId'>) => (row.meetingKind ? MEETING_KIND_LABELS[row.meetingKind] : row.meetingId === '' ? 'Outside a meeting' : '');

// ---------------------------------------------------------------- exports

export interface RegisterDetails {
  consortiumName: string;
  /** The area ('Bedfordshire & Luton'), for file names. */
  area: string;
  /** The day the register is as at (ISO). */
  onDate: string;
  /** The filter in words, when the rows are filtered ('Consortium meeting, in 2026'). */
  filterWords?: string;
  /** The rows are oldest first (filterRegister's oldestFirst). */
  oldestFirst?: boolean;
}

const COUNT = (key: 'for' | 'against' | 'abstain') => (row: DecisionRow) => row.counts?.[key] ?? null;

export const REGISTER_CSV_COLUMNS: readonly CsvColumn<DecisionRow>[] = [
  { header: 'Date', value: (r) => r.date },
  { header: 'Meeting', value: (r) => r.meetingTitle },
  { header: 'Kind of meeting', value: (r) => meetingKindWords(r) },
  { header: 'Decided', value: (r) => r.decided },
  { header: 'How', value: (r) => r.how },
  { header: 'Outcome', value: (r) => r.outcome },
  { header: 'For', value: COUNT('for') },
  { header: 'Against', value: COUNT('against') },
  { header: 'Abstain', value: COUNT('abstain') },
  { header: 'Ballot', value: (r) => r.ballot },
  { header: 'Votes', value: (r) => votesLine(r.votes) },
  { header: 'Dissent', value: (r) => r.dissent.join('; ') },
  { header: 'Refers to', value: (r) => r.refersTo },
  { header: 'Status', value: (r) => r.statusWords },
  { header: 'Override reason', value: (r) => r.override?.reason ?? '' },
  { header: 'Funder’s term', value: (r) => r.override?.funderTerm ?? '' },
];

const text = (header: string, value: (r: DecisionRow) => string, width?: number): XlsxColumn<DecisionRow> => ({ header, type: 'text', value, ...(width ? { width } : {}) });

export const REGISTER_XLSX_COLUMNS: readonly XlsxColumn<DecisionRow>[] = [
  { header: 'Date', type: 'date', value: (r) => r.date || null },
  text('Meeting', (r) => r.meetingTitle),
  text('Kind of meeting', (r) => meetingKindWords(r)),
  text('Decided', (r) => r.decided, 50),
  text('How', (r) => r.how, 40),
  text('Outcome', (r) => r.outcome, 30),
  { header: 'For', type: 'whole', value: COUNT('for') },
  { header: 'Against', type: 'whole', value: COUNT('against') },
  { header: 'Abstain', type: 'whole', value: COUNT('abstain') },
  text('Ballot', (r) => r.ballot),
  text('Dissent', (r) => r.dissent.join('; ')),
  text('Refers to', (r) => r.refersTo, 40),
  text('Status', (r) => r.statusWords, 40),
  text('Override reason', (r) => r.override?.reason ?? ''),
  text('Funder’s term', (r) => r.override?.funderTerm ?? ''),
];

interface VoteLine {
  date: string;
  meeting: string;
  decided: string;
  organisation: string;
  vote: string;
}

export const VOTES_XLSX_COLUMNS: readonly XlsxColumn<VoteLine>[] = [
  { header: 'Date', type: 'date', value: (v) => v.date || null },
  { header: 'Meeting', type: 'text', value: (v) => v.meeting },
  { header: 'Decided', type: 'text', value: (v) => v.decided, width: 50 },
  { header: 'Organisation', type: 'text', value: (v) => v.organisation },
  { header: 'Vote', type: 'text', value: (v) => v.vote },
];

/** One line per member vote of each named ballot. */
export function voteLines(rows: readonly DecisionRow[]): VoteLine[] {
  return rows.flatMap((r) => r.votes.map((v) => ({ date: r.date, meeting: r.meetingTitle, decided: r.decided, organisation: v.organisation, vote: VOTE_CHOICE_WORDS[v.choice] })));
}

function fileName(details: RegisterDetails, extension: string): string {
  return exportFileName([details.area || details.consortiumName, 'decisions'], details.onDate, extension);
}

export function registerCsv(rows: readonly DecisionRow[], details: RegisterDetails): ExportFile {
  return { bytes: csvBytes(rows, REGISTER_CSV_COLUMNS), fileName: fileName(details, 'csv'), mimeType: CSV_MIME_TYPE, description: 'Spreadsheet (CSV)' };
}

export async function registerXlsx(rows: readonly DecisionRow[], details: RegisterDetails): Promise<ExportFile> {
  const bytes = await xlsxBytes([sheetOf('Decisions', rows, REGISTER_XLSX_COLUMNS), sheetOf('Votes', voteLines(rows), VOTES_XLSX_COLUMNS)]);
  return { bytes, fileName: fileName(details, 'xlsx'), mimeType: XLSX_MIME_TYPE, description: 'Excel workbook (XLSX)' };
}

export function registerPdfName(details: RegisterDetails): string {
  return fileName(details, 'pdf');
}

/**
 * The rows with their clauses in the consortium's own words (citeInText from the
 * app's useCitation), for the screen and the exports: the register's words cite
 * the Bedfordshire & Luton clauses, as shared/rules do.
 */
export function citedRows(rows: readonly DecisionRow[], citeInText: (text: string) => string): DecisionRow[] {
  return rows.map((r) => ({ ...r, how: citeInText(r.how), refersTo: citeInText(r.refersTo), statusWords: citeInText(r.statusWords) }));
}

/** The register as a document to print: each decision as a heading and a few lines, so a named vote's members fit on A4. */
export function registerDocument(rows: readonly DecisionRow[], details: RegisterDetails, citeInText: (text: string) => string = (text) => text): ExportDocument {
  const blocks: ExportBlock[] = [
    { kind: 'paragraph', text: `${plural(rows.length, 'decision', 'decisions')}${details.filterWords ? ` (${details.filterWords})` : ''}, ${details.oldestFirst ? 'oldest' : 'newest'} first.` },
  ];
  for (const r of rows) {
    blocks.push({ kind: 'heading', text: `${r.date ? formatDate(r.date) : 'Undated'}: ${r.decided}` });
    const lines = [
      `Meeting: ${r.meetingId ? `${r.meetingTitle} (${meetingKindWords(r)})` : 'Outside a meeting'}`,
      `How: ${r.how}`,
      `Outcome: ${r.outcome}`,
      ...(r.refersTo ? [`Refers to: ${r.refersTo}`] : []),
      `Status: ${r.statusWords}`,
    ];
    blocks.push({ kind: 'bullets', items: lines });
    if (r.votes.length > 0) {
      blocks.push({ kind: 'table', caption: 'Each member’s vote', headers: ['Organisation', 'Vote'], rows: r.votes.map((v) => [v.organisation, VOTE_CHOICE_WORDS[v.choice]]), widths: [4, 1] });
    }
  }
  return {
    title: `${details.consortiumName}: decisions register`,
    dateLine: `As at ${formatDate(details.onDate)}`,
    blocks,
    footer: citeInText('Decisions are sought by consensus; where there is none, a vote of the members present decides (Partnership Agreement 10.7).'),
    pageNumbers: true,
  };
}
