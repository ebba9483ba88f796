import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, decisionProofSchema, electorate, outcomeRuleFor, outcomeWords, proofProblem, voteOutcome, type DecisionInput, type VoteChoice } from './decisions';
import { BEDFORDSHIRE_CONSTITUTION, type Constitution } from './constitution';
import type { RegisteredOrganisation } from './eligibility';
import type { AttendanceRecord } from './quorum';

const rules = BEDFORDSHIRE_CONSTITUTION;
const meetingDate = '2026-06-02';
const org = (id: string, name: string, extra: Partial<RegisteredOrganisation> = {}): RegisteredOrganisation => ({ id, name, status: 'member', joinedOn: '', resignedOn: '', ...extra });
// Six members of whom one is co-opted, as the issue's example; and one that resigned.
const register = [
  org('brec', 'Bedford Race Equality Council'),
  org('brcc', 'Bedfordshire Rural Communities Charity'),
  org('cvs', 'CVS Mid and North Bedfordshire'),
  org('val', 'Voluntary Action Luton'),
  org('vcasb', 'Voluntary and Community Action South Bedfordshire'),
  org('adviser', 'Bedfordshire Advice Forum', { status: 'co-opted' }),
  org('left', 'Leighton Volunteer Centre', { status: 'resigned', resignedOn: '2026-05-15' }),
  org('new', 'New Applicant Group', { status: 'applicant' }),
];
const present = (...ids: string[]): AttendanceRecord[] => ids.map((organisationId) => ({ organisationId, status: 'present' }));
const everyone = present('brec', 'brcc', 'cvs', 'val', 'vcasb', 'adviser', 'left');
const base = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  organisations: register,
  attendance: everyone,
  declaredInterest: ['brcc'],
  rules,
  meetingDate,
  method: 'vote',
  ballot: 'named',
  decisionKind: 'ordinary',
  ...over,
});
const votes = (...pairs: Array<[string, VoteChoice]>) => pairs.map(([organisationId, choice]) => ({ organisationId, choice }));

describe('electorate', () => {
  it('shows the co-opted, the resigned, the absent and the conflicted as not eligible, each with the reason', () => {
    const e = electorate({ organisations: register, attendance: present('brec', 'brcc', 'cvs', 'val', 'adviser'), declaredInterest: ['brcc'], rules, meetingDate });
    expect(e.eligible.map((s) => s.organisationId)).toEqual(['brec', 'cvs', 'val']);
    const reasons = Object.fromEntries(e.notEligible.map((n) => [n.organisationId, n.reason]));
    expect(reasons).toEqual({ adviser: 'co-opted', brcc: 'declared-interest', left: 'resigned', vcasb: 'absent' });
    expect(e.notEligible.find((n) => n.organisationId === 'adviser')?.explanation).toMatch(/co-opted organisations advise the consortium but do not vote/);
    expect(e.notEligible.find((n) => n.organisationId === 'brcc')?.explanation).toMatch(/declared an interest in this item/);
    // Applicants are not on the list at all: they are not members.
    expect(e.notEligible.some((n) => n.organisationId === 'new')).toBe(false);
  });

  it('lets a member that declared an interest vote when the constitution does not bar it', () => {
    const e = electorate({ organisations: register, attendance: everyone, declaredInterest: ['brcc'], rules: { ...rules, interestBarsVoting: false }, meetingDate });
    expect(e.eligible.map((s) => s.organisationId)).toContain('brcc');
  });

  it('counts a named substitute as present', () => {
    const e = electorate({ organisations: register, attendance: [{ organisationId: 'val', status: 'substitute' }], declaredInterest: [], rules, meetingDate });
    expect(e.eligible.map((s) => s.organisationId)).toEqual(['val']);
  });
});

