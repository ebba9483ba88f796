/**
 * Each lifecycle, transition by transition: who may take each step in which
 * state, what the step records, and what may still be edited (lifecycles.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  applicationLifecycle,
  funderClaimLifecycle,
  isRefusal,
  minutesLifecycle,
  motionLifecycle,
  partnerClaimFigures,
  partnerClaimLifecycle,
  stateOf,
  type Actor,
  type Lifecycle,
  type Refusal,
} from './lifecycles';
import type { Office } from '../domain/entities';
import { carriedProof, consensusProof, defeatedProof } from './test-proofs';

const LUTON = 'org-luton';
const BEDFORD = 'org-bedford';
const actor = (offices: Office[], organisationId = ''): Actor => ({ offices: new Set(offices), organisationId });
const luton = actor([], LUTON);
const bedford = actor([], BEDFORD);
const ab = actor(['accountable-body'], 'org-ab');
const secretariat = actor(['secretariat'], 'org-secretariat');
const chair = actor(['chair'], 'org-chair');

type Event = { type: string } & Record<string, unknown>;
type Row = Record<string, unknown>;

/** Takes steps one after another from the initial state; the state reached, or the first refusal. */
function walk<S extends { status: string }>(lifecycle: Lifecycle<S>, steps: Array<[Event, Actor]>, row: Row = {}): S | Refusal {
  let state = lifecycle.initial();
  for (const [event, who] of steps) {
    const next = lifecycle.step(state, event, who, row);
    if (isRefusal(next)) return next;
    state = next;
  }
  return state;
}
const statusOf = (result: { status: string } | Refusal) => (isRefusal(result) ? `refused: ${result.action}: ${result.reason}` : result.status);

/** A stored record holding events, each stamped a second after the one before. */
function stored(fields: Row, events: Event[]): Row & { _clocks: Record<string, string> } {
  const row: Row & { _clocks: Record<string, string> } = { ...fields, _clocks: {} };
  events.forEach((event, i) => {
    const field = `event:${String.fromCharCode(122 - i)}`; // field names in the opposite order to the clocks
    row[field] = event;
    row._clocks[field] = `2026-07-01T10:00:${String(i).padStart(2, '0')}.000Z-0000-node`;
  });
  return row;
}

