/**
 * What a person has typed into a date field (day, month, year boxes), as the form's
 * value. The form holds a string so the shared zod schemas can check it:
 *
 * - nothing typed: '' (an optional date left empty);
 * - all three parts, a year of four digits: the ISO date '2026-03-27', even when it is
 *   not a real day ('2026-02-31'), so the schema says "… is not a real date";
 * - anything in between: the typed parts in day/month/year order with the missing ones
 *   spelled as a placeholder ('27/03/yyyy', or '27/03/26' for a short year). No date
 *   schema accepts that string, so a half-typed date is refused rather than saved as
 *   empty, and `incompleteDateMessage` says in plain words what is missing.
 */
import { parseDate, type CalendarDate } from '@internationalized/date';

export interface TypedDate {
  day: number | null;
  month: number | null;
  year: number | null;
}

/** A year typed with fewer digits (26, 202) is taken as unfinished, not as the year 26. */
const FIRST_FULL_YEAR = 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INCOMPLETE_DATE = /^(\d{2}|dd)\/(\d{2}|mm)\/(\d{1,4}|yyyy)$/;

/** The example every message about dates gives, in the order the boxes are in. */
export const EXAMPLE_DATE = '27/03/2026';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The form's value for what is in the boxes: '', an ISO date, or an incomplete date the schemas refuse. */
export function formValueOfTypedDate({ day, month, year }: TypedDate): string {
  if (day === null && month === null && year === null) return '';
  if (day !== null && month !== null && year !== null && year >= FIRST_FULL_YEAR) return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  return `${day === null ? 'dd' : pad(day, 2)}/${month === null ? 'mm' : pad(month, 2)}/${year === null ? 'yyyy' : String(year)}`;
}

/** The parts in a form value made by formValueOfTypedDate; null for anything else. */
export function typedDateOf(value: string): TypedDate | null {
  if (value === '') return { day: null, month: null, year: null };
  const iso = ISO_DATE.exec(value);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const typed = INCOMPLETE_DATE.exec(value);
  if (!typed) return null;
  const part = (text: string) => (/^\d+$/.test(text) ? Number(text) : null);
  return { day: part(typed[1]!), month: part(typed[2]!), year: part(typed[3]!) };
}

/** True for a date with some but not all of its parts typed (or a year of fewer than four digits). */
export function isIncompleteDate(value: unknown): value is string {
  return typeof value === 'string' && INCOMPLETE_DATE.test(value) && value !== 'dd/mm/yyyy';
}

/**
 * What is missing from an incomplete date, GOV.UK style: "Joined on must include a year,
 * for example 27/03/2026". `subject` is the field's label; undefined for a value that is
 * not an incomplete date.
 */
export function incompleteDateMessage(value: string, subject = 'The date'): string | undefined {
  if (!isIncompleteDate(value)) return undefined;
  const typed = typedDateOf(value)!;
  const missing = (['day', 'month', 'year'] as const).filter((part) => typed[part] === null);
  const what =
    missing.length === 0 ? 'the year in full' : missing.length === 1 ? `a ${missing[0]}` : `a ${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return `${subject} must include ${what}, for example ${EXAMPLE_DATE}`;
}

/** The calendar date for an ISO date string that names a real day; null for '' and anything else. */
export function calendarDateOf(value: string): CalendarDate | null {
  if (!ISO_DATE.test(value)) return null;
  try {
    const date = parseDate(value);
    return date.toString() === value ? date : null;
  } catch {
    return null;
  }
}
