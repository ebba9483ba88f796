import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  financialYearNamed,
  financialYearOf,
  financialYearStarting,
  InvalidFinancialYear,
  isLastMeetingOfFinancialYear,
  lastMeetingOfFinancialYear,
  officeTermFor,
  officeYearElectedAt,
  quarterBounds,
  quarterOf,
  type Quarter,
} from './financial-year';
import { addCalendarDays } from './calendar-date';

describe('financial year', () => {
  it('runs 1 April to 31 March and is named by the years it spans', () => {
    expect(financialYearOf('2026-06-02')).toEqual({ label: '2026/27', startYear: 2026, start: '2026-04-01', end: '2027-03-31' });
    expect(financialYearOf('2026-04-01').label).toBe('2026/27');
    expect(financialYearOf('2026-03-31').label).toBe('2025/26');
    expect(financialYearOf('2027-03-31').label).toBe('2026/27');
    expect(financialYearOf('2099-12-31').label).toBe('2099/00');
  });

  it('follows a consortium’s own start date', () => {
    expect(financialYearOf('2026-04-05', 4, 6)).toEqual({ label: '2025/26', startYear: 2025, start: '2025-04-06', end: '2026-04-05' });
    expect(financialYearOf('2026-04-06', 4, 6).label).toBe('2026/27');
    expect(financialYearOf('2026-12-31', 1, 1)).toEqual({ label: '2026', startYear: 2026, start: '2026-01-01', end: '2026-12-31' });
  });

  it('ends on 28 or 29 February when it starts on 1 March', () => {
    expect(financialYearStarting(2027, 3, 1).end).toBe('2028-02-29');
    expect(financialYearStarting(2026, 3, 1).end).toBe('2027-02-28');
  });

  it('reads a label back and refuses one that does not name a year', () => {
    expect(financialYearNamed('2026/27').start).toBe('2026-04-01');
    expect(() => financialYearNamed('2026/28')).toThrow(InvalidFinancialYear);
    expect(() => financialYearNamed('26/27')).toThrow('Enter the year like 2026/27');
    expect(() => financialYearNamed('2026')).toThrow('Enter the year like 2026/27');
    expect(financialYearNamed('2026', 1, 1).end).toBe('2026-12-31');
  });

  it('refuses a start that is not a day of the year every year has', () => {
    expect(() => financialYearOf('2026-06-02', 13, 1)).toThrow(InvalidFinancialYear);
    expect(() => financialYearOf('2026-06-02', 2, 29)).toThrow('The financial year must start on a day from 1 to 28');
    expect(() => financialYearOf('2 June 2026')).toThrow(/not a date/);
  });
});

describe('quarters', () => {
  it('has Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March', () => {
    expect(quarterOf('2026-04-01')).toBe(1);
    expect(quarterOf('2026-06-30')).toBe(1);
    expect(quarterOf('2026-07-01')).toBe(2);
    expect(quarterOf('2026-09-30')).toBe(2);
    expect(quarterOf('2026-10-01')).toBe(3);
    expect(quarterOf('2026-12-31')).toBe(3);
    expect(quarterOf('2027-01-01')).toBe(4);
    expect(quarterOf('2027-03-31')).toBe(4);
  });

  it('gives each quarter’s first and last day', () => {
    expect(quarterBounds('2026/27', 1)).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(quarterBounds('2026/27', 2)).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(quarterBounds('2026/27', 3)).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(quarterBounds('2027/28', 4)).toEqual({ start: '2028-01-01', end: '2028-03-31' });
    expect(quarterBounds(financialYearOf('2026-05-01', 4, 6), 4, 4, 6)).toEqual({ start: '2027-01-06', end: '2027-04-05' });
    expect(() => quarterBounds('2026/27', 5 as Quarter)).toThrow('A quarter is 1, 2, 3 or 4');
  });

  it('puts every day of a year in exactly one quarter, the quarters touching end to start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (offset, month, day) => {
          const date = addCalendarDays('2000-01-01', offset);
          const fy = financialYearOf(date, month, day);
          const q = quarterOf(date, month, day);
          const bounds = quarterBounds(fy, q, month, day);
          expect(date >= bounds.start && date <= bounds.end).toBe(true);
          expect(date >= fy.start && date <= fy.end).toBe(true);
          expect(quarterBounds(fy, 1, month, day).start).toBe(fy.start);
          expect(quarterBounds(fy, 4, month, day).end).toBe(fy.end);
          if (q < 4) expect(addCalendarDays(bounds.end, 1)).toBe(quarterBounds(fy, (q + 1) as Quarter, month, day).start);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('last meeting of the financial year (elections, Accountable Body review)', () => {
  const meetings = ['2026-01-20', '2026-03-10', '2026-04-21', '2026-06-02', '2027-03-16', '2027-04-20'];

  it('picks the March meeting as the last of 2026/27, not the one in April', () => {
    expect(isLastMeetingOfFinancialYear('2027-03-16', meetings)).toBe(true);
    expect(isLastMeetingOfFinancialYear('2026-06-02', meetings)).toBe(false);
    expect(isLastMeetingOfFinancialYear('2026-03-10', meetings)).toBe(true);
    expect(isLastMeetingOfFinancialYear('2026-01-20', meetings)).toBe(false);
    expect(lastMeetingOfFinancialYear('2026/27', meetings)).toBe('2027-03-16');
    expect(lastMeetingOfFinancialYear('2028/29', meetings)).toBeUndefined();
  });

  it('treats a meeting with no later one in the year as the last, even before the others are scheduled', () => {
    expect(isLastMeetingOfFinancialYear('2026-06-02', ['2026-06-02'])).toBe(true);
    expect(isLastMeetingOfFinancialYear('2026-06-02', [])).toBe(true);
  });

  it('gives the term of office, 1 April to 31 March, starting after the election', () => {
    expect(officeTermFor('2027/28')).toEqual({ start: '2027-04-01', end: '2028-03-31' });
    expect(officeYearElectedAt('2027-03-16').label).toBe('2027/28');
  });
});

describe('years worked out once', () => {
  it('gives the same year each time it is asked, and nobody can change it', () => {
    const first = financialYearStarting(2031, 4, 1);
    expect(financialYearStarting(2031, 4, 1)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { label: string }).label = '2031';
    }).toThrow();
    // Another start is another year, and a year refused is refused every time.
    expect(financialYearStarting(2031, 1, 1).label).toBe('2031');
    expect(() => financialYearStarting(2031.5, 4, 1)).toThrow();
    expect(() => financialYearStarting(2031.5, 4, 1)).toThrow();
  });
});
