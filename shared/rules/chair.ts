/**
 * Who may chair. Partnership Agreement 9.1: the Chairperson is elected from the
 * members' representatives other than the Accountable Body's (unless the
 * constitution allows it, Constitution.accountableBodyMayChair). 9.3: when the
 * elected Chair cannot chair a meeting, the meeting may appoint any member's
 * representative, the Accountable Body's included. Either way the organisation must
 * be a member on that date: not co-opted (co-opted organisations advise, 5.4), not
 * resigned (5.6).
 */
import type { Constitution } from './constitution';
import { votingRights, type RegisteredOrganisation } from './eligibility';

/** 'elected-chair': the Chairperson elected for the year (9.1, 9.2); 'meeting-chair': appointed for one meeting (9.3). */
export type ChairOffice = 'elected-chair' | 'meeting-chair';

export type ChairEligibility = { readonly eligible: true } | { readonly eligible: false; readonly reason: string };

// Partnership Agreement 9.1, 9.3
export function chairEligibility(
  organisation: RegisteredOrganisation,
  accountableBodyId: string,
  constitution: Pick<Constitution, 'accountableBodyMayChair'>,
  onDate: string,
  office: ChairOffice = 'elected-chair',
): ChairEligibility {
  const name = organisation.name;
  if (organisation.status === 'co-opted') {
    return { eligible: false, reason: `${name} is co-opted: only a member organisation’s representative can chair.` };
  }
  const rights = votingRights(organisation, onDate, { coOptedMayVote: false });
  if (!rights.mayVote) return { eligible: false, reason: rights.explanation };
  // Partnership Agreement 9.1: not the Accountable Body for the elected Chair; 9.3 allows it for one meeting.
  if (office === 'elected-chair' && accountableBodyId !== '' && organisation.id === accountableBodyId && !constitution.accountableBodyMayChair) {
    return {
      eligible: false,
      reason: `${name} is the Accountable Body, which cannot be elected Chair. It may chair a meeting the elected Chair cannot attend.`,
    };
  }
  return { eligible: true };
}
