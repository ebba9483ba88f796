/**
 * One membership application (Partnership Agreement 5.1–5.3): where it stands,
 * whether it can be admitted and why, the members' answers, the next step open
 * to this copy (ApplicationSteps), the letters to the applicant, and its
 * history from the change log. `/applications/new` records one received.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation, useParams } from 'react-router';
import { ANSWER_ROUTE_LABELS, CONSULTATION_ANSWER_LABELS, ORGANISATION_KIND_LABELS, type Consortium, type Organisation } from '../../../shared/domain/entities';
import { nextConsortiumMeeting } from '../../../shared/rules/applications';
import { formatDate, formatLongDate } from '../../../shared/rules/calendar-date';
import { applicationLifecycle } from '../../../shared/rules/lifecycles';
import { useConsortium } from '../../app/use-consortium';
import { useThisCopyRole } from '../../app/use-roles';
import { useCitation } from '../../app/use-citation';
import { londonToday } from '../../db/london-today';
import { useInstallation, useStore } from '../../db/store-context';
import { EmptyState, Page } from '../../ui/Page';
import { RecordHistory } from '../reports/RecordHistory';
import { ApplicationForm } from './ApplicationForm';
import { ApplicationSteps } from './ApplicationSteps';
import { ApplicationLetters } from './ApplicationLetters';
import { membersToConsult, viewOf, type ApplicationView } from './use-applications';
import './applications.css';

function WhereItStands({ view }: { view: ApplicationView }) {
  const { state, outcome, meeting } = view;
  return (
    <section className="panel panel--accent" aria-labelledby="application-stands">
      <h2 id="application-stands" className="panel-title">
        {applicationLifecycle.statusWords[state.status]}
      </h2>
      {state.status === 'consulting' && (
        <p>
          Members answer by {formatLongDate(state.closesOn ?? '')}. {outcome?.message}
        </p>
      )}
      {state.status === 'referred' && (
        <p>
          Referred to {meeting ? `the meeting on ${formatLongDate(meeting.date)}${meeting.location ? ` at ${meeting.location}` : ''}` : 'a consortium meeting that is no longer planned'}
          {state.reason ? `: ${state.reason}` : '.'}
          {meeting && (
            <>
              {' '}
              <Link to={`/meetings/${encodeURIComponent(meeting.id)}`}>The meeting’s agenda</Link>
            </>
          )}
        </p>
      )}
      {state.status === 'admitted' && <p>Admitted on {formatDate(state.decidedOn ?? '')}: a member from that date.{state.reason ? ` ${state.reason}` : ''}</p>}
      {state.status === 'refused' && <p>Refused on {formatDate(state.decidedOn ?? '')}: {state.reason}</p>}
      {(state.status === 'admitted' || state.status === 'refused') && <p>{state.notifiedOn ? `The applicant was told on ${formatDate(state.notifiedOn)}.` : 'The applicant has not been told yet.'}</p>}
      <p className={view.assessment.eligible ? '' : 'cell-warning'}>
        <strong>{view.assessment.eligible ? 'Can be admitted. ' : 'Cannot be admitted. '}</strong>
        {view.assessment.message}
      </p>
    </section>
  );
}

function Answers({ view, consulted }: { view: ApplicationView; consulted: Organisation[] }) {
  const names = new Map(consulted.map((o) => [o.id, o.name]));
  const waiting = consulted.filter((o) => !view.answers.some((a) => a.organisationId === o.id));
  if (view.state.status === 'received') return null;
  return (
    <section className="form-section" aria-labelledby="application-answers">
      <h2 id="application-answers" className="section-title">
        Members’ answers
      </h2>
      {view.answers.length === 0 ? (
        <p>No member has answered yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Members’ answers">
          <table className="table">
            <caption className="visually-hidden">Members’ answers to the consultation</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Answer</th>
                <th scope="col">Comment</th>
                <th scope="col">Given</th>
              </tr>
            </thead>
            <tbody>
              {view.answers.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{names.get(a.organisationId) ?? 'A member no longer consulted'}</th>
                  <td>
                    <span className={`tag tag--answer-${a.answer}`}>{CONSULTATION_ANSWER_LABELS[a.answer]}</span>
                  </td>
                  <td>{a.comment || <span className="muted">None</span>}</td>
                  <td>
                    {ANSWER_ROUTE_LABELS[a.via]}
                    {a.answeredOn && <div className="muted cell-secondary">{formatDate(a.answeredOn)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.state.status === 'consulting' && waiting.length > 0 && <p className="muted">Still to answer: {waiting.map((o) => o.name).join(', ')}.</p>}
    </section>
  );
}

function Details({ view }: { view: ApplicationView }) {
  const a = view.application;
  const { cite } = useCitation();
  return (
    <section className="form-section" aria-labelledby="application-details">
      <h2 id="application-details" className="section-title">
        The application
      </h2>
      <dl className="facts">
        <dt>Received</dt>
        <dd>{formatDate(a.receivedOn)}</dd>
        <dt>Kind</dt>
        <dd>{ORGANISATION_KIND_LABELS[a.kind]}</dd>
        {a.area && (
          <>
            <dt>Area</dt>
            <dd>{a.area}</dd>
          </>
        )}
        <dt>Contact</dt>
        <dd>
          {a.contactName}
          {a.contactEmail && <div className="muted cell-secondary">{a.contactEmail}</div>}
          {a.contactPhone && <div className="muted cell-secondary">{a.contactPhone}</div>}
        </dd>
        {a.address && (
          <>
            <dt>Address</dt>
            <dd className="address">{a.address}</dd>
          </>
        )}
        {(a.charityNumber || a.companyNumber) && (
          <>
            <dt>Registered numbers</dt>
            <dd>{[a.charityNumber && `Charity ${a.charityNumber}`, a.companyNumber && `Company ${a.companyNumber}`].filter(Boolean).join(', ')}</dd>
          </>
        )}
        <dt>Level of work</dt>
        <dd>{a.levelOfWork || <span className="muted">Not given</span>}</dd>
      </dl>
      <h3 className="panel-title">Criteria ({cite('membershipCriteria')})</h3>
      <ol className="criteria-claims">
        {a.criteria.map((criterion, i) => {
          const evidence = a.criteriaEvidence[String(i)]?.trim() ?? '';
          return (
            <li key={i} className="criteria-claim">
              <p>
                <strong>{evidence ? 'Claimed: ' : 'Not claimed: '}</strong>
                {criterion}
              </p>
              {evidence && <p className="criteria-claim-evidence">{evidence}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Loaded({ consortium, view }: { consortium: Consortium; view: ApplicationView }) {
  const { db } = useStore();
  const installation = useInstallation();
  const role = useThisCopyRole();
  const location = useLocation();
  const today = londonToday();
  const [editing, setEditing] = useState(false);
  const saved = (location.state as { saved?: string } | null)?.saved;
  const register = useLiveQuery(async () => ({ organisations: await db.organisations.toArray(), meetings: await db.meetings.toArray() }), [db]);
  if (!register || !role) return <Page title={view.application.organisationName} back={<Link to="/applications">Applications</Link>} />;
  const byId = new Map(register.organisations.map((o) => [o.id, o]));
  const consulted =
    view.state.status === 'received'
      ? membersToConsult(register.organisations, today, consortium.constitution)
      : (view.state.consulted ?? []).map((id) => byId.get(id)).filter((o): o is Organisation => !!o);
  const keeps = role.offices.includes('secretariat') || role.offices.includes('accountable-body');
  const open = view.state.status === 'received' || view.state.status === 'consulting' || view.state.status === 'referred';
  const a = view.application;
  return (
    <Page
      title={a.organisationName}
      back={<Link to="/applications">Applications</Link>}
      actions={
        keeps && open && !editing ? (
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Edit the application
          </button>
        ) : undefined
      }
    >
      <p className="status-line" role="status">
        {saved ?? ''}
      </p>
      <WhereItStands view={view} />
      {a.organisationId && (
        <p>
          <Link to={`/members/${encodeURIComponent(a.organisationId)}`}>{a.organisationName} in the register</Link>
        </p>
      )}
      <ApplicationSteps
        view={view}
        consortium={consortium}
        today={today}
        offices={role.offices}
        ownOrganisation={byId.get(installation.organisationId)}
        consulted={consulted}
        nextMeeting={nextConsortiumMeeting(register.meetings, today)}
      />
      <Answers view={view} consulted={consulted} />
      <ApplicationLetters view={view} consortium={consortium} today={today} />
      {editing ? (
        <section className="form-section" aria-labelledby="application-edit">
          <h2 id="application-edit" className="section-title">
            Edit the application
          </h2>
          <ApplicationForm consortium={consortium} application={a} today={today} onSaved={() => setEditing(false)} />
        </section>
      ) : (
        <Details view={view} />
      )}
      <RecordHistory id="application-history" records={[{ table: 'applications', row: a.id }, ...view.answers.map((answer) => ({ table: 'consultationAnswers' as const, row: answer.id }))]} />
    </Page>
  );
}

export function ApplicationPage() {
  const { applicationId } = useParams();
  const { db } = useStore();
  const consortium = useConsortium();
  const role = useThisCopyRole();
  const { cite } = useCitation();
  const today = londonToday();
  const view = useLiveQuery(async () => {
    if (!applicationId) return null;
    const application = await db.applications.get(applicationId);
    if (!application || application.deleted) return null;
    const [answers, meetings] = await Promise.all([db.consultationAnswers.where('applicationId').equals(application.id).toArray(), db.meetings.toArray()]);
    return viewOf(application, answers, meetings, today);
  }, [db, applicationId, today]);
  // The page's heading is there while it is first read; an application's page does not wait for this copy's roles (its steps do).
  if (!consortium || view === undefined || (!applicationId && !role)) return <Page title={applicationId ? 'Application' : 'Record an application'} back={<Link to="/applications">Applications</Link>} />;
  if (!applicationId && role) {
    const keeps = role.offices.includes('secretariat') || role.offices.includes('accountable-body');
    return (
      <Page title="Record an application" back={<Link to="/applications">Applications</Link>} intro={<p>An application received for membership ({cite('application')}). Members are consulted on it once it is recorded.</p>}>
        {keeps ? (
          <ApplicationForm consortium={consortium} today={today} />
        ) : (
          <EmptyState>
            <p>Applications are received by the Accountable Body or the secretariat ({cite('applicationDecision')}). This copy does not hold either role, so it cannot record one.</p>
          </EmptyState>
        )}
      </Page>
    );
  }
  if (view === null) {
    return (
      <Page title="Application not found" back={<Link to="/applications">Applications</Link>}>
        <EmptyState>
          <p>This copy holds no such application. It may not have reached this copy yet: it comes in a bundle from the secretariat.</p>
        </EmptyState>
      </Page>
    );
  }
  return <Loaded consortium={consortium} view={view} />;
}
