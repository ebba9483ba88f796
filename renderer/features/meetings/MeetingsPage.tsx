/**
 * Meetings: those coming up, with when their papers are due (Partnership Agreement 10.5),
 * and those held. Scheduling, agendas and minutes come with the meetings feature.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import type { Consortium, Meeting } from '../../../shared/domain/entities';
import { useConsortium } from '../../app/use-consortium';
import { useStore } from '../../db/store-context';
import { formatDayAndDate, todayInLondon } from '../../ui/dates';
import { EmptyState, Page } from '../../ui/Page';
import { papersLine } from './papers';

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
            {showPapers && <th scope="col">Papers</th>}
          </tr>
        </thead>
        <tbody>
          {meetings.map((meeting) => {
            const papers = showPapers ? papersLine(meeting, consortium, today) : null;
            return (
              <tr key={meeting.id}>
                <td className="cell-nowrap">{formatDayAndDate(meeting.date)}</td>
                <th scope="row">
                  <Link to={`/meetings/${encodeURIComponent(meeting.id)}`}>{meeting.title}</Link>
                  {meeting.status === 'cancelled' && <span className="tag tag--resigned">Cancelled</span>}
                </th>
                <td>{[meeting.startTime, meeting.location].filter(Boolean).join(', ')}</td>
                {papers && <td className={papers.ok && papers.notice.status === 'overdue' ? 'cell-warning' : undefined}>{papers.ok ? papers.notice.message : papers.message}</td>}
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
  const meetings = useLiveQuery(async () => (await db.meetings.orderBy('date').toArray()).filter((m) => !m.deleted), [db]);
  const today = todayInLondon();
  if (!consortium || meetings === undefined) return <Page title="Meetings" />;
  const upcoming = meetings.filter((m) => m.date >= today);
  const past = meetings.filter((m) => m.date < today).reverse();
  return (
    <Page title="Meetings">
      {meetings.length === 0 ? (
        <EmptyState>
          <p>
            Meetings will be here: the schedule for the year, each meeting’s agenda and papers with the date they must go out,
            attendance and apologies, whether the meeting was quorate, and its minutes and actions.
          </p>
        </EmptyState>
      ) : (
        <>
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
