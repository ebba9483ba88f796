/**
 * Partners' claims on the Claims page (docs/architecture.md, "Claims"): on a
 * partner's copy, the claims its organisation owes (each quarter of its projects
 * that has ended, due the agreement's days after it) and those it has made, and a
 * way to start one; on the Accountable Body's copy, every partner's claim by where
 * it stands, and a way to enter one received on paper.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useNavigate } from 'react-router';
import type { Organisation, PartnerClaim, Project } from '../../../shared/domain/entities';
import { claimTotal, partnerClaimsDue } from '../../../shared/rules/claims';
import { formatDate } from '../../../shared/rules/calendar-date';
import { financialYearOf, financialYearStarting, quarterOf } from '../../../shared/rules/financial-year';
import { formatPounds } from '../../../shared/rules/money';
import { partnerClaimLifecycle, type PartnerClaimStatus } from '../../../shared/rules/lifecycles';
import { useConsortium } from '../../app/use-consortium';
import { useThisCopyRole } from '../../app/use-roles';
import { useInstallation, useStore } from '../../db/store-context';
import { todayInLondon } from '../../ui/dates';
import { claimState } from './claim-actions';
import { NotYetRegistered, partnerClaimPath, useRegisteredAsOwn } from './claim-links';
import './partner-claims.css';

interface Row {
  claim: PartnerClaim;
  status: PartnerClaimStatus;
  project: string;
  organisation: string;
}

const FILTERS: ReadonlyArray<{ value: string; label: string; statuses: readonly PartnerClaimStatus[] }> = [
  { value: 'waiting', label: 'Waiting for approval', statuses: ['submitted'] },
  { value: 'queried', label: 'Queried, waiting for the partner’s answer', statuses: ['queried'] },
  { value: 'approved', label: 'Approved, not yet paid', statuses: ['approved'] },
  { value: 'paid', label: 'Paid', statuses: ['paid'] },
  { value: 'draft', label: 'Drafts still on partners’ copies', statuses: ['draft'] },
  { value: 'all', label: 'All claims', statuses: ['submitted', 'queried', 'approved', 'paid', 'draft'] },
];
const ORDER: Record<PartnerClaimStatus, number> = { submitted: 0, queried: 1, approved: 2, paid: 3, draft: 4 };

/** How many claims a list shows: ten years of quarters from eight partners is thousands; the choice above narrows them. */
const SHOWN = 200;

