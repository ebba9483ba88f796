import { describe, expect, it } from 'vitest';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import type { Attendance } from '../../../shared/domain/entities';
import { attendanceView, inPostOn, type AttendanceInput } from './attendance-view';

const date = '2026-12-08';
const org = (id: string, name: string, over: Record<string, unknown> = {}) => ({ id, name, status: 'member' as const, joinedOn: '', resignedOn: '', ...over });
const rep = (id: string, organisationId: string, name: string, kind: 'representative' | 'substitute' = 'representative', over: Record<string, unknown> = {}) => ({ id, organisationId, name, kind, from: '', until: '', ...over });
const att = (organisationId: string, status: Attendance['status'], representativeId = ''): Attendance =>
  ({ id: `attendance:m:${organisationId}`, meetingId: 'm', organisationId, status, representativeId, _clocks: {} }) as Attendance;

function input(attendance: Attendance[], chairRepresentativeId = ''): AttendanceInput {
  return {
    meeting: { id: 'm', date, chairRepresentativeId },
    organisations: [
      org('brec', 'Bedford Race Equality Council'),
      org('brcc', 'Bedfordshire Rural Communities Charity'),
      org('cvs', 'CVS Mid and North Bedfordshire'),
      org('val', 'Voluntary Action Luton'),
      org('vcasb', 'Voluntary and Community Action South Bedfordshire'),
      org('vcb', 'Volunteer Centre Bedford'),
      org('lban', 'Luton and Bedfordshire Advice Network', { status: 'co-opted' }),
      org('gone', 'Dunstable Volunteer Bureau', { status: 'resigned', resignedOn: '2026-06-30' }),
      org('llvc', 'Leighton Linslade Volunteer Centre', { status: 'applicant' }),
    ],
    representatives: [
      rep('r-brec', 'brec', 'Wendy Anderson-Welsh'),
      rep('r-val', 'val', 'Everton Blake'),
      rep('s-val', 'val', 'Sam Taylor', 'substitute'),
      rep('r-vcasb', 'vcasb', 'John Gelder'),
      rep('r-vcasb-old', 'vcasb', 'Pat Former', 'representative', { until: '2026-04-01' }),
      rep('r-lban', 'lban', 'Morgan Ellis'),
    ],
    attendance,
    appointments: [{ organisationId: 'val', role: 'chair', from: '2026-04-01', until: '2027-03-31' }],
    constitution: BEDFORDSHIRE_CONSTITUTION,
    accountableBodyId: 'vcasb',
  };
}

describe('attendanceView', () => {
  const recorded = [att('brec', 'present', 'r-brec'), att('val', 'substitute', 's-val'), att('lban', 'present', 'r-lban'), att('vcb', 'apologies')];

  it('lists the six members, and the co-opted organisation and the applicant apart; not the one that resigned', () => {
    const view = attendanceView(input(recorded));
    expect(view.members.map((m) => m.organisation.id)).toEqual(['brec', 'brcc', 'cvs', 'val', 'vcasb', 'vcb']);
    expect(view.others.map((m) => m.organisation.id)).toEqual(['llvc', 'lban']);
    expect(view.others.find((o) => o.organisation.id === 'lban')!.note).toBe('Luton and Bedfordshire Advice Network is co-opted: co-opted organisations advise the consortium but do not vote.');
  });

  it('counts the representative and the substitute, and not the co-opted observer, saying why', () => {
    const view = attendanceView(input(recorded));
    expect(view.quorum).toMatchObject({ required: 2, present: 2, votingMembers: 6, quorate: true });
    expect(view.quorum.message).toBe('Quorate: 2 of the 6 members eligible to vote are present and the quorum is 2.');
    const val = view.members.find((m) => m.organisation.id === 'val')!;
    expect(val).toMatchObject({ status: 'substitute', counts: true, person: { name: 'Sam Taylor', kind: 'substitute' } });
    const lban = view.others.find((m) => m.organisation.id === 'lban')!;
    expect(lban).toMatchObject({ status: 'present', counts: false, person: { name: 'Morgan Ellis' } });
    expect(view.notCounted).toEqual([{ name: 'Luton and Bedfordshire Advice Network', explanation: 'Luton and Bedfordshire Advice Network is co-opted: co-opted organisations advise the consortium but do not vote.' }]);
    expect(view.members.find((m) => m.organisation.id === 'vcb')).toMatchObject({ status: 'apologies', counts: false, person: undefined });
    expect(view.members.find((m) => m.organisation.id === 'brcc')).toMatchObject({ status: 'not-recorded', record: undefined });
  });

  it('is not quorate with one member present, and the co-opted observer does not make up the number', () => {
    const view = attendanceView(input([att('brec', 'present', 'r-brec'), att('lban', 'present', 'r-lban')]));
    expect(view.quorum).toMatchObject({ required: 2, present: 1, quorate: false });
    expect(view.quorum.message).toContain('cannot take decisions');
  });

  it('offers the people in post on the date: the representative first, then the substitute; not one who has left', () => {
    const view = attendanceView(input(recorded));
    expect(view.members.find((m) => m.organisation.id === 'val')!.people.map((p) => `${p.name} (${p.kind})`)).toEqual(['Everton Blake (representative)', 'Sam Taylor (substitute)']);
    expect(view.members.find((m) => m.organisation.id === 'vcasb')!.people.map((p) => p.name)).toEqual(['John Gelder']);
    expect(inPostOn({ from: '2026-12-09', until: '' }, date)).toBe(false);
    expect(inPostOn({ from: '', until: '2026-12-08' }, date)).toBe(false);
  });

  it('names the elected Chair, and an acting chair appointed by the meeting, who may be the Accountable Body’s representative (Partnership Agreement 9)', () => {
    const view = attendanceView(input(recorded));
    expect(view.chair.elected?.organisation.name).toBe('Voluntary Action Luton');
    expect(view.chair.message).toBe('The elected Chair, Everton Blake of Voluntary Action Luton, chairs unless the meeting appoints another member’s representative (Partnership Agreement 9).');
    // Those the meeting may appoint: present members' people, not the co-opted observer.
    expect(view.chair.candidates.map((c) => c.label)).toEqual(['Wendy Anderson-Welsh, Bedford Race Equality Council', 'Sam Taylor, Voluntary Action Luton']);

    const withAb = [...recorded, att('vcasb', 'present', 'r-vcasb')];
    const acting = attendanceView(input(withAb, 'r-vcasb'));
    expect(acting.chair.chairedBy).toMatchObject({ name: 'John Gelder', acting: true });
    expect(acting.chair.problem).toBe('');
    expect(acting.chair.message).toBe('John Gelder of Voluntary and Community Action South Bedfordshire chairs this meeting, appointed by the meeting (Partnership Agreement 9).');
  });

  it('says when the elected Chair’s organisation sent apologies, and flags a chair who is not present or is co-opted', () => {
    const away = attendanceView(input([att('val', 'apologies'), att('brec', 'present', 'r-brec')]));
    expect(away.chair.message).toContain('Voluntary Action Luton, is not here: the meeting may appoint any member’s representative, the Accountable Body’s included');
    expect(attendanceView(input(recorded, 'r-vcasb')).chair.problem).toBe('Voluntary and Community Action South Bedfordshire is not recorded as present.');
    expect(attendanceView(input(recorded, 'r-lban')).chair.problem).toBe('Luton and Bedfordshire Advice Network is co-opted: only a member organisation’s representative can chair.');
  });
});
