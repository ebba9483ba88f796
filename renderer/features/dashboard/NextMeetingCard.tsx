/** The next planned meeting and where its papers stand (Partnership Agreement 10.5). */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import type { Consortium } from '../../../shared/domain/entities';
import { useStore } from '../../db/store-context';
import { formatDayAndDate } from '../../ui/dates';
import { papersLine } from '../meetings/papers';

export function NextMeetingCard({ consortium, today }: { consortium: Consortium; today: string }) {
  const { db } = useStore();
  const next = useLiveQuery(
    async () => (await db.meetings.where('date').aboveOrEqual(today).sortBy('date')).find((m) => !m.deleted && m.status === 'planned') ?? null,
    [db, today],
  );
  if (next === undefined) return null;
  const papers = next ? papersLine(next, consortium, today) : null;
  return (
    <section className="card" aria-labelledby="card-next-meeting">
      <h2 className="card-title" id="card-next-meeting">
        Next meeting
      </h2>
      {next ? (
        <>
          <p className="card-figure card-figure--text">{formatDayAndDate(next.date)}</p>
          <p>
            {next.title}
            {next.startTime || next.location ? <span className="muted"> · {[next.startTime, next.location].filter(Boolean).join(', ')}</span> : null}
          </p>
          {papers && <p className={papers.ok && papers.notice.status === 'overdue' ? 'warning' : undefined}>{papers.ok ? papers.notice.message : papers.message}</p>}
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
