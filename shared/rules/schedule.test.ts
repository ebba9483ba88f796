import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCalendarDays, dayOfWeek } from './calendar-date';
import { financialYearOf } from './financial-year';
import { markLastOfYear, MAX_SCHEDULED, nthWeekdayOfMonth, planSchedule, recurrenceInWords, ScheduleRefused, type Recurrence, type Weekday, type WeekOfMonth } from './schedule';

const TODAY = '2026-11-22';
const dates = (request: Parameters<typeof planSchedule>[0], context: Parameters<typeof planSchedule>[1] = { today: TODAY }) => planSchedule(request, context).map((d) => d.date);

function refusal(run: () => unknown): { field: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ScheduleRefused) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected the schedule to be refused');
}

describe('the nth weekday of a month', () => {
  it('finds the second Tuesday, the first Monday and the last Friday', () => {
    expect(nthWeekdayOfMonth(2026, 6, 2, 2)).toBe('2026-06-09');
    expect(nthWeekdayOfMonth(2026, 6, 1, 1)).toBe('2026-06-01');
    expect(nthWeekdayOfMonth(2026, 7, 'last', 5)).toBe('2026-07-31');
    expect(nthWeekdayOfMonth(2027, 2, 'last', 0)).toBe('2027-02-28');
    expect(nthWeekdayOfMonth(2028, 2, 'last', 2)).toBe('2028-02-29');
  });
});

