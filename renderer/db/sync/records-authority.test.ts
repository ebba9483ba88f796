/**
 * Authority by owner, state and role history, one record per thing, and kinds
 * from a newer version — across three to five copies exchanging real bundles.
 */
import { describe, expect, it } from 'vitest';
import { consortiaForTests, orgOf, send } from './test-consortia';
import { applyBundle, previewBundle } from './import-bundle';
import { exportBundle } from './export-bundle';
import { dumpAllTables, dumpSyncedTables, enrol, makeCopy, writeUnchecked, type TestCopy } from './test-support';
import { ensureFoundersGrant } from '../founding';
import { recordChanges } from '../writer';
import { enrolPartner, revokePartner } from './partners';
import { StalePreviewError } from '../../../shared/sync/bundle-errors';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { partnerClaimFigures, stateOf, applicationLifecycle } from '../../../shared/rules/lifecycles';
import { NotAuthorisedError } from '../not-authorised';
import { applyDeferred } from './deferred';
import { listConflicts, resolveConflict } from './conflicts';

const consortium = consortiaForTests();



describe('claims: owner and state, judged on every copy', () => {
  it('applies a partner’s own draft claim, and refuses its attempts to un-approve an approved claim and to edit another partner’s, applying the rest', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedfordshire Rural Communities Charity', 'accountable-body'],
      ['Wychavon CVS', 'partner'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, ab, p, q] = c.copies as [TestCopy, TestCopy, TestCopy, TestCopy];
    const project = await s.repos.projects.create({ name: 'Capacity building' });
    const pOrg = await orgOf(p);
    const qOrg = await orgOf(q);
    await send(s, p);
    await send(s, q);
    await send(s, ab);

    // Each partner claims for itself on its own copy; the claim gets the id of what it is one of.
    const claimP = await p.repos.partnerClaims.create({ organisationId: pOrg, projectId: project, financialYear: '2026/27', quarter: 1, lines: { staff: 120_000 }, outputsDelivered: '14 groups supported' });
    expect(claimP).toBe(`partnerClaim:${pOrg}:${project}:2026/27:Q1`);
    await p.repos.partnerClaims.recordEvent(claimP, { type: 'submitted', answer: '' });
    const claimQ = await q.repos.partnerClaims.create({ organisationId: qOrg, projectId: project, financialYear: '2026/27', quarter: 1, lines: { staff: 80_000 }, outputsDelivered: '9 groups' });
    await send(p, ab);
    await send(q, ab);
    expect(partnerClaimFigures((await ab.db.partnerClaims.get(claimP))!)).toMatchObject({ status: 'submitted', amountPence: 120_000 });

    // The Accountable Body approves P's claim line by line.
    await ab.repos.partnerClaims.recordEvent(claimP, { type: 'approved', lines: { staff: 100_000 }, reasons: { staff: 'Two days not evidenced' } });
    await send(ab, p);
    await send(ab, s);
    expect(partnerClaimFigures((await p.db.partnerClaims.get(claimP))!)).toMatchObject({ status: 'approved', approvedPence: 100_000 });

    // Its own writer refuses to edit the approved claim …
    await expect(p.repos.partnerClaims.update(claimP, { lines: { staff: 150_000 } })).rejects.toThrow(NotAuthorisedError);
    // … so an altered copy tries it anyway, with an edit to another partner's claim and a genuine change of its own.
    await writeUnchecked(p, [
      { table: 'partnerClaims', row: claimP, fields: { lines: { staff: 150_000 } } },
      { table: 'partnerClaims', row: claimP, fields: { 'event:undo': { type: 'submitted', answer: 'please look again' } } },
      { table: 'partnerClaims', row: claimQ, fields: { lines: { staff: 1 } } },
    ]);
    // … and, in the same bundle, a draft claim of its own for the next quarter, which applies.
    const nextQuarter = await p.repos.partnerClaims.create({ organisationId: pOrg, projectId: project, financialYear: '2026/27', quarter: 2, lines: { staff: 90_000 } });
    const report = await send(p, ab);
    expect(report.refusedCount).toBe(3);
    const messages = report.refused.map((r) => r.message).join('\n');
    expect(messages).toContain('Wychavon CVS’s copy tried to change a claim already approved by the Accountable Body');
    expect(messages).toContain('tried to submit a claim');
    expect(messages).toContain('Wychavon CVS’s copy tried to change another partner’s claim');
    // What was approved is what is paid; the other partner's claim is as it made it.
    expect(partnerClaimFigures((await ab.db.partnerClaims.get(claimP))!)).toMatchObject({ status: 'approved', amountPence: 120_000, approvedPence: 100_000 });
    expect((await ab.db.partnerClaims.get(claimQ))!.lines).toEqual({ staff: 80_000 });
    expect(partnerClaimFigures((await ab.db.partnerClaims.get(nextQuarter))!)).toMatchObject({ status: 'draft', amountPence: 90_000 });
    // Refusals are recorded on the Accountable Body's copy too.
    expect(await ab.db.refusals.count()).toBe(3);

    // Paying anything but the approved amount is refused; the approved amount is paid.
    await expect(ab.repos.partnerClaims.recordEvent(claimP, { type: 'paid', paidOn: '2026-07-20', reference: 'BACS 1', amountPence: 120_000 })).rejects.toThrow(NotAuthorisedError);
    await ab.repos.partnerClaims.recordEvent(claimP, { type: 'paid', paidOn: '2026-07-20', reference: 'BACS 1', amountPence: 100_000 });

    // Every copy ends with the same claims and the same refusals, whoever forwards what (all but the altered copy,
    // whose own log holds the changes its writer would have refused and whose rows never took them).
    await send(ab, s);
    await send(p, s);
    await send(q, s);
    await send(s, p);
    await send(s, q);
    await send(s, ab);
    await send(ab, p);
    await send(ab, q);
    const honest = [s, ab, q];
    const dumps = await Promise.all(honest.map((copy) => dumpSyncedTables(copy.db)));
    expect(new Set(dumps).size).toBe(1);
    const refusalIds = await Promise.all(honest.map(async (copy) => JSON.stringify((await copy.db.refusals.toCollection().primaryKeys()).sort())));
    expect(new Set(refusalIds).size).toBe(1);
    expect(JSON.parse(refusalIds[0]!)).toHaveLength(3);
    expect(partnerClaimFigures((await q.db.partnerClaims.get(claimP))!).status).toBe('paid');
  });

  it('refuses a partner’s claim made for another organisation, on creation', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Wychavon CVS', 'partner'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, p, q] = c.copies as [TestCopy, TestCopy, TestCopy];
    const qOrg = await orgOf(q);
    await expect(p.repos.partnerClaims.create({ organisationId: qOrg, projectId: 'x', financialYear: '2026/27', quarter: 2, lines: {} })).rejects.toThrow('claims only for its own organisation');
    await writeUnchecked(p, [{ table: 'partnerClaims', row: `partnerClaim:${qOrg}:x:2026/27:Q2`, fields: { organisationId: qOrg, projectId: 'x', financialYear: '2026/27', quarter: 2, lines: { staff: 5 } } }]);
    const report = await send(p, s);
    expect(report.refusedCount).toBeGreaterThan(0);
    expect(await s.db.partnerClaims.count()).toBe(0);
  });
});

