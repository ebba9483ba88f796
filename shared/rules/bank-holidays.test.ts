import { describe, expect, it } from 'vitest';
import { bankHolidayCalendar, bankHolidaysFor, BankHolidayTableOutOfRange, bankHolidayTableSchema } from './bank-holidays';
import { generateBankHolidayTable } from './bank-holiday-rules';
import { SHIPPED_BANK_HOLIDAY_TABLES } from './bank-holiday-tables';
import { NATIONS } from './constitution';

describe('bank holiday look-up', () => {
  const england = bankHolidaysFor('england-and-wales', SHIPPED_BANK_HOLIDAY_TABLES);

  it('knows the Spring bank holiday of 25 May 2026 and that the day after is a working day', () => {
    expect(england.isBankHoliday('2026-05-25')).toBe(true);
    expect(england.holidayOn('2026-05-25')?.name).toBe('Spring bank holiday');
    expect(england.isBankHoliday('2026-05-26')).toBe(false);
    expect(england.holidayOn('2026-05-26')).toBeUndefined();
  });

  it('lists a year’s holidays in date order', () => {
    expect(england.holidaysIn(2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
    ]);
  });

  it('says the covered years are 2000 to 2040', () => {
    for (const nation of NATIONS) {
      const calendar = bankHolidaysFor(nation, SHIPPED_BANK_HOLIDAY_TABLES);
      expect([calendar.firstYear, calendar.lastYear]).toEqual([2000, 2040]);
      expect(calendar.isBankHoliday('2000-01-03')).toBe(true);
      expect(calendar.isBankHoliday('2040-12-25')).toBe(true);
    }
  });

  it('refuses to answer for a meeting in 2045 instead of saying it is not a holiday', () => {
    expect(() => england.isBankHoliday('2045-06-06')).toThrow(BankHolidayTableOutOfRange);
    expect(() => england.isBankHoliday('2045-06-06')).toThrow(
      'Quorum knows the bank holidays of England and Wales from 2000 to 2040 only, so it cannot count working days around 6 June 2045. Update Quorum to get later years.',
    );
    expect(() => england.holidayOn('1999-12-31')).toThrow(BankHolidayTableOutOfRange);
    expect(() => england.holidaysIn(2041)).toThrow(BankHolidayTableOutOfRange);
  });

  it('refuses a date that is not a date', () => {
    expect(() => england.isBankHoliday('25/05/2026')).toThrow(/not a date/);
  });

  it('refuses a table of the wrong nation', () => {
    const tables = { ...SHIPPED_BANK_HOLIDAY_TABLES, scotland: SHIPPED_BANK_HOLIDAY_TABLES['england-and-wales'] };
    expect(() => bankHolidaysFor('scotland', tables)).toThrow('There is no bank holiday table for Scotland');
  });

  it('works over any table passed in, not only the shipped ones', () => {
    const calendar = bankHolidayCalendar({
      nation: 'scotland',
      firstYear: 2030,
      lastYear: 2030,
      holidays: [{ date: '2030-03-04', name: 'Made-up day', substituteDay: false }],
    });
    expect(calendar.isBankHoliday('2030-03-04')).toBe(true);
    expect(() => calendar.isBankHoliday('2031-03-04')).toThrow(BankHolidayTableOutOfRange);
  });

  it('ships tables that are exactly what the committed rules generate (run scripts/bank-holidays.mjs)', () => {
    for (const nation of NATIONS) {
      expect(SHIPPED_BANK_HOLIDAY_TABLES[nation]).toEqual(generateBankHolidayTable(nation));
    }
  });

  it('refuses a table with dates outside its years or out of order', () => {
    const good = { nation: 'scotland', firstYear: 2030, lastYear: 2030, holidays: [] };
    expect(bankHolidayTableSchema.safeParse(good).success).toBe(true);
    const outside = { ...good, holidays: [{ date: '2031-01-01', name: 'x', substituteDay: false }] };
    expect(bankHolidayTableSchema.safeParse(outside).success).toBe(false);
    const unordered = {
      ...good,
      holidays: [
        { date: '2030-05-01', name: 'x', substituteDay: false },
        { date: '2030-01-01', name: 'y', substituteDay: false },
      ],
    };
    expect(bankHolidayTableSchema.safeParse(unordered).success).toBe(false);
  });
});
