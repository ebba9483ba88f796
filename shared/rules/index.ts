/**
 * Quorum's governance rules: pure functions of the constitution settings, the
 * register and the dates. Import from here ('shared/rules') rather than the files.
 */
export * from './constitution';
export * from './calendar-date';
export * from './bank-holidays';
export { SHIPPED_BANK_HOLIDAY_TABLES } from './bank-holiday-tables';
export * from './notice';
export * from './financial-year';
export * from './eligibility';
export * from './quorum';
export * from './decisions';
export * from './chair';
export * from './money';
export * from './claims';
export * from './funder-claim';
export * from './applications';
export * from './storage';
