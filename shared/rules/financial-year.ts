/**
 * The consortium's financial year and its quarters. By default the year runs
 * 1 April to 31 March and Q1 is April-June (docs/architecture.md, "Where the
 * rules come from"); a consortium may set another start
 * (Consortium.financialYearStartMonth/Day, day 1-28 so every month has it).
 *
 * A year is named by the calendar years it spans, '2026/27'. A year that starts on
 * 1 January lies within one calendar year and is named '2026'.
 *
 * Elections of the Chair (Partnership Agreement 9.2) and the review of the
 * Accountable Body (8.4) happen at the last meeting of the financial year, and both
 * offices are held for a financial year (1 April to 31 March by default).
 */
import { addCalendarDays, isCalendarDate, InvalidCalendarDate } from './calendar-date';

export type Quarter = 1 | 2 | 3 | 4;

export interface FinancialYear {
  /** '2026/27' (or '2026' for a year starting 1 January). */
  readonly label: string;
  /** The calendar year it starts in. */
  readonly startYear: number;
  /** First and last day, ISO dates, inclusive. */
  readonly start: string;
  readonly end: string;
}

export interface DateRange {
  readonly start: string;
  readonly end: string;
}

/** A financial year label, quarter or start that does not make sense. */
export class InvalidFinancialYear extends RangeError {
  override readonly name = 'InvalidFinancialYear';
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

function checkStart(startMonth: number, startDay: number) {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new InvalidFinancialYear('The financial year must start in a month from 1 (January) to 12 (December)');
  }
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 28) {
    throw new InvalidFinancialYear('The financial year must start on a day from 1 to 28');
  }
}

/** Years already worked out, by start year, month and day: a claim to a funder names each of ten years' quarters thousands of times (bench:claims). */
const yearsWorkedOut = new Map<string, FinancialYear>();

/** The financial year that starts in `startYear`. */
export function financialYearStarting(startYear: number, startMonth = 4, startDay = 1): FinancialYear {
  const key = `${startYear}-${startMonth}-${startDay}`;
  const known = yearsWorkedOut.get(key);
  if (known) return known;
  checkStart(startMonth, startDay);
  if (!Number.isInteger(startYear) || startYear < 1000 || startYear > 9998) {
    throw new InvalidFinancialYear('Enter the year like 2026/27');
  }
  const start = isoOf(startYear, startMonth, startDay);
  const end = addCalendarDays(isoOf(startYear + 1, startMonth, startDay), -1);
  const endYear = Number(end.slice(0, 4));
  const label = endYear === startYear ? String(startYear) : `${startYear}/${pad(endYear % 100)}`;
  const year: FinancialYear = Object.freeze({ label, startYear, start, end });
  yearsWorkedOut.set(key, year);
  return year;
}

/** The financial year a date falls in: financialYearOf('2026-06-02') is 2026/27. */
export function financialYearOf(isoDate: string, startMonth = 4, startDay = 1): FinancialYear {
  checkStart(startMonth, startDay);
  if (!isCalendarDate(isoDate)) throw new InvalidCalendarDate(isoDate);
  const year = Number(isoDate.slice(0, 4));
  const startYear = isoDate >= isoOf(year, startMonth, startDay) ? year : year - 1;
  return financialYearStarting(startYear, startMonth, startDay);
}

/** The financial year a label names ('2026/27'); throws InvalidFinancialYear. */
export function financialYearNamed(label: string, startMonth = 4, startDay = 1): FinancialYear {
  const refuse = () =>
    new InvalidFinancialYear(`Enter the year like ${financialYearStarting(2026, startMonth, startDay).label}`);
  const match = /^(\d{4})(?:\/\d{2})?$/.exec(label.trim());
  if (!match) throw refuse();
  const year = financialYearStarting(Number(match[1]), startMonth, startDay);
  if (year.label !== label.trim()) throw refuse();
  return year;
}

const yearOf = (fy: string | FinancialYear, startMonth: number, startDay: number) =>
  typeof fy === 'string' ? financialYearNamed(fy, startMonth, startDay) : financialYearStarting(fy.startYear, startMonth, startDay);

/** First and last day of a quarter: quarterBounds('2026/27', 1) is 1 April to 30 June 2026. */
export function quarterBounds(fy: string | FinancialYear, quarter: Quarter, startMonth = 4, startDay = 1): DateRange {
  if (![1, 2, 3, 4].includes(quarter)) throw new InvalidFinancialYear('A quarter is 1, 2, 3 or 4');
  const year = yearOf(fy, startMonth, startDay);
  const quarterStart = (q: number) => {
    const monthIndex = startMonth - 1 + 3 * (q - 1);
    return isoOf(year.startYear + Math.floor(monthIndex / 12), (monthIndex % 12) + 1, startDay);
  };
  return { start: quarterStart(quarter), end: addCalendarDays(quarterStart(quarter + 1), -1) };
}

/** The quarter of its financial year a date falls in (Q1 = April-June by default). */
export function quarterOf(isoDate: string, startMonth = 4, startDay = 1): Quarter {
  const year = financialYearOf(isoDate, startMonth, startDay);
  for (const q of [4, 3, 2] as const) {
    if (isoDate >= quarterBounds(year, q, startMonth, startDay).start) return q;
  }
  return 1;
}

/**
 * The latest of the given meeting dates in a financial year, or undefined if none.
 * Pass the consortium meetings that are planned or held (not cancelled ones).
 */
export function lastMeetingOfFinancialYear(
  fy: string | FinancialYear,
  allMeetingDates: readonly string[],
  startMonth = 4,
  startDay = 1,
): string | undefined {
  const year = yearOf(fy, startMonth, startDay);
  let last: string | undefined;
  for (const date of allMeetingDates) {
    if (date >= year.start && date <= year.end && (last === undefined || date > last)) last = date;
  }
  return last;
}

// Partnership Agreement 8.4, 9.2: elections and the Accountable Body's review are at the last meeting in the year.
export function isLastMeetingOfFinancialYear(
  meetingDate: string,
  allMeetingDates: readonly string[],
  startMonth = 4,
  startDay = 1,
): boolean {
  const year = financialYearOf(meetingDate, startMonth, startDay);
  return !allMeetingDates.some((d) => d > meetingDate && d <= year.end);
}

// Partnership Agreement 8.4, 9.2: the Chair and the Accountable Body hold office from 1 April to 31 March.
export function officeTermFor(fy: string | FinancialYear, startMonth = 4, startDay = 1): DateRange {
  const year = yearOf(fy, startMonth, startDay);
  return { start: year.start, end: year.end };
}

// Partnership Agreement 9.2: elected at the last meeting of one year, in office for the next.
export function officeYearElectedAt(meetingDate: string, startMonth = 4, startDay = 1): FinancialYear {
  return financialYearStarting(financialYearOf(meetingDate, startMonth, startDay).startYear + 1, startMonth, startDay);
}
