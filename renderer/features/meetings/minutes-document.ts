/**
 * The minutes of a meeting as a document to send (renderer/exports/document.ts;
 * docs/architecture.md, "Meetings: minutes, actions and search"): headed with the
 * consortium and the meeting, where the minutes stand, attendance, the items
 * numbered in agenda order with their notes, interests declared and decisions,
 * the actions agreed as a table, the open actions that came back as matters
 * arising, and any amendment or correction. Plain data, so the same document
 * becomes a Word file (docx.ts) and a printed PDF (PrintDocument.tsx).
 * Under each item, every decision taken on it with its proof (decisionBlocks):
 * the outcome in words, the quorum at that moment, who was eligible and who was
 * not and why, the counts and each member's vote of a named ballot, the dissent
 * recorded, the rule that produced the outcome, and any override with its reason
 * and the funder's term; the meeting's elections after the items.
 * The attendance register as rows for CSV and XLSX comes from here too.
 */
import type { Action, AgendaItem, Attendance, Election, Meeting, Minute, MinuteComment, Motion, Organisation, Representative } from '../../../shared/domain/entities';
import { MEETING_KIND_LABELS } from '../../../shared/domain/entities';
import { outcomeWords, VOTE_CHOICE_WORDS } from '../../../shared/rules/decisions';
import { electionLifecycle, motionLifecycle, stateOf, type MinutesState } from '../../../shared/rules/lifecycles';
import type { ExportBlock, ExportDocument } from '../../exports/document';
import { formatDate, formatDayAndDate } from '../../ui/dates';
import { csvBytes, CSV_MIME_TYPE } from '../../exports/csv';
import { sheetOf, xlsxBytes, XLSX_MIME_TYPE } from '../../exports/xlsx';
import { exportFileName, type ExportFile } from '../../exports/save';

export const ATTENDANCE_WORDS: Record<Attendance['status'], string> = {
  present: 'Present',
  substitute: 'Present (substitute)',
  apologies: 'Apologies',
  absent: 'Absent',
};

export interface MinutesInput {
  consortiumName: string;
  meeting: Meeting;
  items: readonly AgendaItem[];
  minutes: readonly Minute[];
  state: MinutesState;
  attendance: readonly Attendance[];
  organisations: readonly Organisation[];
  representatives: readonly Representative[];
  /** Actions agreed at this meeting. */
  actions: readonly Action[];
  /** Open actions from earlier meetings (minutes-actions.ts mattersArising). */
  arising: readonly Action[];
  comments?: readonly MinuteComment[];
  /** The meeting that confirmed them, by title and date, when it has. */
  confirmedAt?: Pick<Meeting, 'title' | 'date'>;
  /** Minutes of the previous meeting this meeting confirmed, with the amendments agreed. */
  confirmedHere?: { meeting: Pick<Meeting, 'title' | 'date'>; amendments: string };
  /** Motions put to this meeting: each one decided (or deferred) is minuted under its item with its proof. */
  motions?: readonly Motion[];
  /** Elections held at this meeting. */
  elections?: readonly Election[];
  largePrint?: boolean;
}

const nameList = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/**
 * A decision as the minutes print it (docs/architecture.md, "Decisions: the
 * register"): the motion and the outcome in words, then its proof in a few lines
 * and, for a named ballot, a small table of each member's vote. A motion still
 * proposed prints as not yet decided.
 */
