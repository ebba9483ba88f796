/** The consortium's year: the financial year and quarter today falls in, and who holds the funds. */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import type { Consortium } from '../../../shared/domain/entities';
import { financialYearOf, quarterBounds, quarterOf } from '../../../shared/rules';
import { useStore } from '../../db/store-context';
import { formatDate } from '../../ui/dates';

export function YearCard({ consortium, today }: { consortium: Consortium; today: string }) {
  const { db } = useStore();
  const body = useLiveQuery(
    async () => (consortium.accountableBodyId ? ((await db.organisations.get(consortium.accountableBodyId)) ?? null) : null),
    [db, consortium.accountableBodyId],
  );
  const { financialYearStartMonth: month, financialYearStartDay: day } = consortium;
  const year = financialYearOf(today, month, day);
  const quarter = quarterOf(today, month, day);
  const bounds = quarterBounds(year, quarter, month, day);
  return (
    <section className="card" aria-labelledby="card-year">
      <h2 className="card-title" id="card-year">
        This year
      </h2>
      <p className="card-figure card-figure--text">Financial year {year.label}</p>
      <dl className="facts facts--stacked">
        <dt>Quarter</dt>
        <dd>
          Q{quarter}: {formatDate(bounds.start)} to {formatDate(bounds.end)}
        </dd>
        <dt>Accountable Body</dt>
        <dd>{body && !body.deleted ? body.name : <span className="muted">Not named yet</span>}</dd>
      </dl>
      <p className="card-link">
        <Link to="/settings">Consortium settings</Link>
      </p>
    </section>
  );
}
