import { describe, expect, it } from 'vitest';
import { BEDFORDSHIRE_CONSTITUTION, WORCESTERSHIRE_CONSTITUTION } from './constitution';
import { votingRights, votingMembersOn } from './eligibility';
import { quorumFor } from './quorum';
import { membershipCounts, notVotingByReason, registerGroup, registerProblems, type RegisterEntry } from './register';

const today = '2026-11-22';
const context = { today, constitution: BEDFORDSHIRE_CONSTITUTION };
const entry = (extra: Partial<RegisterEntry> = {}): RegisterEntry & { id: string } => ({
  id: extra.name ?? 'Volunteer Centre Bedford',
  name: 'Volunteer Centre Bedford',
  status: 'member',
  joinedOn: '2020-04-01',
  resignedOn: '',
  servicesProvided: [0, 1, 2],
  ...extra,
});
const codes = (e: RegisterEntry, c = context) => registerProblems(e, c).map((p) => [p.code, p.severity]);

describe('problems in an entry of the register', () => {
  it('finds none in a consistent member', () => {
    expect(registerProblems(entry(), context)).toEqual([]);
  });

  it('refuses a resignation dated before the organisation joined (Partnership Agreement 5.6)', () => {
    const problems = registerProblems(entry({ status: 'resigned', joinedOn: '2026-04-01', resignedOn: '2026-03-01' }), context);
    expect(problems).toEqual([
      { code: 'resigned-before-joined', severity: 'refuse', field: 'resignedOn', message: 'The resignation date, 1 March 2026, is before the date it joined, 1 April 2026.' },
    ]);
    // The same day is not before.
    expect(codes(entry({ status: 'resigned', joinedOn: '2026-04-01', resignedOn: '2026-04-01' }))).toEqual([]);
  });

  it('flags an organisation marked resigned without a date of resignation', () => {
    expect(registerProblems(entry({ status: 'resigned' }), context)).toEqual([
      expect.objectContaining({ code: 'resigned-without-date', severity: 'flag', message: 'Marked as resigned, but no date of resignation is recorded: record the resignation and the date it takes effect.' }),
    ]);
  });

  it('flags a member whose resignation has already taken effect, but not one resigning later', () => {
    expect(registerProblems(entry({ resignedOn: '2026-05-31' }), context)).toEqual([
      expect.objectContaining({ code: 'member-but-resigned', severity: 'flag', message: 'Marked as a member but resigned on 31 May 2026: it no longer votes or counts.' }),
    ]);
    expect(registerProblems(entry({ status: 'co-opted', servicesProvided: [], resignedOn: today }), context)[0]?.message).toBe('Marked as co-opted but resigned on 22 November 2026: it no longer votes or counts.');
    expect(codes(entry({ resignedOn: '2027-03-31' }))).toEqual([]);
  });

  it('flags a member meeting fewer criteria than the constitution needs, saying how many it meets and how many are needed', () => {
    const problems = registerProblems(entry({ servicesProvided: [0, 4] }), { ...context, constitutionName: 'the Partnership Agreement' });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'too-few-criteria',
        severity: 'flag',
        field: 'servicesProvided',
        message: 'Meets 2 of the 5 membership criteria; the Partnership Agreement needs 3. New members are admitted through an application.',
      }),
    ]);
    // Unknown and repeated criteria do not count; co-opted organisations and applicants are not held to it.
    expect(codes(entry({ servicesProvided: [0, 0, 1, 9] }))).toEqual([['too-few-criteria', 'flag']]);
    expect(codes(entry({ status: 'co-opted', servicesProvided: [] }))).toEqual([]);
    expect(codes(entry({ status: 'applicant', servicesProvided: [] }))).toEqual([]);
    // The consortium's own threshold.
    expect(codes(entry(), { today, constitution: { ...WORCESTERSHIRE_CONSTITUTION, minimumCriteriaMet: 4 } })).toEqual([['too-few-criteria', 'flag']]);
    expect(registerProblems(entry({ servicesProvided: [] }), context)[0]?.message).toContain('needs 3');
    expect(registerProblems(entry({ servicesProvided: [] }), context)[0]?.message).toContain('the constitution needs');
  });

  it('flags a joining date still to come', () => {
    expect(registerProblems(entry({ joinedOn: '2027-01-04' }), context)).toEqual([
      expect.objectContaining({ code: 'joined-in-future', severity: 'flag', field: 'joinedOn', message: 'The date it joined, 4 January 2027, is still to come.' }),
    ]);
  });

  it('puts refusals before flags, and refuses a day that is not a date', () => {
    const problems = registerProblems(entry({ status: 'member', servicesProvided: [], joinedOn: '2026-10-01', resignedOn: '2026-09-01' }), context);
    expect(problems.map((p) => p.code)).toEqual(['resigned-before-joined', 'member-but-resigned', 'too-few-criteria']);
    expect(() => registerProblems(entry(), { ...context, today: '22/11/2026' })).toThrow(/not a date/);
  });
});

