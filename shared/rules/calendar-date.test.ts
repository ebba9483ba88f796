import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  calendarDaysBetween,
  dayOfWeek,
  formatDate,
  formatLongDate,
  InvalidCalendarDate,
  isCalendarDate,
  isWeekend,
} from './calendar-date';

describe('calendar dates', () => {
  it('accepts real dates written YYYY-MM-DD and refuses anything else', () => {
    expect(isCalendarDate('2026-06-02')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-00-10')).toBe(false);
    expect(isCalendarDate('2026-01-00')).toBe(false);
    expect(isCalendarDate('2026-6-2')).toBe(false);
    expect(isCalendarDate('2026-06-02T00:00:00Z')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
    expect(() => addCalendarDays('2 June 2026', 1)).toThrow(InvalidCalendarDate);
  });

  it('agrees with the calendar on which days exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const utc = new Date(Date.UTC(y, m - 1, d));
        const real = m >= 1 && m <= 12 && d >= 1 && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
        expect(isCalendarDate(iso)).toBe(real);
      }),
    );
  });

  it('steps over the clock changes without drifting a day', () => {
    // The last Sunday of March and of October 2026 are the UK's clock changes.
    expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addCalendarDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addCalendarDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addCalendarDays('2026-10-26', -1)).toBe('2026-10-25');
    expect(calendarDaysBetween('2026-03-01', '2026-11-01')).toBe(245);
  });

  it('knows the weekday of a meeting', () => {
    expect(dayOfWeek('2026-06-02')).toBe(2);
    expect(isWeekend('2026-05-30')).toBe(true);
    expect(isWeekend('2026-05-31')).toBe(true);
    expect(isWeekend('2026-06-01')).toBe(false);
  });

  it('writes dates the way papers do', () => {
    expect(formatLongDate('2026-06-02')).toBe('Tuesday 2 June 2026');
    expect(formatDate('2026-05-26')).toBe('26 May 2026');
  });

  it('moving forward then back returns the same date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(2000, 0, 1), max: new Date(2040, 11, 31), noInvalidDate: true }),
        fc.integer({ min: -800, max: 800 }),
        (d, n) => {
          const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
          expect(addCalendarDays(addCalendarDays(iso, n), -n)).toBe(iso);
          expect(calendarDaysBetween(iso, addCalendarDays(iso, n))).toBe(n);
        },
      ),
    );
  });
});
