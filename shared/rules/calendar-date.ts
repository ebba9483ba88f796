/**
 * Calendar dates as ISO strings ('2026-06-02'), the way Quorum stores every date.
 *
 * A meeting on 2 June is on 2 June wherever the laptop's clock thinks it is, so
 * these helpers never go through a time of day in UTC: a string is parsed to the
 * local midnight of that calendar day, moved with date-fns' calendar arithmetic
 * (which steps days, not 24-hour periods, so clock changes cannot shift it) and
 * formatted straight back. The rules in this folder take and return ISO strings.
 */
import { addDays, differenceInCalendarDays, format, getDay, parse } from 'date-fns';

/** Thrown when a string is not a real date written as YYYY-MM-DD. */
export class InvalidCalendarDate extends Error {
  override readonly name = 'InvalidCalendarDate';
  constructor(readonly value: string) {
    super(`“${value}” is not a date written like 2026-06-02`);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written as YYYY-MM-DD ('2026-02-30' is not one). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}

/** The local midnight of an ISO date, for date-fns; throws InvalidCalendarDate. */
export function toLocalDate(isoDate: string): Date {
  if (!isCalendarDate(isoDate)) throw new InvalidCalendarDate(isoDate);
  return parse(isoDate, 'yyyy-MM-dd', new Date(2000, 0, 1));
}

/** The ISO date of a local Date (its calendar day where the computer is). */
export function fromLocalDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/** The date `days` calendar days after (or, negative, before) an ISO date. */
export function addCalendarDays(isoDate: string, days: number): string {
  return fromLocalDate(addDays(toLocalDate(isoDate), days));
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function calendarDaysBetween(from: string, to: string): number {
  return differenceInCalendarDays(toLocalDate(to), toLocalDate(from));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  return getDay(toLocalDate(isoDate));
}

export function isWeekend(isoDate: string): boolean {
  const day = dayOfWeek(isoDate);
  return day === 0 || day === 6;
}

/** A date as people write it in papers: 'Tuesday 2 June 2026'. */
export function formatLongDate(isoDate: string): string {
  return format(toLocalDate(isoDate), 'EEEE d MMMM yyyy');
}

/** A date without the weekday: '2 June 2026'. */
export function formatDate(isoDate: string): string {
  return format(toLocalDate(isoDate), 'd MMMM yyyy');
}
