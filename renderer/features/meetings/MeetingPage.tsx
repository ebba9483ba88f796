/**
 * One meeting: when and where, and its agenda in order, each item linked to
 * what it was referred from (an application referred by the chair,
 * Partnership Agreement 5.3). The schedule, papers, attendance and minutes
 * come with the meetings issue; this page is where they will live.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useParams } from 'react-router';
import { useStore } from '../../db/store-context';
import { formatDayAndDate } from '../../ui/dates';
import { EmptyState, Page } from '../../ui/Page';
import { MeetingCalendarExport } from './MeetingCalendarExport';
import { PapersNotice } from './PapersNotice';
import { MinutesSection } from './MinutesSection';

export function MeetingPage() {
  const { meetingId } = useParams();
  const { db } = useStore();
  const loaded = useLiveQuery(async () => {
    const meeting = meetingId ? await db.meetings.get(meetingId) : undefined;
    if (!meeting || meeting.deleted) return null;
    const items = (await db.agendaItems.where('meetingId').equals(meeting.id).toArray()).filter((i) => !i.deleted).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
    return { meeting, items };
  }, [db, meetingId]);
  if (loaded === undefined) return null;
  if (loaded === null) {
    return (
      <Page title="Meeting not found" back={<Link to="/meetings">Meetings</Link>}>
        <EmptyState>
          <p>This copy holds no such meeting. It may not have reached this copy yet.</p>
        </EmptyState>
      </Page>
    );
  }
  const { meeting, items } = loaded;
  return (
    <Page
      title={meeting.title}
      back={<Link to="/meetings">Meetings</Link>}
      intro={<p>{[formatDayAndDate(meeting.date), meeting.startTime, meeting.location].filter(Boolean).join(', ')}</p>}
    >
      <MeetingCalendarExport meetingId={meeting.id} />
      <PapersNotice meetingId={meeting.id} />
      <section className="form-section" aria-labelledby="meeting-agenda">
        <h2 id="meeting-agenda" className="section-title">
          Agenda
        </h2>
        {items.length === 0 ? (
          <p>Nothing is on the agenda yet.</p>
        ) : (
          <ol className="agenda-list" aria-labelledby="meeting-agenda">
            {items.map((item) => (
              <li key={item.id}>
                {item.refersToTable === 'applications' && item.refersToRow ? <Link to={`/applications/${encodeURIComponent(item.refersToRow)}`}>{item.title}</Link> : item.title}
                {(item.presenter || item.paperTitle) && <div className="muted cell-secondary">{[item.presenter, item.paperTitle && `Paper: ${item.paperTitle}`].filter(Boolean).join(' · ')}</div>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <MinutesSection meetingId={meeting.id} />
    </Page>
  );
}
