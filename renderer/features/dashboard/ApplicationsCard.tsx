/**
 * Applications at a glance (issue 8, part 9): consultations closing in the next
 * 14 days, applications waiting for the chair, and those referred to a meeting
 * (Partnership Agreement 5.3). Read with the Applications page's own reading
 * (use-applications.ts), so the two always agree.
 */
import { Link } from 'react-router';
import { closesWithin } from '../../../shared/rules/applications';
import { formatDate } from '../../../shared/rules/calendar-date';
import { useApplications } from '../applications/use-applications';

/** How far ahead "closing soon" looks. */
const SOON_DAYS = 14;

export function ApplicationsCard({ today }: { today: string }) {
  const views = useApplications(today);
  if (!views) return null;
  const closing = views.filter((v) => v.state.status === 'consulting' && v.outcome?.kind === 'open' && closesWithin(v.state.closesOn ?? '', today, SOON_DAYS));
  const forChair = views.filter((v) => v.state.status === 'consulting' && v.outcome !== undefined && v.outcome.kind !== 'open');
  const referred = views.filter((v) => v.state.status === 'referred');
  const groups = [
    { id: 'closing', title: `Consultations closing in the next ${SOON_DAYS} days`, items: closing, detail: (v: (typeof views)[number]) => `closes ${formatDate(v.state.closesOn ?? '')}` },
    { id: 'chair', title: 'Waiting for the chair', items: forChair, detail: (v: (typeof views)[number]) => (v.outcome?.kind === 'chair-decides' ? 'to decide' : 'to refer to a meeting') },
    { id: 'referred', title: 'Referred to a meeting', items: referred, detail: (v: (typeof views)[number]) => (v.meeting ? `meeting on ${formatDate(v.meeting.date)}` : 'meeting not planned') },
  ];
  return (
    <section className="card" aria-labelledby="card-applications">
      <h2 className="card-title" id="card-applications">
        Applications
      </h2>
      {groups.map((group) => (
        <div key={group.id}>
          <h3 className="card-subtitle">
            {group.title}: {group.items.length}
          </h3>
          {group.items.length > 0 && (
            <ul className="card-list">
              {group.items.map((v) => (
                <li key={v.application.id}>
                  <Link to={`/applications/${encodeURIComponent(v.application.id)}`}>{v.application.organisationName}</Link>, {group.detail(v)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <p className="card-link">
        <Link to="/applications">All applications</Link>
      </p>
    </section>
  );
}
