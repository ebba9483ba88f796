/**
 * Decisions across copies (issue 10), with real stores and real bundles: a
 * vote at a meeting of six members of whom one is co-opted and one declared an
 * interest, decided with its proof on the secretariat's copy and received
 * unchanged elsewhere; the bad input refused with nothing written; an override
 * only the Accountable Body's copy can record, on the next agenda; the Chair
 * elected and granted the office from 1 April; a referred application moved on
 * by the meeting's decision.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { consortiaForTests, orgOf, send, storeOf } from '../../db/sync/test-consortia';
import { writeUnchecked, type TestCopy } from '../../db/sync/test-support';
import { NotAuthorisedError } from '../../db/not-authorised';
import { loadAuthority } from '../../db/authority';
import { actorAt } from '../../../shared/sync/authority';
import { formatTimestamp } from '../../../shared/sync/hlc';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { applicationFormSchema } from '../../../shared/domain/application-form';
import { carriedProof } from '../../../shared/rules/test-proofs';
import { standardItemsFor } from '../meetings/agenda-actions';
import { applicationState, openConsultation, referApplication, saveApplication } from '../applications/application-actions';
import {
  agreeElection,
  decideMotion,
  DecisionRefused,
  electionState,
  motionState,
  openElection,
  overrideDecision,
  proposeMotion,
  ratificationOf,
  recordBallot,
  recordVote,
} from './decision-actions';

const consortium = consortiaForTests();

// Meetings decide on their day or after: these tests are set on 2 April 2027, after every meeting in them.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2027-04-02T09:00:00Z'));
});
afterEach(() => vi.setSystemTime(new Date('2027-04-02T09:00:00Z')));
afterAll(() => vi.useRealTimers());

async function copies() {
  const c = await consortium([
    ['Secretariat', 'secretariat'],
    ['Chair', 'chair'],
    ['Accountable Body', 'accountable-body'],
    ['Voluntary Action Luton', 'partner'],
  ]);
  return c.copies as [TestCopy, TestCopy, TestCopy, TestCopy];
}

/** The register of six: five members (one of them the Accountable Body, one Luton's copy) and one co-opted. */
async function register(s: TestCopy, abOrg: string, lutonOrg: string) {
  const make = (name: string, extra: Record<string, unknown> = {}, id?: string) => s.repos.organisations.create({ name, kind: 'cvs', status: 'member', joinedOn: '2020-04-01', ...extra }, id);
  const ab = await make('Bedford Council for Voluntary Service', {}, abOrg);
  const luton = await make('Voluntary Action Luton', {}, lutonOrg);
  const rural = await make('Bedfordshire Rural Communities Charity');
  const race = await make('Bedford Race Equality Council');
  const south = await make('Voluntary and Community Action South Bedfordshire');
  const adviser = await make('Bedfordshire Advice Forum', { status: 'co-opted', coOptedOn: '2021-04-01' });
  const consortiumRow = (await s.db.consortium.toArray())[0]!;
  await s.repos.consortium.update(consortiumRow.id, { accountableBodyId: ab });
  return { ab, luton, rural, race, south, adviser };
}

async function meetingWith(s: TestCopy, date: string, present: string[], title = 'Consortium meeting') {
  const meetingId = await s.repos.meetings.create({ title, kind: 'consortium', date, startTime: '10:00', location: 'Bedford' });
  for (const organisationId of present) await s.repos.attendance.create({ meetingId, organisationId, status: 'present' });
  const itemId = await s.repos.agendaItems.create({ meetingId, position: 5, title: 'Bid to the county council’s fund' });
  return { meetingId, itemId };
}

