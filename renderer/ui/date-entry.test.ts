import { describe, expect, it } from 'vitest';
import { organisationSchema } from '../../shared/domain/entities';
import { calendarDateOf, formValueOfTypedDate, incompleteDateMessage, isIncompleteDate, typedDateOf } from './date-entry';

const joinedOn = organisationSchema.shape.joinedOn;

describe('what is typed into a date field, as the form value', () => {
  it('keeps an empty field empty, so an optional date can be left out', () => {
    expect(formValueOfTypedDate({ day: null, month: null, year: null })).toBe('');
  });

  it('turns day 27, month 3, year 2026 into the ISO date the schemas expect', () => {
    const value = formValueOfTypedDate({ day: 27, month: 3, year: 2026 });
    expect(value).toBe('2026-03-27');
    expect(joinedOn.safeParse(value).success).toBe(true);
  });

  it('does not let a half-typed date become empty: the schema refuses it', () => {
    for (const typed of [
      { day: 27, month: 3, year: null },
      { day: 27, month: null, year: 2026 },
      { day: null, month: 3, year: 2026 },
      { day: 27, month: null, year: null },
      { day: 27, month: 3, year: 26 },
    ]) {
      const value = formValueOfTypedDate(typed);
      expect(value, JSON.stringify(typed)).not.toBe('');
      expect(isIncompleteDate(value), value).toBe(true);
      expect(joinedOn.safeParse(value).success, value).toBe(false);
    }
  });

  it('takes a year of fewer than four digits as unfinished, not as the year 26', () => {
    expect(formValueOfTypedDate({ day: 27, month: 3, year: 26 })).toBe('27/03/26');
    expect(formValueOfTypedDate({ day: 27, month: 3, year: 1000 })).toBe('1000-03-27');
  });

  it('passes a date that is not a real day to the schema, which says so', () => {
    const value = formValueOfTypedDate({ day: 31, month: 2, year: 2026 });
    expect(value).toBe('2026-02-31');
    expect(isIncompleteDate(value)).toBe(false);
    expect(joinedOn.safeParse(value).error?.issues.map((issue) => issue.message)).toContain('The date it joined is not a real date');
  });

  it('reads back the parts of any value it made', () => {
    for (const typed of [
      { day: null, month: null, year: null },
      { day: 1, month: 12, year: 1999 },
      { day: 27, month: 3, year: null },
      { day: null, month: null, year: 202 },
    ]) {
      expect(typedDateOf(formValueOfTypedDate(typed))).toEqual(typed);
    }
    expect(typedDateOf('27 March 2026')).toBeNull();
  });
});

describe('the message for a half-typed date', () => {
  it('names what is missing, with an example in the order of the boxes', () => {
    expect(incompleteDateMessage('27/03/yyyy', 'Joined on')).toBe('Joined on must include a year, for example 27/03/2026');
    expect(incompleteDateMessage('dd/03/2026', 'Joined on')).toBe('Joined on must include a day, for example 27/03/2026');
    expect(incompleteDateMessage('27/mm/yyyy', 'Resigned on')).toBe('Resigned on must include a month and year, for example 27/03/2026');
    expect(incompleteDateMessage('dd/mm/2026')).toBe('The date must include a day and month, for example 27/03/2026');
    expect(incompleteDateMessage('27/03/26', 'Joined on')).toBe('Joined on must include the year in full, for example 27/03/2026');
  });

  it('has nothing to say about an empty or a whole date', () => {
    expect(incompleteDateMessage('')).toBeUndefined();
    expect(incompleteDateMessage('2026-03-27')).toBeUndefined();
    expect(incompleteDateMessage('dd/mm/yyyy')).toBeUndefined();
  });
});

describe('the date a field starts with', () => {
  it('is the calendar date of a stored ISO date', () => {
    const date = calendarDateOf('2026-03-27');
    expect(date && { day: date.day, month: date.month, year: date.year }).toEqual({ day: 27, month: 3, year: 2026 });
  });

  it('is nothing for an empty, incomplete or impossible date', () => {
    expect(calendarDateOf('')).toBeNull();
    expect(calendarDateOf('27/03/yyyy')).toBeNull();
    expect(calendarDateOf('2026-02-31')).toBeNull();
    expect(calendarDateOf('2026-3-27')).toBeNull();
  });
});