describe('every N weeks', () => {
  it('makes six-weekly meetings from the first date to the end of the financial year by default', () => {
    const plan = planSchedule({ from: '2026-12-01', startTime: '10:00', recurrence: { pattern: 'weeks', every: 6 } }, { today: TODAY });
    expect(plan.map((d) => d.date)).toEqual(['2026-12-01', '2027-01-12', '2027-02-23']);
    expect(plan.every((d) => d.startTime === '10:00')).toBe(true);
    expect(plan.map((d) => d.lastOfYear)).toEqual([false, false, true]);
  });

  it('runs across the clock change and the year end to a given end date, marking the last of each year it covers', () => {
    const plan = planSchedule({ from: '2026-12-01', until: '2027-11-30', startTime: '10:00', recurrence: { pattern: 'weeks', every: 6 } }, { today: TODAY });
    expect(plan.map((d) => d.date)).toEqual(['2026-12-01', '2027-01-12', '2027-02-23', '2027-04-06', '2027-05-18', '2027-06-29', '2027-08-10', '2027-09-21', '2027-11-02']);
    // 2026/27 ends within the schedule; 2027/28 does not, so nothing there is marked yet.
    expect(plan.filter((d) => d.lastOfYear).map((d) => d.date)).toEqual(['2027-02-23']);
  });

  it('does not mark a meeting when another meeting already planned comes later in the year', () => {
    const plan = planSchedule({ from: '2026-12-01', startTime: '10:00', recurrence: { pattern: 'weeks', every: 6 } }, { today: TODAY, otherMeetingDates: ['2027-03-16'] });
    expect(plan.some((d) => d.lastOfYear)).toBe(false);
  });

  it('follows a financial year that starts on another day', () => {
    const plan = planSchedule({ from: '2026-12-01', startTime: '10:00', recurrence: { pattern: 'weeks', every: 4 } }, { today: TODAY, financialYearStartMonth: 1, financialYearStartDay: 1 });
    expect(plan.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-29']);
    expect(plan.at(-1)?.lastOfYear).toBe(true);
  });
});

describe('monthly and quarterly', () => {
  it('meets on the second Tuesday of each month from the start date', () => {
    expect(dates({ from: '2026-12-01', startTime: '14:00', recurrence: { pattern: 'monthly', week: 2, weekday: 2 } })).toEqual(['2026-12-08', '2027-01-12', '2027-02-09', '2027-03-09']);
  });

  it('skips a month whose meeting day is before the start date', () => {
    expect(dates({ from: '2026-12-10', startTime: '14:00', recurrence: { pattern: 'monthly', week: 2, weekday: 2 } })[0]).toBe('2027-01-12');
  });

  it('meets on the last Thursday of every third month', () => {
    expect(dates({ from: '2026-12-01', until: '2027-12-31', startTime: '10:00', recurrence: { pattern: 'quarterly', week: 'last', weekday: 4 } })).toEqual([
      '2026-12-31',
      '2027-03-25',
      '2027-06-24',
      '2027-09-30',
      '2027-12-30',
    ]);
  });

  it('meets on the same day every three months, the 31st falling back to a shorter month’s last day', () => {
    expect(dates({ from: '2026-12-31', until: '2027-12-31', startTime: '10:00', recurrence: { pattern: 'quarterly-same-day' } })).toEqual(['2026-12-31', '2027-03-31', '2027-06-30', '2027-09-30', '2027-12-31']);
    expect(recurrenceInWords({ pattern: 'quarterly-same-day' }, '2026-12-31')).toBe('Every three months on the 31st (or the month’s last day)');
    expect(recurrenceInWords({ pattern: 'monthly', week: 2, weekday: 2 }, '2026-12-01')).toBe('Monthly on the second Tuesday');
    expect(recurrenceInWords({ pattern: 'weeks', every: 6 }, '2026-12-01')).toBe('Every 6 weeks');
  });
});

describe('what is refused, in plain words', () => {
  const weeks: Recurrence = { pattern: 'weeks', every: 6 };
  it('refuses a first meeting before today, but not today', () => {
    expect(refusal(() => planSchedule({ from: '2026-11-21', startTime: '10:00', recurrence: weeks }, { today: TODAY }))).toEqual({ field: 'from', message: 'The first meeting cannot be before today' });
    expect(dates({ from: TODAY, until: TODAY, startTime: '10:00', recurrence: weeks })).toEqual([TODAY]);
  });

  it('refuses an impossible date, an empty one, a missing or impossible time, and an end before the start', () => {
    expect(refusal(() => planSchedule({ from: '2027-02-31', startTime: '10:00', recurrence: weeks }, { today: TODAY }))).toEqual({ field: 'from', message: 'The date of the first meeting is not a real date' });
    expect(refusal(() => planSchedule({ from: '', startTime: '10:00', recurrence: weeks }, { today: TODAY })).field).toBe('from');
    expect(refusal(() => planSchedule({ from: '2026-12-01', until: '2027-13-01', startTime: '10:00', recurrence: weeks }, { today: TODAY })).field).toBe('until');
    expect(refusal(() => planSchedule({ from: '2026-12-01', startTime: '', recurrence: weeks }, { today: TODAY }))).toEqual({ field: 'startTime', message: 'Enter the time the meetings start, like 10:00' });
    expect(refusal(() => planSchedule({ from: '2026-12-01', startTime: '25:00', recurrence: weeks }, { today: TODAY })).field).toBe('startTime');
    expect(refusal(() => planSchedule({ from: '2026-12-01', until: '2026-11-30', startTime: '10:00', recurrence: weeks }, { today: TODAY })).field).toBe('until');
    expect(refusal(() => planSchedule({ from: '2026-12-01', startTime: '10:00', recurrence: { pattern: 'weeks', every: 0 } }, { today: TODAY })).field).toBe('every');
  });

  it('says every problem at once, each against its field', () => {
    let caught: unknown;
    try {
      planSchedule({ from: '2026-11-01', until: '2027-02-30', startTime: '', recurrence: { pattern: 'weeks', every: 1.5 } }, { today: TODAY });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScheduleRefused);
    expect((caught as ScheduleRefused).problems).toEqual([
      { field: 'from', message: 'The first meeting cannot be before today' },
      { field: 'until', message: 'The date the schedule ends is not a real date' },
      { field: 'startTime', message: 'Enter the time the meetings start, like 10:00' },
      { field: 'every', message: 'Enter how many weeks apart the meetings are, a whole number from 1 to 52' },
    ]);
  });

  it('refuses a range with no meeting in it, and one with too many', () => {
    expect(refusal(() => planSchedule({ from: '2026-12-10', until: '2026-12-20', startTime: '10:00', recurrence: { pattern: 'monthly', week: 1, weekday: 1 } }, { today: TODAY })).message).toBe(
      'No meeting of this pattern falls between Thursday 10 December 2026 and Sunday 20 December 2026',
    );
    expect(refusal(() => planSchedule({ from: '2026-12-01', until: '2030-12-01', startTime: '10:00', recurrence: { pattern: 'weeks', every: 1 } }, { today: TODAY })).message).toContain(`more than ${MAX_SCHEDULED}`);
  });
});

describe('properties', () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addCalendarDays('2026-11-22', n));
  const weekOfMonth = fc.constantFrom<WeekOfMonth>(1, 2, 3, 4, 'last');
  const weekday = fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<Weekday>;
  const recurrence: fc.Arbitrary<Recurrence> = fc.oneof(
    fc.integer({ min: 1, max: 12 }).map((every) => ({ pattern: 'weeks' as const, every })),
    fc.record({ pattern: fc.constant('monthly' as const), week: weekOfMonth, weekday }),
    fc.record({ pattern: fc.constant('quarterly' as const), week: weekOfMonth, weekday }),
    fc.constant({ pattern: 'quarterly-same-day' as const }),
  );

  it('every date is a planned day, strictly increasing, within the range, at the same time, one last of year per year it covers', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 700 }), recurrence, (from, length, rec) => {
        const until = addCalendarDays(from, length);
        let plan;
        try {
          plan = planSchedule({ from, until, startTime: '10:00', recurrence: rec }, { today: TODAY });
        } catch (error) {
          // Only an empty range or too many meetings may be refused here.
          expect(error).toBeInstanceOf(ScheduleRefused);
          expect((error as ScheduleRefused).field).toBe('until');
          return;
        }
        const list = plan.map((d) => d.date);
        for (let i = 1; i < list.length; i += 1) expect(list[i]! > list[i - 1]!).toBe(true);
        for (const date of list) {
          expect(date >= from && date <= until).toBe(true);
          if (rec.pattern === 'weeks') expect(dayOfWeek(date)).toBe(dayOfWeek(from));
          if (rec.pattern === 'monthly' || rec.pattern === 'quarterly') {
            expect(dayOfWeek(date)).toBe(rec.weekday);
            expect(date).toBe(nthWeekdayOfMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)), rec.week, rec.weekday));
          }
        }
        if (rec.pattern === 'weeks') expect(list[0]).toBe(from);
        expect(plan.every((d) => d.startTime === '10:00')).toBe(true);
        // The marked dates are exactly the last date in each financial year that ends within the range.
        const years = new Map<string, string>();
        for (const date of list) years.set(financialYearOf(date).label, date);
        const expected = [...years.entries()].filter(([, last]) => financialYearOf(last).end <= until).map(([, last]) => last);
        expect(plan.filter((d) => d.lastOfYear).map((d) => d.date)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('monthly meetings are one a month, quarterly ones three months apart', () => {
    fc.assert(
      fc.property(day, weekOfMonth, weekday, fc.boolean(), (from, week, wd, quarterly) => {
        const list = dates({ from, until: addCalendarDays(from, 730), startTime: '09:30', recurrence: { pattern: quarterly ? 'quarterly' : 'monthly', week, weekday: wd } });
        const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
        for (let i = 1; i < list.length; i += 1) expect(monthIndex(list[i]!) - monthIndex(list[i - 1]!)).toBe(quarterly ? 3 : 1);
      }),
      { numRuns: 200 },
    );
  });

  it('marks nothing in a year another meeting ends', () => {
    expect(markLastOfYear(['2027-01-12', '2027-02-23'], '2027-03-31', ['2027-03-16'])).toEqual([
      { date: '2027-01-12', lastOfYear: false },
      { date: '2027-02-23', lastOfYear: false },
    ]);
  });
});
