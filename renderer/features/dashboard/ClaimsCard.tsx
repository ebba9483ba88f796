/**
 * Claims' deadlines at a glance (docs/architecture.md, "Claims"): on a partner's
 * copy, its claims due (each ended quarter of its projects not yet sent, due the
 * agreement's days after the quarter) and those queried, waiting for its answer;
 * on the Accountable Body's copy, partners' claims waiting for approval, those
 * answering a query, and the claims to funders due.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import type { Consortium } from '../../../shared/domain/entities';
import { funderClaimsDue, partnerClaimsDue } from '../../../shared/rules/claims';
import { formatDate } from '../../../shared/rules/calendar-date';
import { funderClaimLifecycle, partnerClaimLifecycle, stateOf } from '../../../shared/rules/lifecycles';
import { useThisCopyRole } from '../../app/use-roles';
import { useInstallation, useStore } from '../../db/store-context';
import { partnerClaimPath } from '../claims/claim-links';

/** How many are named before "and N more". */
const NAMED = 4;

export function ClaimsCard({ consortium, today }: { consortium: Consortium; today: string }) {
  const { db } = useStore();
  const { organisationId } = useInstallation();
  const role = useThisCopyRole();
  const data = useLiveQuery(async () => {
    const [claims, projects, funds, funderClaims, organisations] = await Promise.all([db.partnerClaims.toArray(), db.projects.toArray(), db.funds.toArray(), db.funderClaims.toArray(), db.organisations.toArray()]);
    const live = claims.filter((c) => !c.deleted).map((claim) => ({ claim, status: stateOf(partnerClaimLifecycle, claim).status }));
    return { live, projects: projects.filter((p) => !p.deleted), funds: funds.filter((f) => !f.deleted), funderClaims: funderClaims.filter((c) => !c.deleted), names: new Map(organisations.map((o) => [o.id, o.name])) };
  }, [db]);
  if (!data || !role) return null;
  const isAB = role.offices.includes('accountable-body');
  const sm = consortium.financialYearStartMonth;
  const sd = consortium.financialYearStartDay;
  const projectName = new Map(data.projects.map((p) => [p.id, p.name]));
  const fundName = new Map(data.funds.map((f) => [f.id, f.name]));
  const label = (c: { financialYear: string; quarter: number; projectId: string }) => `Q${c.quarter} ${c.financialYear}: ${projectName.get(c.projectId) ?? 'a project'}`;
  if (isAB) {
    const others = data.live.filter((c) => c.claim.organisationId !== organisationId);
    const waiting = others.filter((c) => c.status === 'submitted');
    const queried = others.filter((c) => c.status === 'queried');
    const submitted = new Set(data.funderClaims.filter((c) => stateOf(funderClaimLifecycle, c).status !== 'draft').map((c) => `${c.fundId}:${c.financialYear}:Q${c.quarter}`));
    const funderDue = funderClaimsDue(data.funds, submitted, today, sm, sd);
    return (
      <section className="card" aria-labelledby="card-claims">
        <h2 className="card-title" id="card-claims">
          Claims
        </h2>
        <p className="card-figure">
          {waiting.length} <span className="card-figure-label">{waiting.length === 1 ? 'claim waiting for approval' : 'claims waiting for approval'}</span>
        </p>
        <p className="muted">{queried.length === 1 ? '1 claim is queried, waiting for the partner’s answer.' : `${queried.length} claims are queried, waiting for the partners’ answers.`}</p>
        {waiting.length > 0 && (
          <ul className="card-list" aria-label="Waiting for approval">
            {waiting.slice(0, NAMED).map(({ claim }) => (
              <li key={claim.id}>
                <Link to={partnerClaimPath(claim.organisationId, claim.projectId, claim.financialYear, claim.quarter)}>{label(claim)}</Link> from {data.names.get(claim.organisationId) ?? 'a partner'}
              </li>
            ))}
            {waiting.length > NAMED && <li>and {waiting.length - NAMED} more</li>}
          </ul>
        )}
        {funderDue.length > 0 && (
          <ul className="card-list" aria-label="Claims to funders due">
            {funderDue.slice(0, NAMED).map((d) => (
              <li key={`${d.fundId}:${d.financialYear}:${d.quarter}`}>
                Claim to the funder, Q{d.quarter} {d.financialYear} ({fundName.get(d.fundId)}): {d.dueOn < today ? 'was due' : 'due'} {formatDate(d.dueOn)}
              </li>
            ))}
            {funderDue.length > NAMED && <li>and {funderDue.length - NAMED} more</li>}
          </ul>
        )}
        <p className="card-link">
          <Link to="/claims">Claims</Link>
        </p>
      </section>
    );
  }
  if (!organisationId) return null;
  const ownClaims = data.live.filter((c) => c.claim.organisationId === organisationId);
  const sent = new Set(ownClaims.filter((c) => c.status !== 'draft').map((c) => `${c.claim.projectId}:${c.claim.financialYear}:Q${c.claim.quarter}`));
  const dueDays = new Map(data.funds.map((f) => [f.id, f.partnerClaimDueDays]));
  const due = partnerClaimsDue(organisationId, data.projects.map((p) => ({ ...p, dueDays: dueDays.get(p.fundId) ?? 14 })), sent, today, sm, sd);
  const toAnswer = ownClaims.filter((c) => c.status === 'queried');
  return (
    <section className="card" aria-labelledby="card-claims">
      <h2 className="card-title" id="card-claims">
        Claims
      </h2>
      <p className="card-figure">
        {due.length} <span className="card-figure-label">{due.length === 1 ? 'claim due' : 'claims due'}</span>
      </p>
      <p className="muted">{toAnswer.length === 1 ? '1 claim is queried: the Accountable Body waits for your answer.' : `${toAnswer.length} claims are queried, waiting for your answers.`}</p>
      {toAnswer.length > 0 && (
        <ul className="card-list" aria-label="Queried, waiting for your answer">
          {toAnswer.slice(0, NAMED).map(({ claim }) => (
            <li key={claim.id}>
              <Link to={partnerClaimPath(claim.organisationId, claim.projectId, claim.financialYear, claim.quarter)}>{label(claim)}</Link>: answer the query
            </li>
          ))}
        </ul>
      )}
      {due.length > 0 && (
        <ul className="card-list" aria-label="Claims due">
          {due.slice(0, NAMED).map((d) => (
            <li key={`${d.projectId}:${d.financialYear}:${d.quarter}`}>
              <Link to={partnerClaimPath(organisationId, d.projectId, d.financialYear, d.quarter)}>{label(d)}</Link>: {d.dueOn < today ? 'was due' : 'due'} {formatDate(d.dueOn)}
            </li>
          ))}
          {due.length > NAMED && <li>and {due.length - NAMED} more</li>}
        </ul>
      )}
      <p className="card-link">
        <Link to="/claims">Claims</Link>
      </p>
    </section>
  );
}
