/**
 * Meetings as an iCalendar file (.ics) that calendars show at the right local time on
 * both sides of the clock change (docs/architecture.md, "Exports" and "Meetings: the
 * schedule and notice"). One VEVENT per meeting, its UID made from the meeting's id so
 * a calendar that imports the file again updates the event rather than adding a second.
 *
 * Times are written as London's wall-clock time with TZID=Europe/London
 * (DTSTART;TZID=Europe/London:20260602T100000), never shifted to UTC, and the file
 * carries the VTIMEZONE for Europe/London from timezones-ical-library, so 10:00 is
 * 10:00 in June (BST) and in December (GMT). ical-generator reads a Temporal-shaped
 * zoned date-time's own wall-clock fields; `londonDateTime` gives it one made with
 * @internationalized/date, so the computer's own time zone never enters.
 */
import ical, { ICalEventStatus, type ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { parseDateTime, toZoned } from '@internationalized/date';
import { MEETING_KIND_LABELS, type Meeting } from '../../shared/domain/entities';
import { exportFileName, type ExportFile } from './save';

export const LONDON = 'Europe/London';

/** How long a meeting without an end time is shown for in a calendar. */
export const DEFAULT_DURATION_MINUTES = 120;

export type CalendarMeeting = Pick<Meeting, 'id' | 'title' | 'kind' | 'date' | 'startTime' | 'endTime' | 'location' | 'accessibilityNotes' | 'onlineLink' | 'lastOfYear' | 'status'> & {
  /** The record's changes (docs/architecture.md, "The registry": every synced row lists them): how often it was changed. */
  readonly _log?: readonly string[];
};

export interface CalendarDetails {
  /** The consortium's name: the calendar's name and the events' organiser line. */
  consortiumName: string;
  /** Said in the description of the last meeting of the financial year, its clause cited in the consortium's words. */
  lastOfYearNote?: string;
  /** The moment the file is made (DTSTAMP); now by default. */
  stamp?: Date;
}

/** The VTIMEZONE block for a zone, for ical-generator's `timezone.generator`. */
export function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && typeof block[0] === 'string' && block[0].includes('BEGIN:VTIMEZONE') ? block[0] : null;
}

/** A calendar date in the Temporal shape ical-generator writes as a date alone (an all-day event). */
function plainDateOf(date: string) {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day, toJSON: () => date, toString: () => date, toPlainDateTime: () => londonDateTime(date, '00:00').toPlainDateTime() };
}

/** A London wall-clock date and time ('2026-06-02', '10:00') in the Temporal shape ical-generator writes with its TZID. */
export function londonDateTime(date: string, time: string): ICalTemporalZonedDateTimeStub {
  const local = parseDateTime(`${date}T${time}`);
  // 'later' for a time the clocks skip (01:30 on the last Sunday of March): it is written as typed, and calendars move it.
  const zoned = toZoned(local, LONDON, 'later');
  const text = `${date}T${time}:00`;
  const fields = { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: 0 };
  const plainDate = plainDateOf(date);
  const self: ICalTemporalZonedDateTimeStub = {
    ...fields,
    timeZoneId: LONDON,
    toInstant: () => {
      const epochMilliseconds = zoned.toDate().getTime();
      const iso = new Date(epochMilliseconds).toISOString();
      return { epochMilliseconds, toJSON: () => iso, toString: () => iso, toZonedDateTimeISO: () => self };
    },
    toPlainDateTime: () => ({ ...fields, toJSON: () => text, toString: () => text, toPlainDate: () => plainDate, toZonedDateTime: () => self }),
    withTimeZone: (zone: string) => {
      if (zone !== LONDON) throw new RangeError(`Meetings are in ${LONDON}, not ${zone}`);
      return self;
    },
    toJSON: () => `${text}[${LONDON}]`,
    toString: () => `${text}[${LONDON}]`,
  };
  return self;
}

/** The time `minutes` after 'HH:MM' on a date, as a date and time (a meeting running past midnight ends the next day). */
function later(date: string, time: string, minutes: number): { date: string; time: string } {
  const end = parseDateTime(`${date}T${time}`).add({ minutes });
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${end.year}-${pad(end.month)}-${pad(end.day)}`, time: `${pad(end.hour)}:${pad(end.minute)}` };
}

function description(meeting: CalendarMeeting, details: CalendarDetails): string {
  const lines = [`${MEETING_KIND_LABELS[meeting.kind]} of ${details.consortiumName}.`];
  if (meeting.location) lines.push(`Venue: ${meeting.location}`);
  if (meeting.accessibilityNotes) lines.push(`Access: ${meeting.accessibilityNotes}`);
  if (meeting.onlineLink) lines.push(`Join online: ${meeting.onlineLink}`);
  if (meeting.lastOfYear && details.lastOfYearNote) lines.push(details.lastOfYearNote);
  return lines.join('\n');
}

/** The iCalendar text for some meetings, one event each. */
export function meetingsCalendar(meetings: readonly CalendarMeeting[], details: CalendarDetails): string {
  const calendar = ical({
    name: `${details.consortiumName} meetings`,
    prodId: { company: 'Quorum', product: 'Quorum meetings', language: 'EN' },
    // The zone is named on each event, not the calendar, so DTSTAMP stays in UTC as RFC 5545 requires.
    timezone: { name: null, generator: vtimezone },
  });
  for (const meeting of [...meetings].sort((a, b) => (a.date === b.date ? a.startTime.localeCompare(b.startTime) : a.date < b.date ? -1 : 1))) {
    const common = {
      id: `${meeting.id}@meetings.quorum`,
      summary: meeting.title,
      description: description(meeting, details),
      location: meeting.location || (meeting.onlineLink ? 'Online' : undefined),
      url: meeting.onlineLink || undefined,
      status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: details.stamp ?? new Date(),
      // RFC 5545 SEQUENCE: goes up with each change to the meeting, so a calendar that already has the event takes the new time or place.
      sequence: Math.max(0, (meeting._log?.length ?? 1) - 1),
    };
    if (meeting.startTime === '') {
      // No time yet: an all-day event on the day.
      calendar.createEvent({ ...common, allDay: true, start: plainDateOf(meeting.date) });
      continue;
    }
    const end = meeting.endTime && meeting.endTime > meeting.startTime ? { date: meeting.date, time: meeting.endTime } : later(meeting.date, meeting.startTime, DEFAULT_DURATION_MINUTES);
    calendar.createEvent({ ...common, timezone: LONDON, start: londonDateTime(meeting.date, meeting.startTime), end: londonDateTime(end.date, end.time) });
  }
  return calendar.toString();
}

/** The .ics file for some meetings: "<consortium> – <what> – <date>.ics". */
export function meetingsIcsFile(meetings: readonly CalendarMeeting[], details: CalendarDetails, what: string, onDate: string): ExportFile {
  return {
    bytes: new TextEncoder().encode(meetingsCalendar(meetings, details)),
    fileName: exportFileName([details.consortiumName, what], onDate, 'ics'),
    mimeType: 'text/calendar',
    description: 'Calendar (iCalendar)',
  };
}