describe('the outcome rule', () => {
  const simple = outcomeRuleFor('ordinary', rules);
  it('carries with more for than against; abstentions are not votes cast', () => {
    expect(voteOutcome({ for: 2, against: 1, abstain: 5 }, simple)).toBe('carried');
    expect(voteOutcome({ for: 1, against: 2, abstain: 0 }, simple)).toBe('defeated');
    expect(voteOutcome({ for: 2, against: 2, abstain: 1 }, simple)).toBe('tied');
  });
  it('gives the chair a casting vote only when the constitution does', () => {
    expect(voteOutcome({ for: 2, against: 2, abstain: 0 }, simple, 'for')).toBe('tied');
    const casting = outcomeRuleFor('ordinary', { ...rules, chairCastingVote: true });
    expect(voteOutcome({ for: 2, against: 2, abstain: 0 }, casting, 'for')).toBe('carried');
    expect(voteOutcome({ for: 2, against: 2, abstain: 0 }, casting, 'against')).toBe('defeated');
    expect(voteOutcome({ for: 2, against: 2, abstain: 0 }, casting)).toBe('tied');
  });
  it('asks a larger majority for a named kind of decision', () => {
    const withTwoThirds: Constitution = { ...rules, specialMajorities: [{ kind: 'constitution', label: 'Changing the constitution', numerator: 2, denominator: 3 }] };
    const rule = outcomeRuleFor('constitution', withTwoThirds);
    expect(rule.words).toMatch(/Changing the constitution: carried when at least 2 in 3/);
    expect(voteOutcome({ for: 2, against: 1, abstain: 0 }, rule)).toBe('carried');
    expect(voteOutcome({ for: 3, against: 2, abstain: 0 }, rule)).toBe('defeated');
    expect(voteOutcome({ for: 0, against: 0, abstain: 3 }, rule)).toBe('defeated');
    // Other kinds keep the simple majority.
    expect(outcomeRuleFor('ordinary', withTwoThirds).simple).toBe(true);
  });
  it('never carries with fewer for than against, whatever the rule', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (f, a, ab, n, d) => {
        const special = outcomeRuleFor('k', { ...rules, specialMajorities: [{ kind: 'k', label: 'K', numerator: Math.min(n, d), denominator: Math.max(n, d) }] });
        for (const rule of [simple, special]) {
          const out = voteOutcome({ for: f, against: a, abstain: ab }, rule);
          if (f < a) expect(out).not.toBe('carried');
        }
      }),
    );
  });
});

