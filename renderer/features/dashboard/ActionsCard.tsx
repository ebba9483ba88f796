/**
 * Overdue actions at a glance (issue 9, part 11): every open action whose date
 * has passed, with the organisation accountable for it — the single point of
 * accountability of the Working Together protocol (docs/architecture.md,
 * "Meetings: minutes, actions and search").
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/rules/calendar-date';
import { useStore } from '../../db/store-context';

/** How many overdue actions are named before "and N more". */
const NAMED = 5;

export function ActionsCard({ today }: { today: string }) {
  const { db } = useStore();
  const data = useLiveQuery(async () => {
    const [actions, organisations] = await Promise.all([db.actions.where('status').equals('open').toArray(), db.organisations.toArray()]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const overdue = actions
      .filter((a) => !a.deleted && a.dueOn !== '' && a.dueOn < today)
      .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.action.localeCompare(b.action)));
    return { overdue, names, open: actions.filter((a) => !a.deleted).length };
  }, [db, today]);
  if (!data) return null;
  const { overdue, names, open } = data;
  return (
    <section className="card" aria-labelledby="card-actions">
      <h2 className="card-title" id="card-actions">
        Actions
      </h2>
      <p className="card-figure">
        {overdue.length} <span className="card-figure-label">{overdue.length === 1 ? 'action overdue' : 'actions overdue'}</span>
      </p>
      <p className="muted">{open === 1 ? '1 action is open.' : `${open} actions are open.`}</p>
      {overdue.length > 0 && (
        <ul className="card-list">
          {overdue.slice(0, NAMED).map((a) => (
            <li key={a.id}>
              <Link to={`/actions/${encodeURIComponent(a.id)}`}>{a.action}</Link>: {names.get(a.accountableOrganisationId) ?? 'no organisation named'}, due {formatDate(a.dueOn)}
            </li>
          ))}
          {overdue.length > NAMED && <li>and {overdue.length - NAMED} more</li>}
        </ul>
      )}
      <p className="card-link">
        <Link to="/actions">The action log</Link>
      </p>
    </section>
  );
}
