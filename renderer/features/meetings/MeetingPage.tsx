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
import { useConsortium } from '../../app/use-consortium';
import { AgendaSection } from './AgendaSection';
import { AttendanceSection } from './AttendanceSection';
import { MinutesSection } from './MinutesSection';
import { MotionsSection } from '../decisions/MotionsSection';
import { ElectionsSection } from '../decisions/ElectionsSection';

export function MeetingPage() {
  const { meetingId } = useParams();
  const { db } = useStore();
  const consortium = useConsortium();
  const loaded = useLiveQuery(async () => {
    const meeting = meetingId ? await db.meetings.get(meetingId) : undefined;
    if (!meeting || meeting.deleted) return null;
    return { meeting };
  }, [db, meetingId]);
  if (loaded === undefined || consortium === undefined) return null;
  if (loaded === null) {
    return (
      <Page title="Meeting not found" back={<Link to="/meetings">Meetings</Link>}>
        <EmptyState>
          <p>This copy holds no such meeting. It may not have reached this copy yet.</p>
        </EmptyState>
      </Page>
    );
  }
  const { meeting } = loaded;
  return (
    <Page
      title={meeting.title}
      back={<Link to="/meetings">Meetings</Link>}
      intro={<p>{[formatDayAndDate(meeting.date), meeting.startTime, meeting.location].filter(Boolean).join(', ')}</p>}
    >
      <MeetingCalendarExport meetingId={meeting.id} />
      <PapersNotice meetingId={meeting.id} />
      {consortium && <AgendaSection meeting={meeting} consortium={consortium} />}
      {consortium && <AttendanceSection meeting={meeting} consortium={consortium} />}
      {consortium && <MotionsSection meeting={meeting} consortium={consortium} />}
      {consortium && meeting.kind === 'consortium' && <ElectionsSection meeting={meeting} consortium={consortium} />}
      <MinutesSection meetingId={meeting.id} />
    </Page>
  );
}