describe('role history: judged by the roles in force when each change was made', () => {
  it('refuses on every copy a decision the old chair made after the new chair’s grant, whatever the order of arrival', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedford CVS', 'chair'],
      ['Voluntary Action Luton', 'partner'],
      ['Volunteer Centre Bedford', 'partner'],
      ['Bedfordshire Rural Communities Charity', 'partner'],
    ]);
    const [s, oldChair, newChair, early, late] = c.copies as [TestCopy, TestCopy, TestCopy, TestCopy, TestCopy];
    const application = await s.repos.applications.create({ organisationName: 'Ampthill Community Group', contactName: 'A. Person', receivedOn: '2026-11-02' });
    const second = await s.repos.applications.create({ organisationName: 'Sandy Youth Trust', contactName: 'B. Person', receivedOn: '2026-11-03' });
    // Members are consulted on both first: the chair decides after consulting them (Partnership Agreement 5.3).
    for (const id of [application, second]) await s.repos.applications.recordEvent(id, { type: 'consulting', closesOn: '2026-11-20', consulted: [] });
    for (const copy of [oldChair, newChair, early, late]) await send(s, copy);

    // While still chair, the old chair decides one application: that stands everywhere.
    await oldChair.repos.applications.recordEvent(application, { type: 'decided', decision: 'admitted', reason: '', on: '2026-11-21', atMeetingId: '' });
    // The secretariat grants the chair to the newly elected chair's copy, from now.
    await s.repos.roleGrants.create({ office: 'chair', node: newChair.node, organisationId: await orgOf(newChair), from: '2026-11-30' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Not yet knowing, the old chair decides the second application after the grant.
    await oldChair.repos.applications.recordEvent(second, { type: 'decided', decision: 'refused', reason: 'Too few criteria', on: '2026-11-30', atMeetingId: '' });

    // One copy hears from the old chair first, the other from the secretariat first.
    await send(oldChair, early);
    expect(stateOf(applicationLifecycle, (await early.db.applications.get(second))!).status).toBe('refused');
    await send(s, early);
    await send(s, late);
    await send(oldChair, late);
    await send(oldChair, s);
    for (const copy of [early, late, s]) {
      expect(stateOf(applicationLifecycle, (await copy.db.applications.get(application))!).status).toBe('admitted');
      expect(stateOf(applicationLifecycle, (await copy.db.applications.get(second))!).status).toBe('consulting');
      const refused = await copy.db.refusals.where('key').equals(`applications/${second}`).toArray();
      expect(refused.map((r) => r.reason)).toEqual(['the chair decides applications (Partnership Agreement 5.3)']);
    }
    // The new chair now decides it, on its own copy; that stands everywhere.
    await send(s, newChair);
    await send(oldChair, newChair);
    await newChair.repos.applications.recordEvent(second, { type: 'decided', decision: 'admitted', reason: '', on: '2026-11-30', atMeetingId: '' });
    for (const copy of [early, late, s]) await send(newChair, copy);
    for (const copy of [early, late, s]) expect(stateOf(applicationLifecycle, (await copy.db.applications.get(second))!).status).toBe('admitted');
  });

  it('lets no copy give itself a role, on its own copy or through a bundle', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Wychavon CVS', 'partner'],
    ]);
    const [s, p] = c.copies as [TestCopy, TestCopy];
    const grant = { office: 'accountable-body' as const, node: p.node, organisationId: await orgOf(p), from: '2026-12-01' };
    await expect(p.repos.roleGrants.create(grant)).rejects.toThrow('only the secretariat or the Accountable Body grants roles');
    await writeUnchecked(p, [{ table: 'roleGrants', row: `grant:accountable-body:2026-12-01:${p.node}`, fields: grant }]);
    const report = await send(p, s);
    expect(report.refused.map((r) => r.message)).toEqual([
      'Not applied: Wychavon CVS’s copy tried to grant a role: only the secretariat or the Accountable Body grants roles, and no copy gives itself one.',
    ]);
    expect(await s.db.roleGrants.count()).toBe(1);
  });
});

