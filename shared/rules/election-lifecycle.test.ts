import { describe, expect, it } from 'vitest';
import { electionLifecycle, isRefusal, stateOf, type Actor, type ElectionState, type Refusal } from './lifecycles';
import type { Office } from '../domain/entities';

const actor = (offices: Office[], organisationId = ''): Actor => ({ offices: new Set(offices), organisationId });
const secretariat = actor(['secretariat'], 'org-secretariat');
const chair = actor(['chair'], 'org-chair');
const partner = actor([], 'org-luton');

type Event = { type: string } & Record<string, unknown>;
const quorate = { required: 2, present: 5, votingMembers: 6, quorate: true, counted: [], notCounted: [] };
const election = {
  office: 'chair',
  financialYear: '2027/28',
  candidates: [
    { organisationId: 'luton', representativeId: 'rep-luton' },
    { organisationId: 'bedford', representativeId: 'rep-bedford' },
    { organisationId: 'rural', representativeId: 'rep-rural' },
  ],
  accountableBodyId: 'ab',
  accountableBodyMayChair: false,
};
const ballot = (counts: Record<string, number>, quorum = quorate): Event => ({ type: 'ballot', counts, on: '2027-03-10', quorum });

function walk(steps: Array<[Event, Actor]>, row: Record<string, unknown> = election): ElectionState | Refusal {
  let state = electionLifecycle.initial();
  for (const [event, who] of steps) {
    const next = electionLifecycle.step(state, event, who, row);
    if (isRefusal(next)) return next;
    state = next;
  }
  return state;
}
const reason = (r: ElectionState | Refusal) => (isRefusal(r) ? r.reason : `not refused: ${r.status}`);

describe('an election of the Chair', () => {
  it('elects the candidate with most votes, with the representative who stood', () => {
    expect(walk([[ballot({ luton: 3, bedford: 1, rural: 1 }), secretariat]])).toMatchObject({ status: 'elected', electedOrganisationId: 'luton', electedRepresentativeId: 'rep-luton', electedOn: '2027-03-10', how: 'ballot' });
  });

  it('reports a tie as a tie, and holds a second ballot between those tied only', () => {
    const tied = walk([[ballot({ luton: 2, bedford: 2, rural: 1 }), secretariat]]);
    expect(tied).toMatchObject({ status: 'tied', tiedOrganisationIds: ['bedford', 'luton'] });
    expect(reason(walk([[ballot({ luton: 2, bedford: 2, rural: 1 }), secretariat], [ballot({ rural: 4 }), secretariat]]))).toBe('a second ballot is between the candidates tied in the first');
    expect(walk([[ballot({ luton: 2, bedford: 2, rural: 1 }), secretariat], [ballot({ luton: 3, bedford: 2 }), chair]])).toMatchObject({ status: 'elected', electedOrganisationId: 'luton', ballots: [{}, {}] });
    expect(walk([[ballot({ luton: 2, bedford: 2 }), secretariat], [{ type: 'drawn', organisationId: 'bedford', on: '2027-03-10' }, secretariat]])).toMatchObject({ electedOrganisationId: 'bedford', how: 'lot' });
    expect(reason(walk([[ballot({ luton: 2, bedford: 2 }), secretariat], [{ type: 'drawn', organisationId: 'rural', on: '2027-03-10' }, secretariat]]))).toBe('lots are drawn only between the candidates tied');
  });

  it('refuses the Accountable Body as Chair, on every copy, unless the constitution allows it', () => {
    const withAb = { ...election, candidates: [...election.candidates, { organisationId: 'ab', representativeId: 'rep-ab' }] };
    expect(reason(walk([[ballot({ ab: 4, luton: 1 }), secretariat]], withAb))).toBe('the Accountable Body’s representative cannot be elected Chair (Partnership Agreement 9.1)');
    expect(reason(walk([[{ type: 'agreed', organisationId: 'ab', on: '2027-03-10', quorum: quorate }, secretariat]], withAb))).toMatch(/cannot be elected Chair/);
    expect(walk([[ballot({ ab: 4, luton: 1 }), secretariat]], { ...withAb, accountableBodyMayChair: true })).toMatchObject({ electedOrganisationId: 'ab' });
    // The Accountable Body's own review may of course keep it on.
    expect(walk([[{ type: 'agreed', organisationId: 'ab', on: '2027-03-10', quorum: quorate }, secretariat]], { ...withAb, office: 'accountable-body' })).toMatchObject({ electedOrganisationId: 'ab', how: 'agreed' });
  });

  it('refuses a result at an inquorate meeting, from anyone but the secretariat or the chair, twice, or for someone not standing', () => {
    expect(reason(walk([[ballot({ luton: 1 }, { ...quorate, present: 1, quorate: false }), secretariat]]))).toMatch(/not quorate/);
    expect(reason(walk([[ballot({ luton: 3 }), partner]]))).toBe('the secretariat or the chair records the meeting’s elections');
    expect(reason(walk([[ballot({ luton: 3 }), secretariat], [ballot({ bedford: 3 }), secretariat]]))).toBe('the result has already been recorded');
    expect(reason(walk([[ballot({ stranger: 3 }), secretariat]]))).toBe('only a candidate standing in the election can be elected');
    expect(reason(walk([[ballot({ luton: 0 }), secretariat]]))).toBe('no votes were counted for any candidate');
  });

  it('keeps its candidates once a ballot is held', () => {
    const held = walk([[ballot({ luton: 2, bedford: 2 }), secretariat]]) as ElectionState;
    expect(electionLifecycle.canEdit(electionLifecycle.initial(), 'candidates', secretariat, election)).toBeNull();
    expect(electionLifecycle.canEdit(held, 'candidates', secretariat, election)?.reason).toBe('the candidates stand as they were when the meeting voted');
  });

  it('folds the stored ballots in clock order', () => {
    const row = { ...election, 'event:b': ballot({ luton: 3, bedford: 2 }), 'event:a': ballot({ luton: 2, bedford: 2 }), _clocks: { 'event:a': '2027-03-10T10:00:00.000Z-0000-n', 'event:b': '2027-03-10T10:05:00.000Z-0000-n' } };
    expect(stateOf(electionLifecycle, row)).toMatchObject({ status: 'elected', electedOrganisationId: 'luton' });
  });
});