describe('a partner’s claim', () => {
  const claim = { organisationId: LUTON, projectId: 'project-1', lines: { staff: 120_000, travel: 5_000 }, outputsDelivered: '14 groups supported' };
  const submit: Event = { type: 'submitted', answer: '' };
  const query: Event = { type: 'queried', query: 'Which groups?' };
  const approveAll: Event = { type: 'approved', lines: { staff: 120_000, travel: 5_000 }, reasons: {} };
  const pay = (amountPence: number): Event => ({ type: 'paid', paidOn: '2026-07-20', reference: 'BACS 1', amountPence });
  const walkClaim = (steps: Array<[Event, Actor]>, row: Row = claim) => walk(partnerClaimLifecycle, steps, row);

  it('starts as a draft', () => {
    expect(partnerClaimLifecycle.initial()).toEqual({ status: 'draft', queries: [], questions: [] });
  });

  describe('submitted', () => {
    it('is taken from a draft by the claiming partner, or by the Accountable Body on its behalf', () => {
      expect(statusOf(walkClaim([[submit, luton]]))).toBe('submitted');
      expect(statusOf(walkClaim([[submit, ab]]))).toBe('submitted');
    });
    it('is refused to another partner and to the secretariat', () => {
      expect(statusOf(walkClaim([[submit, bedford]]))).toBe('refused: submit another partner’s claim: a partner submits only its own organisation’s claims');
      expect(statusOf(walkClaim([[submit, secretariat]]))).toBe('refused: submit another partner’s claim: a partner submits only its own organisation’s claims');
    });
    it('is refused once the claim is submitted, and allowed again once it is queried', () => {
      expect(statusOf(walkClaim([[submit, luton], [submit, luton]]))).toBe('refused: submit a claim: it is already submitted');
      expect(statusOf(walkClaim([[submit, luton], [query, ab], [submit, luton]]))).toBe('submitted');
    });
    it('is refused once the claim is approved or paid', () => {
      expect(statusOf(walkClaim([[submit, luton], [approveAll, ab], [submit, luton]]))).toBe('refused: submit a claim: it is already approved');
      expect(statusOf(walkClaim([[submit, luton], [approveAll, ab], [pay(125_000), ab], [submit, luton]]))).toBe('refused: submit a claim: it is already paid');
    });
  });

  describe('queried', () => {
    it('is taken from submitted by the Accountable Body, which records the question', () => {
      const state = walkClaim([[submit, luton], [query, ab]]);
      expect(state).toMatchObject({ status: 'queried', queries: ['Which groups?'] });
    });
    it('is refused to anyone else, and in any state but submitted', () => {
      expect(statusOf(walkClaim([[submit, luton], [query, luton]]))).toBe('refused: query a claim: only the Accountable Body may do that (Partnership Agreement 8.1)');
      expect(statusOf(walkClaim([[submit, luton], [query, secretariat]]))).toBe('refused: query a claim: only the Accountable Body may do that (Partnership Agreement 8.1)');
      expect(statusOf(walkClaim([[query, ab]]))).toBe('refused: query a claim: it is draft, not waiting for the Accountable Body');
    });
  });

  describe('approved', () => {
    it('is taken from submitted by the Accountable Body, and snapshots the approved amount of every claimed line', () => {
      const state = walkClaim([[submit, luton], [{ type: 'approved', lines: { staff: 100_000 }, reasons: { staff: 'Two days not evidenced', travel: 'No receipts' } }, ab]]);
      expect(state).toMatchObject({ status: 'approved', approvedLines: { staff: 100_000, travel: 0 }, approvedTotalPence: 100_000, reasons: { staff: 'Two days not evidenced' } });
    });
    it('is refused to anyone but the Accountable Body', () => {
      for (const who of [luton, secretariat, chair]) {
        expect(statusOf(walkClaim([[submit, luton], [approveAll, who]]))).toBe('refused: approve a claim: only the Accountable Body may do that (Partnership Agreement 8.1)');
      }
    });
    it('is refused before the claim is submitted, and while it is queried', () => {
      expect(statusOf(walkClaim([[approveAll, ab]]))).toBe('refused: approve a claim: it is draft, not submitted');
      // (Reported: the status words are lower-cased whole, so the reason reads “queried by the accountable body”.)
      expect(statusOf(walkClaim([[submit, luton], [query, ab], [approveAll, ab]]))).toMatch(/^refused: approve a claim: it is queried by the accountable body, not submitted$/i);
    });
    it('is refused for more than was claimed, for a line not claimed, or for less without a reason', () => {
      expect(statusOf(walkClaim([[submit, luton], [{ type: 'approved', lines: { staff: 130_000 } }, ab]]))).toBe('refused: approve a claim: more was approved for “staff” than was claimed');
      expect(statusOf(walkClaim([[submit, luton], [{ type: 'approved', lines: { catering: 1 } }, ab]]))).toBe('refused: approve a claim: it has no line “catering”');
      expect(statusOf(walkClaim([[submit, luton], [{ type: 'approved', lines: { staff: 100_000, travel: 5_000 }, reasons: { staff: ' ' } }, ab]]))).toBe(
        'refused: approve a claim: the amount approved for “staff” differs from the claim without a reason',
      );
    });
    it('is refused for a claim that does not say which outputs were delivered (payment is tied to delivery)', () => {
      const withoutOutputs = { ...claim, outputsDelivered: '  ', outputs: {} };
      expect(statusOf(walkClaim([[submit, luton], [approveAll, ab]], withoutOutputs))).toBe(
        'refused: approve a claim: it does not say which outputs were delivered, and payment is tied to delivery',
      );
      expect(statusOf(walkClaim([[submit, luton], [approveAll, ab]], { ...withoutOutputs, outputs: { 'groups supported': 14 } }))).toBe('approved');
    });
  });

  describe('paid', () => {
    it('is taken from approved by the Accountable Body, for exactly the amount approved', () => {
      const partly: Event = { type: 'approved', lines: { staff: 100_000, travel: 5_000 }, reasons: { staff: 'Two days not evidenced' } };
      expect(walkClaim([[submit, luton], [partly, ab], [pay(105_000), ab]])).toMatchObject({ status: 'paid', paid: { paidOn: '2026-07-20', reference: 'BACS 1', amountPence: 105_000 } });
      expect(statusOf(walkClaim([[submit, luton], [partly, ab], [pay(125_000), ab]]))).toBe('refused: mark a claim paid: the amount paid is not the amount approved');
    });
    it('is refused to anyone but the Accountable Body, and before approval', () => {
      expect(statusOf(walkClaim([[submit, luton], [approveAll, ab], [pay(125_000), luton]]))).toBe('refused: mark a claim paid: only the Accountable Body may do that (Partnership Agreement 8.1)');
      expect(statusOf(walkClaim([[submit, luton], [pay(125_000), ab]]))).toBe('refused: mark a claim paid: it is submitted, not approved');
    });
    it('happens once', () => {
      expect(statusOf(walkClaim([[submit, luton], [approveAll, ab], [pay(125_000), ab], [pay(125_000), ab]]))).toBe('refused: mark a claim paid: it is paid, not approved');
    });
  });

  it('refuses a step claims do not take', () => {
    expect(statusOf(walkClaim([[{ type: 'rejected' }, ab]]))).toBe('refused: record an unknown step on a claim: “rejected” is not a step a claim takes');
  });

  describe('editing', () => {
    const state = (steps: Array<[Event, Actor]>) => walkClaim(steps) as ReturnType<typeof partnerClaimLifecycle.initial>;
    const canEdit = (steps: Array<[Event, Actor]>, who: Actor, field = 'lines') => partnerClaimLifecycle.canEdit(state(steps), field, who, claim);

    it('lets the claiming partner edit its draft and its queried claim', () => {
      expect(canEdit([], luton)).toBeNull();
      expect(canEdit([[submit, luton], [query, ab]], luton, 'narrative')).toBeNull();
    });
    it('refuses edits while the claim waits for the Accountable Body', () => {
      expect(canEdit([[submit, luton]], luton)).toEqual({ action: 'change a claim waiting for the Accountable Body', reason: 'a submitted claim changes only after the Accountable Body queries it' });
    });
    it('refuses editing an approved or paid claim, to the Accountable Body too', () => {
      const refusal = { action: 'change a claim already approved by the Accountable Body', reason: 'what was approved is what is paid' };
      expect(canEdit([[submit, luton], [approveAll, ab]], luton)).toEqual(refusal);
      expect(canEdit([[submit, luton], [approveAll, ab]], ab, 'evidence')).toEqual(refusal);
      expect(canEdit([[submit, luton], [approveAll, ab], [pay(125_000), ab]], luton, 'outputsDelivered')).toEqual(refusal);
    });
    it('refuses a partner editing another partner’s claim, even a draft', () => {
      expect(canEdit([], bedford)).toEqual({ action: 'change another partner’s claim', reason: 'a partner’s copy changes only its own organisation’s claims' });
      expect(canEdit([], ab)).toBeNull();
    });
    it('lets only the Accountable Body mark a claim as entered on a partner’s behalf', () => {
      expect(partnerClaimLifecycle.canEdit(state([]), 'enteredOnBehalf', luton, { ...claim, enteredOnBehalf: true })?.reason).toBe('only the Accountable Body may do that (Partnership Agreement 8.1)');
      expect(partnerClaimLifecycle.canEdit(state([]), 'enteredOnBehalf', ab, { ...claim, enteredOnBehalf: true })).toBeNull();
      expect(partnerClaimLifecycle.canEdit(state([]), 'enteredOnBehalf', luton, { ...claim, enteredOnBehalf: false })).toBeNull();
    });
  });

  describe('its state, folded from the events it holds', () => {
    it('takes the events in clock order, not field order', () => {
      const row = stored(claim, [submit, query, submit, approveAll]);
      expect(stateOf(partnerClaimLifecycle, row)).toMatchObject({ status: 'approved', queries: ['Which groups?'] });
    });
    it('skips an event that is not legal in the state reached', () => {
      expect(stateOf(partnerClaimLifecycle, stored(claim, [approveAll]))).toMatchObject({ status: 'draft' });
      expect(stateOf(partnerClaimLifecycle, stored(claim, [submit, pay(125_000), approveAll])).status).toBe('approved');
    });
    it('gives the claims arithmetic the total of the lines and the total approved', () => {
      expect(partnerClaimFigures(stored(claim, []))).toEqual({ status: 'draft', amountPence: 125_000, approvedPence: 0 });
      expect(partnerClaimFigures(stored({ ...claim, lines: undefined }, []))).toEqual({ status: 'draft', amountPence: 0, approvedPence: 0 });
    });
  });
});

