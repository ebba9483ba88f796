/**
 * How a meeting decides a motion, and the proof every decision keeps
 * (docs/architecture.md, "Decisions").
 *
 * Decisions are sought by consensus first; a vote is taken where there is none
 * (Partnership Agreement 10.7). Either way the meeting must be quorate (10.6).
 * Each member organisation present by its representative or named substitute has
 * one vote (5.5, 7.1, 7.2); co-opted organisations do not vote (5.4), nor those
 * that have resigned (5.6), nor a member that declared an interest in the item
 * (the conflicts of interest protocol; Constitution.interestBarsVoting).
 *
 * The outcome rule is a setting of the constitution: by default more votes for
 * than against among the votes cast (abstentions are counted but are not votes
 * cast); a larger majority for named kinds of decision (specialMajorities); and a
 * casting vote for the chair when the votes are equal, only if the constitution
 * gives one (chairCastingVote). A named ballot keeps each member's vote; a secret
 * ballot keeps only the counts.
 *
 * A decision's proof is a snapshot, with names, of everything the outcome rests
 * on: the quorum at that moment, who was eligible and who was not and why, the
 * counts (and, for a named ballot, each vote), the dissent recorded, and the rule
 * that produced the outcome. It travels with the decision to every copy, which
 * checks that it holds together (proofProblem) before accepting it.
 */
import { z } from 'zod';
import type { Constitution } from './constitution';
import { votingRights, type NoVoteReason, type RegisteredOrganisation } from './eligibility';
import { assessQuorum, isPresent, type AttendanceRecord, type QuorumRule } from './quorum';

export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
export const VOTE_CHOICE_WORDS: Record<VoteChoice, string> = { for: 'For', against: 'Against', abstain: 'Abstain' };

export type DecisionRules = QuorumRule & Pick<Constitution, 'coOptedMayVote' | 'interestBarsVoting' | 'chairCastingVote' | 'specialMajorities'>;

export type IneligibleReason = NoVoteReason | 'absent' | 'declared-interest';

export interface Standing {
  readonly organisationId: string;
  readonly name: string;
}
export interface NotEligible extends Standing {
  readonly reason: IneligibleReason;
  readonly explanation: string;
}

export interface Electorate {
  /** Members present who may vote on this item, by name. */
  readonly eligible: Standing[];
  /** The other organisations on the register (members, co-opted and resigned, not archived), with why they do not vote. */
  readonly notEligible: NotEligible[];
}

export interface ElectorateInput {
  readonly organisations: readonly RegisteredOrganisation[];
  readonly attendance: readonly AttendanceRecord[];
  /** The organisations that declared an interest in the item (from its minutes). */
  readonly declaredInterest: ReadonlySet<string> | readonly string[];
  readonly rules: Pick<Constitution, 'coOptedMayVote' | 'interestBarsVoting'>;
  readonly meetingDate: string;
}

const byName = <T extends Standing>(a: T, b: T) => a.name.localeCompare(b.name, 'en-GB');

// Partnership Agreement 5.4, 5.5, 5.6, 7.1, 7.2; the conflicts of interest protocol.
export function electorate(input: ElectorateInput): Electorate {
  const present = new Set(input.attendance.filter(isPresent).map((a) => a.organisationId));
  const declared = new Set(input.declaredInterest);
  const eligible: Standing[] = [];
  const notEligible: NotEligible[] = [];
  for (const o of input.organisations) {
    if (o.deleted || o.archived || o.status === 'applicant' || o.status === 'refused') continue;
    const standing = { organisationId: o.id, name: o.name };
    const rights = votingRights(o, input.meetingDate, input.rules);
    if (!rights.mayVote) {
      notEligible.push({ ...standing, reason: rights.reason, explanation: rights.explanation });
    } else if (!present.has(o.id)) {
      notEligible.push({ ...standing, reason: 'absent', explanation: `${o.name} was not present, by its representative or a named substitute.` });
    } else if (input.rules.interestBarsVoting && declared.has(o.id)) {
      notEligible.push({ ...standing, reason: 'declared-interest', explanation: `${o.name} declared an interest in this item and does not vote on it.` });
    } else {
      eligible.push(standing);
    }
  }
  return { eligible: eligible.sort(byName), notEligible: notEligible.sort(byName) };
}

// ---------------------------------------------------------------- the outcome rule