describe('one record per thing', () => {
  it('ends with one attendance record when two copies each record one organisation’s attendance at a meeting', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedford CVS', 'chair'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, chair, p] = c.copies as [TestCopy, TestCopy, TestCopy];
    const meeting = await s.repos.meetings.create({ title: 'Consortium meeting', date: '2026-12-08' });
    await send(s, chair);
    const pOrg = await orgOf(p);
    const a = await s.repos.attendance.create({ meetingId: meeting, organisationId: pOrg, status: 'present' });
    const b = await chair.repos.attendance.create({ meetingId: meeting, organisationId: pOrg, status: 'present' });
    expect(a).toBe(b);
    await send(s, chair);
    await send(chair, s);
    await send(s, p);
    for (const copy of [s, chair, p]) expect((await copy.db.attendance.toArray()).filter((row) => !row.deleted)).toHaveLength(1);
  });
});

describe('kinds from a newer version', () => {
  it('imports, keeps and forwards a bundle carrying a kind of record this version lacks, and says so', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Wychavon CVS', 'partner'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, p, q] = c.copies as [TestCopy, TestCopy, TestCopy];
    await writeUnchecked(s, [
      { table: 'decisionsRegisterViews', row: 'view-1', fields: { title: 'Decisions this year', columns: ['date', 'decision'] } },
      { table: 'organisations', row: await orgOf(p), fields: { preferredPronouns: 'they' } },
    ]);
    await s.repos.meetings.create({ title: 'Steering group', date: '2026-12-15' });
    const report = await send(s, p);
    expect(report.warnings.join(' ')).toContain('made by a newer version of Quorum');
    expect(await p.db.meetings.count()).toBe(1);
    expect((await p.db.deferred.toArray()).map((row) => row.table).sort()).toEqual(['decisionsRegisterViews', 'organisations']);
    // Forwarded: the partner passes it on to a copy that never heard from the secretariat about it.
    await p.repos.organisations.update(await orgOf(p), { phone: '01632 960123' }).catch(() => undefined);
    await send(p, q);
    const inLog = (await q.db.changeLog.toArray()).flatMap((run) => run.entries).filter((e) => e.table === 'decisionsRegisterViews');
    expect(inLog).toHaveLength(1);
  });
});

