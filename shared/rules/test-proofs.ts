/** Decisions' proofs for tests (shared/rules/decisions.ts): a quorate meeting of three members, all present and eligible. */
import { outcomeRuleFor, type DecisionProof } from './decisions';
import { BEDFORDSHIRE_CONSTITUTION } from './constitution';

const three = [
  { organisationId: 'org-a', name: 'Bedford CVS' },
  { organisationId: 'org-b', name: 'Voluntary Action Luton' },
  { organisationId: 'org-c', name: 'Bedfordshire Rural Communities Charity' },
];
const quorum = { required: 2, present: 3, votingMembers: 3, quorate: true, counted: three, notCounted: [] };

/** A vote carried two to one, on a named ballot. */
export function carriedProof(): DecisionProof {
  return {
    meetingDate: '2026-07-01',
    quorum,
    eligible: three,
    notEligible: [],
    method: 'vote',
    ballot: 'named',
    counts: { for: 2, against: 1, abstain: 0 },
    votes: [
      { ...three[0]!, choice: 'for' },
      { ...three[1]!, choice: 'for' },
      { ...three[2]!, choice: 'against' },
    ],
    dissent: [three[2]!],
    rule: outcomeRuleFor('ordinary', BEDFORDSHIRE_CONSTITUTION),
  };
}

/** A vote lost one to two. */
export function defeatedProof(): DecisionProof {
  const proof = carriedProof();
  return { ...proof, counts: { for: 1, against: 2, abstain: 0 }, votes: proof.votes!.map((v, i) => ({ ...v, choice: i === 0 ? 'for' : 'against' })), dissent: [] };
}

export function consensusProof(): DecisionProof {
  return { meetingDate: '2026-07-01', quorum, eligible: three, notEligible: [], method: 'consensus', dissent: [] };
}
