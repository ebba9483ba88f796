/**
 * The action log across meetings (rule 18: each action has one point of
 * accountability, a date and an expected outcome; open actions come back at
 * every meeting until closed), and search across every meeting's minutes and
 * actions as you type, each match shown in its words (docs/architecture.md,
 * "Meetings: minutes, actions and search"). One action's page shows its
 * history; the accountable organisation's copy reports its progress there, and
 * the secretariat or the chair closes it.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useParams } from 'react-router';
import type { Action, AgendaItem, Meeting, Organisation } from '../../../shared/domain/entities';
import { useCitation } from '../../app/use-citation';
import { useThisCopyRole } from '../../app/use-roles';
import { londonToday } from '../../db/london-today';
import { useInstallation, useStore } from '../../db/store-context';
import { formatDate } from '../../ui/dates';
import { EmptyState, Page } from '../../ui/Page';
import { describeSaveError } from '../../ui/save-error';
import { RecordHistory } from '../reports/RecordHistory';
import { closeAction, reportProgress } from './minutes-actions';
import { progressWords } from './minutes-document';
import { MinutesSearch, searchDocuments, whereWords, type SearchHit } from './minutes-search';
import './minutes.css';

const live = <T extends { deleted?: boolean }>(rows: T[]) => rows.filter((r) => !r.deleted);
const PAGE = 100;

type Show = 'open' | 'overdue' | 'closed' | 'all';
const SHOW_WORDS: Record<Show, string> = { open: 'Open actions', overdue: 'Overdue actions', closed: 'Closed actions', all: 'Every action' };

export function ActionsPage() {
  const { db } = useStore();
  const { cite } = useCitation();
  const data = useLiveQuery(async () => {
    const [actions, meetings, organisations] = await Promise.all([db.actions.toArray(), db.meetings.toArray(), db.organisations.toArray()]);
    return { actions: live(actions), meetings: live(meetings), organisations };
  }, [db]);
  if (!data) return <Page title="Actions" />;
  return (
    <Page
      title="Actions"
      back={<Link to="/meetings">Meetings</Link>}
      intro={
        <p>
          Every action agreed at a meeting, with the one organisation accountable for it and when it is due. Open actions come back under matters arising at every meeting until
          the meeting closes them; decisions are by consensus where possible ({cite('consensus')}).
        </p>
      }
    >
      <Search meetings={data.meetings} />
      <ActionLog actions={data.actions} meetings={data.meetings} organisations={data.organisations} />
    </Page>
  );
}

function Search({ meetings }: { meetings: Meeting[] }) {
  const { db } = useStore();
  const [index] = useState(() => new MinutesSearch());
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  // The index is built the first time the box is used, not when the page opens, so the action log opens at once.
  const [wanted, setWanted] = useState(false);
  const [indexed, setIndexed] = useState(0);
  // Everything searchable, live: the index takes in only what changed (minutes-search.ts).
  const corpus = useLiveQuery(async () => {
    if (!wanted) return undefined;
    const [minutes, actions, items] = await Promise.all([db.minutes.toArray(), db.actions.toArray(), db.agendaItems.toArray()]);
    return { minutes, actions, items };
  }, [db, wanted]);
  const itemsById = useMemo(() => new Map<string, AgendaItem>((corpus?.items ?? []).map((i) => [i.id, i])), [corpus]);
  useEffect(() => {
    if (!corpus) return;
    let current = true;
    void index.update(searchDocuments(corpus.minutes, corpus.actions, (id) => itemsById.get(id)?.title ?? 'An agenda item')).then(() => current && setIndexed((n) => n + 1));
    return () => {
      current = false;
    };
  }, [corpus, itemsById, index]);
  const hits: SearchHit[] = useMemo(() => (indexed > 0 ? index.search(deferred, 30) : []), [deferred, indexed, index]);
  const meetingsById = useMemo(() => new Map(meetings.map((m) => [m.id, m])), [meetings]);
  return (
    <section className="form-section" aria-labelledby="search-title">
      <h2 id="search-title" className="section-title">
        Search the minutes and actions
      </h2>
      <div className="field">
        <label className="field-label" htmlFor="minutes-search">
          Words to find
        </label>
        <p className="field-hint" id="minutes-search-hint">
          Searches every meeting’s notes, decisions and actions as you type. Words are matched from their start.
        </p>
        <input id="minutes-search" type="search" className="input input--full" aria-describedby="minutes-search-hint" value={query}
          onFocus={() => setWanted(true)}
          onChange={(e) => (setWanted(true), setQuery(e.target.value))}
          autoComplete="off"
        />
      </div>
      <p className="status-line" role="status">
        {deferred.trim() === '' ? '' : indexed === 0 ? 'Preparing the search…' : hits.length === 0 ? `Nothing found for “${deferred.trim()}”.` : `${hits.length === 30 ? 'The first 30' : hits.length} ${hits.length === 1 ? 'match' : 'matches'} for “${deferred.trim()}”.`}
      </p>
      {hits.length > 0 && (
        <ol className="search-results" aria-label="Matches">
          {hits.map((hit) => {
            const meeting = meetingsById.get(hit.document.meetingId);
            const item = hit.document.kind === 'action' ? undefined : itemsById.get(corpus?.minutes.find((m) => m.id === hit.document.row)?.agendaItemId ?? '');
            const to = hit.document.kind === 'action' ? `/actions/${encodeURIComponent(hit.document.row)}` : `/meetings/${encodeURIComponent(hit.document.meetingId)}`;
            return (
              <li key={hit.document.id}>
                <Link to={to}>{whereWords(hit.document, meeting, item, formatDate)}</Link>
                <p className="search-excerpt">
                  {hit.excerpt.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function ActionLog({ actions, meetings, organisations }: { actions: Action[]; meetings: Meeting[]; organisations: Organisation[] }) {
  const [show, setShow] = useState<Show>('open');
  const [who, setWho] = useState('');
  const [shown, setShown] = useState(PAGE);
  const today = londonToday();
  const orgName = useMemo(() => new Map(organisations.map((o) => [o.id, o.name])), [organisations]);
  const meetingsById = useMemo(() => new Map(meetings.map((m) => [m.id, m])), [meetings]);
  const listed = useMemo(
    () =>
      actions
        .filter((a) => (show === 'all' ? true : show === 'closed' ? a.status === 'closed' : show === 'overdue' ? a.status === 'open' && a.dueOn !== '' && a.dueOn < today : a.status === 'open'))
        .filter((a) => who === '' || a.accountableOrganisationId === who)
        .sort((a, b) => (a.dueOn || '9999').localeCompare(b.dueOn || '9999') || a.action.localeCompare(b.action)),
    [actions, show, who, today],
  );
  const accountable = useMemo(() => [...new Set(actions.map((a) => a.accountableOrganisationId))].map((id) => ({ id, name: orgName.get(id) ?? 'An organisation not in the register' })).sort((a, b) => a.name.localeCompare(b.name)), [actions, orgName]);
  return (
    <section className="form-section action-log" aria-labelledby="action-log-title">
      <h2 id="action-log-title" className="section-title">
        Action log
      </h2>
      <div className="inline-fields">
        <div className="field">
          <label className="field-label" htmlFor="actions-show">
            Show
          </label>
          <select id="actions-show" className="input input--medium" value={show} onChange={(e) => (setShow(e.target.value as Show), setShown(PAGE))}>
            {(Object.keys(SHOW_WORDS) as Show[]).map((s) => (
              <option key={s} value={s}>
                {SHOW_WORDS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="actions-who">
            Accountable
          </label>
          <select id="actions-who" className="input input--medium" value={who} onChange={(e) => (setWho(e.target.value), setShown(PAGE))}>
            <option value="">Any organisation</option>
            {accountable.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {actions.length === 0 ? (
        <EmptyState>
          <p>Actions agreed in a meeting’s minutes will be listed here, with who is accountable for each and when it is due.</p>
        </EmptyState>
      ) : listed.length === 0 ? (
        <p>No actions to show.</p>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="action-log-caption">
            <table className="table">
              <caption id="action-log-caption">
                {SHOW_WORDS[show]}: {listed.length}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Who</th>
                  <th scope="col">By when</th>
                  <th scope="col">Agreed at</th>
                  <th scope="col">Progress</th>
                </tr>
              </thead>
              <tbody>
                {listed.slice(0, shown).map((a) => {
                  const meeting = meetingsById.get(a.meetingId);
                  const overdue = a.status === 'open' && a.dueOn !== '' && a.dueOn < today;
                  return (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link to={`/actions/${encodeURIComponent(a.id)}`}>{a.action}</Link>
                      </th>
                      <td>{orgName.get(a.accountableOrganisationId) ?? 'An organisation not in the register'}</td>
                      <td className={overdue ? 'cell-nowrap cell-warning' : 'cell-nowrap'}>
                        {a.dueOn ? formatDate(a.dueOn) : ''}
                        {overdue && <span className="visually-hidden"> (overdue)</span>}
                      </td>
                      <td>{meeting ? <Link to={`/meetings/${encodeURIComponent(meeting.id)}`}>{formatDate(meeting.date)}</Link> : ''}</td>
                      <td>{progressWords(a)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {listed.length > shown && (
            <button type="button" className="button button--secondary" onClick={() => setShown((n) => n + PAGE)}>
              Show {Math.min(PAGE, listed.length - shown)} more of {listed.length - shown}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** One action: what, who, when, progress reported, and its history. */