export const specialMajoritySchema = z.object({
  /** A short key for the kind of decision, stored on each motion of that kind. */
  kind: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'A kind of decision’s key is lower-case letters, digits and hyphens, for example constitution'),
  label: z.string().trim().min(1, 'Name the kind of decision').max(100, 'The kind of decision’s name is at most 100 characters'),
  /** The share of the votes cast that must be for: numerator / denominator, for example 2 / 3. */
  numerator: z.number().int().min(1).max(100),
  denominator: z.number().int().min(1).max(100),
}).refine((m) => 2 * m.numerator > m.denominator && m.numerator <= m.denominator, { path: ['numerator'], message: 'A larger majority is more than half of the votes cast, and at most all of them' });
export type SpecialMajority = z.infer<typeof specialMajoritySchema>;

export const ORDINARY_DECISION = 'ordinary';

/** The rule that decides a vote, as a decision's proof keeps it. */
export const outcomeRuleSchema = z.object({
  kind: z.string().max(40),
  /** The share of the votes cast that must be for; a simple majority is 1 / 2 with more for than against. */
  numerator: z.number().int().min(1).max(100),
  denominator: z.number().int().min(1).max(100),
  simple: z.boolean(),
  castingVote: z.boolean(),
  words: z.string().max(500),
});
export type OutcomeRule = z.infer<typeof outcomeRuleSchema>;

/** The outcome rule for a kind of decision under this constitution. */
export function outcomeRuleFor(kind: string, rules: Pick<Constitution, 'chairCastingVote' | 'specialMajorities'>): OutcomeRule {
  const special = rules.specialMajorities.find((s) => s.kind === kind);
  const casting = rules.chairCastingVote
    ? ' When the votes for and against are equal, the chair has a casting vote.'
    : ' When the votes for and against are equal, the motion is tied and is not carried: the chair has no casting vote.';
  if (!special) {
    return { kind: ORDINARY_DECISION, numerator: 1, denominator: 2, simple: true, castingVote: rules.chairCastingVote, words: `A simple majority of the votes cast: carried when more vote for than against; abstentions are not votes cast.${casting}` };
  }
  return {
    kind: special.kind,
    numerator: special.numerator,
    denominator: special.denominator,
    simple: false,
    castingVote: false,
    words: `${special.label}: carried when at least ${special.numerator} in ${special.denominator} of the votes cast are for; abstentions are not votes cast.`,
  };
}