describe('changes kept for a newer version', () => {
  it('applies a kept change once this version knows its field, judged like any other', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Wychavon CVS', 'partner'],
    ]);
    const [s, p] = c.copies as [TestCopy, TestCopy];
    const meeting = await s.repos.meetings.create({ title: 'Steering group', date: '2026-12-15' });
    await writeUnchecked(s, [{ table: 'meetings', row: meeting, fields: { location: 'Bedford', futureField: 'x' } }]);
    await send(s, p);
    expect((await p.db.meetings.get(meeting))!.location).toBe('Bedford');
    expect(await p.db.deferred.get(`meetings/${meeting}`)).toBeDefined();
    // An updated version knows the field: here, the kept reference is moved to a field this version knows, as an upgrade would make it known.
    const run = (await p.db.changeLog.toArray()).find((r) => r.entries.some((e) => e.fields.futureField === 'x'))!;
    await p.db.changeLog.put({ ...run, entries: run.entries.map((e) => (e.fields.futureField === 'x' ? { ...e, fields: { location: 'Bedford', startTime: '10:30' } } : e)) });
    expect(await applyDeferred(p.ctx)).toBe(1);
    expect((await p.db.meetings.get(meeting))!.startTime).toBe('10:30');
    expect(await p.db.deferred.get(`meetings/${meeting}`)).toBeUndefined();
  });
});

describe('a store from before role grants', () => {
  it('gives its founder the office it was set up with, covering what it wrote before, so partners accept its earlier changes', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Wychavon CVS', 'partner'],
    ]);
    const [, p] = c.copies as [TestCopy, TestCopy];
    // An older secretariat: its consortium and a meeting written before grants existed, and no grant.
    const old = await makeCopy('Old Secretariat', 'secretariat');
    consortium.alsoDelete(old);
    const consortiumId = crypto.randomUUID();
    await old.db.installation.update('self', { founderNode: old.node, consortiumId });
    await writeUnchecked(old, [
      { table: 'consortium', row: consortiumId, fields: { name: 'Worcestershire Infrastructure Consortium', area: 'Worcestershire', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION, accountableBodyId: '' } },
      { table: 'meetings', row: 'meeting-1', fields: { title: 'Consortium meeting', kind: 'consortium', date: '2026-06-02', startTime: '', location: '', papersCirculatedOn: '', chairRepresentativeId: '', status: 'planned' } },
    ]);
    expect(await ensureFoundersGrant(old.ctx)).toBe(true);
    expect(await ensureFoundersGrant(old.ctx)).toBe(false);
    // A new partner joins from its bundle: the meeting written before the grant stands.
    const joiner = await makeCopy('Wyre Forest CVS', 'partner');
    consortium.alsoDelete(joiner);
    await enrol(old, joiner);
    await enrol(joiner, old);
    const report = await send(old, joiner);
    expect(report.refusedCount).toBe(0);
    expect((await joiner.db.meetings.get('meeting-1'))?.title).toBe('Consortium meeting');
    expect((await joiner.db.installation.get('self'))!.founderNode).toBe(old.node);
    void p;
  });
});