describe('a vote at a meeting, across copies', () => {
  it('counts four votes, shows the co-opted and the conflicted as not eligible, and every copy holds the same decision and proof', async () => {
    const [s, , ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    const { meetingId, itemId } = await meetingWith(s, '2026-12-08', [orgs.ab, orgs.luton, orgs.rural, orgs.race, orgs.south, orgs.adviser]);
    // Rural declares an interest in the item, minuted with it.
    await s.repos.minutes.create({ meetingId, agendaItemId: itemId, text: '', decisions: '', declarations: [{ organisationId: orgs.rural, interest: 'A trustee is on the fund’s panel' }] });
    const motionId = await proposeMotion(storeOf(s), { meetingId, agendaItemId: itemId, text: 'That the consortium bids for the fund', proposerOrganisationId: orgs.luton, seconderOrganisationId: orgs.race, ballot: 'named', decisionKind: 'ordinary' });
    const motion = (await s.repos.motions.get(motionId))!;
    await recordVote(storeOf(s), motion, orgs.ab, 'for');
    await recordVote(storeOf(s), motion, orgs.luton, 'for');
    await recordVote(storeOf(s), motion, orgs.race, 'against');
    await recordVote(storeOf(s), motion, orgs.south, 'abstain');
    // Refused with the reason, nothing written: the co-opted, the conflicted, a second vote.
    await expect(recordVote(storeOf(s), motion, orgs.adviser, 'for')).rejects.toThrow(/Bedfordshire Advice Forum may not vote on this motion\. .*co-opted organisations advise/);
    await expect(recordVote(storeOf(s), motion, orgs.rural, 'against')).rejects.toThrow(/Bedfordshire Rural Communities Charity may not vote .*declared an interest/);
    await expect(recordVote(storeOf(s), motion, orgs.luton, 'against')).rejects.toThrow(/Voluntary Action Luton has already voted \(for\): each member has one vote/);
    expect(await s.db.votes.where('motionId').equals(motionId).count()).toBe(4);

    const { outcome, proof } = await decideMotion(storeOf(s), motion, { method: 'vote' });
    expect(outcome).toBe('carried');
    expect(proof.counts).toEqual({ for: 2, against: 1, abstain: 1 });
    // The secretariat's own organisation is a member too, absent: six eligible to vote in all.
    expect(proof.quorum).toMatchObject({ quorate: true, required: 2, present: 5, votingMembers: 6 });
    expect(proof.notEligible.map((n) => [n.name, n.reason])).toEqual(
      expect.arrayContaining([
        ['Bedfordshire Advice Forum', 'co-opted'],
        ['Bedfordshire Rural Communities Charity', 'declared-interest'],
      ]),
    );
    expect(proof.votes?.map((v) => [v.name, v.choice])).toEqual([
      ['Bedford Council for Voluntary Service', 'for'],
      ['Bedford Race Equality Council', 'against'],
      ['Voluntary Action Luton', 'for'],
      ['Voluntary and Community Action South Bedfordshire', 'abstain'],
    ]);
    // Decided once; votes stand as counted.
    await expect(decideMotion(storeOf(s), motion, { method: 'consensus' })).rejects.toThrow('The motion has already been decided.');
    await expect(recordVote(storeOf(s), motion, orgs.rural, 'for')).rejects.toThrow('The motion has been decided');

    await send(s, luton);
    const received = (await luton.repos.motions.get(motionId))!;
    expect(motionState(received)).toMatchObject({ status: 'decided', outcome: 'carried', decidedOn: '2026-12-08' });
    expect(motionState(received).proof).toEqual(proof);
  });

  it('refuses a decision at an inquorate meeting, recording nothing', async () => {
    const [s, , ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    const { meetingId, itemId } = await meetingWith(s, '2026-12-08', [orgs.luton, orgs.adviser]);
    const motionId = await proposeMotion(storeOf(s), { meetingId, agendaItemId: itemId, text: 'That the consortium bids for the fund', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'secret', decisionKind: 'ordinary' });
    const motion = (await s.repos.motions.get(motionId))!;
    const attempt = decideMotion(storeOf(s), motion, { method: 'vote', counts: { for: 1, against: 0, abstain: 0 } });
    await expect(attempt).rejects.toBeInstanceOf(DecisionRefused);
    await expect(decideMotion(storeOf(s), motion, { method: 'consensus' })).rejects.toThrow(/^Not quorate: 1 of the 6 members eligible to vote is present and the quorum is 2/);
    expect(motionState((await s.repos.motions.get(motionId))!).status).toBe('proposed');
  });

  it('refuses, on every copy, a decision a partner’s copy writes, or one whose proof does not hold', async () => {
    const [s, chair, , luton] = await copies();
    const meetingId = await s.repos.meetings.create({ title: 'Consortium meeting', kind: 'consortium', date: '2026-12-08' });
    const motionId = await proposeMotion(storeOf(s), { meetingId, agendaItemId: '', text: 'That the consortium bids', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary' });
    await send(s, luton);
    await writeUnchecked(luton, [{ table: 'motions', row: motionId, fields: { 'event:forged': { type: 'decided', outcome: 'carried', proof: carriedProof() } } }]);
    await send(luton, s);
    expect(motionState((await s.repos.motions.get(motionId))!).status).toBe('proposed');
    // The chair's copy may decide, but not with a proof of a meeting that was not quorate.
    await send(s, chair);
    const inquorate = { ...carriedProof(), quorum: { ...carriedProof().quorum, present: 1, quorate: false } };
    await expect(chair.repos.motions.recordEvent(motionId, { type: 'decided', outcome: 'carried', proof: inquorate as never })).rejects.toBeInstanceOf(NotAuthorisedError);
    await writeUnchecked(chair, [{ table: 'motions', row: motionId, fields: { 'event:bad': { type: 'decided', outcome: 'carried', proof: inquorate } } }]);
    await send(chair, s);
    expect(motionState((await s.repos.motions.get(motionId))!).status).toBe('proposed');
  });
});

describe('an Accountable Body override', () => {
  it('is recorded only on the Accountable Body’s copy, and appears on the next consortium meeting’s agenda', async () => {
    const [s, , ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    const { meetingId, itemId } = await meetingWith(s, '2026-10-13', [orgs.ab, orgs.luton, orgs.rural]);
    const next = await s.repos.meetings.create({ title: 'Consortium meeting', kind: 'consortium', date: '2027-01-12' });
    const motionId = await proposeMotion(storeOf(s), { meetingId, agendaItemId: itemId, text: 'That partners may carry underspend into next year', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary' });
    await decideMotion(storeOf(s), (await s.repos.motions.get(motionId))!, { method: 'consensus' });
    const decided = (await s.repos.motions.get(motionId))!;
    await expect(overrideDecision(storeOf(s), decided, { reason: 'The grant cannot be carried over', funderTerm: 'Grant agreement, clause 7.2', on: '2026-11-02' })).rejects.toBeInstanceOf(NotAuthorisedError);
    await expect(overrideDecision(storeOf(s), decided, { reason: '', funderTerm: '', on: '2026-11-02' })).rejects.toThrow('Say why the decision is overridden. Name the funder’s term the decision is contrary to.');
    await send(s, ab);
    await overrideDecision(storeOf(ab), (await ab.repos.motions.get(motionId))!, { reason: 'The grant cannot be carried over', funderTerm: 'Grant agreement, clause 7.2', on: '2026-11-02' });
    await send(ab, s);
    expect(motionState((await s.repos.motions.get(motionId))!)).toMatchObject({ status: 'overridden', overrideReason: 'The grant cannot be carried over', overrideTerm: 'Grant agreement, clause 7.2', overriddenOn: '2026-11-02' });
    const items = await standardItemsFor(storeOf(s), (await s.repos.meetings.get(next))!);
    expect(items.find((i) => i.standard === 'overrides')?.description).toMatch(/That partners may carry underspend into next year .*The grant cannot be carried over/);
  });
});

describe('a steering group’s recommendation', () => {
  it('follows the consortium’s decision on it', async () => {
    const [s, , ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    const steering = await s.repos.meetings.create({ title: 'Steering group', kind: 'steering-group', date: '2026-11-03' });
    for (const o of [orgs.ab, orgs.luton]) await s.repos.attendance.create({ meetingId: steering, organisationId: o, status: 'present' });
    const recommendation = await proposeMotion(storeOf(s), { meetingId: steering, agendaItemId: '', text: 'That the consortium adopts the volunteering strategy', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary', recommendation: true });
    await decideMotion(storeOf(s), (await s.repos.motions.get(recommendation))!, { method: 'consensus' });
    expect(ratificationOf({ id: recommendation }, await s.db.motions.toArray()).status).toBe('awaiting');
    const { meetingId } = await meetingWith(s, '2026-12-08', [orgs.ab, orgs.luton, orgs.rural]);
    const ratify = await proposeMotion(storeOf(s), { meetingId, agendaItemId: '', text: 'To ratify: the volunteering strategy', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary', refersToTable: 'motions', refersToRow: recommendation });
    await decideMotion(storeOf(s), (await s.repos.motions.get(ratify))!, { method: 'consensus' });
    expect(ratificationOf({ id: recommendation }, await s.db.motions.toArray())).toEqual({ status: 'ratified', byMotionId: ratify, meetingId });
  });
});

describe('a referred application decided by the meeting', () => {
  it('is admitted by the meeting’s decision, in the same transaction', async () => {
    const [s, chair, ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    const { meetingId } = await meetingWith(s, '2026-12-08', [orgs.ab, orgs.luton, orgs.rural]);
    const applicationId = await saveApplication(
      storeOf(s),
      applicationFormSchema.parse({
        organisationName: 'Leighton Linslade Volunteer Centre',
        kind: 'volunteer-centre',
        contactName: 'Sam Example',
        contactEmail: 'sam@example.org',
        address: '1 High Street',
        criteria: BEDFORDSHIRE_CONSTITUTION.membershipCriteria.map((_, i) => (i < 3 ? { claimed: true, evidence: `Criterion ${i + 1}` } : { claimed: false, evidence: '' })),
        levelOfWork: 'Two staff',
        receivedOn: '2026-11-20',
      }),
      BEDFORDSHIRE_CONSTITUTION,
    );
    await openConsultation(storeOf(s), applicationId, '2026-12-01', [orgs.luton]);
    await send(s, chair);
    await referApplication(storeOf(chair), (await chair.repos.applications.get(applicationId))!, { id: meetingId }, 'An objection was raised');
    await send(chair, s);
    const motionId = await proposeMotion(storeOf(s), { meetingId, agendaItemId: '', text: 'To admit Leighton Linslade Volunteer Centre', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary', refersToTable: 'applications', refersToRow: applicationId });
    await decideMotion(storeOf(s), (await s.repos.motions.get(motionId))!, { method: 'consensus' });
    const application = (await s.repos.applications.get(applicationId))!;
    expect(applicationState(application)).toMatchObject({ status: 'admitted', decidedOn: '2026-12-08', decidedAtMeetingId: meetingId });
    expect(await s.repos.organisations.get(application.organisationId)).toMatchObject({ status: 'member', joinedOn: '2026-12-08' });
  });
});

describe('the election of the Chair', () => {
  it('refuses the Accountable Body’s representative, elects by ballot through a tie, and grants the elected copy the chair from 1 April on every copy', async () => {
    // The day after the meeting, three weeks before the term starts.
    vi.setSystemTime(new Date('2027-03-10T12:00:00Z'));
    const [s, , ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    // The last consortium meeting of 2026/27 elects the Chair for 2027/28.
    const meetingId = await s.repos.meetings.create({ title: 'Annual meeting', kind: 'consortium', date: '2027-03-09', lastOfYear: true });
    for (const o of [orgs.ab, orgs.luton, orgs.rural, orgs.race, orgs.south]) await s.repos.attendance.create({ meetingId, organisationId: o, status: 'present' });
    const meeting = (await s.repos.meetings.get(meetingId))!;
    await expect(openElection(storeOf(s), meeting, 'chair', [{ organisationId: orgs.ab, representativeId: '' }, { organisationId: orgs.luton, representativeId: '' }])).rejects.toThrow(
      'Bedford Council for Voluntary Service is the Accountable Body, which cannot be elected Chair. It may chair a meeting the elected Chair cannot attend.',
    );
    expect(await s.db.elections.count()).toBe(0);
    const electionId = await openElection(storeOf(s), meeting, 'chair', [{ organisationId: orgs.luton, representativeId: '' }, { organisationId: orgs.rural, representativeId: '' }]);
    expect(electionId).toBe('election:chair:2027/28');
    const tied = await recordBallot(storeOf(s), (await s.repos.elections.get(electionId))!, { [orgs.luton]: 2, [orgs.rural]: 2 });
    expect(tied.state).toMatchObject({ status: 'tied' });
    const result = await recordBallot(storeOf(s), (await s.repos.elections.get(electionId))!, { [orgs.luton]: 3, [orgs.rural]: 2 });
    expect(result.state).toMatchObject({ status: 'elected', electedOrganisationId: orgs.luton, how: 'ballot' });
    expect(result.grantedNodes).toEqual([luton.node]);
    expect((await s.repos.appointments.get('appointment:chair:2027/28'))).toMatchObject({ organisationId: orgs.luton, role: 'chair', from: '2027-04-01', until: '2028-03-31' });

    await send(s, luton);
    expect(electionState((await luton.repos.elections.get(electionId))!)).toMatchObject({ status: 'elected', electedOrganisationId: orgs.luton });
    for (const copy of [s, luton]) {
      const { timeline } = await loadAuthority(copy.db, (await copy.db.installation.get('self'))!);
      const at = (iso: string) => actorAt(timeline, luton.node, formatTimestamp(Date.parse(iso), 0, luton.node)).offices.has('chair');
      expect(at('2027-03-31T22:59:00Z')).toBe(false);
      // Midnight of 1 April in London is 23:00 on 31 March in UTC (summer time).
      expect(at('2027-03-31T23:00:01Z')).toBe(true);
    }
  });

  it('refuses, on every copy, a result an altered copy writes electing the Accountable Body as Chair', async () => {
    const [s, chair, ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    const meetingId = await s.repos.meetings.create({ title: 'Annual meeting', kind: 'consortium', date: '2027-03-09', lastOfYear: true });
    const electionId = await openElection(storeOf(s), (await s.repos.meetings.get(meetingId))!, 'chair', [{ organisationId: orgs.luton, representativeId: '' }]);
    await send(s, chair);
    // The chair's copy, past its own checks, records the Accountable Body as elected, and adds it as a candidate.
    const quorum = { required: 2, present: 3, votingMembers: 6, quorate: true, counted: [], notCounted: [] };
    await writeUnchecked(chair, [
      { table: 'elections', row: electionId, fields: { candidates: [{ organisationId: orgs.luton, representativeId: '' }, { organisationId: orgs.ab, representativeId: '' }] } },
      { table: 'elections', row: electionId, fields: { 'event:forged': { type: 'ballot', counts: { [orgs.ab]: 4, [orgs.luton]: 1 }, on: '2027-03-09', quorum } } },
    ]);
    await send(chair, s);
    await send(chair, luton);
    for (const copy of [s, luton]) {
      const election = await copy.repos.elections.get(electionId);
      if (election) expect(electionState(election).status).toBe('open');
      expect((await copy.db.refusals.toArray()).some((r) => JSON.stringify(r).includes('cannot be elected Chair'))).toBe(true);
    }
  });

  it('records nothing before the meeting’s day', async () => {
    vi.setSystemTime(new Date('2027-03-08T12:00:00Z'));
    const [s, , ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    const meetingId = await s.repos.meetings.create({ title: 'Annual meeting', kind: 'consortium', date: '2027-03-09', lastOfYear: true });
    for (const o of [orgs.luton, orgs.rural]) await s.repos.attendance.create({ meetingId, organisationId: o, status: 'present' });
    const electionId = await openElection(storeOf(s), (await s.repos.meetings.get(meetingId))!, 'chair', [{ organisationId: orgs.luton, representativeId: '' }]);
    await expect(agreeElection(storeOf(s), (await s.repos.elections.get(electionId))!, orgs.luton)).rejects.toThrow('The meeting is on Tuesday 9 March 2027: its decisions are recorded on or after that day.');
    const motionId = await proposeMotion(storeOf(s), { meetingId, agendaItemId: '', text: 'That the accounts are received', proposerOrganisationId: '', seconderOrganisationId: '', ballot: 'named', decisionKind: 'ordinary' });
    await expect(decideMotion(storeOf(s), (await s.repos.motions.get(motionId))!, { method: 'consensus' })).rejects.toThrow(/its decisions are recorded on or after that day/);
  });

  it('refuses a result at an inquorate meeting, and records the Accountable Body’s review', async () => {
    const [s, , ab, luton] = await copies();
    const orgs = await register(s, await orgOf(ab), await orgOf(luton));
    const meetingId = await s.repos.meetings.create({ title: 'Annual meeting', kind: 'consortium', date: '2027-03-09', lastOfYear: true });
    await s.repos.attendance.create({ meetingId, organisationId: orgs.luton, status: 'present' });
    const meeting = (await s.repos.meetings.get(meetingId))!;
    const reviewId = await openElection(storeOf(s), meeting, 'accountable-body', [{ organisationId: orgs.ab, representativeId: '' }]);
    await expect(agreeElection(storeOf(s), (await s.repos.elections.get(reviewId))!, orgs.ab)).rejects.toThrow(/^Not quorate/);
    await s.repos.attendance.create({ meetingId, organisationId: orgs.rural, status: 'present' });
    const review = await agreeElection(storeOf(s), (await s.repos.elections.get(reviewId))!, orgs.ab);
    expect(review.state).toMatchObject({ status: 'elected', electedOrganisationId: orgs.ab, how: 'agreed' });
    expect(review.grantedNodes).toEqual([ab.node]);
  });
});
