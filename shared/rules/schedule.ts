/**
 * A year's schedule of meetings (docs/architecture.md, "Meetings: the schedule and
 * notice"): the dates, computed as calendar days in Europe/London, each meeting at
 * the same local start time (10:00 stays 10:00 on both sides of the clock change;
 * only the calendar export turns it into a moment, with TZID=Europe/London).
 *
 * Three patterns:
 * - every N weeks from the first date (six-weekly, as Milton Keynes met);
 * - monthly on the nth weekday (the second Tuesday; 'last' for the last one);
 * - quarterly: every third month from the first date's month, on the nth weekday or
 *   on the first date's day of the month (the 31st falls back to a shorter month's
 *   last day).
 *
 * From a start date (today or later) up to an end date, by default the last day of
 * the financial year the start falls in. Dates are ISO strings; `today` is London's
 * today, given by the caller, as everything in shared/ is pure.
 */
import { addCalendarDays, dayOfWeek, formatLongDate, isCalendarDate } from './calendar-date';
import { financialYearOf } from './financial-year';

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** The first … fourth weekday of a month, or the last. */
export type WeekOfMonth = 1 | 2 | 3 | 4 | 'last';

export type Recurrence =
  | { readonly pattern: 'weeks'; readonly every: number }
  | { readonly pattern: 'monthly'; readonly week: WeekOfMonth; readonly weekday: Weekday }
  | { readonly pattern: 'quarterly'; readonly week: WeekOfMonth; readonly weekday: Weekday }
  | { readonly pattern: 'quarterly-same-day' };

export interface ScheduleRequest {
  /** The first date meetings may fall on (for every N weeks, the first meeting). */
  readonly from: string;
  /** The last date meetings may fall on; '' or absent: the end of the financial year `from` is in. */
  readonly until?: string;
  /** Local start time in London, 'HH:MM'. */
  readonly startTime: string;
  readonly recurrence: Recurrence;
}

export interface ScheduleContext {
  /** Today in Europe/London. */
  readonly today: string;
  readonly financialYearStartMonth?: number;
  readonly financialYearStartDay?: number;
  /** Dates of other meetings of the same body already planned, so the last of the year is the last of them all. */
  readonly otherMeetingDates?: readonly string[];
}

export interface ScheduledDate {
  readonly date: string;
  readonly startTime: string;
  /** The last meeting of its financial year (Partnership Agreement 8.4, 9.2). */
  readonly lastOfYear: boolean;
}

export type ScheduleField = 'from' | 'until' | 'startTime' | 'every' | 'week' | 'weekday';

export interface ScheduleProblem {
  readonly field: ScheduleField;
  readonly message: string;
}

