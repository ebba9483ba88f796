/**
 * Members at a glance: the register's counts and who is eligible to vote today, with
 * why the others do not (membershipCounts: the same count, in the same words, as the
 * Members page; votingRights decides, Partnership Agreement 5.4-5.6), and the quorum
 * that gives (quorumFor, 10.6).
 */
import { Link } from 'react-router';
import type { Consortium } from '../../../shared/domain/entities';
import { quorumFor } from '../../../shared/rules';
import { useCitation } from '../../app/use-citation';
import { CountsSentence, NotVotingReasons, useMembershipCounts } from '../members/MembershipSummary';

export function MembershipCard({ consortium, today }: { consortium: Consortium; today: string }) {
  const counts = useMembershipCounts(consortium, today);
  const { cite } = useCitation();
  if (counts === undefined) return null;
  const quorum = quorumFor(counts.eligibleToVote, consortium.constitution);
  return (
    <section className="card" aria-labelledby="card-membership">
      <h2 className="card-title" id="card-membership">
        Membership
      </h2>
      <p className="card-figure">
        {counts.members} <span className="card-figure-label">{counts.members === 1 ? 'member organisation' : 'member organisations'}</span>
      </p>
      <p className="card-line">
        <CountsSentence counts={counts} />
      </p>
      <dl className="facts facts--stacked">
        <dt>Eligible to vote</dt>
        <dd>{counts.eligibleToVote}</dd>
        <dt>Quorum</dt>
        <dd>
          {quorum} {quorum === 1 ? 'member' : 'members'} present <span className="muted">({cite('quorum')})</span>
        </dd>
      </dl>
      <NotVotingReasons counts={counts} names={2} />
      <p className="card-link">
        <Link to="/members">Membership register</Link>
      </p>
    </section>
  );
}
