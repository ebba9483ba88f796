import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { easterSunday } from './easter';
import { dayOfWeek } from './calendar-date';

describe('easterSunday', () => {
  it('gives the Easter Sundays published for years the tables cover', () => {
    const published: Record<number, string> = {
      2000: '2000-04-23',
      2002: '2002-03-31',
      2008: '2008-03-23',
      2011: '2011-04-24',
      2019: '2019-04-21',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
      2040: '2040-04-01',
    };
    for (const [year, date] of Object.entries(published)) expect(easterSunday(Number(year))).toBe(date);
  });

  it('gives the extreme dates of the cycle (22 March 2285, 25 April 1943)', () => {
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(1943)).toBe('1943-04-25');
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const date = easterSunday(year);
        expect(dayOfWeek(date)).toBe(0);
        const monthDay = date.slice(5);
        expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
      }),
    );
  });

  it('refuses a year before the Gregorian calendar or not a whole number', () => {
    expect(() => easterSunday(1500)).toThrow(/not a date/);
    expect(() => easterSunday(2026.5)).toThrow(/not a date/);
  });
});
