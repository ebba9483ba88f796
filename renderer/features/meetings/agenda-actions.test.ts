/**
 * A meeting's agenda, papers and attendance across copies, with real stores and
 * real bundles (docs/architecture.md, "Meetings: agenda, papers and attendance"):
 * the standard items filled in on two copies offline end as one set in one order;
 * two copies reordering offline converge; a paper reaches a partner's copy with the
 * agenda and a bundle carries it once however often the item is edited; a partner's
 * copy may send only its own apologies, refused on every copy otherwise.
 */
import { describe, expect, it } from 'vitest';
import { consortiaForTests, orgOf, send, storeOf } from '../../db/sync/test-consortia';
import { exportBundle } from '../../db/sync/export-bundle';
import { applyBundle, previewBundle } from '../../db/sync/import-bundle';
import { decodeBundleText } from '../../../shared/sync/bundle-codec';
import { writeUnchecked, type TestCopy } from '../../db/sync/test-support';
import { NotAuthorisedError } from '../../db/not-authorised';
import { ValidationError } from '../../db/repository';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/domain/entities';
import { agendaOrder, standardItemId } from '../../../shared/rules/agenda';
import { addAgendaItem, attachPaper, fillInStandardItems, moveAgendaItem, paperFileOf, recordAttendance } from './agenda-actions';

const consortium = consortiaForTests();

const store = storeOf;

async function threeCopies() {
  const c = await consortium(
    [
      ['Secretariat', 'secretariat'],
      ['Chair', 'chair'],
      ['Volunteer Centre Bedford', 'partner'],
    ],
  );
  return c.copies as [TestCopy, TestCopy, TestCopy];
}

async function aMeeting(s: TestCopy, others: TestCopy[]) {
  const id = await s.repos.meetings.create({ title: 'Consortium meeting', kind: 'consortium', date: '2026-12-08', startTime: '10:00', location: 'Bedford' });
  for (const copy of others) await send(s, copy);
  return (await s.repos.meetings.get(id))!;
}

const titles = async (copy: TestCopy, meetingId: string) =>
  agendaOrder((await copy.db.agendaItems.where('meetingId').equals(meetingId).toArray()).filter((i) => !i.deleted)).map((i) => i.title);

