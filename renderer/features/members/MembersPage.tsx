/**
 * The membership register (Partnership Agreement 5): every organisation with its kind,
 * status and named representative, and the way in to add or edit one.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'react-router';
import { MEMBERSHIP_STATUS_LABELS, ORGANISATION_KIND_LABELS } from '../../../shared/domain/entities';
import { useStore } from '../../db/store-context';
import { useConsortium } from '../../app/use-consortium';
import { EmptyState, Page } from '../../ui/Page';
import { namedRepresentative } from './organisation-form';

/** Lets a long address wrap after the @ rather than mid-word. */
function breakableEmail(email: string) {
  const at = email.indexOf('@');
  return at < 0 ? (
    email
  ) : (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

export function MembersPage() {
  const { db } = useStore();
  const consortium = useConsortium();
  const location = useLocation();
  const saved = (location.state as { saved?: string } | null)?.saved;
  const rows = useLiveQuery(async () => {
    const [organisations, representatives] = await Promise.all([db.organisations.orderBy('name').toArray(), db.representatives.toArray()]);
    return organisations
      .filter((o) => !o.deleted)
      .map((organisation) => ({ organisation, representative: namedRepresentative(representatives, organisation.id) }));
  }, [db]);

  const count = (status: string) => rows?.filter((r) => r.organisation.status === status).length ?? 0;

  return (
    <Page
      title="Members"
      actions={
        <Link to="/members/new" className="button button--primary">
          Add an organisation
        </Link>
      }
      intro={
        rows && rows.length > 0 ? (
          <p>
            {count('member')} {count('member') === 1 ? 'member' : 'members'}, {count('co-opted')} co-opted, {count('resigned')} resigned. Co-opted
            organisations advise but do not vote (Partnership Agreement 5.4).
          </p>
        ) : undefined
      }
    >
      <p className="status-line" role="status">
        {saved ? `Saved ${saved}.` : ''}
      </p>
      {rows === undefined ? null : rows.length === 0 ? (
        <EmptyState>
          <p>The membership register will list every member and co-opted organisation here, with its named representative.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--members">
            <caption className="visually-hidden">Member organisations</caption>
            <colgroup>
              <col className="col-organisation" />
              <col className="col-kind" />
              <col className="col-status" />
              <col className="col-representative" />
              <col className="col-contact" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Representative</th>
                <th scope="col">Contact</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ organisation, representative }) => (
                <tr key={organisation.id}>
                  <th scope="row">
                    <Link to={`/members/${organisation.id}`}>{organisation.name}</Link>
                    {organisation.id === consortium?.accountableBodyId && <div className="muted cell-secondary">Accountable Body</div>}
                  </th>
                  <td>{ORGANISATION_KIND_LABELS[organisation.kind]}</td>
                  <td>
                    <span className={`tag tag--${organisation.status}`}>{MEMBERSHIP_STATUS_LABELS[organisation.status]}</span>
                  </td>
                  <td>
                    {representative ? (
                      <>
                        <div>{representative.name}</div>
                        {representative.jobTitle && <div className="muted cell-secondary">{representative.jobTitle}</div>}
                      </>
                    ) : (
                      <span className="muted">None named</span>
                    )}
                  </td>
                  <td className="cell-contact">
                    {organisation.email && <div>{breakableEmail(organisation.email)}</div>}
                    {organisation.phone && <div className="muted cell-secondary">{organisation.phone}</div>}
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
