/**
 * Meetings: those coming up, each with its kind, time and place and where its agenda
 * pack stands (Partnership Agreement 10.5: due by, circulated in time, or late by N
 * working days), and those held. The secretariat or the chair schedules a year of
 * meetings or adds one; anyone saves the schedule as an .ics file for calendars
 * (docs/architecture.md, "Meetings: the schedule and notice").
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'react-router';
import { MEETING_KIND_LABELS, type Consortium, type Meeting } from '../../../shared/domain/entities';
import { useConsortium } from '../../app/use-consortium';
import { useStore } from '../../db/store-context';
import { formatDayAndDate, todayInLondon } from '../../ui/dates';
import { EmptyState, Page } from '../../ui/Page';
import { ScheduleCalendarExport, useKeepsMeetings } from './MeetingCalendarExport';
import { packNotice, packNoticeWords } from './notice-words';
import './schedule.css';

function MeetingsTable({ caption, meetings, consortium, today, showPapers }: { caption: string; meetings: Meeting[]; consortium: Consortium; today: string; showPapers: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Meeting</th>
            <th scope="col">Time and place</th>
            {showPapers && <th scope="col">Agenda pack</th>}
          </tr>
        </thead>
        <tbody>
          {meetings.map((meeting) => {
            const notice = showPapers ? packNotice(meeting, consortium, today) : null;
            const warn = notice && (notice.state === 'late' || notice.state === 'overdue');
            return (
              <tr key={meeting.id}>
                <td className="cell-nowrap">{formatDayAndDate(meeting.date)}</td>
                <th scope="row">
                  <Link to={`/meetings/${encodeURIComponent(meeting.id)}`}>{meeting.title}</Link>
                  {meeting.status === 'cancelled' && <span className="tag tag--resigned">Cancelled</span>}
                  {meeting.lastOfYear && <span className="tag tag--last-of-year">Last of the financial year</span>}
                  {meeting.title !== MEETING_KIND_LABELS[meeting.kind] && <div className="muted cell-secondary">{MEETING_KIND_LABELS[meeting.kind]}</div>}
                </th>
                <td>{[[meeting.startTime, meeting.endTime].filter(Boolean).join(' to '), meeting.location || (meeting.onlineLink ? 'Online' : '')].filter(Boolean).join(', ')}</td>
                {notice && <td className={warn ? 'cell-warning' : undefined}>{meeting.status === 'cancelled' ? 'Not needed: cancelled' : packNoticeWords(notice)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function MeetingsPage() {
  const { db } = useStore();
  const consortium = useConsortium();
  const keeps = useKeepsMeetings();
  const location = useLocation();
  const saved = (location.state as { saved?: string } | null)?.saved ?? '';
  const meetings = useLiveQuery(async () => (await db.meetings.orderBy('date').toArray()).filter((m) => !m.deleted), [db]);
  const today = todayInLondon();
  if (!consortium || meetings === undefined) return <Page title="Meetings" />;
  const upcoming = meetings.filter((m) => m.date >= today);
  const past = meetings.filter((m) => m.date < today).reverse();
  return (
    <Page title="Meetings">
      {keeps && (
        <div className="meeting-actions meetings-page-actions">
          <Link className="button button--primary" to="/meetings/schedule">
            Schedule meetings
          </Link>
          <Link className="button button--secondary" to="/meetings/new">
            Add a meeting
          </Link>
        </div>
      )}
      <p className="meetings-page-links">
        <Link to="/actions">The action log, and search across minutes and actions</Link>
      </p>
      <p className="status-line" role="status">
        {saved}
      </p>
      {meetings.length === 0 ? (
        <EmptyState>
          <p>
            Meetings will be here: the schedule for the year, each meeting’s agenda and papers with the date they must go out,
            attendance and apologies, whether the meeting was quorate, and its minutes and actions.
          </p>
        </EmptyState>
      ) : (
        <>
          <ScheduleCalendarExport meetings={upcoming} />
          {upcoming.length > 0 ? (
            <MeetingsTable caption="Coming up" meetings={upcoming} consortium={consortium} today={today} showPapers />
          ) : (
            <p>No meetings are planned.</p>
          )}
          {past.length > 0 && <MeetingsTable caption="Held" meetings={past} consortium={consortium} today={today} showPapers={false} />}
        </>
      )}
    </Page>
  );
}
