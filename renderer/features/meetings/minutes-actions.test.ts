/**
 * Minutes and actions across copies, with real stores and real bundles
 * (docs/architecture.md, "Meetings: minutes, actions and search"): the
 * secretariat takes the minutes and every other copy holds them read only; a
 * partner comments with a record of its own; the minutes are circulated,
 * confirmed at the next meeting with amendments, locked and corrected; the
 * accountable organisation reports progress on its own action from its own
 * copy, and nothing else of it, and no other organisation's copy may.
 */
import { describe, expect, it } from 'vitest';
import { writeUnchecked, type TestCopy } from '../../db/sync/test-support';
import { consortiaForTests, orgOf, send, storeOf } from '../../db/sync/test-consortia';
import { NotAuthorisedError } from '../../db/not-authorised';
import { commitDraft, saveDraft } from '../../db/drafts';
import { addAction, addComment, closeAction, declaredInterests, mattersArising, minuteIdOf, minutesStateOf, reportProgress, setDeclarations, startMinutes, stepMinutes } from './minutes-actions';

const consortiumOf = consortiaForTests();
const store = storeOf;
const refusalsOf = async (copy: TestCopy) => JSON.stringify(await copy.db.refusals.toArray());

async function consortium() {
  const c = await consortiumOf([
    ['Secretariat', 'secretariat'],
    ['Chair', 'chair'],
    ['Volunteer Centre Bedford', 'partner'],
    ['Voluntary Action Luton', 'partner'],
  ]);
  const [s, chair, p, q] = c.copies as [TestCopy, TestCopy, TestCopy, TestCopy];
  const first = await s.repos.meetings.create({ title: 'Consortium meeting', kind: 'consortium', date: '2026-12-08', startTime: '10:00', location: 'Bedford' });
  const second = await s.repos.meetings.create({ title: 'Consortium meeting', kind: 'consortium', date: '2027-03-16', startTime: '10:00', location: 'Luton' });
  const items = [];
  for (const [position, title] of ['Apologies', 'Finance report', 'Any other business'].entries()) items.push({ id: await s.repos.agendaItems.create({ meetingId: first, position, title }) });
  const laterItem = await s.repos.agendaItems.create({ meetingId: second, position: 0, title: 'Minutes of the last meeting' });
  return { s, chair, p, q, first, second, items, laterItem };
}

describe('minutes across copies', () => {
  it('are taken and edited on the secretariat’s copy only; other copies hold them read only and comment with records of their own', async () => {
    const { s, chair, p, q, first, items } = await consortium();
    await startMinutes(store(s), first, items, await orgOf(s));
    const finance = minuteIdOf(first, items[1]!.id);
    // Typed as a draft, committed as one change.
    await saveDraft(s.db, { table: 'minutes', row: finance, field: 'text' }, 'The Accountable Body reported the quarter’s spend');
    await commitDraft(store(s), { table: 'minutes', row: finance, field: 'text' });
    await s.repos.minutes.update(finance, { decisions: 'The report was received.' });
    await setDeclarations(store(s), finance, [{ organisationId: await orgOf(q), interest: 'Holds the contract discussed' }]);
    for (const copy of [chair, p, q]) await send(s, copy);
    expect((await chair.repos.minutes.get(finance))?.text).toBe('The Accountable Body reported the quarter’s spend');
    expect(declaredInterests(await p.repos.minutes.get(finance))).toEqual(new Set([await orgOf(q)]));

    // The chair's copy may take minutes, but these are the secretariat's: refused on its own copy, nothing written.
    await expect(chair.repos.minutes.update(finance, { text: 'Rewritten by the chair' })).rejects.toBeInstanceOf(NotAuthorisedError);
    await expect(p.repos.minutes.update(finance, { text: 'Rewritten by a partner' })).rejects.toBeInstanceOf(NotAuthorisedError);
    // An altered copy sends the edit anyway: the secretariat's copy refuses it and keeps its text.
    await writeUnchecked(chair, [{ table: 'minutes', row: finance, fields: { text: 'Forged by the chair’s copy' } }]);
    await send(chair, s);
    expect((await s.repos.minutes.get(finance))?.text).toBe('The Accountable Body reported the quarter’s spend');
    expect(await refusalsOf(s)).toContain('change minutes taken on another copy');

    // Circulated, a partner comments from its own copy; its comment reaches the secretariat as a record of its own.
    await stepMinutes(store(s), first, { type: 'circulated', on: '2026-12-10' });
    await send(s, p);
    expect(minutesStateOf(await p.db.minutes.where('meetingId').equals(first).toArray()).status).toBe('circulated');
    const comment = await addComment(store(p), { meetingId: first, agendaItemId: items[1]!.id, organisationId: await orgOf(p), text: 'The spend figure should read £12,400', madeOn: '2026-12-11' });
    // A comment in another organisation's name is refused on the copy itself.
    await expect(addComment(store(p), { meetingId: first, agendaItemId: items[1]!.id, organisationId: await orgOf(q), text: 'Not ours to say', madeOn: '2026-12-11' })).rejects.toBeInstanceOf(NotAuthorisedError);
    await send(p, s);
    expect((await s.repos.minuteComments.get(comment))?.text).toBe('The spend figure should read £12,400');
    expect((await s.repos.minutes.get(finance))?.text).toBe('The Accountable Body reported the quarter’s spend');
  });

  it('are confirmed at the next meeting with amendments, written in, locked, and then only corrected by a recorded step', async () => {
    const { s, chair, first, second, items } = await consortium();
    await startMinutes(store(s), first, items, await orgOf(s));
    const finance = minuteIdOf(first, items[1]!.id);
    await stepMinutes(store(s), first, { type: 'circulated', on: '2026-12-10' });
    await send(s, chair);
    // The chair's copy records the confirmation at the next meeting (a step, not an edit of the text).
    await stepMinutes(store(chair), first, { type: 'confirmed', atMeetingId: second, on: '2027-03-16', amendments: 'Item 2: the spend was £12,400' });
    await send(chair, s);
    const state = minutesStateOf(await s.db.minutes.where('meetingId').equals(first).toArray());
    expect(state).toMatchObject({ status: 'confirmed', confirmedAtMeetingId: second, amendments: 'Item 2: the spend was £12,400' });
    // Confirmed with amendments: the taker writes them in, then locks.
    await s.repos.minutes.update(finance, { text: 'The spend was £12,400.' });
    await stepMinutes(store(s), first, { type: 'locked', on: '2027-03-16' });
    await expect(s.repos.minutes.update(finance, { text: 'Changed after locking' })).rejects.toThrow(/change minutes already locked: .*a correction is recorded/);
    await expect(stepMinutes(store(s), first, { type: 'circulated', on: '2027-03-17' })).rejects.toThrow(/they are already confirmed as a true record and locked/);
    await stepMinutes(store(s), first, { type: 'corrected', text: 'Item 3: Luton’s apologies were received', on: '2027-04-01' });
    const locked = minutesStateOf(await s.db.minutes.where('meetingId').equals(first).toArray());
    expect(locked.status).toBe('locked');
    expect(locked.corrections).toEqual([{ text: 'Item 3: Luton’s apologies were received', on: '2027-04-01' }]);
    expect((await s.repos.minutes.get(finance))?.text).toBe('The spend was £12,400.');
  });
});

