import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tallyVotes, type CastVote } from './tallies';
import { assertCanDecide, InquorateError, type AttendanceRecord } from './quorum';
import { BEDFORDSHIRE_CONSTITUTION } from './constitution';
import type { RegisteredOrganisation } from './eligibility';

const rules = BEDFORDSHIRE_CONSTITUTION;
const meeting = '2026-06-02';
const org = (id: string, name: string, extra: Partial<RegisteredOrganisation> = {}): RegisteredOrganisation => ({
  id,
  name,
  status: 'member',
  joinedOn: '',
  resignedOn: '',
  ...extra,
});
const register = [
  org('brec', 'Bedford Race Equality Council'),
  org('brcc', 'Bedfordshire Rural Communities Charity'),
  org('cvs', 'Community & Voluntary Service Mid and North Bedfordshire'),
  org('val', 'Voluntary Action Luton'),
  org('vcasb', 'Voluntary and Community Action South Bedfordshire'),
  org('adviser', 'Bedfordshire Advice Forum', { status: 'co-opted' }),
  org('left', 'Leighton Volunteer Centre', { status: 'resigned', resignedOn: '2026-05-15' }),
];
const present = (...ids: string[]): AttendanceRecord[] => ids.map((organisationId) => ({ organisationId, status: 'present' }));
const everyone = present('brec', 'brcc', 'cvs', 'val', 'vcasb', 'adviser', 'left');
const vote = (organisationId: string, choice: CastVote['choice'], declaredInterest = false): CastVote => ({
  organisationId,
  choice,
  declaredInterest,
});

describe('tallyVotes', () => {
  it('carries a motion with more for than against and records who dissented', () => {
    const tally = tallyVotes(
      [vote('brec', 'for'), vote('brcc', 'for'), vote('cvs', 'against'), vote('val', 'abstain'), vote('vcasb', 'for')],
      register,
      everyone,
      rules,
      meeting,
    );
    expect(tally).toMatchObject({ for: 3, against: 1, abstain: 1, refused: [], outcome: 'carried', dissentingOrganisationIds: ['cvs'] });
    expect(tally.quorum.quorate).toBe(true);
  });

  it('defeats a motion with more against, and ties on equal votes (no casting vote)', () => {
    expect(tallyVotes([vote('brec', 'for'), vote('brcc', 'against'), vote('cvs', 'against')], register, everyone, rules, meeting)).toMatchObject({
      outcome: 'defeated',
      dissentingOrganisationIds: [],
    });
    expect(tallyVotes([vote('brec', 'for'), vote('brcc', 'against'), vote('cvs', 'abstain')], register, everyone, rules, meeting).outcome).toBe('tied');
  });

  it('refuses a vote from a co-opted member', () => {
    const tally = tallyVotes([vote('adviser', 'for'), vote('brec', 'against')], register, everyone, rules, meeting);
    expect(tally.for).toBe(0);
    expect(tally.refused).toEqual([
      {
        organisationId: 'adviser',
        code: 'co-opted',
        reason: 'Bedfordshire Advice Forum is co-opted: co-opted organisations advise the consortium but do not vote.',
      },
    ]);
  });

  it('refuses a vote from an organisation that resigned before the meeting', () => {
    const tally = tallyVotes([vote('left', 'for')], register, everyone, rules, meeting);
    expect(tally.refused).toEqual([
      { organisationId: 'left', code: 'resigned', reason: 'Leighton Volunteer Centre resigned on 15 May 2026 and no longer votes.' },
    ]);
  });

  it('refuses a second vote from the same organisation: one member, one vote', () => {
    const tally = tallyVotes([vote('val', 'for'), vote('val', 'for'), vote('val', 'against')], register, everyone, rules, meeting);
    expect(tally).toMatchObject({ for: 1, against: 0 });
    expect(tally.refused.map((r) => r.code)).toEqual(['second-vote', 'second-vote']);
    expect(tally.refused[0]!.reason).toBe('Voluntary Action Luton has already voted on this item: each member has one vote.');
  });

  it('refuses a vote from an organisation not present, and counts one sent by substitute', () => {
    const attendance: AttendanceRecord[] = [
      { organisationId: 'brec', status: 'substitute' },
      { organisationId: 'brcc', status: 'apologies' },
      { organisationId: 'cvs', status: 'present' },
    ];
    const tally = tallyVotes([vote('brec', 'for'), vote('brcc', 'for'), vote('val', 'against')], register, attendance, rules, meeting);
    expect(tally.for).toBe(1);
    expect(tally.refused.map((r) => [r.organisationId, r.code])).toEqual([
      ['brcc', 'not-present'],
      ['val', 'not-present'],
    ]);
    expect(tally.refused[0]!.reason).toBe(
      'Bedfordshire Rural Communities Charity was not present, by its representative or a substitute, so cannot vote.',
    );
  });

  it('refuses a vote from a member that declared an interest in the item, where the constitution says so', () => {
    const votes = [vote('vcasb', 'for', true), vote('brec', 'for')];
    const tally = tallyVotes(votes, register, everyone, rules, meeting);
    expect(tally.for).toBe(1);
    expect(tally.refused).toEqual([
      {
        organisationId: 'vcasb',
        code: 'declared-interest',
        reason: 'Voluntary and Community Action South Bedfordshire declared an interest in this item and does not vote on it.',
      },
    ]);
    expect(tallyVotes(votes, register, everyone, { ...rules, interestBarsVoting: false }, meeting).for).toBe(2);
  });

  it('bars every vote of an organisation that declared an interest on any of them', () => {
    const tally = tallyVotes([vote('val', 'for'), vote('val', 'for', true)], register, everyone, rules, meeting);
    expect(tally.for).toBe(0);
    expect(tally.refused.map((r) => r.code)).toEqual(['declared-interest', 'declared-interest']);
  });

  it('refuses a vote from an organisation not on the register and ignores deleted votes', () => {
    const tally = tallyVotes(
      [vote('stranger', 'for'), { ...vote('brec', 'against'), deleted: true }, vote('brcc', 'for')],
      register,
      everyone,
      rules,
      meeting,
    );
    expect(tally).toMatchObject({ for: 1, against: 0 });
    expect(tally.refused).toEqual([
      {
        organisationId: 'stranger',
        code: 'unknown-organisation',
        reason: 'This vote is from an organisation that is not on the register, so it was not counted.',
      },
    ]);
  });

  it('reports the quorum so an inquorate meeting cannot record the outcome', () => {
    const tally = tallyVotes([vote('brec', 'for')], register, present('brec', 'adviser'), rules, meeting);
    expect(tally.quorum).toMatchObject({ quorate: false, present: 1, required: 2 });
    expect(() => assertCanDecide(tally.quorum)).toThrow(InquorateError);
  });

  it('counts each voting organisation at most once and accounts for every vote', () => {
    const ids = ['brec', 'brcc', 'cvs', 'val', 'vcasb', 'adviser', 'left', 'stranger'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            organisationId: fc.constantFrom(...ids),
            choice: fc.constantFrom('for' as const, 'against' as const, 'abstain' as const),
            declaredInterest: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        fc.subarray(ids),
        (votes, attending) => {
          const tally = tallyVotes(votes, register, present(...attending), rules, meeting);
          expect(tally.for + tally.against + tally.abstain + tally.refused.length).toBe(votes.length);
          expect(new Set(tally.counted.map((c) => c.organisationId)).size).toBe(tally.counted.length);
          for (const c of tally.counted) {
            expect(attending).toContain(c.organisationId);
            expect(['adviser', 'left', 'stranger']).not.toContain(c.organisationId);
          }
        },
      ),
    );
  });
});