describe('a claim to a funder', () => {
  const submit: Event = { type: 'submitted', submittedOn: '2026-07-15' };
  const paid: Event = { type: 'paid', receivedOn: '2026-08-01', amountPence: 500_000 };

  it('goes from draft to submitted to paid, by the Accountable Body', () => {
    expect(walk(funderClaimLifecycle, [[submit, ab]])).toMatchObject({ status: 'submitted', submittedOn: '2026-07-15', submitted: { claimedPence: 0, variancesToExplain: [] } });
    expect(walk(funderClaimLifecycle, [[submit, ab], [paid, ab]])).toMatchObject({ status: 'paid', received: { receivedOn: '2026-08-01', amountPence: 500_000 } });
  });
  it('is refused every step by anyone else', () => {
    expect(statusOf(walk(funderClaimLifecycle, [[submit, secretariat]]))).toBe('refused: submit a claim to a funder: only the Accountable Body may do that (Partnership Agreement 8.1)');
    expect(statusOf(walk(funderClaimLifecycle, [[submit, ab], [paid, luton]]))).toBe('refused: mark a claim to a funder paid: only the Accountable Body may do that (Partnership Agreement 8.1)');
  });
  it('is refused paid before it is submitted, and submitted twice', () => {
    expect(statusOf(walk(funderClaimLifecycle, [[paid, ab]]))).toBe('refused: mark a claim to a funder paid: it has not been submitted');
    expect(statusOf(walk(funderClaimLifecycle, [[submit, ab], [submit, ab]]))).toBe('refused: submit a claim to a funder: it has already been submitted');
  });
  it('is refused submitted with a variance beyond the threshold unexplained, or outputs below target without a narrative, on every copy', () => {
    const underspent: Event = { ...submit, claimedPence: 850_000, profilePence: 1_000_000, variancesToExplain: ['The claim as a whole: -15.0%'] };
    expect(statusOf(walk(funderClaimLifecycle, [[underspent, ab]], { varianceExplanation: '  ' }))).toBe(
      'refused: submit a claim to a funder: the variance against the profile is not explained (The claim as a whole: -15.0%)',
    );
    expect(walk(funderClaimLifecycle, [[underspent, ab]], { varianceExplanation: 'A post was vacant in May.' })).toMatchObject({
      status: 'submitted',
      submitted: { claimedPence: 850_000, profilePence: 1_000_000 },
    });
    const short: Event = { ...submit, outputsBelowTarget: ['Organisations supported: 17 of 20'] };
    expect(statusOf(walk(funderClaimLifecycle, [[short, ab]]))).toBe('refused: submit a claim to a funder: outputs are below target without a narrative (Organisations supported: 17 of 20)');
    expect(statusOf(walk(funderClaimLifecycle, [[short, ab]], { outputsNarrative: 'Two events moved to July.' }))).toBe('submitted');
  });
  it('stays as submitted: no edits once it has gone to the funder, and none by anyone but the Accountable Body', () => {
    const submitted = walk(funderClaimLifecycle, [[submit, ab]]) as ReturnType<typeof funderClaimLifecycle.initial>;
    expect(funderClaimLifecycle.canEdit(funderClaimLifecycle.initial(), 'ownCosts', ab, {})).toBeNull();
    expect(funderClaimLifecycle.canEdit(submitted, 'ownCosts', ab, {})?.reason).toBe('what was submitted stays as submitted');
    expect(funderClaimLifecycle.canEdit(funderClaimLifecycle.initial(), 'ownCosts', secretariat, {})?.reason).toBe('only the Accountable Body may do that (Partnership Agreement 8.1)');
  });
});