export function decisionBlocks(motion: Motion, who: (organisationId: string) => string): ExportBlock[] {
  const state = stateOf(motionLifecycle, motion);
  const moved = [motion.proposerOrganisationId ? `proposed by ${who(motion.proposerOrganisationId)}` : '', motion.seconderOrganisationId ? `seconded by ${who(motion.seconderOrganisationId)}` : '']
    .filter(Boolean)
    .join(', ');
  const blocks: ExportBlock[] = [{ kind: 'paragraph', text: `Motion: ${motion.text}${moved ? ` (${moved})` : ''}.`, strong: true }];
  if (state.status === 'proposed' || !state.outcome) {
    blocks.push({ kind: 'paragraph', text: 'Not yet decided.' });
    return blocks;
  }
  const proof = state.proof;
  blocks.push({ kind: 'paragraph', text: `Outcome: ${outcomeWords(state.outcome, proof)}.`, strong: true });
  const lines: string[] = [];
  if (proof) {
    const q = proof.quorum;
    const notCounted = q.notCounted.map((n) => n.explanation).join(' ');
    lines.push(`Quorum: ${q.present} present of ${q.votingMembers} ${q.votingMembers === 1 ? 'member' : 'members'} eligible to vote; ${q.required} required.${notCounted ? ` Not counted: ${notCounted}` : ''}`);
    lines.push(`Eligible to vote (${proof.eligible.length}): ${nameList(proof.eligible.map((e) => e.name)) || 'none'}.`);
    if (proof.notEligible.length > 0) lines.push(`Not eligible: ${proof.notEligible.map((n) => n.explanation).join(' ')}`);
    if (proof.method === 'consensus') lines.push('Agreed by consensus, without a vote.');
    else if (proof.counts) {
      const c = proof.counts;
      const counts = `${c.for} for, ${c.against} against, ${c.abstain} ${c.abstain === 1 ? 'abstention' : 'abstentions'}`;
      lines.push(proof.ballot === 'secret' ? `Secret ballot: ${counts}; only the counts are kept.` : `Named ballot: ${counts}.`);
      if (proof.castingVote) lines.push(`The chair gave a casting vote ${proof.castingVote}.`);
    }
    if (proof.dissent.length > 0) lines.push(`Dissent recorded: ${nameList(proof.dissent.map((d) => d.name))}.`);
    if (proof.rule) lines.push(`Rule: ${proof.rule.words}`);
  }
  if (state.status === 'overridden') {
    lines.push(
      `Overridden by the Accountable Body${state.overriddenOn ? ` on ${formatDate(state.overriddenOn)}` : ''}: ${state.overrideReason ?? ''}${state.overrideTerm ? ` (the funder’s term: ${state.overrideTerm})` : ''}.`,
    );
  }
  if (lines.length > 0) blocks.push({ kind: 'bullets', items: lines });
  if (proof?.ballot === 'named' && proof.votes && proof.votes.length > 0) {
    blocks.push({ kind: 'table', caption: 'Each member’s vote', headers: ['Organisation', 'Vote'], rows: proof.votes.map((v) => [v.name, VOTE_CHOICE_WORDS[v.choice]]), widths: [4, 1] });
  }
  return blocks;
}

/** An election held at the meeting, as the minutes print it: the office and year, the ballots and the result. */
export function electionBlocks(election: Election, who: (organisationId: string) => string): ExportBlock[] {
  const state = stateOf(electionLifecycle, election);
  const office = election.office === 'chair' ? `Election of the Chair for ${election.financialYear}` : `Review of the Accountable Body for ${election.financialYear}`;
  const lines = [`Candidates: ${nameList(election.candidates.map((c) => who(c.organisationId)))}.`];
  state.ballots.forEach((b, i) => {
    const counts = Object.entries(b.counts)
      .sort((x, y) => y[1] - x[1])
      .map(([id, n]) => `${who(id)} ${n}`)
      .join(', ');
    lines.push(`${state.ballots.length > 1 ? `Ballot ${i + 1}` : 'Ballot'}: ${counts}.`);
  });
  const result =
    state.status === 'elected' && state.electedOrganisationId
      ? `${who(state.electedOrganisationId)} ${election.office === 'chair' ? 'elected Chair' : 'to be the Accountable Body'}${state.how === 'agreed' ? ', agreed without a ballot' : state.how === 'lot' ? ', the tie decided by lot' : ''}.`
      : state.status === 'tied'
        ? `Tied between ${nameList((state.tiedOrganisationIds ?? []).map(who))}.`
        : 'Not yet held.';
  return [
    { kind: 'paragraph', text: `${office}: ${result}`, strong: true },
    { kind: 'bullets', items: lines },
  ];
}

/** Paragraphs of typed text: a blank line between them, single line breaks kept as separate lines. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');
}

export interface AttendanceRow {
  organisation: string;
  attendedBy: string;
  status: string;
}

/** The attendance register: every organisation with a record for the meeting, present first, by name. */
export function attendanceRows(attendance: readonly Attendance[], organisations: readonly Organisation[], representatives: readonly Representative[]): AttendanceRow[] {
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const personName = new Map(representatives.map((r) => [r.id, r.name]));
  const order: Attendance['status'][] = ['present', 'substitute', 'apologies', 'absent'];
  return attendance
    .filter((a) => !a.deleted)
    .map((a) => ({
      organisation: orgName.get(a.organisationId) ?? 'An organisation not in the register',
      attendedBy: a.status === 'present' || a.status === 'substitute' ? (personName.get(a.representativeId) ?? '') : '',
      status: ATTENDANCE_WORDS[a.status],
      rank: order.indexOf(a.status),
    }))
    .sort((a, b) => a.rank - b.rank || a.organisation.localeCompare(b.organisation))
    .map(({ rank: _rank, ...row }) => row);
}

