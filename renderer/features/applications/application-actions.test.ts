/**
 * The chair's handling of an application across copies (issue 8, part 6),
 * with real stores and real bundles: received by the secretariat, members
 * consulted, each answering from its own copy, the answers reaching the
 * chair's copy, the referral putting it on the next meeting's agenda, and the
 * admission making a member from the decision date. A copy answering for
 * another organisation is refused on its own copy and on every copy that
 * receives it.
 */
import { describe, expect, it } from 'vitest';
import { consortiaForTests, orgOf, send, storeOf } from '../../db/sync/test-consortia';
import { writeUnchecked, type TestCopy } from '../../db/sync/test-support';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { consultationOutcome, nextConsortiumMeeting } from '../../../shared/rules/applications';
import { applicationFormSchema } from '../../../shared/domain/application-form';
import { NotAuthorisedError } from '../../db/not-authorised';
import { answerConsultation, applicationState, decideApplication, openConsultation, referApplication, saveApplication } from './application-actions';
import type { Application } from '../../../shared/domain/entities';

const consortium = consortiaForTests();

const store = storeOf;

/** The form's values for an applicant claiming the first `n` of the five criteria. */
function applicationClaiming(n: number, name = 'Leighton Linslade Volunteer Centre') {
  return applicationFormSchema.parse({
    organisationName: name,
    kind: 'volunteer-centre',
    contactName: 'Sam Example',
    contactEmail: 'sam@example.org',
    address: '1 High Street, Leighton Buzzard',
    criteria: BEDFORDSHIRE_CONSTITUTION.membershipCriteria.map((_, i) => (i < n ? { claimed: true, evidence: `How it meets criterion ${i + 1}` } : { claimed: false, evidence: '' })),
    levelOfWork: 'Two full-time staff on infrastructure support',
    receivedOn: '2026-11-20',
  });
}

async function fourCopies() {
  const c = await consortium(
    [
      ['Secretariat', 'secretariat'],
      ['Chair', 'chair'],
      ['Volunteer Centre Bedford', 'partner'],
      ['Voluntary Action Luton', 'partner'],
    ],
  );
  return c.copies as [TestCopy, TestCopy, TestCopy, TestCopy];
}

