/**
 * Meetings on the dashboard (Partnership Agreement 10.5; docs/architecture.md,
 * "Meetings: the schedule and notice"): the next planned meetings, the agenda packs
 * due in the next 10 working days and not yet sent, and the packs that went out late
 * or are past due. Overdue actions have a card of their own beside this one.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import type { Consortium, Meeting } from '../../../shared/domain/entities';
import { formatLongDate } from '../../../shared/rules';
import { useCitation } from '../../app/use-citation';
import { useStore } from '../../db/store-context';
import { formatDayAndDate } from '../../ui/dates';
import { dashboardNotice, packNoticeWords } from '../meetings/notice-words';
import '../meetings/schedule.css';

/** How many of the next meetings the card lists. */
const SHOWN = 3;

const meetingLink = (meeting: Meeting) => <Link to={`/meetings/${encodeURIComponent(meeting.id)}`}>{meeting.title}</Link>;

export function NextMeetingCard({ consortium, today }: { consortium: Consortium; today: string }) {
  const { db } = useStore();
  const { cite } = useCitation();
  const meetings = useLiveQuery(async () => (await db.meetings.where('date').aboveOrEqual(today).sortBy('date')).filter((m) => !m.deleted && m.status === 'planned'), [db, today]);
  if (meetings === undefined) return null;
  const next = meetings.slice(0, SHOWN);
  const notice = dashboardNotice(meetings, consortium, today);
  return (
    <section className="card" aria-labelledby="card-next-meeting">
      <h2 className="card-title" id="card-next-meeting">
        Next meeting
      </h2>
      {next.length > 0 ? (
        <>
          <p className="card-figure card-figure--text">{formatDayAndDate(next[0]!.date)}</p>
          <p>
            {meetingLink(next[0]!)}
            {next[0]!.startTime || next[0]!.location ? <span className="muted"> · {[next[0]!.startTime, next[0]!.location].filter(Boolean).join(', ')}</span> : null}
          </p>
          {next.length > 1 && (
            <>
              <h3 className="card-subtitle">Then</h3>
              <ul className="card-list">
                {next.slice(1).map((m) => (
                  <li key={m.id}>
                    {formatDayAndDate(m.date)}: {meetingLink(m)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 className="card-subtitle">Papers due in the next 10 working days</h3>
          {notice.dueSoon.length > 0 ? (
            <ul className="card-list">
              {notice.dueSoon.map(({ meeting, dueBy }) => (
                <li key={meeting.id}>
                  By {formatLongDate(dueBy)}, for {meetingLink(meeting)} on {formatDayAndDate(meeting.date)}
                </li>
              ))}
            </ul>
          ) : (
            <p>None.</p>
          )}
          {notice.late.length > 0 && (
            <>
              <h3 className="card-subtitle">Late agenda packs ({cite('notice')})</h3>
              <ul className="card-list warning">
                {notice.late.map(({ meeting, notice: late }) => (
                  <li key={meeting.id}>
                    {meetingLink(meeting)} on {formatDayAndDate(meeting.date)}. {packNoticeWords(late)}.
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <p>No meeting is planned. Meetings you schedule will appear here with the date their papers are due.</p>
      )}
      <p className="card-link">
        <Link to="/meetings">All meetings</Link>
      </p>
    </section>
  );
}
