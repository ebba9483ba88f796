/** The funds the consortium holds, by funder, with the projects each pays for. */
import { useLiveQuery } from 'dexie-react-hooks';
import { formatPounds } from '../../../shared/rules';
import { Link } from 'react-router';
import { useStore } from '../../db/store-context';
import { fundPath } from './FundsAndProjects';

export function FundsTable() {
  const { db } = useStore();
  const rows = useLiveQuery(async () => {
    const [funds, funders, projects] = await Promise.all([db.funds.toArray(), db.funders.toArray(), db.projects.toArray()]);
    const funderName = new Map(funders.map((f) => [f.id, f.name]));
    return funds
      .filter((fund) => !fund.deleted)
      .map((fund) => ({ fund, funder: funderName.get(fund.funderId) ?? '', projects: projects.filter((p) => !p.deleted && p.fundId === fund.id).length }));
  }, [db]);
  if (!rows || rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>Funds held by the Accountable Body</caption>
        <thead>
          <tr>
            <th scope="col">Fund</th>
            <th scope="col">Funder</th>
            <th scope="col">Kind</th>
            <th scope="col">Projects</th>
            <th scope="col" className="cell-number">
              Awarded
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ fund, funder, projects }) => (
            <tr key={fund.id}>
              <th scope="row">
                <Link to={fundPath(fund.id)}>{fund.name}</Link>
              </th>
              <td>{funder}</td>
              <td>{fund.restricted ? 'Restricted' : 'Unrestricted'}</td>
              <td>{projects}</td>
              <td className="cell-number">{formatPounds(fund.awardedPence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
