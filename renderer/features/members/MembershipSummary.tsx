/**
 * The register's counts in words, said once for the Members page and the
 * dashboard's Membership card, from the one count (membershipCounts,
 * shared/rules/register.ts): so the two always show the same numbers and give the
 * same reasons for those who do not vote.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Consortium } from '../../../shared/domain/entities';
import { membershipCounts, notVotingByReason, type MembershipCounts } from '../../../shared/rules/register';
import { useStore } from '../../db/store-context';
import { useCitation } from '../../app/use-citation';

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The register's counts on a day, live; undefined while they are read. */
export function useMembershipCounts(consortium: Consortium | null | undefined, today: string): MembershipCounts | undefined {
  const { db } = useStore();
  const organisations = useLiveQuery(() => db.organisations.toArray(), [db]);
  return useMemo(() => (organisations && consortium ? membershipCounts(organisations, today, consortium.constitution) : undefined), [organisations, consortium, today]);
}

/** "6 members, 1 co-opted, 0 resigned." */
export function CountsSentence({ counts }: { counts: MembershipCounts }) {
  const parts = [plural(counts.members, 'member', 'members'), `${counts.coOpted.toLocaleString('en-GB')} co-opted`];
  if (counts.applicants) parts.push(plural(counts.applicants, 'applicant', 'applicants'));
  parts.push(`${counts.resigned.toLocaleString('en-GB')} resigned`);
  if (counts.refused) parts.push(`${counts.refused.toLocaleString('en-GB')} refused`);
  if (counts.archived) parts.push(`${counts.archived.toLocaleString('en-GB')} archived`);
  return <>{parts.join(', ')}.</>;
}

/** Who does not vote, a line per reason, naming the first few. */
export function NotVotingReasons({ counts, names = 3 }: { counts: MembershipCounts; names?: number }) {
  const { cite } = useCitation();
  if (counts.notVoting.length === 0) return null;
  return (
    <ul className="register-reasons" aria-label="Who does not vote, and why">
      {notVotingByReason(counts).map((group) => {
        const citation = group.reason === 'co-opted' ? cite('coOpted') : group.reason === 'resigned' ? cite('resignation') : '';
        const more = group.organisations.length - names;
        return (
          <li key={group.reason}>
            {group.words.replace(/\.$/, '')}
            {citation && ` (${citation})`}:{' '}
            <span className="muted">
              {group.organisations
                .slice(0, names)
                .map((o) => o.name)
                .join(', ')}
              {more > 0 ? ` and ${more.toLocaleString('en-GB')} more` : ''}.
            </span>
          </li>
        );
      })}
    </ul>
  );
}