/** Where the minutes stand, in a sentence. */
export function minutesStatusSentence(state: MinutesState, confirmedAt?: Pick<Meeting, 'title' | 'date'>): string {
  const at = confirmedAt ? ` at the meeting of ${formatDate(confirmedAt.date)}` : '';
  switch (state.status) {
    case 'draft':
      return 'Draft minutes, not yet circulated.';
    case 'circulated':
      return `Draft minutes, circulated for comment${state.circulatedOn ? ` on ${formatDate(state.circulatedOn)}` : ''}; to be confirmed at the next meeting.`;
    case 'confirmed':
    case 'locked':
      return `Confirmed as a true record${at}${state.amendments ? ', with the amendments below' : ', as presented'}.`;
  }
}

export function minutesDocument(input: MinutesInput): ExportDocument {
  const { meeting, state } = input;
  const orgName = new Map(input.organisations.map((o) => [o.id, o.name]));
  const who = (id: string) => orgName.get(id) ?? 'An organisation not in the register';
  const byItem = new Map(input.minutes.filter((m) => !m.deleted).map((m) => [m.agendaItemId, m]));
  const blocks: ExportBlock[] = [];
  const when = [formatDayAndDate(meeting.date), [meeting.startTime, meeting.endTime].filter(Boolean).join(' to '), meeting.location].filter(Boolean).join(', ');
  blocks.push({ kind: 'paragraph', text: when });
  blocks.push({ kind: 'paragraph', text: minutesStatusSentence(state, input.confirmedAt), strong: true });

  const register = attendanceRows(input.attendance, input.organisations, input.representatives);
  blocks.push({ kind: 'heading', text: 'Attendance' });
  if (register.length === 0) blocks.push({ kind: 'paragraph', text: 'No attendance was recorded.' });
  else blocks.push({ kind: 'table', headers: ['Organisation', 'Attended by', 'Attendance'], rows: register.map((r) => [r.organisation, r.attendedBy, r.status]), widths: [3, 2, 2] });

  const numbered = input.items.filter((i) => !i.deleted);
  const itemIds = new Set(numbered.map((i) => i.id));
  const motionsByItem = new Map<string, Motion[]>();
  const unplaced: Motion[] = [];
  for (const motion of (input.motions ?? []).filter((m) => !m.deleted && m.meetingId === meeting.id)) {
    if (!itemIds.has(motion.agendaItemId)) unplaced.push(motion);
    else motionsByItem.set(motion.agendaItemId, [...(motionsByItem.get(motion.agendaItemId) ?? []), motion]);
  }
  numbered.forEach((item, index) => {
    const n = index + 1;
    const minute = byItem.get(item.id);
    blocks.push({ kind: 'heading', text: `${n}. ${item.title}` });
    for (const p of paragraphsOf(minute?.text ?? '')) blocks.push({ kind: 'paragraph', text: p });
    const declared = minute?.declarations ?? [];
    if (declared.length > 0) blocks.push({ kind: 'bullets', items: declared.map((d) => `Interest declared by ${who(d.organisationId)}: ${d.interest}`) });
    const decisions = paragraphsOf(minute?.decisions ?? '');
    decisions.forEach((p, i) => blocks.push({ kind: 'paragraph', text: i === 0 ? `Decided: ${p}` : p, strong: true }));
    for (const motion of motionsByItem.get(item.id) ?? []) blocks.push(...decisionBlocks(motion, who));
    if (item.standard === 'minutes' && input.confirmedHere) {
      const { meeting: previous, amendments } = input.confirmedHere;
      blocks.push({
        kind: 'paragraph',
        text: `The minutes of the meeting of ${formatDate(previous.date)} were confirmed as a true record${amendments ? `, with these amendments: ${amendments}` : ', as presented'}.`,
        strong: true,
      });
    }
    if (item.standard === 'matters-arising' && input.arising.length > 0) {
      blocks.push({ kind: 'table', caption: 'Open actions from earlier meetings', headers: ['Action', 'Who', 'By when', 'Progress'], rows: input.arising.map((a) => [a.action, who(a.accountableOrganisationId), a.dueOn ? formatDate(a.dueOn) : '', progressWords(a)]), widths: [4, 2, 2, 3] });
    }
    const comments = (input.comments ?? []).filter((c) => c.agendaItemId === item.id && !c.deleted);
    if (comments.length > 0) blocks.push({ kind: 'bullets', items: comments.map((c) => `Comment from ${who(c.organisationId)} (${formatDate(c.madeOn)}): ${c.text}`) });
  });
  if (numbered.every((i) => i.standard !== 'matters-arising') && input.arising.length > 0) {
    blocks.push({ kind: 'heading', text: 'Matters arising: open actions' });
    blocks.push({ kind: 'table', headers: ['Action', 'Who', 'By when', 'Progress'], rows: input.arising.map((a) => [a.action, who(a.accountableOrganisationId), a.dueOn ? formatDate(a.dueOn) : '', progressWords(a)]), widths: [4, 2, 2, 3] });
  }

  if (unplaced.length > 0) {
    blocks.push({ kind: 'heading', text: 'Other decisions' });
    for (const motion of unplaced) blocks.push(...decisionBlocks(motion, who));
  }
  const elections = (input.elections ?? []).filter((e) => !e.deleted && e.meetingId === meeting.id);
  if (elections.length > 0) {
    blocks.push({ kind: 'heading', text: 'Elections' });
    for (const election of elections) blocks.push(...electionBlocks(election, who));
  }

  blocks.push({ kind: 'heading', text: 'Actions agreed' });
  const itemNumber = new Map(numbered.map((item, index) => [item.id, index + 1]));
  const agreed = [...input.actions].filter((a) => !a.deleted).sort((a, b) => (itemNumber.get(a.agendaItemId) ?? 99) - (itemNumber.get(b.agendaItemId) ?? 99));
  if (agreed.length === 0) blocks.push({ kind: 'paragraph', text: 'No actions were agreed.' });
  else
    blocks.push({
      kind: 'table',
      headers: ['Item', 'Action', 'Who', 'By when'],
      rows: agreed.map((a) => [itemNumber.has(a.agendaItemId) ? String(itemNumber.get(a.agendaItemId)) : '', a.action, who(a.accountableOrganisationId), a.dueOn ? formatDate(a.dueOn) : '']),
      widths: [1, 5, 3, 2],
    });

  if (state.amendments) {
    blocks.push({ kind: 'heading', text: 'Amendments agreed when confirmed' });
    for (const p of paragraphsOf(state.amendments)) blocks.push({ kind: 'paragraph', text: p });
  }
  if (state.corrections.length > 0) {
    blocks.push({ kind: 'heading', text: 'Corrections recorded since' });
    blocks.push({ kind: 'bullets', items: state.corrections.map((c) => `${c.on ? `${formatDate(c.on)}: ` : ''}${c.text}`) });
  }
  return {
    title: `Minutes: ${meeting.title}`,
    letterhead: undefined,
    dateLine: `${MEETING_KIND_LABELS[meeting.kind]} of ${input.consortiumName}`,
    blocks,
    footer: `${input.consortiumName}. Minutes of the meeting held on ${formatDate(meeting.date)}.`,
    pageNumbers: true,
    largePrint: input.largePrint === true,
  };
}