describe('what this copy writes stays within what partners read', () => {
  it('refuses to save a text longer than a bundle may carry, and saves nothing', async () => {
    const c = await consortium([['Bedfordshire Secretariat', 'secretariat']]);
    const [s] = c.copies as [TestCopy];
    const meeting = await s.repos.meetings.create({ title: 'Consortium meeting', date: '2026-12-08' });
    const before = await s.db.changeLog.count();
    // The minutes' own schema stops at 200,000 characters; the writer's limit holds for anything that reaches it.
    await expect(s.repos.minutes.create({ meetingId: meeting, agendaItemId: 'item-1', text: 'x'.repeat(200_001) })).rejects.toThrow('200,000 characters or fewer');
    await expect(recordChanges(s.ctx, [{ table: 'meetings', row: meeting, fields: { location: 'x'.repeat(1_000_001) } }])).rejects.toThrow(/too large to share .* text longer than 1,000,000 characters/);
    expect(await s.db.changeLog.count()).toBe(before);
  });
});

describe('joining', () => {
  it('trusts the secretariat’s register in the very bundle a new copy joins with, though it enrolled the secretariat with no role', async () => {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Wychavon CVS', 'partner'],
    ]);
    const [s, p] = c.copies as [TestCopy, TestCopy];
    const project = await s.repos.projects.create({ name: 'Capacity building' });
    await send(s, p);
    const pOrg = await orgOf(p);
    await p.repos.partnerClaims.create({ organisationId: pOrg, projectId: project, financialYear: '2026/27', quarter: 1, lines: { staff: 1_000 } });
    await send(p, s);
    // A new copy enrols the secretariat by fingerprint, as the set-up screen does: the consortium has granted it nothing yet here.
    const joiner = await makeCopy('Wyre Forest CVS', 'partner');
    consortium.alsoDelete(joiner);
    await enrolPartner(joiner.ctx, { ...(await s.card()), role: 'partner' });
    await enrol(s, joiner);
    const report = await send(s, joiner);
    expect(report.setAside).toEqual([]);
    expect(await joiner.db.partnerClaims.count()).toBe(1);
  });
});

