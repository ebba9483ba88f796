import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isWorkingDay, InvalidNoticePeriod, noticeStatus, papersDueBy, workingDaysNotice } from './notice';
import { bankHolidaysFor, BankHolidayTableOutOfRange } from './bank-holidays';
import { SHIPPED_BANK_HOLIDAY_TABLES } from './bank-holiday-tables';
import { BEDFORDSHIRE_CONSTITUTION } from './constitution';
import { addCalendarDays } from './calendar-date';

const england = bankHolidaysFor('england-and-wales', SHIPPED_BANK_HOLIDAY_TABLES);
const scotland = bankHolidaysFor('scotland', SHIPPED_BANK_HOLIDAY_TABLES);
const five = BEDFORDSHIRE_CONSTITUTION.noticeWorkingDays;

describe('papersDueBy', () => {
  it('BRIEF: meeting Tuesday 2 June 2026 (England and Wales; Spring bank holiday Monday 25 May 2026) → papers due by Tuesday 26 May 2026', () => {
    expect(papersDueBy('2026-06-02', five, england)).toBe('2026-05-26');
  });

  it('does not count the meeting day, so a Monday meeting needs papers out by the Monday before', () => {
    expect(papersDueBy('2026-06-08', five, england)).toBe('2026-06-01');
  });

  it('skips Christmas, Boxing Day substitute and New Year', () => {
    expect(papersDueBy('2027-01-04', five, england)).toBe('2026-12-23');
  });

  it('skips Good Friday and Easter Monday in England but only Good Friday in Scotland', () => {
    expect(papersDueBy('2026-04-07', five, england)).toBe('2026-03-27');
    expect(papersDueBy('2026-04-07', five, scotland)).toBe('2026-03-30');
  });

  it('uses the consortium’s own notice period', () => {
    expect(papersDueBy('2026-06-02', 10, england)).toBe('2026-05-18');
    expect(papersDueBy('2026-06-02', 1, england)).toBe('2026-06-01');
    expect(papersDueBy('2026-06-02', 0, england)).toBe('2026-06-02');
  });

  it('counts back from a weekend meeting too', () => {
    expect(papersDueBy('2026-06-06', five, england)).toBe('2026-06-01');
  });

  it('refuses a notice period that is not a whole number of days from 0 to 60', () => {
    expect(() => papersDueBy('2026-06-02', -1, england)).toThrow(InvalidNoticePeriod);
    expect(() => papersDueBy('2026-06-02', 2.5, england)).toThrow(InvalidNoticePeriod);
    expect(() => papersDueBy('2026-06-02', 61, england)).toThrow('The notice period must be a whole number of working days from 0 to 60');
  });

  it('refuses a meeting in 2045 rather than ignore bank holidays it does not know', () => {
    expect(() => papersDueBy('2045-06-06', five, england)).toThrow(BankHolidayTableOutOfRange);
    expect(() => papersDueBy('2041-01-08', five, england)).toThrow(BankHolidayTableOutOfRange);
  });

  it('gives a working day, the notice period’s number of working days before the meeting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14_000 }), fc.integer({ min: 1, max: 20 }), (offset, n) => {
        const meeting = addCalendarDays('2000-03-01', offset);
        const due = papersDueBy(meeting, n, england);
        expect(isWorkingDay(due, england)).toBe(true);
        expect(due < meeting).toBe(true);
        expect(workingDaysNotice(due, meeting, england)).toBe(n);
        expect(workingDaysNotice(addCalendarDays(due, 1), meeting, england)).toBe(n - 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('noticeStatus', () => {
  it('says papers sent on the due date went out in time', () => {
    expect(noticeStatus('2026-06-02', '2026-05-26', '2026-06-01', five, england)).toEqual({
      status: 'circulated-in-time',
      dueBy: '2026-05-26',
      message: 'Papers went out on Tuesday 26 May 2026, in time (due by Tuesday 26 May 2026).',
    });
  });

  it('says papers sent a day after the due date went out late, with the working days of notice given', () => {
    expect(noticeStatus('2026-06-02', '2026-05-27', '2026-06-01', five, england)).toEqual({
      status: 'circulated-late',
      dueBy: '2026-05-26',
      workingDaysNotice: 4,
      message:
        'Papers went out late on Wednesday 27 May 2026, 4 working days before the meeting; they were due by Tuesday 26 May 2026.',
    });
    const onTheDay = noticeStatus('2026-06-02', '2026-06-02', '2026-06-02', five, england);
    expect(onTheDay).toMatchObject({ status: 'circulated-late', workingDaysNotice: 0 });
    expect(onTheDay.message).toContain('on the day of the meeting');
  });

  it('counts the days left before papers are due', () => {
    expect(noticeStatus('2026-06-02', '', '2026-05-23', five, england)).toEqual({
      status: 'due',
      dueBy: '2026-05-26',
      daysLeft: 3,
      message: 'Papers are due by Tuesday 26 May 2026 (3 days left).',
    });
    expect(noticeStatus('2026-06-02', '', '2026-05-25', five, england).message).toBe(
      'Papers are due by Tuesday 26 May 2026 (1 day left).',
    );
    expect(noticeStatus('2026-06-02', '', '2026-05-26', five, england)).toMatchObject({
      status: 'due',
      daysLeft: 0,
      message: 'Papers are due today, Tuesday 26 May 2026.',
    });
  });

  it('says papers not sent by the due date are overdue', () => {
    expect(noticeStatus('2026-06-02', '', '2026-05-28', five, england)).toEqual({
      status: 'overdue',
      dueBy: '2026-05-26',
      daysOverdue: 2,
      message: 'Papers were due by Tuesday 26 May 2026 and have not gone out (2 days overdue).',
    });
  });

  it('agrees with the working days of notice: in time exactly when at least the notice period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 14_000 }), fc.integer({ min: 0, max: 30 }), (offset, before) => {
        const meeting = addCalendarDays('2000-01-01', offset);
        const sent = addCalendarDays(meeting, -before);
        const status = noticeStatus(meeting, sent, sent, five, england).status;
        expect(status === 'circulated-in-time').toBe(workingDaysNotice(sent, meeting, england) >= five);
      }),
      { numRuns: 200 },
    );
  });
});
