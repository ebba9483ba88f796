/**
 * Easter Sunday in the Gregorian calendar, by the "anonymous Gregorian algorithm"
 * (Meeus/Jones/Butcher, published in Nature, 1876): the first Sunday after the
 * ecclesiastical full moon on or after 21 March. Integer arithmetic only; valid for
 * every Gregorian year. Good Friday and Easter Monday, bank holidays across the UK
 * (Easter Monday not in Scotland), are two days before and one day after.
 */
import { InvalidCalendarDate } from './calendar-date';

export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new InvalidCalendarDate(String(year));
  }
  const div = (a: number, b: number) => (a - (a % b)) / b;
  const a = year % 19;
  const b = div(year, 100);
  const c = year % 100;
  const d = div(b, 4);
  const e = b % 4;
  const f = div(b + 8, 25);
  const g = div(b - f + 1, 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = div(c, 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = div(a + 11 * h + 22 * l, 451);
  const month = div(h + l - 7 * m + 114, 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
