/**
 * A decision's proof, shown with it (docs/architecture.md, "Decisions"): the
 * quorum at that moment, who was eligible and who was not with the reasons, the
 * counts (and each member's vote on a named ballot), the dissent recorded and
 * the rule that produced the outcome. Read from the snapshot the decision keeps,
 * so it reads the same on every copy and whatever the register says later.
 */
import { VOTE_CHOICE_WORDS, type DecisionProof as Proof } from '../../../shared/rules/decisions';

export function DecisionProof({ proof, id }: { proof: Proof; id: string }) {
  const q = proof.quorum;
  return (
    <details className="decision-proof">
      <summary>How this was decided</summary>
      <dl className="facts decision-proof-facts">
        <>
          <dt>Quorum</dt>
          <dd>
            {q.quorate ? 'Quorate' : 'Not quorate'}: {q.present} of the {q.votingMembers} members eligible to vote were present; the quorum was {q.required}.
            {q.notCounted.length > 0 && <> Present but not counted: {q.notCounted.map((n) => n.explanation).join(' ')}</>}
          </dd>
        </>
        <>
          <dt>How</dt>
          <dd>{proof.method === 'consensus' ? 'By consensus' : proof.ballot === 'secret' ? 'By a secret ballot: only the counts are kept' : 'By a named vote'}</dd>
        </>
        {proof.counts && (
          <>
            <dt>Votes</dt>
            <dd>
              {proof.counts.for} for, {proof.counts.against} against, {proof.counts.abstain} {proof.counts.abstain === 1 ? 'abstention' : 'abstentions'}
              {proof.castingVote && <>; the chair’s casting vote {proof.castingVote === 'for' ? 'for' : 'against'}</>}
            </dd>
          </>
        )}
        {proof.rule && (
          <>
            <dt>Rule</dt>
            <dd>{proof.rule.words}</dd>
          </>
        )}
        {proof.dissent.length > 0 && (
          <>
            <dt>Dissent recorded</dt>
            <dd>{proof.dissent.map((d) => d.name).join(', ')}</dd>
          </>
        )}
      </dl>
      {proof.votes && proof.votes.length > 0 && (
        <table className="table decision-votes" aria-labelledby={`${id}-votes`}>
          <caption id={`${id}-votes`}>Each member’s vote</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Vote</th>
            </tr>
          </thead>
          <tbody>
            {proof.votes.map((v) => (
              <tr key={v.organisationId}>
                <th scope="row">{v.name}</th>
                <td>{VOTE_CHOICE_WORDS[v.choice]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="decision-proof-subheading">Eligible to vote ({proof.eligible.length})</p>
      <p>{proof.eligible.length > 0 ? proof.eligible.map((e) => e.name).join(', ') : 'None'}</p>
      {proof.notEligible.length > 0 && (
        <>
          <p className="decision-proof-subheading">Not eligible to vote ({proof.notEligible.length})</p>
          <ul className="decision-not-eligible">
            {proof.notEligible.map((n) => (
              <li key={n.organisationId}>{n.explanation}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
