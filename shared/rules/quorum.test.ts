import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertCanDecide,
  assessQuorum,
  canDecide,
  countTowardsQuorum,
  InquorateError,
  InvalidMemberCount,
  isQuorate,
  quorumFor,
  type AttendanceRecord,
} from './quorum';
import { BEDFORDSHIRE_CONSTITUTION, type Constitution } from './constitution';
import type { RegisteredOrganisation } from './eligibility';

const bedfordshire = BEDFORDSHIRE_CONSTITUTION;

describe('quorumFor (Partnership Agreement 10.6)', () => {
  it('BRIEF: 6 voting members → 2; 11 → 4; 13 → 4; 137 → 46', () => {
    expect(quorumFor(6, bedfordshire)).toBe(2);
    expect(quorumFor(11, bedfordshire)).toBe(4);
    expect(quorumFor(13, bedfordshire)).toBe(4);
    expect(quorumFor(137, bedfordshire)).toBe(46);
  });

  it('is never below two, even for a consortium of three or fewer', () => {
    expect(quorumFor(0, bedfordshire)).toBe(2);
    expect(quorumFor(1, bedfordshire)).toBe(2);
    expect(quorumFor(3, bedfordshire)).toBe(2);
    expect(quorumFor(7, bedfordshire)).toBe(2);
    expect(quorumFor(8, bedfordshire)).toBe(3);
  });

  it('rounds a half up (9 members with a quorum of one sixth: 1½ → 2; a half of 5: 2½ → 3)', () => {
    expect(quorumFor(9, { ...bedfordshire, quorumMinimum: 1, quorumFractionDenominator: 6 })).toBe(2);
    expect(quorumFor(5, { ...bedfordshire, quorumMinimum: 1, quorumFractionDenominator: 2 })).toBe(3);
  });

  it('uses the consortium’s own fraction and minimum', () => {
    const half: Pick<Constitution, 'quorumMinimum' | 'quorumFractionNumerator' | 'quorumFractionDenominator'> = {
      quorumMinimum: 3,
      quorumFractionNumerator: 1,
      quorumFractionDenominator: 2,
    };
    expect(quorumFor(13, half)).toBe(7);
    expect(quorumFor(4, half)).toBe(3);
  });

  it('refuses a number of members that is not a whole number from 0 up', () => {
    expect(() => quorumFor(-1, bedfordshire)).toThrow(InvalidMemberCount);
    expect(() => quorumFor(2.5, bedfordshire)).toThrow('The number of voting members must be a whole number, 0 or more');
  });

  it('is the nearest whole number to the fraction, halves up, and never below the minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (members, n, d, minimum) => {
          const q = quorumFor(members, { quorumMinimum: minimum, quorumFractionNumerator: n, quorumFractionDenominator: d });
          // nearest = k where -d < 2(k·d − members·n) ≤ d, in exact BigInt arithmetic
          const twiceError = 2n * (BigInt(q) * BigInt(d) - BigInt(members) * BigInt(n));
          expect(q).toBeGreaterThanOrEqual(minimum);
          if (q > minimum) expect(twiceError > -BigInt(d) && twiceError <= BigInt(d)).toBe(true);
          else expect(twiceError > -BigInt(d)).toBe(true);
        },
      ),
    );
  });

  it('never falls when members join', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (members) => {
        expect(quorumFor(members + 1, bedfordshire)).toBeGreaterThanOrEqual(quorumFor(members, bedfordshire));
      }),
    );
  });
});

const org = (id: string, extra: Partial<RegisteredOrganisation> = {}): RegisteredOrganisation => ({
  id,
  name: id,
  status: 'member',
  joinedOn: '',
  resignedOn: '',
  ...extra,
});
const at = (organisationId: string, status: AttendanceRecord['status'] = 'present'): AttendanceRecord => ({ organisationId, status });
const meeting = '2026-06-02';