/** A schedule that cannot be made: every problem found, each in plain words against the field that is wrong. */
export class ScheduleRefused extends RangeError {
  override readonly name = 'ScheduleRefused';
  constructor(readonly problems: readonly ScheduleProblem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
  /** The first field that is wrong. */
  get field(): ScheduleField {
    return this.problems[0]!.field;
  }
}

/** At most this many meetings at once: a weekly schedule for two years. */
export const MAX_SCHEDULED = 104;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const WEEK_OF_MONTH_NAMES: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', last: 'last' };

const pad = (n: number) => String(n).padStart(2, '0');
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The nth (or last) weekday of a month: nthWeekdayOfMonth(2026, 6, 2, 2) is Tuesday 9 June 2026. */
export function nthWeekdayOfMonth(year: number, month: number, week: WeekOfMonth, weekday: Weekday): string {
  const first = `${year}-${pad(month)}-01`;
  const firstMatch = 1 + ((weekday - dayOfWeek(first) + 7) % 7);
  if (week !== 'last') return `${year}-${pad(month)}-${pad(firstMatch + 7 * (week - 1))}`;
  const length = daysInMonth(year, month);
  const last = firstMatch + 7 * Math.floor((length - firstMatch) / 7);
  return `${year}-${pad(month)}-${pad(last)}`;
}

/** Year and month `offset` months after those of an ISO date. */
function monthAfter(isoDate: string, offset: number): { year: number; month: number } {
  const index = Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1 + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** A date field's problem, if any: empty, or not a real date. */
function dateProblem(field: 'from' | 'until', value: string, label: string): ScheduleProblem | undefined {
  if (value.trim() === '') return { field, message: `Enter ${label}` };
  if (!isCalendarDate(value)) return { field, message: `${label[0]!.toUpperCase()}${label.slice(1)} is not a real date` };
  return undefined;
}

/** The last date the schedule may reach: `until`, or the end of the financial year `from` is in. */
export function scheduleEnd(request: Pick<ScheduleRequest, 'from' | 'until'>, startMonth = 4, startDay = 1): string {
  return request.until && request.until !== '' ? request.until : financialYearOf(request.from, startMonth, startDay).end;
}

/**
 * The dates of a schedule, strictly increasing, each within [from, end], each with the
 * same start time, the last of each financial year marked. Throws ScheduleRefused.
 */
export function planSchedule(request: ScheduleRequest, context: ScheduleContext): ScheduledDate[] {
  const startMonth = context.financialYearStartMonth ?? 4;
  const startDay = context.financialYearStartDay ?? 1;
  const recurrence = request.recurrence;
  const problems: ScheduleProblem[] = [];
  const fromProblem = dateProblem('from', request.from, 'the date of the first meeting');
  if (fromProblem) problems.push(fromProblem);
  else if (request.from < context.today) problems.push({ field: 'from', message: 'The first meeting cannot be before today' });
  const untilProblem = request.until ? dateProblem('until', request.until, 'the date the schedule ends') : undefined;
  if (untilProblem) problems.push(untilProblem);
  if (!TIME.test(request.startTime)) {
    problems.push({ field: 'startTime', message: request.startTime.trim() === '' ? 'Enter the time the meetings start, like 10:00' : 'Enter the start time like 10:00, between 00:00 and 23:59' });
  }
  if (recurrence.pattern === 'weeks') {
    if (!Number.isInteger(recurrence.every) || recurrence.every < 1 || recurrence.every > 52) {
      problems.push({ field: 'every', message: 'Enter how many weeks apart the meetings are, a whole number from 1 to 52' });
    }
  } else if (recurrence.pattern !== 'quarterly-same-day') {
    if (![1, 2, 3, 4, 'last'].includes(recurrence.week)) problems.push({ field: 'week', message: 'Choose which week of the month' });
    if (!Number.isInteger(recurrence.weekday) || recurrence.weekday < 0 || recurrence.weekday > 6) problems.push({ field: 'weekday', message: 'Choose the day of the week' });
  }
  const end = fromProblem || untilProblem ? '' : scheduleEnd(request, startMonth, startDay);
  if (end !== '' && end < request.from) problems.push({ field: 'until', message: 'The schedule must end on or after the first meeting' });
  if (problems.length > 0) throw new ScheduleRefused(problems);

  const dates: string[] = [];
  const add = (date: string) => {
    if (date >= request.from && date <= end) dates.push(date);
  };
  if (recurrence.pattern === 'weeks') {
    for (let date = request.from; date <= end && dates.length <= MAX_SCHEDULED; date = addCalendarDays(date, 7 * recurrence.every)) add(date);
  } else {
    const step = recurrence.pattern === 'monthly' ? 1 : 3;
    const day = Number(request.from.slice(8, 10));
    for (let offset = 0; dates.length <= MAX_SCHEDULED; offset += step) {
      const { year, month } = monthAfter(request.from, offset);
      if (`${year}-${pad(month)}-01` > end) break;
      add(
        recurrence.pattern === 'quarterly-same-day'
          ? `${year}-${pad(month)}-${pad(Math.min(day, daysInMonth(year, month)))}`
          : nthWeekdayOfMonth(year, month, recurrence.week, recurrence.weekday),
      );
    }
  }
  if (dates.length === 0) {
    throw new ScheduleRefused([{ field: 'until', message: `No meeting of this pattern falls between ${formatLongDate(request.from)} and ${formatLongDate(end)}` }]);
  }
  if (dates.length > MAX_SCHEDULED) throw new ScheduleRefused([{ field: 'until', message: `That makes more than ${MAX_SCHEDULED} meetings: choose an earlier end date` }]);

  return markLastOfYear(dates, end, context.otherMeetingDates ?? [], startMonth, startDay).map(({ date, lastOfYear }) => ({ date, startTime: request.startTime, lastOfYear }));
}

// Partnership Agreement 8.4, 9.2: the chair's election and the Accountable Body's review are at the last meeting of the financial year.
/**
 * Marks the last of `dates` in each financial year, counting `others` too. A year the
 * schedule stops short of (its end before the year's last day) is not marked: a
 * meeting may yet be planned after the schedule's last.
 */
export function markLastOfYear(dates: readonly string[], scheduleEnds: string, others: readonly string[], startMonth = 4, startDay = 1): { date: string; lastOfYear: boolean }[] {
  const all = [...dates, ...others];
  return dates.map((date) => {
    const year = financialYearOf(date, startMonth, startDay);
    const last = year.end <= scheduleEnds && !all.some((other) => other > date && other <= year.end);
    return { date, lastOfYear: last };
  });
}

/** The pattern in words: 'Every 6 weeks', 'Monthly on the second Tuesday', 'Every three months on the 15th'. */
export function recurrenceInWords(recurrence: Recurrence, from: string): string {
  switch (recurrence.pattern) {
    case 'weeks':
      return recurrence.every === 1 ? 'Every week' : `Every ${recurrence.every} weeks`;
    case 'monthly':
      return `Monthly on the ${WEEK_OF_MONTH_NAMES[String(recurrence.week)]} ${WEEKDAY_NAMES[recurrence.weekday]}`;
    case 'quarterly':
      return `Every three months on the ${WEEK_OF_MONTH_NAMES[String(recurrence.week)]} ${WEEKDAY_NAMES[recurrence.weekday]}`;
    case 'quarterly-same-day': {
      const day = Number(from.slice(8, 10));
      const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
      return `Every three months on the ${day}${suffix}${day > 28 ? ' (or the month’s last day)' : ''}`;
    }
  }
}
