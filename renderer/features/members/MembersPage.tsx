/**
 * The membership register (Partnership Agreement 5): the counts (membershipCounts,
 * the same the dashboard shows) with why those who do not vote do not, the roles in
 * the consortium held now, the published directory, and every organisation,
 * searched, filtered and sorted, in a virtualised table so thousands scroll
 * smoothly (MembersTable). Each row says in words what the register's rules flag
 * in it (registerProblems).
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useLocation } from 'react-router';
import {
  APPOINTMENT_ROLE_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  MEMBERSHIP_STATUSES,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  type Appointment,
  type Organisation,
} from '../../../shared/domain/entities';
import { quorumFor } from '../../../shared/rules/quorum';
import { registerGroup, registerProblems } from '../../../shared/rules/register';
import { useStore } from '../../db/store-context';
import { useConsortium } from '../../app/use-consortium';
import { useCitation } from '../../app/use-citation';
import { EmptyState, Page } from '../../ui/Page';
import { todayInLondon } from '../../ui/dates';
import { postHolder } from './organisation-form';
import { appointmentsInOrder, termWords } from './register-actions';
import { constitutionName } from './register-words';
import { MembersTable, type MemberRow } from './MembersTable';
import { DirectoryExport } from './DirectoryExport';
import { CountsSentence, NotVotingReasons, plural, useMembershipCounts } from './MembershipSummary';
import './members.css';

type SortKey = 'name' | 'kind' | 'status' | 'joined';
const SORTS: Array<{ value: SortKey; label: string }> = [
  { value: 'name', label: 'Name' },
  { value: 'kind', label: 'Kind' },
  { value: 'status', label: 'Membership' },
  { value: 'joined', label: 'Date joined' },
];
const STATUS_ORDER: Record<string, number> = { member: 0, 'co-opted': 1, applicant: 2, resigned: 3, refused: 4, archived: 5 };

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

export function MembersPage() {
  const { db } = useStore();
  const consortium = useConsortium();
  const { cite } = useCitation();
  const location = useLocation();
  const today = todayInLondon();
  const saved = (location.state as { saved?: string } | null)?.saved;
  const data = useLiveQuery(async () => {
    const [organisations, representatives, appointments] = await Promise.all([db.organisations.toArray(), db.representatives.toArray(), db.appointments.toArray()]);
    return { organisations: organisations.filter((o) => !o.deleted), representatives, appointments: appointments.filter((a) => !a.deleted) };
  }, [db]);

  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('current');
  const [kind, setKind] = useState('all');
  const [sort, setSort] = useState<SortKey>('name');
  const query = useDeferredValue(search.trim().toLocaleLowerCase('en-GB'));

  const rows = useMemo<MemberRow[] | undefined>(() => {
    if (!data || !consortium) return undefined;
    const rolesByOrg = new Map<string, Appointment[]>();
    for (const a of appointmentsInOrder(data.appointments, today).current) {
      const list = rolesByOrg.get(a.organisationId) ?? [];
      list.push(a);
      rolesByOrg.set(a.organisationId, list);
    }
    const name = constitutionName(consortium);
    return data.organisations.map((organisation) => ({
      organisation,
      group: registerGroup(organisation, today),
      representative: postHolder(data.representatives, organisation.id, 'representative', today),
      substitute: postHolder(data.representatives, organisation.id, 'substitute', today),
      roles: (rolesByOrg.get(organisation.id) ?? []).map((a) => APPOINTMENT_ROLE_LABELS[a.role]),
      isAccountableBody: organisation.id === consortium.accountableBodyId,
      problems: registerProblems(organisation, { today, constitution: consortium.constitution, constitutionName: name }).map((p) => p.message),
    }));
  }, [data, consortium, today]);

  const shown = useMemo(() => {
    if (!rows) return undefined;
    const matches = (row: MemberRow) => {
      if (status === 'current' ? row.group === 'archived' : status !== 'all' && row.group !== status) return false;
      if (kind !== 'all' && row.organisation.kind !== kind) return false;
      if (query === '') return true;
      const o = row.organisation;
      return [o.name, o.area ?? '', row.representative?.name ?? '', row.substitute?.name ?? ''].some((text) => text.toLocaleLowerCase('en-GB').includes(query));
    };
    const byName = (a: MemberRow, b: MemberRow) => collator.compare(a.organisation.name, b.organisation.name);
    const compare: Record<SortKey, (a: MemberRow, b: MemberRow) => number> = {
      name: byName,
      kind: (a, b) => collator.compare(ORGANISATION_KIND_LABELS[a.organisation.kind], ORGANISATION_KIND_LABELS[b.organisation.kind]) || byName(a, b),
      status: (a, b) => (STATUS_ORDER[a.group] ?? 9) - (STATUS_ORDER[b.group] ?? 9) || byName(a, b),
      // Latest first; organisations without a date last.
      joined: (a, b) => (b.organisation.joinedOn ?? '').localeCompare(a.organisation.joinedOn ?? '') || byName(a, b),
    };
    return rows.filter(matches).sort(compare[sort]);
  }, [rows, status, kind, query, sort]);

  const counts = useMembershipCounts(consortium, today);
  const current = useMemo(() => (data ? appointmentsInOrder(data.appointments, today).current : []), [data, today]);
  const names = useMemo(() => new Map((data?.organisations ?? []).map((o: Organisation) => [o.id, o.name])), [data]);

  const empty = rows !== undefined && rows.length === 0;
  return (
    <Page
      title="Members"
      actions={
        <Link to="/members/new" className="button button--primary">
          Add an organisation
        </Link>
      }
      intro={
        counts && !empty ? (
          <>
            <p>
              <CountsSentence counts={counts} /> {plural(counts.eligibleToVote, 'organisation is', 'organisations are')} eligible to vote today, so the quorum is{' '}
              {quorumFor(counts.eligibleToVote, consortium!.constitution)} ({cite('quorum')}).
            </p>
            <NotVotingReasons counts={counts} />
          </>
        ) : undefined
      }
    >
      <p className="status-line" role="status">
        {saved ? `Saved ${saved}.` : ''}
      </p>
      {rows === undefined ? null : empty ? (
        <EmptyState>
          <p>The membership register will list every member and co-opted organisation here, with its named representative.</p>
        </EmptyState>
      ) : (
        <>
          {current.length > 0 && (
            <section className="panel register-section" aria-labelledby="roles-now">
              <h2 id="roles-now" className="section-title">
                Roles
              </h2>
              <ul className="register-roles">
                {current.map((a) => (
                  <li key={a.id}>
                    <strong>{APPOINTMENT_ROLE_LABELS[a.role]}</strong>: {names.get(a.organisationId) ?? 'an organisation not in the register'},{' '}
                    {termWords(a)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="register-list" aria-labelledby="register-title">
            <h2 id="register-title" className="section-title">
              The register
            </h2>
            <div className="register-controls" role="search" aria-label="Search and filter the register">
              <div className="field">
                <label className="field-label" htmlFor="register-search">
                  Search
                </label>
                <p className="field-hint" id="register-search-hint">
                  By name, area or representative
                </p>
                <input id="register-search" className="input input--medium" type="search" aria-describedby="register-search-hint" value={search} onChange={(e) => setSearch(e.target.value)} />
              </div>
              <div className="field">
                <label className="field-label" htmlFor="register-status">
                  Membership
                </label>
                <select id="register-status" className="input" value={status} onChange={(e) => setStatus(e.target.value)}>
                  <option value="current">All but archived</option>
                  <option value="all">All, archived too</option>
                  {MEMBERSHIP_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {MEMBERSHIP_STATUS_LABELS[s]}
                    </option>
                  ))}
                  <option value="archived">Archived</option>
                </select>
              </div>
              <div className="field">
                <label className="field-label" htmlFor="register-kind">
                  Kind
                </label>
                <select id="register-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
                  <option value="all">All kinds</option>
                  {ORGANISATION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {ORGANISATION_KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label className="field-label" htmlFor="register-sort">
                  Sort by
                </label>
                <select id="register-sort" className="input" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
                  {SORTS.map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <p className="status-line register-shown" role="status">
              {shown && (shown.length === rows.length ? `Showing all ${plural(rows.length, 'organisation', 'organisations')}.` : `Showing ${shown.length.toLocaleString('en-GB')} of ${plural(rows.length, 'organisation', 'organisations')}.`)}
            </p>
            {shown && shown.length > 0 ? <MembersTable rows={shown} /> : <p className="muted">No organisation matches. Clear the search or choose another filter.</p>}
          </section>
          <DirectoryExport />
        </>
      )}
    </Page>
  );
}