describe('actions across copies', () => {
  it('come back under matters arising until closed; the accountable organisation reports its progress from its own copy, and nothing more', async () => {
    const { s, chair, p, q, first, second, items } = await consortium();
    const pOrg = await orgOf(p);
    const actionId = await addAction(store(s), { meetingId: first, agendaItemId: items[1]!.id, action: 'Circulate the revised budget', accountableOrganisationId: pOrg, dueOn: '2027-01-31' });
    // One point of accountability: an action without one is refused in words.
    await expect(addAction(store(s), { meetingId: first, agendaItemId: items[1]!.id, action: 'Nobody’s', accountableOrganisationId: '', dueOn: '' })).rejects.toThrow(/Choose the organisation accountable for it/);
    for (const copy of [chair, p, q]) await send(s, copy);
    const meetings = await s.db.meetings.toArray();
    const secondMeeting = meetings.find((m) => m.id === second)!;
    expect(mattersArising(await s.db.actions.toArray(), meetings, secondMeeting).map((a) => a.id)).toEqual([actionId]);
    expect(mattersArising(await s.db.actions.toArray(), meetings, meetings.find((m) => m.id === first)!)).toEqual([]);

    // Bedford is accountable: its copy reports progress, and the secretariat receives it.
    await reportProgress(store(p), actionId, { progress: 'Draft sent to the treasurer', progressOn: '2027-01-10', reportedDone: true });
    // … but does not rewrite the action itself, nor close it.
    await expect(p.repos.actions.update(actionId, { action: 'Something easier' })).rejects.toBeInstanceOf(NotAuthorisedError);
    await expect(closeAction(store(p), actionId, { closedOn: '2027-01-10', closedAtMeetingId: '' })).rejects.toBeInstanceOf(NotAuthorisedError);
    // Luton is not accountable for it: its copy may not report progress on it.
    await expect(reportProgress(store(q), actionId, { progress: 'Done, says Luton', progressOn: '2027-01-11', reportedDone: true })).rejects.toBeInstanceOf(NotAuthorisedError);
    await writeUnchecked(q, [{ table: 'actions', row: actionId, fields: { progress: 'Forged by Luton' } }]);
    await send(p, s);
    await send(q, s);
    await send(p, chair);
    await send(q, chair);
    for (const copy of [s, chair]) {
      expect(await copy.repos.actions.get(actionId)).toMatchObject({ progress: 'Draft sent to the treasurer', progressOn: '2027-01-10', reportedDone: true, status: 'open' });
      expect(await refusalsOf(copy)).toContain('change the action log');
    }
    // The meeting closes it; it no longer comes back.
    await closeAction(store(s), actionId, { closedOn: '2027-03-16', closedAtMeetingId: second });
    const after = await s.db.actions.toArray();
    expect(mattersArising(after, meetings, secondMeeting).map((a) => a.status)).toEqual(['closed']);
    const third = { id: 'later', date: '2027-06-15' };
    expect(mattersArising(after, [...meetings, third], third)).toEqual([]);
  });
});