describe('an application, from receipt to the next meeting’s agenda, across copies', () => {
  it('is consulted on, answered from the members’ own copies, referred by the chair and put on the meeting’s agenda', async () => {
    const [s, chair, p, q] = await fourCopies();
    const [pOrg, qOrg] = [await orgOf(p), await orgOf(q)];
    const meetingId = await s.repos.meetings.create({ title: 'Consortium meeting', kind: 'consortium', date: '2026-12-08', startTime: '10:00', location: 'Bedford' });
    const id = await saveApplication(store(s), applicationClaiming(3), BEDFORDSHIRE_CONSTITUTION);
    // The applicant is in the register as an applicant from the day it applied.
    const entryId = (await s.repos.applications.get(id))!.organisationId;
    expect(await s.repos.organisations.get(entryId)).toMatchObject({ name: 'Leighton Linslade Volunteer Centre', status: 'applicant', appliedOn: '2026-11-20', joinedOn: '' });
    await openConsultation(store(s), id, '2026-12-15', [pOrg, qOrg]);
    for (const copy of [chair, p, q]) await send(s, copy);

    // Each partner answers for its own organisation, on its own copy.
    await answerConsultation(store(p), { applicationId: id, organisationId: pOrg, answer: 'support', comment: 'Long record of good work', via: 'copy', answeredOn: '2026-12-02' });
    await answerConsultation(store(q), { applicationId: id, organisationId: qOrg, answer: 'object', comment: 'Overlaps our area', via: 'copy', answeredOn: '2026-12-03' });
    // Answering for another organisation is refused on the copy itself, and nothing is written.
    await expect(answerConsultation(store(q), { applicationId: id, organisationId: pOrg, answer: 'object', comment: '', via: 'copy', answeredOn: '2026-12-03' })).rejects.toBeInstanceOf(NotAuthorisedError);
    await send(p, chair);
    await send(q, chair);

    const answers = await chair.db.consultationAnswers.where('applicationId').equals(id).toArray();
    expect(answers.map((a) => [a.organisationId, a.answer]).sort()).toEqual([[pOrg, 'support'], [qOrg, 'object']].sort());
    const application = (await chair.repos.applications.get(id)) as Application;
    const state = applicationState(application);
    expect(state).toMatchObject({ status: 'consulting', closesOn: '2026-12-15', consulted: [pOrg, qOrg] });
    const outcome = consultationOutcome(answers, state.consulted ?? [], state.closesOn!, '2026-12-04');
    expect(outcome.kind).toBe('refer');

    const meeting = nextConsortiumMeeting(await chair.db.meetings.toArray(), '2026-12-04')!;
    expect(meeting.id).toBe(meetingId);
    const itemId = await referApplication(store(chair), application, meeting, outcome.message);
    await send(chair, s);
    const item = await s.db.agendaItems.get(itemId);
    expect(item).toMatchObject({ meetingId, title: 'Application for membership: Leighton Linslade Volunteer Centre', refersToTable: 'applications', refersToRow: id });
    expect(applicationState((await s.repos.applications.get(id))!)).toMatchObject({ status: 'referred', referredToMeetingId: meetingId });

    // The meeting admits it; the secretariat records the decision, and the applicant is a member from that date.
    const referred = (await s.repos.applications.get(id))!;
    const organisationId = await decideApplication(store(s), referred, { decision: 'admitted', reason: 'Agreed by consensus', on: '2026-12-08', atMeetingId: meetingId }, BEDFORDSHIRE_CONSTITUTION);
    expect(organisationId).toBe(entryId);
    const member = await s.repos.organisations.get(organisationId);
    expect(member).toMatchObject({ name: 'Leighton Linslade Volunteer Centre', status: 'member', appliedOn: '2026-11-20', joinedOn: '2026-12-08', servicesProvided: [0, 1, 2] });
    await send(s, chair);
    expect((await chair.repos.applications.get(id))?.organisationId).toBe(organisationId);
    expect(applicationState((await chair.repos.applications.get(id))!)).toMatchObject({ status: 'admitted', decidedOn: '2026-12-08', decidedAtMeetingId: meetingId });
  });

  it('refuses, on every copy, an answer a copy sends for an organisation other than its own', async () => {
    const [s, chair, p, q] = await fourCopies();
    const [pOrg, qOrg] = [await orgOf(p), await orgOf(q)];
    const id = await saveApplication(store(s), applicationClaiming(3), BEDFORDSHIRE_CONSTITUTION);
    await openConsultation(store(s), id, '2026-12-15', [pOrg, qOrg]);
    await send(s, q);
    // An altered copy writes the objection under the other partner's name, past its own checks.
    const forgedId = `consultation:${id}:${pOrg}`;
    await writeUnchecked(q, [{ table: 'consultationAnswers', row: forgedId, fields: { applicationId: id, organisationId: pOrg, answer: 'object', comment: '', via: 'copy', answeredOn: '2026-12-03' } }]);
    await send(q, chair);
    await send(q, s);
    for (const copy of [chair, s]) {
      expect(await copy.db.consultationAnswers.get(forgedId)).toBeUndefined();
      const refusals = await copy.db.refusals.toArray();
      expect(refusals.some((r) => JSON.stringify(r).includes(forgedId))).toBe(true);
    }
  });

  it('cannot admit an applicant that shows 2 of the 5 criteria, and says why; refusing it is still possible', async () => {
    const [s, chair, p, q] = await fourCopies();
    const id = await saveApplication(store(s), applicationClaiming(2, 'Dunstable Community Hub'), BEDFORDSHIRE_CONSTITUTION);
    await openConsultation(store(s), id, '2026-12-15', [await orgOf(p), await orgOf(q)]);
    await send(s, chair);
    const application = (await chair.repos.applications.get(id))!;
    const before = await chair.db.organisations.count();
    const attempt = decideApplication(store(chair), application, { decision: 'admitted', reason: '', on: '2026-12-16', atMeetingId: '' }, BEDFORDSHIRE_CONSTITUTION);
    await expect(attempt).rejects.toThrow('Meets 2 of the 5 criteria; 3 are needed, so the application must show how the organisation meets 1 more before it can be admitted.');
    // Nothing half written: no register entry, the application still under consultation.
    expect(await chair.db.organisations.count()).toBe(before);
    expect(applicationState((await chair.repos.applications.get(id))!).status).toBe('consulting');
    await decideApplication(store(chair), application, { decision: 'refused', reason: 'Shows only 2 of the 5 criteria', on: '2026-12-16', atMeetingId: '' }, BEDFORDSHIRE_CONSTITUTION);
    expect(applicationState((await chair.repos.applications.get(id))!)).toMatchObject({ status: 'refused', reason: 'Shows only 2 of the 5 criteria' });
    expect(await chair.repos.organisations.get(application.organisationId)).toMatchObject({ name: 'Dunstable Community Hub', status: 'refused', refusedOn: '2026-12-16' });
  });

  it('keeps the criteria it was received under when the constitution changes afterwards', async () => {
    const [s] = await fourCopies();
    const id = await saveApplication(store(s), applicationClaiming(3), BEDFORDSHIRE_CONSTITUTION);
    const stricter = { ...BEDFORDSHIRE_CONSTITUTION, minimumCriteriaMet: 4 };
    const received = (await s.repos.applications.get(id))!;
    await saveApplication(store(s), { ...applicationClaiming(3), contactName: 'Alex Example' }, stricter, received);
    expect(await s.repos.applications.get(id)).toMatchObject({ contactName: 'Alex Example', criteriaRequired: 3, criteria: BEDFORDSHIRE_CONSTITUTION.membershipCriteria });
  });
});