/** An action's progress in words, as the accountable organisation last reported it. */
export function progressWords(action: Pick<Action, 'progress' | 'progressOn' | 'reportedDone' | 'status'>): string {
  if (action.status === 'closed') return 'Closed';
  const said = [action.progress, action.progressOn ? `(${formatDate(action.progressOn)})` : ''].filter(Boolean).join(' ');
  if (action.reportedDone) return said ? `Reported done: ${said}` : 'Reported done';
  return said || 'No progress reported yet';
}

const ATTENDANCE_COLUMNS = [
  { header: 'Organisation', value: (r: AttendanceRow) => r.organisation },
  { header: 'Attended by', value: (r: AttendanceRow) => r.attendedBy },
  { header: 'Attendance', value: (r: AttendanceRow) => r.status },
];

/** The attendance register as CSV (renderer/exports/csv.ts). */
export function attendanceCsv(rows: readonly AttendanceRow[], details: { consortiumName: string; meeting: Pick<Meeting, 'date'> }): ExportFile {
  return { bytes: csvBytes(rows, ATTENDANCE_COLUMNS), fileName: exportFileName([details.consortiumName, 'attendance'], details.meeting.date, 'csv'), mimeType: CSV_MIME_TYPE, description: 'Spreadsheet (CSV)' };
}

/** The attendance register as an Excel workbook (renderer/exports/xlsx.ts). */
export async function attendanceXlsx(rows: readonly AttendanceRow[], details: { consortiumName: string; meeting: Pick<Meeting, 'date'> }): Promise<ExportFile> {
  const sheet = sheetOf('Attendance', rows, ATTENDANCE_COLUMNS.map((c) => ({ ...c, type: 'text' as const })));
  return { bytes: await xlsxBytes([sheet]), fileName: exportFileName([details.consortiumName, 'attendance'], details.meeting.date, 'xlsx'), mimeType: XLSX_MIME_TYPE, description: 'Excel workbook (XLSX)' };
}