describe('decide', () => {
  it('records four votes of the six members, leaving out the co-opted and the conflicted, with the proof', () => {
    const result = decide(base({ attendance: present('brec', 'brcc', 'cvs', 'val', 'vcasb', 'adviser'), votes: votes(['brec', 'for'], ['cvs', 'for'], ['val', 'against'], ['vcasb', 'abstain']) }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outcome).toBe('carried');
    const proof = result.proof;
    expect(proof.counts).toEqual({ for: 2, against: 1, abstain: 1 });
    expect(proof.eligible.map((e) => e.organisationId)).toEqual(['brec', 'cvs', 'val', 'vcasb']);
    expect(proof.notEligible.map((n) => [n.organisationId, n.reason])).toEqual([
      ['adviser', 'co-opted'],
      ['brcc', 'declared-interest'],
      ['left', 'resigned'],
    ]);
    expect(proof.quorum).toMatchObject({ quorate: true, required: 2, present: 5, votingMembers: 5 });
    expect(proof.quorum.notCounted.map((n) => n.organisationId)).toEqual(['adviser']);
    expect(proof.dissent.map((d) => d.organisationId)).toEqual(['val']);
    expect(proof.rule?.words).toMatch(/simple majority/);
    expect(decisionProofSchema.parse(proof)).toEqual(proof);
    expect(proofProblem(result.outcome, proof)).toBeNull();
    expect(outcomeWords(result.outcome, proof)).toBe('Carried (2 for, 1 against, 1 abstention)');
  });

  it('refuses a decision at an inquorate meeting, with the quorum in words', () => {
    const result = decide(base({ attendance: present('brec', 'adviser'), votes: votes(['brec', 'for']) }));
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/^Not quorate: 1 of the 5 members eligible to vote is present and the quorum is 2/)] });
    expect(decide(base({ method: 'consensus', attendance: present('brec') })).ok).toBe(false);
  });

  it('refuses a vote from a member that may not vote, and a second vote from one member', () => {
    const coOpted = decide(base({ votes: votes(['brec', 'for'], ['adviser', 'for']) }));
    expect(coOpted).toEqual({ ok: false, problems: [expect.stringMatching(/^Bedfordshire Advice Forum may not vote on this motion\. .*co-opted/)] });
    const conflicted = decide(base({ votes: votes(['brec', 'for'], ['brcc', 'against']) }));
    expect(conflicted.ok || conflicted.problems[0]).toMatch(/Bedfordshire Rural Communities Charity may not vote .*declared an interest/);
    const twice = decide(base({ votes: votes(['brec', 'for'], ['brec', 'against']) }));
    expect(twice.ok || twice.problems[0]).toMatch(/Bedford Race Equality Council has already voted on this motion: each member has one vote/);
    expect(decide(base({ votes: [] })).ok).toBe(false);
  });

  it('keeps only the counts for a secret ballot, and refuses more votes than there are eligible members', () => {
    const secret = decide(base({ ballot: 'secret', counts: { for: 1, against: 3, abstain: 0 } }));
    expect(secret.ok && secret.outcome).toBe('defeated');
    if (secret.ok) {
      expect(secret.proof.votes).toBeUndefined();
      expect(proofProblem('defeated', secret.proof)).toBeNull();
    }
    const tooMany = decide(base({ ballot: 'secret', counts: { for: 3, against: 2, abstain: 0 } }));
    expect(tooMany).toEqual({ ok: false, problems: ['5 votes were counted, but only 4 members are eligible to vote on this motion.'] });
    expect(decide(base({ ballot: 'secret', counts: { for: 1.5, against: 0, abstain: 0 } })).ok).toBe(false);
  });

  it('agrees by consensus, recording the dissent members ask for', () => {
    const result = decide(base({ method: 'consensus', dissent: ['val'] }));
    expect(result.ok && result.outcome).toBe('consensus');
    if (result.ok) {
      expect(result.proof.dissent).toEqual([{ organisationId: 'val', name: 'Voluntary Action Luton' }]);
      expect(outcomeWords('consensus', result.proof)).toBe('Agreed by consensus');
    }
  });

  it('reports a tie as a tie, or decides it on the chair’s casting vote when the constitution gives one', () => {
    const tie = decide(base({ votes: votes(['brec', 'for'], ['cvs', 'against']), castingVote: 'for' }));
    expect(tie.ok && tie.outcome).toBe('tied');
    const casting = decide(base({ rules: { ...rules, chairCastingVote: true }, votes: votes(['brec', 'for'], ['cvs', 'against']), castingVote: 'for' }));
    expect(casting.ok && casting.outcome).toBe('carried');
    if (casting.ok) expect(outcomeWords(casting.outcome, casting.proof)).toMatch(/on the chair’s casting vote/);
  });
});

describe('proofProblem (checked on every copy)', () => {
  const good = decide(base({ votes: votes(['brec', 'for'], ['cvs', 'for'], ['val', 'against']) }));
  if (!good.ok) throw new Error('setup');
  it('refuses an outcome the counts do not give', () => {
    expect(proofProblem('defeated', good.proof)).toMatch(/do not give the outcome/);
  });
  it('refuses a proof from an inquorate meeting', () => {
    expect(proofProblem('carried', { ...good.proof, quorum: { ...good.proof.quorum, quorate: false } })).toMatch(/not quorate/);
  });
  it('refuses votes from organisations not shown eligible, and counts that do not match the votes', () => {
    const stranger = { ...good.proof, votes: [...(good.proof.votes ?? []), { organisationId: 'adviser', name: 'Bedfordshire Advice Forum', choice: 'for' as const }] };
    expect(proofProblem('carried', stranger)).toMatch(/Bedfordshire Advice Forum voted but was not eligible/);
    expect(proofProblem('carried', { ...good.proof, counts: { for: 3, against: 1, abstain: 0 } })).toMatch(/do not match|more votes/);
  });
});

describe('the constitution’s larger majorities', () => {
  it('refuses a “larger majority” that is half or less of the votes cast, or more than all of them', async () => {
    const { specialMajoritySchema } = await import('./decisions');
    expect(specialMajoritySchema.safeParse({ kind: 'constitution', label: 'Changing the constitution', numerator: 2, denominator: 3 }).success).toBe(true);
    for (const [numerator, denominator] of [[1, 2], [1, 3], [4, 3]]) {
      const result = specialMajoritySchema.safeParse({ kind: 'constitution', label: 'Changing the constitution', numerator, denominator });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('A larger majority is more than half of the votes cast, and at most all of them');
    }
  });
});