export function ActionPage() {
  const { actionId } = useParams();
  const { db } = useStore();
  const data = useLiveQuery(async () => {
    const action = actionId ? await db.actions.get(actionId) : undefined;
    if (!action || action.deleted) return null;
    const [meetings, organisations] = await Promise.all([db.meetings.toArray(), db.organisations.toArray()]);
    return { action, meetings: live(meetings), organisations };
  }, [db, actionId]);
  if (data === undefined) return null;
  if (data === null)
    return (
      <Page title="Action not found" back={<Link to="/actions">Actions</Link>}>
        <EmptyState>
          <p>This copy holds no such action. It may not have reached this copy yet.</p>
        </EmptyState>
      </Page>
    );
  return <ActionView {...data} />;
}

function ActionView({ action, meetings, organisations }: { action: Action; meetings: Meeting[]; organisations: Organisation[] }) {
  const store = useStore();
  const installation = useInstallation();
  const role = useThisCopyRole();
  const today = londonToday();
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const agreedAt = meetings.find((m) => m.id === action.meetingId);
  const taker = !!role && (role.offices.includes('secretariat') || role.offices.includes('chair'));
  const accountable = installation.organisationId !== '' && installation.organisationId === action.accountableOrganisationId;
  const [progress, setProgress] = useState(action.progress);
  const [done, setDone] = useState(action.reportedDone);
  const [status, setStatus] = useState({ message: '', failed: false });
  const nextMeeting = meetings.filter((m) => m.date >= today && m.status !== 'cancelled').sort((a, b) => a.date.localeCompare(b.date))[0];
  const run = async (work: () => Promise<void>, words: string) => {
    setStatus({ message: '', failed: false });
    try {
      await work();
      setStatus({ message: words, failed: false });
    } catch (error) {
      setStatus({ message: describeSaveError(error), failed: true });
    }
  };
  return (
    <Page title={action.action} back={<Link to="/actions">Actions</Link>}>
      <div className="action-page">
      <dl className="action-facts">
        <dt>Who is accountable</dt>
        <dd>{orgName.get(action.accountableOrganisationId) ?? 'An organisation not in the register'}</dd>
        <dt>By when</dt>
        <dd>{action.dueOn ? formatDate(action.dueOn) : 'No date set'}</dd>
        <dt>Agreed at</dt>
        <dd>{agreedAt ? <Link to={`/meetings/${encodeURIComponent(agreedAt.id)}`}>{`${agreedAt.title}, ${formatDate(agreedAt.date)}`}</Link> : 'A meeting not on this copy'}</dd>
        {action.expectedOutcome && (
          <>
            <dt>Expected outcome</dt>
            <dd>{action.expectedOutcome}</dd>
          </>
        )}
        <dt>Where it stands</dt>
        <dd>{action.status === 'closed' ? `Closed${action.closedOn ? ` on ${formatDate(action.closedOn)}` : ''}` : progressWords(action)}</dd>
      </dl>
      <p className={status.failed ? 'status-line warning' : 'status-line'} role="status">
        {status.message}
      </p>
      {(accountable || taker) && action.status === 'open' && (
        <section className="form-section" aria-labelledby="progress-title">
          <h2 id="progress-title" className="section-title">
            Progress
          </h2>
          <p className="section-intro">
            {accountable ? 'Your organisation is accountable for this action: what you report here reaches the secretariat with your next bundle.' : 'Progress as the accountable organisation reports it, or as you record it for them.'}
          </p>
          <div className="field">
            <label className="field-label" htmlFor="action-progress">
              Progress so far
            </label>
            <textarea id="action-progress" className="input input--full" rows={3} value={progress} onChange={(e) => setProgress(e.target.value)} />
          </div>
          <div className="field field--checkbox">
            <input id="action-done" type="checkbox" className="checkbox" checked={done} onChange={(e) => setDone(e.target.checked)} />
            <label className="field-label field-label--inline" htmlFor="action-done">
              Done: ready for the meeting to close
            </label>
          </div>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={() => void run(() => reportProgress(store, action.id, { progress, progressOn: today, reportedDone: done }), 'Saved the progress.')}>
              Save the progress
            </button>
          </div>
        </section>
      )}
      {taker && (
        <div className="form-actions">
          {action.status === 'open' ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void run(() => closeAction(store, action.id, { closedOn: today, closedAtMeetingId: nextMeeting && nextMeeting.date === today ? nextMeeting.id : '' }), 'Closed the action.')}
            >
              Close the action
            </button>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => void run(() => closeAction(store, action.id, null), 'Opened the action again.')}>
              Open the action again
            </button>
          )}
        </div>
      )}
      <RecordHistory id="action-history" records={[{ table: 'actions', row: action.id }]} />
      </div>
    </Page>
  );
}
