/**
 * The line about a meeting's papers (Partnership Agreement 10.5) for lists and the
 * dashboard, from shared/rules/notice with the consortium's nation's bank holidays.
 * A meeting beyond the bank holiday table's years says so instead of guessing.
 */
import type { Consortium, Meeting } from '../../../shared/domain/entities';
import { bankHolidaysFor, noticeStatus, SHIPPED_BANK_HOLIDAY_TABLES, type NoticeStatus } from '../../../shared/rules';

export type PapersLine = { ok: true; notice: NoticeStatus } | { ok: false; message: string };

export function papersLine(meeting: Pick<Meeting, 'date' | 'papersCirculatedOn'>, consortium: Pick<Consortium, 'nation' | 'constitution'>, today: string): PapersLine {
  try {
    const holidays = bankHolidaysFor(consortium.nation, SHIPPED_BANK_HOLIDAY_TABLES);
    return { ok: true, notice: noticeStatus(meeting.date, meeting.papersCirculatedOn, today, consortium.constitution.noticeWorkingDays, holidays) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
