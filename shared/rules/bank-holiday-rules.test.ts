import { describe, expect, it } from 'vitest';
import { bankHolidaysInYear, firstMonday, generateBankHolidayTable, lastMonday } from './bank-holiday-rules';
import { dayOfWeek, isWeekend } from './calendar-date';
import { NATIONS, type Nation } from './constitution';

const dates = (nation: Nation, year: number) => bankHolidaysInYear(nation, year).map((h) => h.date);

describe('bank holiday rules', () => {
  it('gives England and Wales its 2026 bank holidays, Boxing Day moved to Monday 28 December', () => {
    expect(bankHolidaysInYear('england-and-wales', 2026)).toEqual([
      { date: '2026-01-01', name: 'New Year’s Day', substituteDay: false },
      { date: '2026-04-03', name: 'Good Friday', substituteDay: false },
      { date: '2026-04-06', name: 'Easter Monday', substituteDay: false },
      { date: '2026-05-04', name: 'Early May bank holiday', substituteDay: false },
      { date: '2026-05-25', name: 'Spring bank holiday', substituteDay: false },
      { date: '2026-08-31', name: 'Summer bank holiday', substituteDay: false },
      { date: '2026-12-25', name: 'Christmas Day', substituteDay: false },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)', substituteDay: true },
    ]);
  });

  it('matches the England and Wales dates GOV.UK published for 2015-2027', () => {
    const published: Record<number, string[]> = {
      2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
      2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
      2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
      2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
      2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
      2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
      2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
      2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
      2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
      2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
      2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
      2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
    };
    for (const [year, monthDays] of Object.entries(published)) {
      expect(dates('england-and-wales', Number(year))).toEqual(monthDays.map((md) => `${year}-${md}`));
    }
  });

  it('keeps the one-off holidays: jubilees, royal wedding, VE day, state funeral, coronation', () => {
    expect(dates('england-and-wales', 2002)).toEqual(expect.arrayContaining(['2002-06-03', '2002-06-04']));
    expect(dates('england-and-wales', 2002)).not.toContain('2002-05-27');
    expect(dates('england-and-wales', 2011)).toContain('2011-04-29');
    expect(dates('england-and-wales', 2012)).toEqual(expect.arrayContaining(['2012-06-04', '2012-06-05']));
    expect(dates('england-and-wales', 2012)).not.toContain('2012-05-28');
    expect(dates('england-and-wales', 2020)).not.toContain('2020-05-04');
    for (const nation of NATIONS) {
      expect(dates(nation, 2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
      expect(dates(nation, 2022)).not.toContain('2022-05-30');
      expect(dates(nation, 2023)).toContain('2023-05-08');
      expect(dates(nation, 2020)).toContain('2020-05-08');
    }
  });

  it('gives Scotland 2 January, St Andrew’s Day, an August summer holiday and no Easter Monday', () => {
    expect(dates('scotland', 2024)).toEqual([
      '2024-01-01', '2024-01-02', '2024-03-29', '2024-05-06', '2024-05-27', '2024-08-05', '2024-12-02', '2024-12-25', '2024-12-26',
    ]);
    expect(dates('scotland', 2022)).toEqual([
      '2022-01-03', '2022-01-04', '2022-04-15', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-01', '2022-09-19',
      '2022-11-30', '2022-12-26', '2022-12-27',
    ]);
    const nyOnSunday = bankHolidaysInYear('scotland', 2023).slice(0, 2);
    expect(nyOnSunday).toEqual([
      { date: '2023-01-02', name: 'New Year’s Day (substitute day)', substituteDay: true },
      { date: '2023-01-03', name: '2nd January (substitute day)', substituteDay: true },
    ]);
    expect(dates('scotland', 2021).slice(0, 2)).toEqual(['2021-01-01', '2021-01-04']);
  });

  it('has St Andrew’s Day only from 2007, when it became a bank holiday', () => {
    expect(bankHolidaysInYear('scotland', 2006).some((h) => h.name.startsWith('St Andrew'))).toBe(false);
    expect(dates('scotland', 2007)).toContain('2007-11-30');
  });

  it('gives Northern Ireland St Patrick’s Day and the Battle of the Boyne with their substitutes', () => {
    expect(dates('northern-ireland', 2024)).toEqual([
      '2024-01-01', '2024-03-18', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-07-12', '2024-08-26',
      '2024-12-25', '2024-12-26',
    ]);
    expect(dates('northern-ireland', 2020)).toContain('2020-07-13');
    expect(dates('northern-ireland', 2021)).toContain('2021-07-12');
    expect(dates('northern-ireland', 2027)).toContain('2027-07-12');
    expect(dates('northern-ireland', 2026)).toEqual(expect.arrayContaining(['2026-03-17', '2026-07-13']));
  });

  it('finds first and last Mondays', () => {
    expect(firstMonday(2026, 5)).toBe('2026-05-04');
    expect(firstMonday(2026, 6)).toBe('2026-06-01');
    expect(lastMonday(2026, 5)).toBe('2026-05-25');
    expect(lastMonday(2026, 8)).toBe('2026-08-31');
    expect(lastMonday(2026, 12)).toBe('2026-12-28');
  });

  it('never puts a day off at a weekend and never lists a day twice', () => {
    for (const nation of NATIONS) {
      const table = generateBankHolidayTable(nation);
      expect(table.firstYear).toBe(2000);
      expect(table.lastYear).toBe(2040);
      for (const h of table.holidays) expect(isWeekend(h.date), `${nation} ${h.date}`).toBe(false);
      expect(new Set(table.holidays.map((h) => h.date)).size).toBe(table.holidays.length);
    }
  });

  it('has the usual number of days off each year, plus the one-offs', () => {
    const usual: Record<Nation, (year: number) => number> = {
      'england-and-wales': () => 8,
      scotland: (year) => (year >= 2007 ? 9 : 8),
      'northern-ireland': () => 10,
    };
    const extra: Record<number, number> = { 2002: 1, 2011: 1, 2012: 1, 2022: 2, 2023: 1 };
    for (const nation of NATIONS) {
      for (let year = 2000; year <= 2040; year += 1) {
        expect(bankHolidaysInYear(nation, year).length, `${nation} ${year}`).toBe(usual[nation](year) + (extra[year] ?? 0));
      }
    }
  });

  it('takes a substitute day on the first free weekday after the weekend', () => {
    for (const nation of NATIONS) {
      for (const h of generateBankHolidayTable(nation).holidays.filter((x) => x.substituteDay)) {
        expect([1, 2], `${nation} ${h.date}`).toContain(dayOfWeek(h.date));
      }
    }
  });
});
