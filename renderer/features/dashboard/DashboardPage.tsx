/**
 * The dashboard: the consortium at a glance. How many members there are, how many may
 * vote and the quorum that gives (Partnership Agreement 10.6), the next meeting and when
 * its papers are due (10.5), and who the Accountable Body is (8.1).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { ROLE_LABELS, type Consortium } from '../../../shared/domain/entities';
import { NATION_LABELS } from '../../../shared/rules/constitution';
import { useConsortium } from '../../app/use-consortium';
import { useInstallation, useStore } from '../../db/store-context';
import { formatDayAndDate, todayInLondon } from '../../ui/dates';
import { Page } from '../../ui/Page';
import { MONTH_CHOICES } from '../consortium/consortium-form';
import { papersLine } from '../meetings/papers';
import { MembershipCard } from './MembershipCard';

function NextMeeting({ consortium, today }: { consortium: Consortium; today: string }) {
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

function AccountableBody({ consortium }: { consortium: Consortium }) {
  const { db } = useStore();
  const body = useLiveQuery(async () => (consortium.accountableBodyId ? ((await db.organisations.get(consortium.accountableBodyId)) ?? null) : null), [db, consortium.accountableBodyId]);
  const month = MONTH_CHOICES.find((m) => m.value === consortium.financialYearStartMonth)?.label ?? '';
  return (
    <section className="card" aria-labelledby="card-consortium">
      <h2 className="card-title" id="card-consortium">
        The consortium
      </h2>
      <dl className="facts facts--compact">
        <dt>Accountable Body</dt>
        <dd>{body && !body.deleted ? body.name : <span className="muted">Not named yet</span>}</dd>
        <dt>Area</dt>
        <dd>{consortium.area}</dd>
        <dt>Financial year</dt>
        <dd>
          Starts {consortium.financialYearStartDay} {month}
        </dd>
        <dt>Bank holidays</dt>
        <dd>{NATION_LABELS[consortium.nation]}</dd>
      </dl>
      <p className="card-link">
        <Link to="/settings">Settings</Link>
      </p>
    </section>
  );
}

export function DashboardPage() {
  const consortium = useConsortium();
  const installation = useInstallation();
  const today = todayInLondon();
  if (!consortium) return <Page title="Dashboard" />;
  return (
    <Page
      title="Dashboard"
      intro={
        <p>
          {consortium.name}. Today is {formatDayAndDate(today)}; this computer is used by the {installation.role ? ROLE_LABELS[installation.role].toLowerCase() : 'consortium'}.
        </p>
      }
    >
      <div className="cards">
        <MembershipCard consortium={consortium} />
        <NextMeeting consortium={consortium} today={today} />
        <AccountableBody consortium={consortium} />
      </div>
    </Page>
  );
}