describe('a membership application', () => {
  const consulting: Event = { type: 'consulting', closesOn: '2026-12-15', consulted: ['org-luton', 'org-bedford'] };
  const referred: Event = { type: 'referred', meetingId: 'meeting-1', reason: 'One member objects' };
  const admitted: Event = { type: 'decided', decision: 'admitted', reason: '', on: '2026-12-16', atMeetingId: '' };
  const refusedIt: Event = { type: 'decided', decision: 'refused', reason: 'Too few criteria', on: '2026-12-16', atMeetingId: '' };
  const notified: Event = { type: 'notified', on: '2026-12-17' };
  const withdrawn: Event = { type: 'withdrawn' };
  const CRITERIA = ['Needs', 'Quality', 'Networking', 'Representation', 'Planning'];
  /** An application showing how it meets `n` of the five criteria, 3 needed. */
  const meeting = (n: number): Row => ({
    criteria: CRITERIA,
    criteriaRequired: 3,
    criteriaEvidence: Object.fromEntries(CRITERIA.slice(0, n).map((_, i) => [String(i), `How it meets criterion ${i + 1}`])),
  });
  const three = meeting(3);

  it('goes to consultation, with its closing date, by the secretariat, the Accountable Body or the chair, and not by a partner', () => {
    for (const who of [secretariat, ab, chair]) expect(walk(applicationLifecycle, [[consulting, who]])).toEqual({ status: 'consulting', closesOn: '2026-12-15', consulted: ['org-luton', 'org-bedford'] });
    expect(statusOf(walk(applicationLifecycle, [[consulting, luton]]))).toBe(
      'refused: consult members on an application: the Accountable Body, the secretariat or the chair handles applications (Partnership Agreement 5.3)',
    );
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [consulting, chair]]))).toBe('refused: open a consultation on an application: members have already been consulted on it');
    expect(applicationLifecycle.eventSchema.safeParse({ type: 'consulting', closesOn: '15/12/2026' }).success).toBe(false);
  });
  it('is referred to a meeting only by the chair, and only once', () => {
    expect(walk(applicationLifecycle, [[consulting, secretariat], [referred, chair]])).toEqual({ status: 'referred', closesOn: '2026-12-15', consulted: ['org-luton', 'org-bedford'], referredToMeetingId: 'meeting-1', reason: 'One member objects' });
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [referred, secretariat]]))).toBe('refused: refer an application to a meeting: the chair refers applications (Partnership Agreement 5.3)');
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [referred, chair], [referred, chair]]))).toBe('refused: refer an application to a meeting: it has already been referred');
  });
  it('is decided by the chair after consulting members, never before', () => {
    expect(statusOf(walk(applicationLifecycle, [[admitted, chair]], three))).toBe('refused: admit an applicant: the chair decides after consulting members (Partnership Agreement 5.3)');
    expect(walk(applicationLifecycle, [[consulting, secretariat], [refusedIt, chair]], three)).toEqual({ status: 'refused', closesOn: '2026-12-15', consulted: ['org-luton', 'org-bedford'], reason: 'Too few criteria', decidedOn: '2026-12-16', decidedAtMeetingId: '' });
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [admitted, chair]], three))).toBe('admitted');
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [admitted, ab]], three))).toBe('refused: admit an applicant: the chair decides applications (Partnership Agreement 5.3)');
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [admitted, secretariat]], three))).toBe('refused: admit an applicant: the chair decides applications (Partnership Agreement 5.3)');
  });
  it('once referred, is decided by the meeting, recorded by the chair or the secretariat', () => {
    const atMeeting: Event = { ...admitted, atMeetingId: 'meeting-1' };
    for (const who of [chair, secretariat]) {
      const state = walk(applicationLifecycle, [[consulting, secretariat], [referred, chair], [atMeeting, who]], three);
      expect(state).toMatchObject({ status: 'admitted', decidedOn: '2026-12-16', decidedAtMeetingId: 'meeting-1' });
    }
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [referred, chair], [atMeeting, luton]], three))).toBe(
      'refused: admit an applicant: the meeting decides it, and its chair or the secretariat records the decision (Partnership Agreement 5.3)',
    );
  });
  it('cannot be admitted when it shows fewer criteria than the constitution required when it was received, and says why', () => {
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [admitted, chair]], meeting(2)))).toBe(
      'refused: admit an applicant: Meets 2 of the 5 criteria; 3 are needed, so the application must show how the organisation meets 1 more before it can be admitted.',
    );
    // Refusing it is still open to the chair.
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [refusedIt, chair]], meeting(2)))).toBe('refused');
    // A criterion ticked without saying how it is met does not count.
    const blank = { ...three, criteriaEvidence: { ...(three.criteriaEvidence as object), 2: '   ' } };
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [admitted, chair]], blank))).toMatch(/^refused: admit an applicant: Meets 2 of the 5/);
  });
  it('records that the applicant was told, once decided', () => {
    expect(walk(applicationLifecycle, [[consulting, secretariat], [admitted, chair], [notified, secretariat]], three)).toMatchObject({ status: 'admitted', notifiedOn: '2026-12-17' });
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [notified, secretariat]], three))).toBe(
      'refused: record that an applicant was told of the decision: the application has not been decided yet',
    );
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [admitted, chair], [notified, luton]], three))).toBe(
      'refused: record that an applicant was told of the decision: the secretariat, the Accountable Body or the chair writes to applicants',
    );
  });
  it('is withdrawn by those who handle applications, and not by a partner', () => {
    expect(statusOf(walk(applicationLifecycle, [[withdrawn, secretariat]]))).toBe('withdrawn');
    expect(statusOf(walk(applicationLifecycle, [[withdrawn, luton]]))).toBe('refused: record an application as withdrawn: the Accountable Body, the secretariat or the chair handles applications');
  });
  it('takes no further step once admitted, refused or withdrawn', () => {
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [admitted, chair], [refusedIt, chair]], three))).toBe(
      'refused: change the course of an application: it has already been admitted',
    );
    expect(statusOf(walk(applicationLifecycle, [[consulting, secretariat], [admitted, chair], [referred, chair]], three))).toBe(
      'refused: change the course of an application: it has already been admitted',
    );
    expect(statusOf(walk(applicationLifecycle, [[withdrawn, secretariat], [consulting, secretariat]]))).toBe('refused: change the course of an application: it has been withdrawn');
  });
  it('is kept by the secretariat or the Accountable Body; its criteria are fixed once consulted on; once decided only its register entry may be linked', () => {
    const consultingState = walk(applicationLifecycle, [[consulting, secretariat]]) as ReturnType<typeof applicationLifecycle.initial>;
    const decided = walk(applicationLifecycle, [[consulting, secretariat], [admitted, chair]], three) as ReturnType<typeof applicationLifecycle.initial>;
    expect(applicationLifecycle.canEdit(applicationLifecycle.initial(), 'contactName', secretariat, {})).toBeNull();
    expect(applicationLifecycle.canEdit(applicationLifecycle.initial(), 'criteriaRequired', secretariat, {})).toBeNull();
    expect(applicationLifecycle.canEdit(consultingState, 'criteriaRequired', secretariat, {})?.reason).toBe('they are the constitution’s when it was received');
    expect(applicationLifecycle.canEdit(applicationLifecycle.initial(), 'contactName', chair, {})?.action).toBe('change a membership application');
    expect(applicationLifecycle.canEdit(decided, 'contactName', secretariat, {})).toEqual({ action: 'change an application already decided', reason: 'it has been admitted' });
    const linked = { organisationId: 'org-new' };
    for (const state of [applicationLifecycle.initial(), consultingState, decided]) {
      for (const who of [secretariat, ab, chair]) expect(applicationLifecycle.canEdit(state, 'organisationId', who, linked)).toBeNull();
    }
    expect(applicationLifecycle.canEdit(decided, 'organisationId', luton, linked)?.action).toBe('link an application to a register entry');
  });
});

