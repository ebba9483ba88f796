import { describe, expect, it } from 'vitest';
import { londonDateTime, meetingsCalendar, meetingsIcsFile, type CalendarMeeting } from './ics';

const meeting = (over: Partial<CalendarMeeting>): CalendarMeeting => ({
  id: 'm1',
  title: 'Consortium meeting',
  kind: 'consortium',
  date: '2026-06-02',
  startTime: '10:00',
  endTime: '',
  location: '',
  accessibilityNotes: '',
  onlineLink: '',
  lastOfYear: false,
  status: 'planned',
  ...over,
});

/** The text unfolded (RFC 5545 3.1: a line break followed by a space continues the line), split into events. */
function events(text: string): string[] {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return unfolded.split('BEGIN:VEVENT\r\n').slice(1).map((e) => e.split('END:VEVENT')[0]!);
}
const line = (event: string, name: string) => event.split('\r\n').find((l) => l.startsWith(name));
/** An iCalendar TEXT value read back (RFC 5545 3.3.11). */
const text = (value: string | undefined) => (value ?? '').replace(/^[^:]*:/, '').replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');

describe('meetings as iCalendar', () => {
  const summer = meeting({ id: 'summer', date: '2026-06-02', location: 'Voluntary Action Luton, 15 Williamson Street', accessibilityNotes: 'Step-free entrance; hearing loop', onlineLink: 'https://meet.example.org/consortium' });
  const winter = meeting({ id: 'winter', date: '2026-12-08', endTime: '12:30', lastOfYear: true });
  const ics = meetingsCalendar([winter, summer], { consortiumName: 'Bedfordshire & Luton VCS Consortium', lastOfYearNote: 'The last meeting of the financial year: the Chair is elected (Partnership Agreement 9.2).', stamp: new Date('2026-05-01T09:00:00Z') });
  const [first, second] = events(ics);

  it('writes one event per meeting, in date order, with a UID made from the meeting id', () => {
    expect(events(ics)).toHaveLength(2);
    expect(line(first!, 'UID:')).toBe('UID:summer@meetings.quorum');
    expect(line(second!, 'UID:')).toBe('UID:winter@meetings.quorum');
    // The same meeting exported again keeps its UID.
    expect(line(events(meetingsCalendar([summer], { consortiumName: 'X' }))[0]!, 'UID:')).toBe('UID:summer@meetings.quorum');
  });

  it('numbers each version of a meeting (SEQUENCE), so a calendar that has the event takes the change', () => {
    expect(line(first!, 'SEQUENCE:')).toBe('SEQUENCE:0');
    const moved = meeting({ id: 'summer', startTime: '14:00', _log: ['a|1', 'b|2', 'c|3'] });
    expect(line(events(meetingsCalendar([moved], { consortiumName: 'X' }))[0]!, 'SEQUENCE:')).toBe('SEQUENCE:2');
  });

  it('keeps 10:00 local on both sides of the clock change, with TZID=Europe/London and its VTIMEZONE', () => {
    expect(line(first!, 'DTSTART')).toBe('DTSTART;TZID=Europe/London:20260602T100000');
    expect(line(first!, 'DTEND')).toBe('DTEND;TZID=Europe/London:20260602T120000');
    expect(line(second!, 'DTSTART')).toBe('DTSTART;TZID=Europe/London:20261208T100000');
    expect(line(second!, 'DTEND')).toBe('DTEND;TZID=Europe/London:20261208T123000');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    expect(ics).toMatch(/BEGIN:DAYLIGHT[\s\S]*TZOFFSETTO:\+0100[\s\S]*RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU/);
    expect(ics).toMatch(/BEGIN:STANDARD[\s\S]*TZOFFSETTO:\+0000[\s\S]*RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU/);
    expect(ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    // DTSTAMP is a moment in UTC.
    expect(line(first!, 'DTSTAMP:')).toBe('DTSTAMP:20260501T090000Z');
  });

  it('gives the moment in UTC right: 10:00 in June is 09:00 UTC, in December 10:00 UTC', () => {
    expect(londonDateTime('2026-06-02', '10:00').toInstant().epochMilliseconds).toBe(Date.parse('2026-06-02T09:00:00Z'));
    expect(londonDateTime('2026-12-08', '10:00').toInstant().epochMilliseconds).toBe(Date.parse('2026-12-08T10:00:00Z'));
    // The Sunday the clocks go back: 01:30 happens twice; and an evening meeting running past midnight.
    expect(londonDateTime('2026-10-25', '12:00').toInstant().epochMilliseconds).toBe(Date.parse('2026-10-25T12:00:00Z'));
    const late = events(meetingsCalendar([meeting({ startTime: '23:00' })], { consortiumName: 'X' }))[0]!;
    expect(line(late, 'DTEND')).toBe('DTEND;TZID=Europe/London:20260603T010000');
  });

  it('says where, how to get in and how to join online', () => {
    expect(text(line(first!, 'LOCATION'))).toBe('Voluntary Action Luton, 15 Williamson Street');
    const said = text(line(first!, 'DESCRIPTION'));
    expect(said).toContain('Consortium meeting of Bedfordshire & Luton VCS Consortium.');
    expect(said).toContain('Access: Step-free entrance; hearing loop');
    expect(said).toContain('Join online: https://meet.example.org/consortium');
    expect(line(first!, 'URL')).toContain('https://meet.example.org/consortium');
    expect(text(line(second!, 'DESCRIPTION'))).toContain('the Chair is elected (Partnership Agreement 9.2)');
    expect(text(line(first!, 'DESCRIPTION'))).not.toContain('Chair is elected');
  });

  it('writes a meeting without a time as a day, a cancelled one as cancelled, and an online-only one as online', () => {
    const [day, cancelled] = events(meetingsCalendar([meeting({ id: 'a', startTime: '' }), meeting({ id: 'b', date: '2026-07-01', status: 'cancelled', onlineLink: 'https://meet.example.org/x' })], { consortiumName: 'X' }));
    expect(line(day!, 'DTSTART')).toBe('DTSTART;VALUE=DATE:20260602');
    expect(line(cancelled!, 'STATUS:')).toBe('STATUS:CANCELLED');
    expect(line(cancelled!, 'LOCATION:')).toBe('LOCATION:Online');
  });

  it('names the file for people and marks it as a calendar', () => {
    const file = meetingsIcsFile([summer], { consortiumName: 'Bedfordshire & Luton' }, 'meetings', '2026-11-22');
    expect(file.fileName).toBe('Bedfordshire & Luton – meetings – 2026-11-22.ics');
    expect(file.mimeType).toBe('text/calendar');
    expect(new TextDecoder().decode(file.bytes)).toContain('BEGIN:VCALENDAR');
  });
});