function ClaimsTable({ rows, caption, showOrganisation }: { rows: readonly Row[]; caption: string; showOrganisation: boolean }) {
  if (rows.length === 0) return <p>None.</p>;
  return (
    <>
      {rows.length > SHOWN && <p className="muted">The first {SHOWN} of {rows.length.toLocaleString('en-GB')}, newest first within each step: choose what to show to see others.</p>}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              {showOrganisation && <th scope="col">Partner</th>}
              <th scope="col">Where it stands</th>
              <th scope="col" className="cell-number">
                Claimed
              </th>
              <th scope="col" className="cell-number">
                Approved
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map(({ claim, status, project, organisation }) => {
              const state = claimState(claim);
              return (
                <tr key={claim.id}>
                  <th scope="row">
                    <Link to={partnerClaimPath(claim.organisationId, claim.projectId, claim.financialYear, claim.quarter)}>
                      Q{claim.quarter} {claim.financialYear}: {project}
                    </Link>
                  </th>
                  {showOrganisation && <td>{organisation}</td>}
                  <td>
                    {partnerClaimLifecycle.statusWords[status]}
                    {claim.enteredOnBehalf ? ' (entered from paper)' : ''}
                  </td>
                  <td className="cell-number">{formatPounds(claimTotal(claim.lines))}</td>
                  <td className="cell-number">{state.approvedTotalPence === undefined ? '—' : formatPounds(state.approvedTotalPence)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Choose a project, a year and a quarter (and, for the Accountable Body, the partner) to open that claim. */
function StartClaim({ projects, organisations, organisationId, onBehalf }: { projects: readonly Project[]; organisations: readonly Organisation[]; organisationId: string; onBehalf: boolean }) {
  const navigate = useNavigate();
  const consortium = useConsortium();
  const sm = consortium?.financialYearStartMonth ?? 4;
  const sd = consortium?.financialYearStartDay ?? 1;
  const today = todayInLondon();
  const thisYear = financialYearOf(today, sm, sd);
  const [org, setOrg] = useState(organisationId);
  const [projectId, setProjectId] = useState('');
  const [year, setYear] = useState(thisYear.label);
  const [quarter, setQuarter] = useState(String(quarterOf(today, sm, sd)));
  const chosenOrg = onBehalf ? org || organisations[0]?.id || '' : organisationId;
  const open = projects.filter((p) => p.leadOrganisationId === chosenOrg || p.deliveryOrganisationIds.includes(chosenOrg));
  if (open.length === 0 && !onBehalf) return <p>Your organisation is not the lead or a delivery partner of any project on this copy.</p>;
  const chosenProject = open.some((p) => p.id === projectId) ? projectId : (open[0]?.id ?? '');
  const years = Array.from({ length: 6 }, (_, i) => financialYearStarting(thisYear.startYear - 3 + i, sm, sd).label);
  const prefix = onBehalf ? 'paper-claim' : 'start-claim';
  return (
    <form
      className="claim-start"
      aria-label={onBehalf ? 'Enter a claim received on paper' : 'Start a claim'}
      onSubmit={(event) => {
        event.preventDefault();
        if (chosenOrg && chosenProject) void navigate(partnerClaimPath(chosenOrg, chosenProject, year, Number(quarter)));
      }}
    >
      {onBehalf && (
        <div className="field">
          <label className="field-label" htmlFor={`${prefix}-organisation`}>
            Partner
          </label>
          <select id={`${prefix}-organisation`} className="input" value={chosenOrg} onChange={(e) => setOrg(e.target.value)}>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${prefix}-project`}>
          Project
        </label>
        <select id={`${prefix}-project`} className="input" value={chosenProject} onChange={(e) => setProjectId(e.target.value)}>
          {open.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${prefix}-year`}>
          Financial year
        </label>
        <select id={`${prefix}-year`} className="input" value={year} onChange={(e) => setYear(e.target.value)}>
          {years.map((y) => (
            <option key={y}>{y}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${prefix}-quarter`}>
          Quarter
        </label>
        <select id={`${prefix}-quarter`} className="input" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={q}>
              Q{q}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <button type="submit" className="button" disabled={!chosenProject}>
          {onBehalf ? 'Enter the paper claim' : 'Open the claim'}
        </button>
      </div>
    </form>
  );
}

export function PartnerClaimsSection() {
  const { db } = useStore();
  const installation = useInstallation();
  const role = useThisCopyRole();
  const registered = useRegisteredAsOwn();
  const consortium = useConsortium();
  const [filter, setFilter] = useState('all');
  const data = useLiveQuery(async () => {
    const [claims, projects, organisations, funds] = await Promise.all([db.partnerClaims.toArray(), db.projects.toArray(), db.organisations.toArray(), db.funds.toArray()]);
    return { claims: claims.filter((c) => !c.deleted), projects: projects.filter((p) => !p.deleted), organisations: organisations.filter((o) => !o.deleted && !o.archived), funds: funds.filter((f) => !f.deleted) };
  }, [db]);
  if (!data || !role || !consortium) return null;
  const isAB = role.offices.includes('accountable-body');
  const own = installation.organisationId;
  const projectName = new Map(data.projects.map((p) => [p.id, p.name]));
  const orgName = new Map(data.organisations.map((o) => [o.id, o.name]));
  const rows: Row[] = data.claims
    .map((claim) => ({ claim, status: claimState(claim).status, project: projectName.get(claim.projectId) ?? 'A project', organisation: orgName.get(claim.organisationId) ?? 'A partner' }))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.claim.financialYear < b.claim.financialYear ? 1 : a.claim.financialYear > b.claim.financialYear ? -1 : b.claim.quarter - a.claim.quarter) || a.organisation.localeCompare(b.organisation));
  const ownRows = rows.filter((r) => r.claim.organisationId === own);
  const dueDays = new Map(data.funds.map((f) => [f.id, f.partnerClaimDueDays]));
  const sent = new Set(ownRows.filter((r) => r.status !== 'draft').map((r) => `${r.claim.projectId}:${r.claim.financialYear}:Q${r.claim.quarter}`));
  const due = own && !isAB
    ? partnerClaimsDue(own, data.projects.map((p) => ({ ...p, dueDays: dueDays.get(p.fundId) ?? 14 })), sent, todayInLondon(), consortium.financialYearStartMonth, consortium.financialYearStartDay)
    : [];
  const chosen = FILTERS.find((f) => f.value === filter) ?? FILTERS.at(-1)!;
  const others = rows.filter((r) => r.claim.organisationId !== own && chosen.statuses.includes(r.status));
  return (
    <>
      {own && !isAB && (
        <section aria-labelledby="own-claims-title">
          <h2 className="section-title" id="own-claims-title">
            {orgName.get(own) ? `${orgName.get(own)}’s claims` : 'Your organisation’s claims'}
          </h2>
          {due.length > 0 && (
            <>
              <h3 className="panel-title">Claims due</h3>
              <ul>
                {due.map((d) => (
                  <li key={`${d.projectId}:${d.financialYear}:${d.quarter}`}>
                    <Link to={partnerClaimPath(own, d.projectId, d.financialYear, d.quarter)}>
                      Q{d.quarter} {d.financialYear}: {projectName.get(d.projectId)}
                    </Link>{' '}
                    — {d.dueOn < todayInLondon() ? 'was due' : 'due'} {formatDate(d.dueOn)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {registered === false ? <NotYetRegistered organisation={orgName.get(own) ?? 'this organisation'} /> : <StartClaim projects={data.projects} organisations={data.organisations} organisationId={own} onBehalf={false} />}
          <ClaimsTable rows={ownRows} caption="Claims made by this organisation" showOrganisation={false} />
        </section>
      )}
      {isAB && (
        <section aria-labelledby="partner-claims-title">
          <h2 className="section-title" id="partner-claims-title">
            Claims from partners
          </h2>
          <p>Each partner claims from its own copy; its claim arrives in its bundle. The Accountable Body’s own costs go into the claim to the funder, not into a claim of its own: nobody approves its own claim.</p>
          <div className="field claims-filter">
            <label className="field-label" htmlFor="partner-claims-filter">
              Show
            </label>
            <select id="partner-claims-filter" className="input" value={filter} onChange={(e) => setFilter(e.target.value)}>
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label} ({rows.filter((r) => r.claim.organisationId !== own && f.statuses.includes(r.status)).length})
                </option>
              ))}
            </select>
          </div>
          <ClaimsTable rows={others} caption={`Claims from partners: ${chosen.label.toLowerCase()}`} showOrganisation />
          <h3 className="panel-title">Enter a claim received on paper</h3>
          <StartClaim projects={data.projects} organisations={data.organisations.filter((o) => o.id !== own && (o.status === 'member' || o.status === 'co-opted'))} organisationId={own} onBehalf />
        </section>
      )}
    </>
  );
}
