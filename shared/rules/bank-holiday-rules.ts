/**
 * How the UK's bank holidays fall, as rules, to generate the tables in
 * resources/bank-holidays/ (run `node scripts/bank-holidays.mjs`). The app reads the
 * generated tables, not these rules, so a one-off holiday announced later is a new
 * line in ONE_OFF_CHANGES and a regenerated table.
 *
 * The rules (Banking and Financial Dealings Act 1971 and the yearly proclamations,
 * as GOV.UK lists them):
 * - England and Wales: New Year's Day, Good Friday, Easter Monday, the first Monday of
 *   May (early May), the last Monday of May (spring), the last Monday of August
 *   (summer), Christmas Day, Boxing Day.
 * - Scotland: New Year's Day, 2 January, Good Friday (no Easter Monday), first Monday
 *   of May, last Monday of May, the first Monday of August (summer), St Andrew's Day
 *   30 November (from 2007, St Andrew's Day Bank Holiday (Scotland) Act 2007),
 *   Christmas Day, Boxing Day.
 * - Northern Ireland: as England and Wales plus St Patrick's Day 17 March and the
 *   Battle of the Boyne 12 July.
 * - A fixed-date holiday on a Saturday or Sunday is taken on the next weekday that is
 *   not already a holiday (so Christmas on a Saturday gives Monday 27 and Boxing Day
 *   Tuesday 28 December).
 * - One-off changes, UK-wide: 2002 Golden Jubilee (spring holiday moved to Tue 4 June,
 *   extra Mon 3 June); 2011 royal wedding (Fri 29 April); 2012 Diamond Jubilee (spring
 *   holiday moved to Mon 4 June, extra Tue 5 June); 2020 early May holiday moved to
 *   Fri 8 May for VE day; 2022 Platinum Jubilee (spring holiday moved to Thu 2 June,
 *   extra Fri 3 June) and the State Funeral of Queen Elizabeth II (Mon 19 September);
 *   2023 coronation of King Charles III (Mon 8 May).
 */
import { addCalendarDays, dayOfWeek, isWeekend } from './calendar-date';
import type { Nation } from './constitution';
import { easterSunday } from './easter';
import type { BankHoliday, BankHolidayTable } from './bank-holidays';

export const FIRST_TABLE_YEAR = 2000;
export const LAST_TABLE_YEAR = 2040;

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The first Monday of a month (month 1-12). */
export function firstMonday(year: number, month: number): string {
  const first = isoOf(year, month, 1);
  return addCalendarDays(first, (8 - dayOfWeek(first)) % 7);
}

/** The last Monday of a month (month 1-12). */
export function lastMonday(year: number, month: number): string {
  const nextFirst = month === 12 ? isoOf(year + 1, 1, 1) : isoOf(year, month + 1, 1);
  const last = addCalendarDays(nextFirst, -1);
  return addCalendarDays(last, -((dayOfWeek(last) + 6) % 7));
}

interface Rule {
  name: string;
  date: string;
  /** A fixed calendar date that moves to a weekday when it falls at a weekend. */
  substitutable: boolean;
}

type Change =
  | { kind: 'add'; date: string; name: string }
  | { kind: 'move'; name: string; to: string; renameTo?: string };

