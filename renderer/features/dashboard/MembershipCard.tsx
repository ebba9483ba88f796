/**
 * Members at a glance: member organisations, those eligible to vote today (votingRights:
 * co-opted, resigned and not-yet-joined organisations do not vote or count, Partnership
 * Agreement 5.4-5.6), and the quorum that gives (quorumFor, 10.6).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import type { Consortium } from '../../../shared/domain/entities';
import { quorumFor, votingMembersOn } from '../../../shared/rules';
import { useStore } from '../../db/store-context';

export function MembershipCard({ consortium, today }: { consortium: Consortium; today: string }) {
  const { db } = useStore();
  const organisations = useLiveQuery(async () => (await db.organisations.toArray()).filter((o) => !o.deleted), [db]);
  if (organisations === undefined) return null;
  const members = organisations.filter((o) => o.status === 'member').length;
  const coOpted = organisations.filter((o) => o.status === 'co-opted').length;
  const voting = votingMembersOn(organisations, today, consortium.constitution);
  const quorum = quorumFor(voting, consortium.constitution);
  return (
    <section className="card" aria-labelledby="card-membership">
      <h2 className="card-title" id="card-membership">
        Membership
      </h2>
      <p className="card-figure">
        {members} <span className="card-figure-label">{members === 1 ? 'member organisation' : 'member organisations'}</span>
      </p>
      <dl className="facts facts--stacked">
        <dt>Eligible to vote</dt>
        <dd>
          {voting}
          {coOpted > 0 && <span className="muted"> ({coOpted} co-opted without a vote)</span>}
        </dd>
        <dt>Quorum</dt>
        <dd>
          {quorum} {quorum === 1 ? 'member' : 'members'} present <span className="muted">(Partnership Agreement 10.6)</span>
        </dd>
      </dl>
      <p className="card-link">
        <Link to="/members">Membership register</Link>
      </p>
    </section>
  );
}
