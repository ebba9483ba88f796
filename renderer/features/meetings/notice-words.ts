/**
 * Notice of meetings in words (Partnership Agreement 10.5; docs/architecture.md,
 * "Meetings: the schedule and notice"): when a meeting's agenda pack is due, whether it
 * went out late and by how many working days, and which packs fall due soon — from
 * shared/rules/notice.ts with the consortium's nation's bank holidays. A date beyond
 * the bank holiday table's years says so instead of guessing.
 */
import type { Consortium, Meeting } from '../../../shared/domain/entities';
import { addCalendarDays, bankHolidaysFor, formatLongDate, isWorkingDay, papersDueBy, SHIPPED_BANK_HOLIDAY_TABLES, workingDaysNotice, type WorkingDayCalendar } from '../../../shared/rules';

type NoticeConsortium = Pick<Consortium, 'nation' | 'constitution'>;
type NoticeMeeting = Pick<Meeting, 'date' | 'papersCirculatedOn'>;

const workingDays = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

export type PackNotice =
  | { state: 'due'; dueBy: string }
  | { state: 'overdue'; dueBy: string; workingDaysOverdue: number }
  | { state: 'in-time'; dueBy: string; circulatedOn: string }
  | { state: 'late'; dueBy: string; circulatedOn: string; lateBy: number }
  | { state: 'unknown'; message: string };

function holidaysOf(consortium: NoticeConsortium): WorkingDayCalendar {
  return bankHolidaysFor(consortium.nation, SHIPPED_BANK_HOLIDAY_TABLES);
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysAfter(from: string, to: string, holidays: WorkingDayCalendar): number {
  let count = 0;
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) if (isWorkingDay(date, holidays)) count += 1;
  return count;
}

/** The date `n` working days after `from` (not counting `from`). */
export function addWorkingDays(from: string, n: number, holidays: WorkingDayCalendar): string {
  let date = from;
  for (let counted = 0; counted < n; ) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, holidays)) counted += 1;
  }
  return date;
}

// Partnership Agreement 10.5
/**
 * Where a meeting's agenda pack stands on `today`. A pack sent after its due date is
 * late by the working days of notice it fell short of: sent on Thursday 28 May 2026 for
 * Tuesday 2 June gives 3 working days' notice of the 5 needed, late by 2.
 */
export function packNotice(meeting: NoticeMeeting, consortium: NoticeConsortium, today: string): PackNotice {
  try {
    const holidays = holidaysOf(consortium);
    const needed = consortium.constitution.noticeWorkingDays;
    const dueBy = papersDueBy(meeting.date, needed, holidays);
    const sent = meeting.papersCirculatedOn ?? '';
    if (sent !== '') {
      if (sent <= dueBy) return { state: 'in-time', dueBy, circulatedOn: sent };
      return { state: 'late', dueBy, circulatedOn: sent, lateBy: needed - workingDaysNotice(sent, meeting.date, holidays) };
    }
    if (today <= dueBy) return { state: 'due', dueBy };
    return { state: 'overdue', dueBy, workingDaysOverdue: workingDaysAfter(dueBy, today < meeting.date ? today : meeting.date, holidays) };
  } catch (error) {
    return { state: 'unknown', message: error instanceof Error ? error.message : String(error) };
  }
}

/** "Late by 2 working days" and the like: the words a list shows, in full. */
export function packNoticeWords(notice: PackNotice): string {
  switch (notice.state) {
    case 'due':
      return `Papers are due by ${formatLongDate(notice.dueBy)}`;
    case 'overdue':
      return `Not yet circulated: due by ${formatLongDate(notice.dueBy)}, ${workingDays(notice.workingDaysOverdue)} ago`;
    case 'in-time':
      return `Circulated on ${formatLongDate(notice.circulatedOn)}, in time`;
    case 'late':
      return `Circulated on ${formatLongDate(notice.circulatedOn)}: late by ${workingDays(notice.lateBy)} (due by ${formatLongDate(notice.dueBy)})`;
    case 'unknown':
      return notice.message;
  }
}

export interface DashboardNotice {
  /** Planned meetings whose packs are due from today to the 10th working day ahead, not yet sent. */
  dueSoon: { meeting: Meeting; dueBy: string }[];
  /** Planned meetings from today whose packs went out late, or are past due and not sent. */
  late: { meeting: Meeting; notice: Extract<PackNotice, { state: 'late' | 'overdue' }> }[];
}

/** What the dashboard shows about notice, for meetings from today. */
export function dashboardNotice(meetings: readonly Meeting[], consortium: NoticeConsortium, today: string, withinWorkingDays = 10): DashboardNotice {
  const out: DashboardNotice = { dueSoon: [], late: [] };
  let horizon: string;
  try {
    horizon = addWorkingDays(today, withinWorkingDays, holidaysOf(consortium));
  } catch {
    horizon = addCalendarDays(today, 14);
  }
  for (const meeting of [...meetings].filter((m) => !m.deleted && m.status === 'planned' && m.date >= today).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    const notice = packNotice(meeting, consortium, today);
    if (notice.state === 'due' && notice.dueBy <= horizon) out.dueSoon.push({ meeting, dueBy: notice.dueBy });
    if (notice.state === 'late' || notice.state === 'overdue') out.late.push({ meeting, notice });
  }
  return out;
}
