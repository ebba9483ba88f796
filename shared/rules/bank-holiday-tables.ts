/**
 * The bank holiday tables shipped with Quorum (resources/bank-holidays/, 2000-2040),
 * checked against their schema once when first imported. Code that only needs the
 * look-up takes a table as a parameter (bank-holidays.ts); this module is the one
 * place that loads the shipped files.
 */
import englandAndWales from '../../resources/bank-holidays/england-and-wales.json';
import northernIreland from '../../resources/bank-holidays/northern-ireland.json';
import scotland from '../../resources/bank-holidays/scotland.json';
import { bankHolidayTableSchema, type BankHolidayTables } from './bank-holidays';

export const SHIPPED_BANK_HOLIDAY_TABLES: BankHolidayTables = {
  'england-and-wales': bankHolidayTableSchema.parse(englandAndWales),
  scotland: bankHolidayTableSchema.parse(scotland),
  'northern-ireland': bankHolidayTableSchema.parse(northernIreland),
};