describe('an agenda across copies', () => {
  it('filled in on two copies offline ends as one set of standard items, in one order', async () => {
    const [s, chair, p] = await threeCopies();
    const meeting = await aMeeting(s, [chair, p]);
    expect(await fillInStandardItems(store(s), meeting)).toBe(6);
    expect(await fillInStandardItems(store(chair), meeting)).toBe(6);
    // Filling in again adds nothing.
    expect(await fillInStandardItems(store(s), meeting)).toBe(0);
    await send(s, chair);
    await send(chair, s);
    const expected = ['Apologies for absence', 'Declarations of interest', 'Minutes of the last meeting, for confirmation', 'Matters arising and open actions', 'Any other business', 'Date of the next meeting'];
    expect(await titles(s, meeting.id)).toEqual(expected);
    expect(await titles(chair, meeting.id)).toEqual(expected);
    expect(await s.db.agendaItems.get(standardItemId(meeting.id, 'apologies'))).toMatchObject({ standard: 'apologies' });
  });

  it('reordered on two copies offline reads the same on both once their bundles cross', async () => {
    const [s, chair, p] = await threeCopies();
    const meeting = await aMeeting(s, [chair, p]);
    await fillInStandardItems(store(s), meeting);
    const budget = await addAgendaItem(store(s), meeting.id, { title: 'Budget for 2027/28', presenter: '', description: '', submittedBy: '', submittedOn: '' });
    // A new item goes before any other business, and those after it move down.
    expect((await titles(s, meeting.id)).slice(3)).toEqual(['Matters arising and open actions', 'Budget for 2027/28', 'Any other business', 'Date of the next meeting']);
    expect((await s.db.agendaItems.get(standardItemId(meeting.id, 'next-meeting')))!.position).toBe(6);
    await send(s, chair);
    // Offline: the secretariat moves the budget to the top; the chair moves any other business up one.
    await moveAgendaItem(store(s), meeting.id, budget, 0);
    await moveAgendaItem(store(chair), meeting.id, standardItemId(meeting.id, 'aob'), 3);
    await send(s, chair);
    await send(chair, s);
    const onS = await titles(s, meeting.id);
    expect(await titles(chair, meeting.id)).toEqual(onS);
    expect(new Set(onS).size).toBe(7);
  });

  it('carries a paper once in a bundle, however often its item is edited, and the paper reaches the partner with the agenda', async () => {
    const [s, chair, p] = await threeCopies();
    const meeting = await aMeeting(s, [chair, p]);
    const itemId = await addAgendaItem(store(s), meeting.id, { title: 'Annual report', presenter: 'The Chair', description: '', submittedBy: '', submittedOn: '' });
    const bytes = new Uint8Array(300_000);
    for (let i = 0, x = 12345; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const paper = paperFileOf({ name: 'Annual report 2026.pdf', bytes });
    const attachmentId = await attachPaper(store(s), (await s.repos.agendaItems.get(itemId))!, paper);
    // Three edits of the item's title, each sealed by a bundle to the chair, so none collapses into another.
    for (const title of ['Annual report 2026', 'Annual report 2025/26', 'The annual report 2025/26']) {
      await s.repos.agendaItems.update(itemId, { title });
      await send(s, chair);
    }
    const { bytes: bundle } = await exportBundle(s.ctx, { recipientNodeId: p.node, compressed: false });
    const text = await decodeBundleText(bundle);
    const marker = paper.base64.slice(1000, 1100);
    expect(text.split(marker).length - 1).toBe(1);
    // The bundle is the paper and little else: far from twice its size.
    expect(text.length).toBeLessThan(paper.base64.length * 1.5);

    const preview = await previewBundle(p.ctx, bundle, 'bundle.quorum');
    await applyBundle(p.ctx, preview);
    const received = await p.db.attachments.get(attachmentId);
    expect(received).toMatchObject({ name: 'Annual report 2026.pdf', mimeType: 'application/pdf', sizeBytes: 300_000, ownerTable: 'agendaItems', ownerRow: itemId });
    expect(received!.dataBase64.join('')).toBe(paper.base64);
    expect(await p.db.agendaItems.get(itemId)).toMatchObject({ title: 'The annual report 2025/26', paperTitle: 'Annual report 2026' });
  });

  it('refuses a paper over the limit in plain words, before anything is written', async () => {
    const [s, chair, p] = await threeCopies();
    const meeting = await aMeeting(s, [chair, p]);
    const before = await s.db.attachments.count();
    let error: unknown;
    try {
      paperFileOf({ name: 'Big scan.pdf', bytes: new Uint8Array(ATTACHMENT_MAX_BYTES + 1) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.paper).toBe(
      'Big scan.pdf is 5.0 MB, larger than the 5 MB a paper may be, so it was not attached. Every paper goes to every partner’s copy with the agenda: save a smaller copy (a PDF at a lower quality, or without its images) and attach that.',
    );
    expect(await s.db.attachments.count()).toBe(before);
    expect(meeting.id).not.toBe('');
  });

  it('lets the chair attach a paper, and not a partner', async () => {
    const [s, chair, p] = await threeCopies();
    const meeting = await aMeeting(s, [chair, p]);
    const itemId = await addAgendaItem(store(s), meeting.id, { title: 'Chair’s report', presenter: '', description: '', submittedBy: '', submittedOn: '' });
    await send(s, chair);
    await send(s, p);
    const paper = paperFileOf({ name: 'report.txt', bytes: new TextEncoder().encode('The chair’s report') });
    await expect(attachPaper(store(chair), (await chair.repos.agendaItems.get(itemId))!, paper)).resolves.toBeTypeOf('string');
    await expect(attachPaper(store(p), (await p.repos.agendaItems.get(itemId))!, paper)).rejects.toBeInstanceOf(NotAuthorisedError);
    expect(await p.db.attachments.count()).toBe(0);
  });
});

describe('attendance across copies', () => {
  it('keeps one record per organisation and meeting, whichever copy records it', async () => {
    const [s, chair, p] = await threeCopies();
    const meeting = await aMeeting(s, [chair, p]);
    const pOrg = await orgOf(p);
    await recordAttendance(store(p), meeting.id, pOrg, 'apologies');
    await recordAttendance(store(s), meeting.id, pOrg, 'absent');
    await send(p, s);
    await send(s, p);
    for (const copy of [s, p]) {
      const rows = (await copy.db.attendance.where('meetingId').equals(meeting.id).toArray()).filter((a) => a.organisationId === pOrg);
      expect(rows.map((r) => r.id)).toEqual([`attendance:${meeting.id}:${pOrg}`]);
    }
    expect((await s.db.attendance.get(`attendance:${meeting.id}:${pOrg}`))!.status).toBe((await p.db.attendance.get(`attendance:${meeting.id}:${pOrg}`))!.status);
  });

  it('lets a partner’s copy send only its own apologies: refused on its own copy, and on every copy that receives it', async () => {
    const [s, chair, p] = await threeCopies();
    const meeting = await aMeeting(s, [chair, p]);
    const [pOrg, chairOrg] = [await orgOf(p), await orgOf(chair)];
    // Its own apologies: written here, and applied by the secretariat's copy.
    await recordAttendance(store(p), meeting.id, pOrg, 'apologies');
    // Present, or anything for another member: refused on the partner's own copy, and nothing is written.
    await expect(recordAttendance(store(p), meeting.id, pOrg, 'present')).rejects.toBeInstanceOf(NotAuthorisedError);
    await expect(recordAttendance(store(p), meeting.id, chairOrg, 'apologies')).rejects.toBeInstanceOf(NotAuthorisedError);
    expect((await p.db.attendance.get(`attendance:${meeting.id}:${pOrg}`))!.status).toBe('apologies');
    // An altered copy sends them anyway: the secretariat's copy refuses both, and keeps the apologies.
    await writeUnchecked(p, [
      { table: 'attendance', row: `attendance:${meeting.id}:${chairOrg}`, fields: { meetingId: meeting.id, organisationId: chairOrg, status: 'apologies', representativeId: '' } },
      { table: 'attendance', row: `attendance:${meeting.id}:${pOrg}`, fields: { status: 'present' } },
    ]);
    await send(p, s);
    expect((await s.db.attendance.get(`attendance:${meeting.id}:${pOrg}`))!.status).toBe('apologies');
    expect(await s.db.attendance.get(`attendance:${meeting.id}:${chairOrg}`)).toBeUndefined();
    const refusals = (await s.db.refusals.toArray()).filter((r) => r.table === 'attendance');
    expect(new Set(refusals.map((r) => r.action))).toEqual(new Set(['record another member’s attendance', 'record its own attendance at a meeting']));
    expect(refusals.find((r) => r.row === `attendance:${meeting.id}:${pOrg}`)).toMatchObject({ field: 'status', value: 'present' });
    // The chair records the partner present: the minute-takers record who attended.
    await send(s, chair);
    await recordAttendance(store(chair), meeting.id, pOrg, 'present');
    expect((await chair.db.attendance.get(`attendance:${meeting.id}:${pOrg}`))!.status).toBe('present');
  });
});