describe('minutes', () => {
  const taken: Event = { type: 'taken', organisationId: 'org-secretariat' };
  const circulated: Event = { type: 'circulated', on: '2026-12-10' };
  const confirmed: Event = { type: 'confirmed', atMeetingId: 'meeting-2', on: '2027-03-16', amendments: '' };
  const amended: Event = { type: 'confirmed', atMeetingId: 'meeting-2', on: '2027-03-16', amendments: 'Item 4: Luton sent apologies' };
  const locked: Event = { type: 'locked', on: '2027-03-16' };
  const corrected: Event = { type: 'corrected', text: 'Item 2: the date was 9 December', on: '2027-04-01' };
  type MinutesState = ReturnType<typeof minutesLifecycle.initial>;
  const reach = (steps: Array<[Event, Actor]>) => walk(minutesLifecycle, steps) as MinutesState;

  it('go from draft to circulated, confirmed and locked, each step recorded', () => {
    expect(reach([[taken, secretariat]])).toEqual({ status: 'draft', takenBy: 'org-secretariat', corrections: [] });
    expect(reach([[taken, secretariat], [circulated, secretariat]])).toMatchObject({ status: 'circulated', circulatedOn: '2026-12-10' });
    expect(reach([[taken, secretariat], [circulated, secretariat], [confirmed, chair]])).toMatchObject({ status: 'confirmed', confirmedAtMeetingId: 'meeting-2', confirmedOn: '2027-03-16', amendments: '' });
    const done = reach([[taken, secretariat], [circulated, secretariat], [amended, chair], [locked, secretariat], [corrected, secretariat]]);
    expect(done).toMatchObject({ status: 'locked', amendments: 'Item 4: Luton sent apologies', lockedOn: '2027-03-16', corrections: [{ text: 'Item 2: the date was 9 December', on: '2027-04-01' }] });
  });

  it('refuse, in words, every step out of its order and every step by a partner', () => {
    expect(statusOf(walk(minutesLifecycle, [[circulated, luton]]))).toBe('refused: take, circulate or confirm minutes: the secretariat or the chair does that');
    expect(statusOf(walk(minutesLifecycle, [[confirmed, secretariat]]))).toBe('refused: confirm minutes: they have not been circulated for comment yet');
    expect(statusOf(walk(minutesLifecycle, [[circulated, secretariat], [circulated, secretariat]]))).toBe('refused: circulate minutes: they are already circulated for comment');
    expect(statusOf(walk(minutesLifecycle, [[circulated, secretariat], [confirmed, chair], [confirmed, chair]]))).toBe('refused: confirm minutes: they have already been confirmed');
    expect(statusOf(walk(minutesLifecycle, [[circulated, secretariat], [locked, chair]]))).toBe('refused: lock minutes: only minutes confirmed by the next meeting are locked');
    expect(statusOf(walk(minutesLifecycle, [[circulated, secretariat], [confirmed, chair], [locked, chair], [locked, chair]]))).toBe('refused: lock minutes: they are already locked');
    expect(statusOf(walk(minutesLifecycle, [[circulated, secretariat], [corrected, chair]]))).toBe('refused: record a correction to minutes: until they are locked, the minutes themselves are changed');
    expect(statusOf(walk(minutesLifecycle, [[taken, secretariat], [taken, secretariat]]))).toBe('refused: take minutes already being taken: the minutes belong to the copy that started them');
    expect(statusOf(walk(minutesLifecycle, [[{ type: 'signed' }, secretariat]]))).toBe('refused: record an unknown step on minutes: “signed” is not a step minutes take');
  });

  it('are edited only on the copy that takes them, and not once locked, nor once confirmed as presented', () => {
    const draft = reach([[taken, secretariat]]);
    expect(minutesLifecycle.canEdit(draft, 'text', secretariat, {})).toBeNull();
    expect(minutesLifecycle.canEdit(draft, 'text', chair, {})).toEqual({ action: 'change minutes taken on another copy', reason: 'the minutes belong to the copy that takes them: other copies comment on them' });
    expect(minutesLifecycle.canEdit(minutesLifecycle.initial(), 'text', luton, {})?.reason).toBe('the secretariat or the chair takes the minutes');
    expect(minutesLifecycle.canEdit(reach([[taken, secretariat], [circulated, secretariat]]), 'decisions', secretariat, {})).toBeNull();
    expect(minutesLifecycle.canEdit(reach([[taken, secretariat], [circulated, secretariat], [confirmed, chair]]), 'text', secretariat, {})).toEqual({
      action: 'change minutes confirmed as presented',
      reason: 'the meeting confirmed them as they stand',
    });
    // Confirmed with amendments: the taker writes them in, then locks.
    expect(minutesLifecycle.canEdit(reach([[taken, secretariat], [circulated, secretariat], [amended, chair]]), 'text', secretariat, {})).toBeNull();
    expect(minutesLifecycle.canEdit(reach([[taken, secretariat], [circulated, secretariat], [amended, chair], [locked, secretariat]]), 'text', secretariat, {})).toEqual({
      action: 'change minutes already locked',
      reason: 'confirmed minutes are the record of the meeting: a correction is recorded as an amendment shown with them',
    });
  });

  it('fold the same whatever order the events were stored in', () => {
    const row = stored({}, [taken, circulated, amended, locked, corrected]);
    expect(stateOf(minutesLifecycle, row)).toMatchObject({ status: 'locked', takenBy: 'org-secretariat', corrections: [{ text: 'Item 2: the date was 9 December' }] });
  });
});

