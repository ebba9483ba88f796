/**
 * Claims to funders on the Claims page: one per fund and quarter (docs/architecture.md,
 * "Claims: funder claims"). Choose the fund, the year and the quarter to open its
 * claim; the claims already saved are listed with where each stands.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { financialYearOf, quarterOf } from '../../../shared/rules/financial-year';
import { funderClaimLifecycle, stateOf } from '../../../shared/rules/lifecycles';
import { useConsortium } from '../../app/use-consortium';
import { useStore } from '../../db/store-context';
import { todayInLondon } from '../../ui/dates';
import { funderClaimPath } from './FunderClaimPage';

export function FunderClaimsSection() {
  const { db } = useStore();
  const consortium = useConsortium();
  const data = useLiveQuery(async () => {
    const [funds, funders, claims] = await Promise.all([db.funds.toArray(), db.funders.toArray(), db.funderClaims.toArray()]);
    const funder = new Map(funders.map((f) => [f.id, f.name]));
    return {
      funds: funds.filter((f) => !f.deleted).map((f) => ({ id: f.id, name: `${f.name} (${funder.get(f.funderId) ?? 'funder'})` })),
      claims: claims.filter((c) => !c.deleted).map((c) => ({ c, status: funderClaimLifecycle.statusWords[stateOf(funderClaimLifecycle, c).status] })),
    };
  }, [db]);
  const sm = consortium?.financialYearStartMonth ?? 4;
  const sd = consortium?.financialYearStartDay ?? 1;
  const today = todayInLondon();
  const thisYear = financialYearOf(today, sm, sd);
  const [fundId, setFundId] = useState('');
  const [year, setYear] = useState(thisYear.label);
  const [quarter, setQuarter] = useState(String(quarterOf(today, sm, sd)));
  if (!data || data.funds.length === 0 || !consortium) return null;
  const chosenFund = data.funds.some((f) => f.id === fundId) ? fundId : data.funds[0]!.id;
  const years = Array.from({ length: 8 }, (_, i) => financialYearOf(`${thisYear.startYear - 5 + i}-${String(sm).padStart(2, '0')}-${String(sd).padStart(2, '0')}`, sm, sd).label);
  const fundName = new Map(data.funds.map((f) => [f.id, f.name]));
  return (
    <section aria-labelledby="funder-claims-title">
      <h2 className="section-title" id="funder-claims-title">
        Claims to funders
      </h2>
      <div className="claim-period">
        <div className="field">
          <label className="field-label" htmlFor="funder-claim-fund">
            Fund
          </label>
          <select id="funder-claim-fund" className="input" value={chosenFund} onChange={(e) => setFundId(e.target.value)}>
            {data.funds.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="funder-claim-year">
            Financial year
          </label>
          <select id="funder-claim-year" className="input" value={year} onChange={(e) => setYear(e.target.value)}>
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="funder-claim-quarter">
            Quarter
          </label>
          <select id="funder-claim-quarter" className="input" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                Q{q}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <Link className="button button--primary" to={funderClaimPath(chosenFund, year, Number(quarter))}>
            Open the claim
          </Link>
        </div>
      </div>
      {data.claims.length > 0 && (
        <ul>
          {data.claims.map(({ c, status }) => (
            <li key={c.id}>
              <Link to={funderClaimPath(c.fundId, c.financialYear, c.quarter)}>
                {fundName.get(c.fundId) ?? 'A fund'}, Q{c.quarter} {c.financialYear}
              </Link>
              : {status}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
