/**
 * Membership applications (Partnership Agreement 5.1–5.3): what waits for this
 * copy (its organisation's answer to a consultation, the chair's decision),
 * then every application with where it stands and whether it can be admitted.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/rules/calendar-date';
import { applicationLifecycle } from '../../../shared/rules/lifecycles';
import { useConsortium } from '../../app/use-consortium';
import { useThisCopyRole } from '../../app/use-roles';
import { useCitation } from '../../app/use-citation';
import { londonToday } from '../../db/london-today';
import { useInstallation, useStore } from '../../db/store-context';
import { EmptyState, Page } from '../../ui/Page';
import { useApplications, type ApplicationView } from './use-applications';
import './applications.css';

function stands(view: ApplicationView): string {
  const { state, outcome, meeting } = view;
  switch (state.status) {
    case 'consulting':
      return outcome?.kind === 'open' ? `Closes ${formatDate(state.closesOn ?? '')}` : outcome?.kind === 'chair-decides' ? 'Waiting for the chair’s decision' : 'To be referred to a meeting';
    case 'referred':
      return meeting ? `To the meeting on ${formatDate(meeting.date)}` : 'To a meeting';
    case 'admitted':
    case 'refused':
      return state.decidedOn ? `On ${formatDate(state.decidedOn)}` : '';
    default:
      return '';
  }
}

export function ApplicationsPage() {
  const { db } = useStore();
  const consortium = useConsortium();
  const role = useThisCopyRole();
  const installation = useInstallation();
  const { cite } = useCitation();
  const today = londonToday();
  const views = useApplications(today);
  const ownName = useLiveQuery(async () => (await db.organisations.get(installation.organisationId))?.name ?? '', [db, installation.organisationId]);
  // The heading is there at once, so moving to this page puts focus on it while the applications are read.
  if (!consortium || !views || !role) return <Page title="Applications" />;
  const keeps = role.offices.includes('secretariat') || role.offices.includes('accountable-body');
  const isChair = role.offices.includes('chair');
  const toAnswer = views.filter((v) => v.state.status === 'consulting' && (v.state.consulted ?? []).includes(installation.organisationId) && !v.answers.some((a) => a.organisationId === installation.organisationId));
  const forChair = isChair ? views.filter((v) => v.state.status === 'consulting' && v.outcome && v.outcome.kind !== 'open') : [];
  return (
    <Page
      title="Applications"
      actions={
        keeps ? (
          <Link to="/applications/new" className="button button--primary">
            Record an application
          </Link>
        ) : undefined
      }
      intro={
        <p>
          An applicant shows how it provides at least {consortium.constitution.minimumCriteriaMet} of the {consortium.constitution.membershipCriteria.length} membership criteria ({cite('membershipCriteria')}). The chair decides after consulting the members;
          without their consensus it goes to the next consortium meeting ({cite('applicationDecision')}).
        </p>
      }
    >
      {(toAnswer.length > 0 || forChair.length > 0) && (
        <section className="panel panel--accent" aria-labelledby="applications-waiting">
          <h2 id="applications-waiting" className="panel-title">
            Waiting for you
          </h2>
          <ul className="waiting-list">
            {toAnswer.map((v) => (
              <li key={`answer-${v.application.id}`}>
                <Link to={`/applications/${encodeURIComponent(v.application.id)}`}>{v.application.organisationName}</Link>: {ownName || 'your organisation'}’s answer, by {formatDate(v.state.closesOn ?? '')}
              </li>
            ))}
            {forChair.map((v) => (
              <li key={`chair-${v.application.id}`}>
                <Link to={`/applications/${encodeURIComponent(v.application.id)}`}>{v.application.organisationName}</Link>: {v.outcome?.kind === 'chair-decides' ? 'your decision' : 'to refer to the next meeting'}
              </li>
            ))}
          </ul>
        </section>
      )}
      {views.length === 0 ? (
        <EmptyState>
          <p>No application has been received yet.{keeps ? ' Record one when it arrives: members are consulted on it from their own copies.' : ' Applications are recorded by the Accountable Body or the secretariat and reach this copy in their bundles.'}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="All applications">
          <table className="table table--applications">
            <caption className="visually-hidden">Applications for membership</caption>
            <thead>
              <tr>
                <th scope="col">Applicant</th>
                <th scope="col">Received</th>
                <th scope="col">Criteria shown</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {views.map((v) => (
                <tr key={v.application.id}>
                  <th scope="row">
                    <Link to={`/applications/${encodeURIComponent(v.application.id)}`}>{v.application.organisationName}</Link>
                  </th>
                  <td className="cell-nowrap">{formatDate(v.application.receivedOn)}</td>
                  <td>
                    {v.assessment.met.length} of {v.application.criteria.length} ({v.assessment.required} needed)
                    {!v.assessment.eligible && <div className="cell-warning cell-secondary">Cannot be admitted</div>}
                  </td>
                  <td>
                    <span className={`tag tag--application-${v.state.status}`}>{applicationLifecycle.statusWords[v.state.status]}</span>
                    <div className="muted cell-secondary">{stands(v)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