describe('a motion', () => {
  const carried: Event = { type: 'decided', outcome: 'carried', on: '2026-07-01', proof: carriedProof() };
  const defeated: Event = { type: 'decided', outcome: 'defeated', proof: defeatedProof() };
  const override: Event = { type: 'overridden', reason: 'Contrary to the funder’s terms', funderTerm: 'Grant agreement clause 4' };

  it('is decided by the secretariat or the chair, once; a deferred motion may be decided again', () => {
    expect(walk(motionLifecycle, [[carried, chair]])).toEqual({ status: 'decided', outcome: 'carried', decidedOn: '2026-07-01', proof: carriedProof() });
    expect(statusOf(walk(motionLifecycle, [[carried, luton]]))).toBe('refused: record the decision on a motion: the secretariat or the chair records decisions');
    expect(statusOf(walk(motionLifecycle, [[carried, chair], [defeated, chair]]))).toBe('refused: record the decision on a motion: it has already been decided');
    expect(walk(motionLifecycle, [[{ type: 'decided', outcome: 'deferred' }, chair], [carried, secretariat]])).toMatchObject({ status: 'decided', outcome: 'carried' });
  });
  it('is decided only with a proof that holds together, on every copy', () => {
    expect(statusOf(walk(motionLifecycle, [[{ type: 'decided', outcome: 'carried' }, chair]]))).toBe(
      'refused: record the decision on a motion: a decision keeps its proof: the quorum, who was eligible, the counts and the rule',
    );
    const inquorate = { ...carriedProof(), quorum: { ...carriedProof().quorum, present: 1, quorate: false } };
    expect(statusOf(walk(motionLifecycle, [[{ type: 'decided', outcome: 'carried', proof: inquorate }, chair]]))).toMatch(/not quorate/);
    expect(statusOf(walk(motionLifecycle, [[{ type: 'decided', outcome: 'defeated', proof: carriedProof() }, chair]]))).toMatch(/do not give the outcome “defeated”/);
    expect(walk(motionLifecycle, [[{ type: 'decided', outcome: 'consensus', proof: consensusProof() }, chair]])).toMatchObject({ outcome: 'consensus' });
  });
  it('is overridden only by the Accountable Body, and only once carried or agreed by consensus', () => {
    expect(walk(motionLifecycle, [[carried, chair], [override, ab]])).toMatchObject({ status: 'overridden', overrideReason: 'Contrary to the funder’s terms', overrideTerm: 'Grant agreement clause 4' });
    expect(statusOf(walk(motionLifecycle, [[carried, chair], [override, ab], [override, ab]]))).toBe('refused: override a consortium decision: it has already been overridden');
    expect(statusOf(walk(motionLifecycle, [[carried, chair], [override, secretariat]]))).toBe('refused: override a consortium decision: only the Accountable Body may (Partnership Agreement 8.2)');
    expect(statusOf(walk(motionLifecycle, [[defeated, chair], [override, ab]]))).toBe('refused: override a consortium decision: there is no decision to override');
    expect(statusOf(walk(motionLifecycle, [[override, ab]]))).toBe('refused: override a consortium decision: there is no decision to override');
  });
  it('keeps its wording once decided, while members may still record their own dissent', () => {
    const decided = walk(motionLifecycle, [[carried, chair]]) as ReturnType<typeof motionLifecycle.initial>;
    expect(motionLifecycle.canEdit(motionLifecycle.initial(), 'text', secretariat, {})).toBeNull();
    expect(motionLifecycle.canEdit(decided, 'text', secretariat, {})).toEqual({ action: 'change a motion already decided', reason: 'the decision stands as recorded' });
    expect(motionLifecycle.canEdit(decided, `dissent:${LUTON}`, luton, {})).toBeNull();
    expect(motionLifecycle.canEdit(decided, `dissent:${LUTON}`, secretariat, {})).toBeNull();
    expect(motionLifecycle.canEdit(decided, `dissent:${BEDFORD}`, luton, {})).toEqual({ action: 'record another member’s dissent', reason: 'a member records only its own dissent' });
  });
});