/** Proclaimed one-off changes, the same in every nation. */
const ONE_OFF_CHANGES: Readonly<Record<number, readonly Change[]>> = {
  2002: [
    { kind: 'move', name: 'Spring bank holiday', to: '2002-06-04' },
    { kind: 'add', date: '2002-06-03', name: 'Queen’s Golden Jubilee' },
  ],
  2011: [{ kind: 'add', date: '2011-04-29', name: 'Bank holiday for the wedding of Prince William and Catherine Middleton' }],
  2012: [
    { kind: 'move', name: 'Spring bank holiday', to: '2012-06-04' },
    { kind: 'add', date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
  ],
  2020: [{ kind: 'move', name: 'Early May bank holiday', to: '2020-05-08', renameTo: 'Early May bank holiday (VE day)' }],
  2022: [
    { kind: 'move', name: 'Spring bank holiday', to: '2022-06-02' },
    { kind: 'add', date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
    { kind: 'add', date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
  ],
  2023: [{ kind: 'add', date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }],
};

function rulesFor(nation: Nation, year: number): Rule[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, name: string): Rule => ({ name, date: isoOf(year, month, day), substitutable: true });
  const moveable = (date: string, name: string): Rule => ({ name, date, substitutable: false });
  const rules: Rule[] = [fixed(1, 1, 'New Year’s Day')];
  if (nation === 'scotland') rules.push(fixed(1, 2, '2nd January'));
  if (nation === 'northern-ireland') rules.push(fixed(3, 17, 'St Patrick’s Day'));
  rules.push(moveable(addCalendarDays(easter, -2), 'Good Friday'));
  if (nation !== 'scotland') rules.push(moveable(addCalendarDays(easter, 1), 'Easter Monday'));
  rules.push(moveable(firstMonday(year, 5), 'Early May bank holiday'));
  rules.push(moveable(lastMonday(year, 5), 'Spring bank holiday'));
  if (nation === 'northern-ireland') rules.push(fixed(7, 12, 'Battle of the Boyne (Orangemen’s Day)'));
  rules.push(moveable(nation === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8), 'Summer bank holiday'));
  if (nation === 'scotland' && year >= 2007) rules.push(fixed(11, 30, 'St Andrew’s Day'));
  rules.push(fixed(12, 25, 'Christmas Day'), fixed(12, 26, 'Boxing Day'));

  for (const change of ONE_OFF_CHANGES[year] ?? []) {
    if (change.kind === 'add') {
      rules.push(moveable(change.date, change.name));
    } else {
      const rule = rules.find((r) => r.name === change.name);
      if (!rule) throw new Error(`No ${change.name} in ${year} to move`);
      rule.date = change.to;
      if (change.renameTo) rule.name = change.renameTo;
    }
  }
  return rules;
}

/** Every bank holiday of one nation in one year, substitute days applied, in date order. */
export function bankHolidaysInYear(nation: Nation, year: number): BankHoliday[] {
  const rules = rulesFor(nation, year).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const taken = new Set(rules.filter((r) => !isWeekend(r.date)).map((r) => r.date));
  const holidays: BankHoliday[] = [];
  for (const rule of rules) {
    if (!isWeekend(rule.date)) {
      holidays.push({ date: rule.date, name: rule.name, substituteDay: false });
      continue;
    }
    if (!rule.substitutable) throw new Error(`${rule.name} ${rule.date} falls at a weekend`);
    let date = addCalendarDays(rule.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addCalendarDays(date, 1);
    taken.add(date);
    holidays.push({ date, name: `${rule.name} (substitute day)`, substituteDay: true });
  }
  // Scotland, New Year's Day on a Sunday: the proclamation (and GOV.UK) names Monday
  // 2 January as New Year's Day's substitute and Tuesday 3 January as 2 January's.
  if (nation === 'scotland' && dayOfWeek(isoOf(year, 1, 1)) === 0) {
    for (const h of holidays) {
      if (h.date === isoOf(year, 1, 2)) Object.assign(h, { name: 'New Year’s Day (substitute day)', substituteDay: true });
      else if (h.date === isoOf(year, 1, 3)) Object.assign(h, { name: '2nd January (substitute day)', substituteDay: true });
    }
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The full table for one nation over the covered years. */
export function generateBankHolidayTable(
  nation: Nation,
  firstYear: number = FIRST_TABLE_YEAR,
  lastYear: number = LAST_TABLE_YEAR,
): BankHolidayTable {
  const holidays: BankHoliday[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) holidays.push(...bankHolidaysInYear(nation, year));
  return { nation, firstYear, lastYear, holidays };
}