export interface VoteCounts {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

export type VoteOutcome = 'carried' | 'defeated' | 'tied';

/** The outcome of a vote under a rule, with the chair's casting vote when the rule gives one and the votes are equal. */
export function voteOutcome(counts: VoteCounts, rule: OutcomeRule, castingVote?: 'for' | 'against'): VoteOutcome {
  const cast = counts.for + counts.against;
  if (rule.simple) {
    if (counts.for > counts.against) return 'carried';
    if (counts.against > counts.for) return 'defeated';
    if (rule.castingVote && castingVote) return castingVote === 'for' ? 'carried' : 'defeated';
    return 'tied';
  }
  // A larger majority: at least numerator / denominator of the votes cast, in whole numbers (for × d ≥ n × cast).
  // Never fewer than a simple majority, whatever the setting says.
  if (cast === 0 || counts.for <= counts.against) return 'defeated';
  return counts.for * rule.denominator >= rule.numerator * cast ? 'carried' : 'defeated';
}

// ---------------------------------------------------------------- the proof

const standingSchema = z.object({ organisationId: z.string().max(200), name: z.string().max(300) });
const countSchema = z.number().int().min(0).max(100_000);

export const decisionProofSchema = z.object({
  meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  quorum: z.object({
    required: countSchema,
    present: countSchema,
    votingMembers: countSchema,
    quorate: z.boolean(),
    counted: z.array(standingSchema).max(5000),
    notCounted: z.array(standingSchema.extend({ explanation: z.string().max(500) })).max(5000),
  }),
  eligible: z.array(standingSchema).max(5000),
  notEligible: z.array(standingSchema.extend({ reason: z.string().max(40), explanation: z.string().max(500) })).max(5000),
  method: z.enum(['consensus', 'vote']),
  ballot: z.enum(['named', 'secret']).optional(),
  counts: z.object({ for: countSchema, against: countSchema, abstain: countSchema }).optional(),
  /** A named ballot's votes, one per organisation. */
  votes: z.array(standingSchema.extend({ choice: z.enum(VOTE_CHOICES) })).max(5000).optional(),
  dissent: z.array(standingSchema).max(5000).default([]),
  rule: outcomeRuleSchema.optional(),
  castingVote: z.enum(['for', 'against']).optional(),
});
export type DecisionProof = z.infer<typeof decisionProofSchema>;

export type DecisionOutcome = 'consensus' | VoteOutcome;

export interface DecisionInput extends ElectorateInput {
  readonly rules: DecisionRules;
  readonly method: 'consensus' | 'vote';
  readonly ballot: 'named' | 'secret';
  /** The kind of decision (ORDINARY_DECISION or a specialMajorities kind). */
  readonly decisionKind: string;
  /** A named ballot: the votes recorded, one per organisation. */
  readonly votes?: ReadonlyArray<{ organisationId: string; choice: VoteChoice }>;
  /** A secret ballot: the counts announced. */
  readonly counts?: VoteCounts;
  /** By consensus: the members who asked for their dissent to be recorded (10.7). */
  readonly dissent?: readonly string[];
  readonly castingVote?: 'for' | 'against';
}

export type Decision = { readonly ok: true; readonly outcome: DecisionOutcome; readonly proof: DecisionProof } | { readonly ok: false; readonly problems: string[] };

const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * Decide a motion: the outcome and its proof, or every reason it cannot be
 * decided as asked, in words. Nothing is decided at an inquorate meeting (10.6);
 * a vote from an organisation not eligible, or a second vote from one, refuses
 * the whole decision rather than being quietly left out.
 */
export function decide(input: DecisionInput): Decision {
  const quorum = assessQuorum(input.attendance, input.organisations, input.rules, input.meetingDate);
  const names = new Map(input.organisations.map((o) => [o.id, o.name]));
  const nameOf = (id: string) => names.get(id) ?? 'An organisation not on the register';
  // Partnership Agreement 10.6: an inquorate meeting cannot take decisions.
  if (!quorum.quorate) return { ok: false, problems: [quorum.message] };

  const { eligible, notEligible } = electorate(input);
  const eligibleIds = new Set(eligible.map((e) => e.organisationId));
  const why = new Map(notEligible.map((n) => [n.organisationId, n.explanation]));
  const problems: string[] = [];
  const proofBase = {
    meetingDate: input.meetingDate,
    quorum: {
      required: quorum.required,
      present: quorum.present,
      votingMembers: quorum.votingMembers,
      quorate: quorum.quorate,
      counted: quorum.countedOrganisationIds.map((id) => ({ organisationId: id, name: nameOf(id) })),
      notCounted: quorum.notCounted.map((n) => ({ organisationId: n.organisationId, name: nameOf(n.organisationId), explanation: n.explanation })),
    },
    eligible,
    notEligible: notEligible.map((n) => ({ organisationId: n.organisationId, name: n.name, reason: n.reason, explanation: n.explanation })),
  };

  if (input.method === 'consensus') {
    const dissent = [...new Set(input.dissent ?? [])];
    for (const id of dissent) if (!eligibleIds.has(id) && !names.has(id)) problems.push('A dissent was recorded for an organisation that is not on the register.');
    if (problems.length > 0) return { ok: false, problems };
    const proof: DecisionProof = { ...proofBase, method: 'consensus', dissent: dissent.map((id) => ({ organisationId: id, name: nameOf(id) })) };
    return { ok: true, outcome: 'consensus', proof };
  }

  const rule = outcomeRuleFor(input.decisionKind, input.rules);
  let counts: VoteCounts;
  let votes: DecisionProof['votes'];
  if (input.ballot === 'named') {
    const seen = new Set<string>();
    const recorded: NonNullable<DecisionProof['votes']> = [];
    for (const v of input.votes ?? []) {
      const name = nameOf(v.organisationId);
      // Partnership Agreement 5.5: one member, one vote.
      if (seen.has(v.organisationId)) {
        problems.push(`${name} has already voted on this motion: each member has one vote.`);
        continue;
      }
      seen.add(v.organisationId);
      if (!eligibleIds.has(v.organisationId)) {
        problems.push(`${name} may not vote on this motion. ${why.get(v.organisationId) ?? ''}`.trim());
        continue;
      }
      recorded.push({ organisationId: v.organisationId, name, choice: v.choice });
    }
    if (recorded.length === 0 && problems.length === 0) problems.push('No votes have been recorded: record each member’s vote, or decide by consensus.');
    counts = {
      for: recorded.filter((v) => v.choice === 'for').length,
      against: recorded.filter((v) => v.choice === 'against').length,
      abstain: recorded.filter((v) => v.choice === 'abstain').length,
    };
    votes = recorded.sort(byName);
  } else {
    const c = input.counts;
    if (!c || !isCount(c.for) || !isCount(c.against) || !isCount(c.abstain)) {
      return { ok: false, problems: ['Enter the votes for, against and abstaining as whole numbers, 0 or more.'] };
    }
    counts = { for: c.for, against: c.against, abstain: c.abstain };
    const total = counts.for + counts.against + counts.abstain;
    if (total > eligible.length) problems.push(`${total} votes were counted, but only ${eligible.length} ${eligible.length === 1 ? 'member is' : 'members are'} eligible to vote on this motion.`);
    if (total === 0) problems.push('No votes have been counted: enter the counts, or decide by consensus.');
  }
  if (problems.length > 0) return { ok: false, problems };
  const castingVote = rule.castingVote && counts.for === counts.against ? input.castingVote : undefined;
  const outcome = voteOutcome(counts, rule, castingVote);
  // Partnership Agreement 10.7: those who voted against a carried motion are recorded as dissenting.
  const dissent = outcome === 'carried' && votes ? votes.filter((v) => v.choice === 'against').map(({ organisationId, name }) => ({ organisationId, name })) : [];
  const proof: DecisionProof = { ...proofBase, method: 'vote', ballot: input.ballot, counts, ...(votes ? { votes } : {}), dissent, rule, ...(castingVote ? { castingVote } : {}) };
  return { ok: true, outcome, proof };
}

/**
 * Whether a decision's proof holds together, checked on every copy before the
 * decision is accepted: a quorate meeting, votes only from those shown eligible
 * and one each, counts that match the votes and are no more than the eligible,
 * and the outcome the rule gives for those counts. Returns the problem in words,
 * or null.
 */
export function proofProblem(outcome: string, proof: DecisionProof): string | null {
  if (!proof.quorum.quorate || proof.quorum.present < proof.quorum.required) return 'the meeting was not quorate, so it could not decide (Partnership Agreement 10.6)';
  if (proof.method === 'consensus') return outcome === 'consensus' ? null : 'a decision by consensus has the outcome “agreed by consensus”';
  if (outcome === 'consensus') return 'a vote’s outcome is carried, defeated or tied';
  if (!proof.counts || !proof.rule || !proof.ballot) return 'a vote’s proof must keep its ballot, its counts and its rule';
  const eligible = new Set(proof.eligible.map((e) => e.organisationId));
  const counts = proof.counts;
  if (counts.for + counts.against + counts.abstain > eligible.size) return 'more votes were counted than there were members eligible to vote';
  if (proof.ballot === 'secret' && proof.votes && proof.votes.length > 0) return 'a secret ballot keeps only the counts';
  if (proof.ballot === 'named') {
    const votes = proof.votes ?? [];
    const seen = new Set<string>();
    for (const v of votes) {
      if (!eligible.has(v.organisationId)) return `${v.name} voted but was not eligible to vote`;
      if (seen.has(v.organisationId)) return `${v.name} voted twice`;
      seen.add(v.organisationId);
    }
    const count = (c: VoteChoice) => votes.filter((v) => v.choice === c).length;
    if (count('for') !== counts.for || count('against') !== counts.against || count('abstain') !== counts.abstain) return 'the counts do not match the votes recorded';
  }
  if (voteOutcome(counts, proof.rule, proof.castingVote) !== outcome) return `the votes counted do not give the outcome “${outcome}” under the rule recorded`;
  return null;
}

/** The outcome in words, for the decision and the register. */
export function outcomeWords(outcome: string, proof?: DecisionProof): string {
  const c = proof?.counts;
  const tally = c ? ` (${c.for} for, ${c.against} against, ${c.abstain} ${c.abstain === 1 ? 'abstention' : 'abstentions'})` : '';
  switch (outcome) {
    case 'consensus':
      return 'Agreed by consensus';
    case 'carried':
      return `Carried${tally}${proof?.castingVote ? ' on the chair’s casting vote' : ''}`;
    case 'defeated':
      return `Not carried${tally}${proof?.castingVote ? ' on the chair’s casting vote' : ''}`;
    case 'tied':
      return `Tied${tally}: not carried`;
    case 'deferred':
      return 'Deferred to a later meeting';
    default:
      return outcome;
  }
}
