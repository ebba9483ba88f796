/**
 * Members at a glance: member organisations, those eligible to vote, and the quorum
 * that gives. Co-opted organisations do not vote or count unless the constitution
 * says so (Partnership Agreement 5.4, 5.5); resigned ones neither (5.6).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import type { Consortium } from '../../../shared/domain/entities';
import { useStore } from '../../db/store-context';

export function MembershipCard({ consortium }: { consortium: Consortium }) {
  const { db } = useStore();
  const organisations = useLiveQuery(async () => (await db.organisations.toArray()).filter((o) => !o.deleted), [db]);
  if (organisations === undefined) return null;
  const members = organisations.filter((o) => o.status === 'member').length;
  const coOpted = organisations.filter((o) => o.status === 'co-opted').length;
  const voting = members + (consortium.constitution.coOptedMayVote ? coOpted : 0);
  return (
    <section className="card" aria-labelledby="card-membership">
      <h2 className="card-title" id="card-membership">
        Membership
      </h2>
      <p className="card-figure">
        {members} <span className="card-figure-label">{members === 1 ? 'member organisation' : 'member organisations'}</span>
      </p>
      <p>
        {voting} eligible to vote{coOpted > 0 ? `, ${coOpted} co-opted` : ''}.
      </p>
      <p className="card-link">
        <Link to="/members">Membership register</Link>
      </p>
    </section>
  );
}
