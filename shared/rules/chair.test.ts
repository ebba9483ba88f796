import { describe, expect, it } from 'vitest';
import { chairEligibility } from './chair';
import { BEDFORDSHIRE_CONSTITUTION, BLANK_CONSTITUTION } from './constitution';
import type { RegisteredOrganisation } from './eligibility';

const org = (id: string, name: string, extra: Partial<RegisteredOrganisation> = {}): RegisteredOrganisation => ({
  id,
  name,
  status: 'member',
  joinedOn: '',
  resignedOn: '',
  ...extra,
});
const ab = org('vcasb', 'Voluntary and Community Action South Bedfordshire');
const val = org('val', 'Voluntary Action Luton');
const election = '2027-03-16';

describe('who may chair (Partnership Agreement 9.1, 9.3)', () => {
  it('lets any member’s representative other than the Accountable Body be elected Chair', () => {
    expect(chairEligibility(val, 'vcasb', BEDFORDSHIRE_CONSTITUTION, election)).toEqual({ eligible: true });
  });

  it('refuses the Accountable Body as elected Chair', () => {
    expect(chairEligibility(ab, 'vcasb', BEDFORDSHIRE_CONSTITUTION, election)).toEqual({
      eligible: false,
      reason:
        'Voluntary and Community Action South Bedfordshire is the Accountable Body, which cannot be elected Chair. It may chair a meeting the elected Chair cannot attend.',
    });
  });

  it('lets the meeting appoint the Accountable Body’s representative when the Chair is absent', () => {
    expect(chairEligibility(ab, 'vcasb', BEDFORDSHIRE_CONSTITUTION, election, 'meeting-chair')).toEqual({ eligible: true });
  });

  it('lets the Accountable Body be elected where the constitution allows it', () => {
    expect(chairEligibility(ab, 'vcasb', BLANK_CONSTITUTION, election).eligible).toBe(true);
  });

  it('refuses co-opted and resigned organisations for either role', () => {
    const coOpted = org('adv', 'Bedfordshire Advice Forum', { status: 'co-opted' });
    const resigned = org('lvc', 'Leighton Volunteer Centre', { status: 'resigned', resignedOn: '2027-01-01' });
    for (const office of ['elected-chair', 'meeting-chair'] as const) {
      expect(chairEligibility(coOpted, 'vcasb', BEDFORDSHIRE_CONSTITUTION, election, office)).toEqual({
        eligible: false,
        reason: 'Bedfordshire Advice Forum is co-opted: only a member organisation’s representative can chair.',
      });
      expect(chairEligibility(resigned, 'vcasb', BEDFORDSHIRE_CONSTITUTION, election, office)).toEqual({
        eligible: false,
        reason: 'Leighton Volunteer Centre resigned on 1 January 2027 and no longer votes.',
      });
    }
  });
});
