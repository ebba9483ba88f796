/**
 * Notice of meetings. Partnership Agreement 10.5: agendas and papers go out at least
 * N working days before the meeting (five by default, Constitution.noticeWorkingDays).
 *
 * The latest circulation date is found by counting back N working days from the day
 * before the meeting: the meeting day itself, Saturdays, Sundays and the bank holidays
 * of the consortium's nation are not counted. With N = 0 papers may go out on the day.
 * Example (notice.test.ts): meeting Tuesday 2 June 2026 in England, Spring bank holiday
 * Monday 25 May: Mon 1, Fri 29, Thu 28, Wed 27, Tue 26 May, so papers are due by
 * Tuesday 26 May 2026.
 *
 * Dates are ISO strings. A date outside the bank holiday table's years throws
 * BankHolidayTableOutOfRange (see bank-holidays.ts) rather than guess.
 */
import { addCalendarDays, calendarDaysBetween, formatLongDate, isCalendarDate, InvalidCalendarDate, isWeekend } from './calendar-date';
import type { WorkingDayCalendar } from './bank-holidays';

/** A notice period that is not a whole number of days from 0 to 60. */
export class InvalidNoticePeriod extends RangeError {
  override readonly name = 'InvalidNoticePeriod';
  constructor(readonly value: number) {
    super('The notice period must be a whole number of working days from 0 to 60');
  }
}

/** Not a weekend day and not one of the nation's bank holidays. */
export function isWorkingDay(isoDate: string, holidays: WorkingDayCalendar): boolean {
  return !isWeekend(isoDate) && !holidays.isBankHoliday(isoDate);
}

// Partnership Agreement 10.5
export function papersDueBy(meetingDate: string, noticeWorkingDays: number, holidays: WorkingDayCalendar): string {
  if (!Number.isInteger(noticeWorkingDays) || noticeWorkingDays < 0 || noticeWorkingDays > 60) {
    throw new InvalidNoticePeriod(noticeWorkingDays);
  }
  if (!isCalendarDate(meetingDate)) throw new InvalidCalendarDate(meetingDate);
  let date = meetingDate;
  let counted = 0;
  while (counted < noticeWorkingDays) {
    date = addCalendarDays(date, -1);
    if (isWorkingDay(date, holidays)) counted += 1;
  }
  return date;
}

/**
 * Working days of notice given by papers sent on `circulatedOn`: the working days from
 * that date up to, not including, the meeting day (0 if sent on or after it). Papers
 * are in time exactly when this is at least the notice period.
 */
export function workingDaysNotice(circulatedOn: string, meetingDate: string, holidays: WorkingDayCalendar): number {
  if (!isCalendarDate(circulatedOn)) throw new InvalidCalendarDate(circulatedOn);
  if (!isCalendarDate(meetingDate)) throw new InvalidCalendarDate(meetingDate);
  let count = 0;
  for (let date = circulatedOn; date < meetingDate; date = addCalendarDays(date, 1)) {
    if (isWorkingDay(date, holidays)) count += 1;
  }
  return count;
}

export type NoticeStatus =
  | { status: 'circulated-in-time'; dueBy: string; message: string }
  | { status: 'circulated-late'; dueBy: string; workingDaysNotice: number; message: string }
  | { status: 'due'; dueBy: string; daysLeft: number; message: string }
  | { status: 'overdue'; dueBy: string; daysOverdue: number; message: string };

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

// Partnership Agreement 10.5
/**
 * Where the papers for a meeting stand on `today`: sent in time, sent late, still due
 * (with calendar days left, 0 = due today) or overdue. `circulatedOn` is '' until sent.
 */
export function noticeStatus(
  meetingDate: string,
  circulatedOn: string,
  today: string,
  noticeWorkingDays: number,
  holidays: WorkingDayCalendar,
): NoticeStatus {
  const dueBy = papersDueBy(meetingDate, noticeWorkingDays, holidays);
  const due = formatLongDate(dueBy);
  if (circulatedOn !== '') {
    if (!isCalendarDate(circulatedOn)) throw new InvalidCalendarDate(circulatedOn);
    const sent = formatLongDate(circulatedOn);
    if (circulatedOn <= dueBy) {
      return { status: 'circulated-in-time', dueBy, message: `Papers went out on ${sent}, in time (due by ${due}).` };
    }
    const notice = workingDaysNotice(circulatedOn, meetingDate, holidays);
    const when =
      circulatedOn > meetingDate
        ? 'after the meeting'
        : circulatedOn === meetingDate
          ? 'on the day of the meeting'
          : `${notice} working ${notice === 1 ? 'day' : 'days'} before the meeting`;
    return {
      status: 'circulated-late',
      dueBy,
      workingDaysNotice: notice,
      message: `Papers went out late on ${sent}, ${when}; they were due by ${due}.`,
    };
  }
  if (!isCalendarDate(today)) throw new InvalidCalendarDate(today);
  const left = calendarDaysBetween(today, dueBy);
  if (left >= 0) {
    const message = left === 0 ? `Papers are due today, ${due}.` : `Papers are due by ${due} (${days(left)} left).`;
    return { status: 'due', dueBy, daysLeft: left, message };
  }
  return {
    status: 'overdue',
    dueBy,
    daysOverdue: -left,
    message: `Papers were due by ${due} and have not gone out (${days(-left)} overdue).`,
  };
}
