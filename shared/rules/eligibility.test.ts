import { describe, expect, it } from 'vitest';
import { assessApplication, votingMembersOn, votingRights, type RegisteredOrganisation } from './eligibility';
import { BEDFORDSHIRE_CONSTITUTION, WORCESTERSHIRE_CONSTITUTION } from './constitution';

const bedfordshire = BEDFORDSHIRE_CONSTITUTION;

describe('membership application (Partnership Agreement 5.1)', () => {
  it('admits an applicant showing 3 of the 5 services', () => {
    const result = assessApplication(
      { '0': 'We run a needs survey every year', '2': 'Monthly network meetings', '4': 'We sit on the LSP board' },
      bedfordshire,
    );
    expect(result).toEqual({
      met: [0, 2, 4],
      required: 3,
      eligible: true,
      missing: 0,
      unmet: [1, 3],
      message: 'Meets 3 of the 5 criteria; 3 are needed.',
    });
  });

  it('cannot admit an applicant showing only 2, and says how many more it needs', () => {
    const result = assessApplication({ '0': 'Needs survey', '1': 'Training programme' }, bedfordshire);
    expect(result.eligible).toBe(false);
    expect(result.missing).toBe(1);
    expect(result.message).toBe(
      'Meets 2 of the 5 criteria; 3 are needed, so the application must show how the organisation meets 1 more before it can be admitted.',
    );
  });

  it('does not count a criterion claimed without saying how it is met', () => {
    const result = assessApplication({ '0': 'Needs survey', '1': '   ', '2': '', '3': 'Forum' }, bedfordshire);
    expect(result.met).toEqual([0, 3]);
    expect(result.eligible).toBe(false);
  });

  it('ignores repeated, unknown and malformed criteria', () => {
    const result = assessApplication(
      [
        { criterion: 1, evidence: 'Training' },
        { criterion: 1, evidence: 'More training' },
        { criterion: 5, evidence: 'Not a listed criterion' },
        { criterion: -1, evidence: 'Nonsense' },
        { criterion: 1.5, evidence: 'Nonsense' },
      ],
      bedfordshire,
    );
    expect(result.met).toEqual([1]);
    expect(assessApplication({ '7': 'x', 'abc': 'y', '1.0': 'z', '-1': 'w' }, bedfordshire).met).toEqual([]);
  });

  it('uses the consortium’s own criteria and threshold (Worcestershire: 3 of 5 services; a stricter 4)', () => {
    const three = { '0': 'Start-up support', '1': 'Advice line', '2': 'Advocacy' };
    expect(assessApplication(three, WORCESTERSHIRE_CONSTITUTION).eligible).toBe(true);
    expect(assessApplication(three, { ...WORCESTERSHIRE_CONSTITUTION, minimumCriteriaMet: 4 })).toMatchObject({
      eligible: false,
      missing: 1,
      required: 4,
    });
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

describe('voting rights (Partnership Agreement 5.4-5.6)', () => {
  const meeting = '2026-06-02';

  it('gives a member one vote', () => {
    expect(votingRights(org('Voluntary Action Luton'), meeting, bedfordshire)).toEqual({ mayVote: true });
  });

  it('refuses a vote to a co-opted organisation, unless the constitution lets them vote', () => {
    const coOpted = org('Bedford Race Equality Council', { status: 'co-opted' });
    expect(votingRights(coOpted, meeting, bedfordshire)).toEqual({
      mayVote: false,
      reason: 'co-opted',
      explanation: 'Bedford Race Equality Council is co-opted: co-opted organisations advise the consortium but do not vote.',
    });
    expect(votingRights(coOpted, meeting, { coOptedMayVote: true }).mayVote).toBe(true);
  });

  it('stops a resigned member voting from its resignation date, but not before', () => {
    const resigned = org('Bedfordshire Rural Communities Charity', { status: 'resigned', resignedOn: '2026-06-02' });
    expect(votingRights(resigned, '2026-06-02', bedfordshire)).toEqual({
      mayVote: false,
      reason: 'resigned',
      explanation: 'Bedfordshire Rural Communities Charity resigned on 2 June 2026 and no longer votes.',
    });
    expect(votingRights(resigned, '2026-06-01', bedfordshire).mayVote).toBe(true);
    expect(votingRights(org('X', { status: 'resigned' }), meeting, bedfordshire)).toMatchObject({ reason: 'resigned' });
    expect(votingRights(org('Y', { resignedOn: '2026-05-01' }), meeting, bedfordshire)).toMatchObject({ reason: 'resigned' });
  });

  it('gives no vote before the organisation joined, or once it is removed from the register', () => {
    expect(votingRights(org('New CVS', { joinedOn: '2026-07-01' }), meeting, bedfordshire)).toMatchObject({
      mayVote: false,
      reason: 'not-yet-joined',
      explanation: 'New CVS joined on 1 July 2026, after 2 June 2026.',
    });
    expect(votingRights(org('New CVS', { joinedOn: meeting }), meeting, bedfordshire).mayVote).toBe(true);
    expect(votingRights(org('Gone', { deleted: true }), meeting, bedfordshire)).toMatchObject({ reason: 'removed' });
  });

  it('gives no vote to an applicant, to an organisation refused membership, or to one archived, and says why', () => {
    expect(votingRights(org('Luton Advice Forum', { status: 'applicant' }), meeting, bedfordshire)).toEqual({
      mayVote: false,
      reason: 'applicant',
      explanation: 'Luton Advice Forum is an applicant, not yet a member.',
    });
    expect(votingRights(org('Luton Advice Forum', { status: 'refused' }), meeting, bedfordshire)).toEqual({
      mayVote: false,
      reason: 'refused',
      explanation: 'Luton Advice Forum was refused membership and is not a member.',
    });
    expect(votingRights(org('Old CVS', { archived: true }), meeting, bedfordshire)).toMatchObject({ mayVote: false, reason: 'archived' });
    // An applicant is not voting even where co-opted organisations may vote.
    expect(votingRights(org('Luton Advice Forum', { status: 'applicant' }), meeting, { coOptedMayVote: true }).mayVote).toBe(false);
    // A resignation already in force is the reason given, whatever else the record says.
    expect(votingRights(org('Z', { status: 'applicant', resignedOn: '2026-01-01' }), meeting, bedfordshire)).toMatchObject({ reason: 'resigned' });
  });

  it('counts the membership eligible to vote', () => {
    const register = [
      org('a'),
      org('b'),
      org('c', { status: 'co-opted' }),
      org('d', { status: 'resigned', resignedOn: '2026-01-01' }),
      org('e', { status: 'resigned', resignedOn: '2026-12-01' }),
    ];
    expect(votingMembersOn(register, meeting, bedfordshire)).toBe(3);
  });

  it('refuses a meeting date that is not a date', () => {
    expect(() => votingRights(org('a'), '02/06/2026', bedfordshire)).toThrow(/not a date/);
  });
});