describe('one count of the register, agreeing with votingRights', () => {
  const register = [
    entry({ name: 'a' }),
    entry({ name: 'b' }),
    entry({ name: 'c', status: 'co-opted', servicesProvided: [] }),
    entry({ name: 'd', status: 'applicant' }),
    entry({ name: 'e', status: 'refused' }),
    entry({ name: 'f', status: 'resigned', resignedOn: '2026-01-01' }),
    // A contradictory record: marked as a member, resigned in May.
    entry({ name: 'g', status: 'member', resignedOn: '2026-05-31' }),
    entry({ name: 'h', archived: true, status: 'resigned', resignedOn: '2019-03-31' }),
    entry({ name: 'i', status: 'member', joinedOn: '2027-01-04' }),
    entry({ name: 'j', deleted: true }),
    // Resigning at the end of the year: still a member today.
    entry({ name: 'k', status: 'resigned', resignedOn: '2027-03-31' }),
  ];

  it('counts each organisation once, in the group its record places it in today', () => {
    const counts = membershipCounts(register, today, BEDFORDSHIRE_CONSTITUTION);
    expect(counts).toMatchObject({ total: 10, members: 4, coOpted: 1, applicants: 1, resigned: 2, refused: 1, archived: 1, eligibleToVote: 3 });
    expect(counts.members + counts.coOpted + counts.applicants + counts.resigned + counts.refused + counts.archived).toBe(counts.total);
    expect(registerGroup(register[6]!, today)).toBe('resigned');
    expect(registerGroup(register[6]!, '2026-05-30')).toBe('member');
  });

  it('gives the same vote as votingRights for every organisation, with its reason, and so the same quorum', () => {
    for (const onDate of [today, '2026-05-30', '2027-04-01']) {
      const counts = membershipCounts(register, onDate, BEDFORDSHIRE_CONSTITUTION);
      const living = register.filter((o) => !o.deleted);
      expect(counts.eligibleToVote).toBe(votingMembersOn(living, onDate, BEDFORDSHIRE_CONSTITUTION));
      expect(counts.eligibleToVote + counts.notVoting.length).toBe(counts.total);
      for (const o of living) {
        const rights = votingRights(o, onDate, BEDFORDSHIRE_CONSTITUTION);
        const listed = counts.notVoting.find((n) => n.id === o.id);
        if (rights.mayVote) expect(listed).toBeUndefined();
        else expect(listed).toEqual({ id: o.id, name: o.name, reason: rights.reason, explanation: rights.explanation });
      }
    }
    const counts = membershipCounts(register, today, BEDFORDSHIRE_CONSTITUTION);
    expect(counts.notVoting.find((n) => n.name === 'g')).toMatchObject({ reason: 'resigned', explanation: 'g resigned on 31 May 2026 and no longer votes.' });
    expect(quorumFor(counts.eligibleToVote, BEDFORDSHIRE_CONSTITUTION)).toBe(2);
  });

  it('lets co-opted organisations vote only where the constitution says so', () => {
    expect(membershipCounts(register, today, { coOptedMayVote: true }).eligibleToVote).toBe(4);
  });

  it('says why each group does not vote, in plain words', () => {
    const groups = notVotingByReason(membershipCounts(register, today, BEDFORDSHIRE_CONSTITUTION));
    expect(groups.map((g) => [g.reason, g.organisations.map((o) => o.name), g.words])).toEqual([
      ['co-opted', ['c'], 'The co-opted organisation advises but does not vote and does not count to the quorum.'],
      ['not-yet-joined', ['i'], 'One member joins on a date still to come and does not vote until then.'],
      ['applicant', ['d'], 'One applicant is not yet a member.'],
      // An archived organisation that resigned is said to have resigned: the reason that came first.
      ['resigned', ['f', 'g', 'h'], '3 organisations have resigned and no longer vote or count.'],
      ['refused', ['e'], 'One organisation was refused membership.'],
    ]);
    const archived = notVotingByReason(membershipCounts([entry({ name: 'x', archived: true })], today, BEDFORDSHIRE_CONSTITUTION));
    expect(archived.map((g) => [g.reason, g.words])).toEqual([['archived', 'One organisation is archived, kept for its history only.']]);
  });
});
