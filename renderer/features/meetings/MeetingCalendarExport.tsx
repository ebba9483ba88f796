/**
 * A meeting's when and where, and the buttons that save it, or the whole schedule, as
 * an .ics file for calendars (renderer/exports/ics.ts; docs/architecture.md, "Meetings:
 * the schedule and notice"). The file is saved through the platform: a save dialog
 * on the desktop, a download in the browser. ical-generator is loaded the first time
 * a calendar is made, so the app starts without it.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'react-router';
import { MEETING_KIND_LABELS, type Consortium, type Meeting } from '../../../shared/domain/entities';
import { usePlatform } from '../../app/platform-context';
import { useCitation } from '../../app/use-citation';
import { useConsortium } from '../../app/use-consortium';
import { useThisCopyRole } from '../../app/use-roles';
import { useStore } from '../../db/store-context';
import { saveExport } from '../../exports/save';
import { formatDayAndDate, todayInLondon } from '../../ui/dates';
import './schedule.css';

type Outcome = { busy: boolean; message: string; failed: boolean };

/** Whether this copy keeps the meetings: the secretariat or the chair (shared/domain/registry.ts). */
export function useKeepsMeetings(): boolean {
  const role = useThisCopyRole();
  return !!role && (role.offices.includes('secretariat') || role.offices.includes('chair'));
}

function useSaveCalendar(consortium: Consortium | null | undefined) {
  const platform = usePlatform();
  const { cite } = useCitation();
  const [outcome, setOutcome] = useState<Outcome>({ busy: false, message: '', failed: false });
  const save = async (meetings: Meeting[], what: string) => {
    if (!consortium) return;
    setOutcome({ busy: true, message: '', failed: false });
    try {
      const { meetingsIcsFile } = await import('../../exports/ics');
      const note = `The last meeting of the financial year: the Chair is elected (${cite('chair')}) and the Accountable Body’s appointment may be reviewed (${cite('abReview')}).`;
      const result = await saveExport(platform, meetingsIcsFile(meetings, { consortiumName: consortium.name, lastOfYearNote: note }, what, todayInLondon()));
      setOutcome({ busy: false, failed: false, message: result.saved ? `Saved ${result.location}.` : 'Not saved: the save was cancelled.' });
    } catch (error) {
      setOutcome({ busy: false, failed: true, message: `The calendar file could not be saved: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return { outcome, save };
}

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  return (
    <p className={outcome.failed ? 'warning' : 'status-line'} role="status">
      {outcome.message}
    </p>
  );
}

/** One meeting: when, where, access and joining online, with "Add to a calendar" and a link to change it. */
export function MeetingCalendarExport({ meetingId, withEdit = true }: { meetingId: string; withEdit?: boolean }) {
  const { db } = useStore();
  const consortium = useConsortium();
  const keeps = useKeepsMeetings();
  const { cite } = useCitation();
  const meeting = useLiveQuery(async () => (await db.meetings.get(meetingId)) ?? null, [db, meetingId]);
  const { outcome, save } = useSaveCalendar(consortium);
  // What the meeting form saved, when it brought the person here.
  const saved = (useLocation().state as { saved?: string } | null)?.saved ?? '';
  if (!meeting || meeting.deleted) return null;
  const time = [meeting.startTime, meeting.endTime].filter(Boolean).join(' to ');
  return (
    <section className="panel meeting-when" aria-labelledby="meeting-when-title">
      <h2 className="section-title" id="meeting-when-title">
        When and where
      </h2>
      {saved && (
        <p className="status-line" role="status">
          {saved}
        </p>
      )}
      <dl className="facts facts--compact">
        <dt>Kind</dt>
        <dd>{MEETING_KIND_LABELS[meeting.kind]}</dd>
        <dt>Date</dt>
        <dd>
          {formatDayAndDate(meeting.date)}
          {meeting.status === 'cancelled' ? ' (cancelled)' : ''}
        </dd>
        <dt>Time</dt>
        <dd>{time ? `${time}, London time` : 'Not set yet'}</dd>
        <dt>Venue</dt>
        <dd>{meeting.location || (meeting.onlineLink ? 'Online only' : 'Not set yet')}</dd>
        {meeting.accessibilityNotes && (
          <>
            <dt>Access</dt>
            <dd>{meeting.accessibilityNotes}</dd>
          </>
        )}
        {meeting.onlineLink && (
          <>
            <dt>Online</dt>
            <dd className="meeting-link">
              <a href={meeting.onlineLink} target="_blank" rel="noreferrer">
                {meeting.onlineLink}
              </a>
            </dd>
          </>
        )}
      </dl>
      {meeting.lastOfYear && (
        <p>
          The last meeting of the financial year: the Chair is elected ({cite('chair')}) and the Accountable Body’s appointment may be reviewed ({cite('abReview')}).
        </p>
      )}
      <div className="meeting-actions">
        <button type="button" className="button button--secondary" disabled={outcome.busy} onClick={() => void save([meeting], meeting.title)}>
          {outcome.busy ? 'Saving…' : 'Add to a calendar (.ics)'}
        </button>
        {withEdit && keeps && (
          <Link className="button button--quiet" to={`/meetings/${encodeURIComponent(meeting.id)}/edit`}>
            Change the date, time or venue
          </Link>
        )}
      </div>
      <OutcomeLine outcome={outcome} />
    </section>
  );
}

/** The whole schedule from today, one event per meeting, cancelled ones marked so calendars drop them. */
export function ScheduleCalendarExport({ meetings }: { meetings: readonly Meeting[] }) {
  const consortium = useConsortium();
  const { outcome, save } = useSaveCalendar(consortium);
  const today = todayInLondon();
  const coming = meetings.filter((m) => !m.deleted && m.date >= today);
  if (coming.length === 0) return null;
  return (
    <div className="schedule-export">
      <button type="button" className="button button--secondary" disabled={outcome.busy} onClick={() => void save(coming, 'meetings')}>
        {outcome.busy ? 'Saving…' : 'Export the schedule (.ics)'}
      </button>
      <OutcomeLine outcome={outcome} />
    </div>
  );
}