describe('who counts towards the quorum', () => {
  // Eleven organisations eligible to vote: the quorum is 4.
  const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11'].map((id) => org(id));
  const register = [
    ...members,
    org('co-opted', { status: 'co-opted' }),
    org('resigned', { status: 'resigned', resignedOn: '2026-05-01' }),
  ];

  it('counts members present in person or by substitute, one per organisation', () => {
    const attendance = [at('m1'), at('m2', 'substitute'), at('m2'), at('m3'), at('m4', 'apologies'), at('m5', 'absent')];
    expect(countTowardsQuorum(attendance, register, bedfordshire, meeting)).toEqual(['m1', 'm2', 'm3']);
    expect(isQuorate(attendance, register, bedfordshire, meeting)).toBe(false);
    expect(isQuorate([...attendance, at('m6', 'substitute')], register, bedfordshire, meeting)).toBe(true);
  });

  it('does not count a co-opted or resigned organisation, and does not count them as members either', () => {
    const attendance = [at('m1'), at('m2'), at('m3'), at('co-opted'), at('resigned')];
    const result = assessQuorum(attendance, register, bedfordshire, meeting);
    expect(result).toMatchObject({ quorate: false, required: 4, present: 3, votingMembers: 11 });
    expect(result.notCounted.map((n) => [n.organisationId, n.reason])).toEqual([
      ['co-opted', 'co-opted'],
      ['resigned', 'resigned'],
    ]);
    expect(result.message).toBe(
      'Not quorate: 3 of the 11 members eligible to vote are present and the quorum is 4. The meeting can discuss and minute items but cannot take decisions.',
    );
  });

  it('counts an organisation that resigned after the meeting', () => {
    const later = [...members.slice(0, 10), org('m11', { status: 'resigned', resignedOn: '2026-07-01' })];
    const result = assessQuorum([at('m1'), at('m2'), at('m3'), at('m11')], later, bedfordshire, meeting);
    expect(result).toMatchObject({ quorate: true, present: 4, votingMembers: 11 });
    expect(result.message).toBe('Quorate: 4 of the 11 members eligible to vote are present and the quorum is 4.');
  });

  it('counts co-opted organisations where the constitution gives them a vote', () => {
    const result = assessQuorum([at('m1'), at('co-opted')], register, { ...bedfordshire, coOptedMayVote: true }, meeting);
    expect(result).toMatchObject({ present: 2, votingMembers: 12 });
  });

  it('ignores attendance of an organisation not on the register and deleted attendance rows', () => {
    const result = assessQuorum(
      [at('m1'), at('stranger'), { organisationId: 'm2', status: 'present', deleted: true }],
      register,
      bedfordshire,
      meeting,
    );
    expect(result.countedOrganisationIds).toEqual(['m1']);
    expect(result.notCounted).toEqual([
      {
        organisationId: 'stranger',
        reason: 'unknown-organisation',
        explanation: 'An organisation that is not on the register was recorded as present.',
      },
    ]);
  });

  it('BRIEF: the six Bedfordshire & Luton signatories need 2 present', () => {
    const six = ['BREC', 'BRCC', 'CVS MNB', 'VAL', 'VCA SB', 'sixth'].map((id) => org(id));
    expect(isQuorate([at('VAL')], six, bedfordshire, meeting)).toBe(false);
    expect(isQuorate([at('VAL'), at('BREC', 'substitute')], six, bedfordshire, meeting)).toBe(true);
  });
});

describe('an inquorate meeting cannot take decisions (10.6)', () => {
  it('allows a decision only when quorate', () => {
    expect(canDecide(true)).toBe(true);
    expect(canDecide(false)).toBe(false);
    expect(() => assertCanDecide(true)).not.toThrow();
    expect(() => assertCanDecide(false)).toThrow(InquorateError);
    expect(() => assertCanDecide(false)).toThrow(
      'The meeting is not quorate: it can discuss and minute items but cannot take decisions.',
    );
  });

  it('explains the numbers when refusing', () => {
    const assessment = assessQuorum([at('a')], [org('a'), org('b'), org('c')], bedfordshire, meeting);
    expect(canDecide(assessment)).toBe(false);
    try {
      assertCanDecide(assessment);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InquorateError);
      expect((error as InquorateError).assessment).toBe(assessment);
      expect((error as Error).message).toContain('1 of the 3 members eligible to vote is present and the quorum is 2');
    }
  });
});
