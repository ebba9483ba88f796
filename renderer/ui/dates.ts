/**
 * Dates as people in England write them ("2 June 2026", "Tuesday 2 June 2026"), using
 * shared/rules/calendar-date's formatting; an empty or unreadable date shows as ''.
 */
import { formatDate as formatCalendarDate, formatLongDate, isCalendarDate } from '../../shared/rules';

/** "2 June 2026"; '' for no date. */
export function formatDate(iso: string): string {
  return isCalendarDate(iso) ? formatCalendarDate(iso) : '';
}

/** "Tuesday 2 June 2026"; '' for no date. */
export function formatDayAndDate(iso: string): string {
  return isCalendarDate(iso) ? formatLongDate(iso) : '';
}

/** Today's ISO date in Europe/London, whatever the computer's own time zone. */
export function todayInLondon(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
