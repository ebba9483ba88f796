/**
 * The minutes of a meeting as a document to send (renderer/exports/document.ts;
 * docs/architecture.md, "Meetings: minutes, actions and search"): headed with the
 * consortium and the meeting, where the minutes stand, attendance, the items
 * numbered in agenda order with their notes, interests declared and decisions,
 * the actions agreed as a table, the open actions that came back as matters
 * arising, and any amendment or correction. Plain data, so the same document
 * becomes a Word file (docx.ts) and a printed PDF (PrintDocument.tsx).
 * The attendance register as rows for CSV and XLSX comes from here too.
 */
import type { Action, AgendaItem, Attendance, Meeting, Minute, MinuteComment, Organisation, Representative } from '../../../shared/domain/entities';
import { MEETING_KIND_LABELS } from '../../../shared/domain/entities';
import type { MinutesState } from '../../../shared/rules/lifecycles';
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
  largePrint?: boolean;
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
  numbered.forEach((item, index) => {
    const n = index + 1;
    const minute = byItem.get(item.id);
    blocks.push({ kind: 'heading', text: `${n}. ${item.title}` });
    for (const p of paragraphsOf(minute?.text ?? '')) blocks.push({ kind: 'paragraph', text: p });
    const declared = minute?.declarations ?? [];
    if (declared.length > 0) blocks.push({ kind: 'bullets', items: declared.map((d) => `Interest declared by ${who(d.organisationId)}: ${d.interest}`) });
    const decisions = paragraphsOf(minute?.decisions ?? '');
    decisions.forEach((p, i) => blocks.push({ kind: 'paragraph', text: i === 0 ? `Decided: ${p}` : p, strong: true }));
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