describe('the apply after a preview', () => {
  /** The secretariat and the chair, both holding a meeting the secretariat made. */
  async function secretariatChairAndMeeting() {
    const c = await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedford CVS', 'chair'],
    ]);
    const [s, chair] = c.copies as [TestCopy, TestCopy];
    const meeting = await s.repos.meetings.create({ title: 'Consortium meeting', date: '2026-12-08', location: 'Bedford' });
    await send(s, chair);
    return { s, chair, meeting };
  }
  /** The chair's preview of the secretariat's next bundle. */
  async function chairPreviews(s: TestCopy, chair: TestCopy) {
    return previewBundle(chair.ctx, (await exportBundle(s.ctx, { recipientNodeId: chair.node, compressed: true })).bytes, 'bundle.quorum');
  }

  it('writes what the preview computed when nothing changed, and computes again against an edit made meanwhile, keeping both', async () => {
    const { s, chair, meeting } = await secretariatChairAndMeeting();
    await s.repos.meetings.update(meeting, { location: 'Luton' });
    const preview = await chairPreviews(s, chair);
    expect(preview.plan.computed).toBeDefined();
    // Between the preview and the apply, the chair's copy edits another field of the same meeting.
    await chair.repos.meetings.update(meeting, { startTime: '10:00' });
    await applyBundle(chair.ctx, preview);
    const row = (await chair.db.meetings.get(meeting))!;
    expect(row.location).toBe('Luton');
    expect(row.startTime).toBe('10:00');
    // And with nothing in between, the preview's own computation is what is written.
    await s.repos.meetings.update(meeting, { title: 'Annual consortium meeting' });
    const again = await chairPreviews(s, chair);
    const computation = again.plan.computed?.computation;
    expect(computation).toBeDefined();
    await applyBundle(chair.ctx, again);
    expect((await chair.db.meetings.get(meeting))!.title).toBe('Annual consortium meeting');
    expect(again.plan.computed).toBeUndefined();
  });

  it('leaves the store exactly as it was when the sender is revoked between the preview and the apply, the rows it began writing undone with the transaction', async () => {
    const { s, chair, meeting } = await secretariatChairAndMeeting();
    await s.repos.meetings.update(meeting, { location: 'Luton' });
    const preview = await chairPreviews(s, chair);
    expect(preview.plan.computed).toBeDefined();
    await revokePartner(chair.ctx, s.node);
    const before = await dumpAllTables(chair.db);
    await expect(applyBundle(chair.ctx, preview)).rejects.toThrow(StalePreviewError);
    expect(await dumpAllTables(chair.db)).toBe(before);
    expect((await chair.db.meetings.get(meeting))!.location).toBe('Bedford');
  });

  it('computes again, reading in its own transaction, for a bundle too large to have its records read before its chains (import-plan.ts READ_AT_ONCE)', async () => {
    const { s, chair, meeting } = await secretariatChairAndMeeting();
    const groups = Array.from({ length: 5001 }, (_, i) => ({ table: 'organisations' as const, row: `group-${i}`, fields: { name: `Community group ${i}`, kind: 'other', status: 'member' } }));
    await recordChanges(s.ctx, groups);
    await s.repos.meetings.update(meeting, { location: 'Luton' });
    const preview = await chairPreviews(s, chair);
    expect(preview.plan.computed).toBeDefined();
    await chair.repos.meetings.update(meeting, { startTime: '10:00' });
    await applyBundle(chair.ctx, preview);
    expect(await chair.db.organisations.count()).toBeGreaterThanOrEqual(5001);
    expect(await chair.db.meetings.get(meeting)).toMatchObject({ location: 'Luton', startTime: '10:00' });
    await send(chair, s);
    expect(await dumpSyncedTables(s.db)).toBe(await dumpSyncedTables(chair.db));
  });

  it('computes again when a conflict the bundle touches is resolved between the preview and the apply (the store stamp reads no conflict rows)', async () => {
    const { s, chair, meeting } = await secretariatChairAndMeeting();
    await s.repos.meetings.update(meeting, { location: 'Luton' });
    await chair.repos.meetings.update(meeting, { location: 'Dunstable' });
    await send(s, chair);
    const [conflict] = await listConflicts(chair.ctx, { status: 'open' });
    expect(conflict?.field).toBe('location');
    await s.repos.meetings.update(meeting, { title: 'Annual consortium meeting' });
    const preview = await chairPreviews(s, chair);
    expect(preview.plan.computed).toBeDefined();
    // The chair settles the conflict before applying: the preview's merged meeting no longer holds.
    await resolveConflict(chair.ctx, conflict!.id, { value: 'Ampthill' });
    await applyBundle(chair.ctx, preview);
    const row = (await chair.db.meetings.get(meeting))!;
    expect(row.location).toBe('Ampthill');
    expect(row.title).toBe('Annual consortium meeting');
    expect(await listConflicts(chair.ctx, { status: 'open' })).toEqual([]);
    await send(chair, s);
    expect(await dumpSyncedTables(s.db)).toBe(await dumpSyncedTables(chair.db));
  });
});
