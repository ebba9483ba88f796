import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEDFORDSHIRE_CONSTITUTION } from '../../shared/rules/constitution';
import { QuorumDatabase } from './database';
import { clockFor, ensureInstallation } from './installation';
import { NotAuthorisedError } from './not-authorised';
import { createRepositories } from './repositories';
import { ValidationError } from './repository';
import { foundConsortium } from './founding';
import { CURRENT_VERSION } from './schema';
import { logRef } from '../../shared/sync/change';
import { applicationLifecycle, stateOf } from '../../shared/rules/lifecycles';

let db: QuorumDatabase;

const BEDFORDSHIRE_AND_LUTON = {
  name: 'Bedfordshire & Luton VCS Infrastructure Consortium',
  area: 'Bedfordshire and Luton',
  nation: 'england-and-wales',
  financialYearStartMonth: 4,
  financialYearStartDay: 1,
  constitution: BEDFORDSHIRE_CONSTITUTION,
} as const;

/** A store that has set up Bedfordshire & Luton as its secretariat, as set-up does (founding.ts): its own grant, its organisation, the consortium. */
async function open(name = `test-${crypto.randomUUID()}`) {
  db = new QuorumDatabase(name);
  const created = await ensureInstallation(db);
  const clock = clockFor(created);
  const repos = createRepositories({ db, clock });
  const organisationId = crypto.randomUUID();
  const consortiumId = await foundConsortium({ db, clock }, 'secretariat', async () => ({
    organisationId,
    write: async (id) => {
      await repos.organisations.create({ name: 'Voluntary and Community Action South Bedfordshire', kind: 'cvs' }, organisationId);
      await repos.consortium.create(BEDFORDSHIRE_AND_LUTON, id);
    },
  }));
  const installation = (await db.installation.get('self'))!;
  return { installation, clock, repos, consortiumId, organisationId };
}

afterEach(async () => {
  await db.delete();
});

describe('the store', () => {
  let ctx: Awaited<ReturnType<typeof open>>;
  beforeEach(async () => {
    ctx = await open();
  });

  it('gives a new installation a node id and an Ed25519 key pair, once', async () => {
    const again = await ensureInstallation(db);
    expect(again.nodeId).toBe(ctx.installation.nodeId);
    expect(ctx.installation.nodeId).toMatch(/^[0-9a-f-]{36}$/);
    const key = await crypto.subtle.importKey('raw', Uint8Array.from(atob(ctx.installation.publicKey), (c) => c.charCodeAt(0)), { name: 'Ed25519' }, true, ['verify']);
    expect(key.algorithm.name).toBe('Ed25519');
  });

  it('editing an organisation’s name leaves one change record with an HLC timestamp and this node’s id', async () => {
    const id = await ctx.repos.organisations.create({ name: 'Voluntary Action Luton', kind: 'cvs' });
    const before = await db.changeLog.toArray();
    await ctx.repos.organisations.update(id, { name: 'Voluntary Action Luton CIO' });
    const after = await db.changeLog.toArray();
    expect(after).toHaveLength(before.length + 1);
    const run = after[after.length - 1]!;
    expect(run.node).toBe(ctx.installation.nodeId);
    expect(run.entries).toHaveLength(1);
    const entry = run.entries[0]!;
    expect(entry).toMatchObject({ table: 'organisations', row: id, fields: { name: 'Voluntary Action Luton CIO' } });
    expect(entry.hlc).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z-[0-9A-F]{4}-${ctx.installation.nodeId}$`));
    const row = await db.organisations.get(id);
    expect(row?.name).toBe('Voluntary Action Luton CIO');
    expect(row?._clocks.name).toBe(entry.hlc);
    expect(row!._clocks.kind! < entry.hlc).toBe(true);
  });

  it('numbers this node’s changes without gaps and keeps the clock moving forward', async () => {
    const first = ctx.installation.nextSeq;
    const a = await ctx.repos.organisations.create({ name: 'Bedford Race Equality Council' });
    await ctx.repos.organisations.update(a, { phone: '01234 000000' });
    await ctx.repos.organisations.update(a, { phone: '01234 000000' }); // no change: nothing logged
    const runs = await db.changeLog.toArray();
    const entries = runs.flatMap((r) => r.entries);
    // Founding logged the first changes (its grant, its organisation, the consortium); these follow on.
    expect(first).toBeGreaterThan(1);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: first + 1 }, (_, i) => i + 1));
    expect(entries.slice(-2).map((e) => [e.table, e.row])).toEqual([
      ['organisations', a],
      ['organisations', a],
    ]);
    expect(entries.at(-1)!.hlc > entries.at(-2)!.hlc).toBe(true);
    const installation = await db.installation.get('self');
    expect(installation?.nextSeq).toBe(first + 2);
  });

  it('refuses invalid input with a message in plain words and writes nothing', async () => {
    const [organisations, runs] = [await db.organisations.count(), await db.changeLog.count()];
    await expect(ctx.repos.organisations.create({ name: '   ', email: 'not-an-address' })).rejects.toThrowError(ValidationError);
    try {
      await ctx.repos.organisations.create({ name: '', email: 'not-an-address' });
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual({
        name: 'Enter the organisation’s name',
        email: 'Enter an email address like name@example.org',
      });
    }
    expect(await db.organisations.count()).toBe(organisations);
    expect(await db.changeLog.count()).toBe(runs);
  });

  it('keeps a removed record in the store, marked removed, so the removal can sync', async () => {
    const id = await ctx.repos.organisations.create({ name: 'Volunteer Centre Bedford' });
    await ctx.repos.organisations.remove(id);
    expect(await ctx.repos.organisations.get(id)).toBeUndefined();
    expect((await db.organisations.get(id))?.deleted).toBe(true);
  });

  it('refuses a change this copy’s offices do not allow, in plain words, and writes nothing', async () => {
    // The secretariat keeps the register and the meetings; only the Accountable Body keeps the consortium's funds (Partnership Agreement 8.1).
    const funder = await ctx.repos.funders.create({ name: 'Capacitybuilders' });
    const before = { runs: await db.changeLog.count(), nextSeq: (await db.installation.get('self'))!.nextSeq };
    const attempt = ctx.repos.funds.create({ funderId: funder, name: 'ChangeUp', awardedPence: 268185000 });
    await expect(attempt).rejects.toThrow(NotAuthorisedError);
    await expect(attempt).rejects.toThrow('This copy cannot change a fund: only the Accountable Body may. Nothing was saved.');
    expect(await db.funds.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(before.runs);
    expect((await db.installation.get('self'))?.nextSeq).toBe(before.nextSeq);
    // What its offices allow still goes through.
    await expect(ctx.repos.meetings.create({ title: 'Consortium meeting', date: '2026-12-08' })).resolves.toEqual(expect.any(String));
  });

  it('refuses the role setting as a source of authority: only a grant gives an office', async () => {
    await db.installation.update('self', { role: 'accountable-body' });
    const funder = await ctx.repos.funders.create({ name: 'Capacitybuilders' });
    await expect(ctx.repos.funds.create({ funderId: funder, name: 'ChangeUp', awardedPence: 100 })).rejects.toThrow(NotAuthorisedError);
  });

  it('stores the consortium set up with its constitution, and validates money as whole pence', async () => {
    expect((await ctx.repos.consortium.get(ctx.consortiumId))?.constitution.minimumCriteriaMet).toBe(3);
    expect(await ctx.repos.consortium.list()).toHaveLength(1);
    const funder = await ctx.repos.funders.create({ name: 'Capacitybuilders' });
    await expect(ctx.repos.funds.create({ funderId: funder, name: 'ChangeUp', awardedPence: 10.5 })).rejects.toThrow(
      'The amount awarded must be in whole pence',
    );
  });

  it('refuses a second consortium in a store that belongs to one', async () => {
    await expect(ctx.repos.consortium.create({ ...BEDFORDSHIRE_AND_LUTON, name: 'Worcestershire Infrastructure Consortium' })).rejects.toThrow(
      'This copy cannot create a second consortium: each copy belongs to one consortium. Nothing was saved.',
    );
    expect(await db.consortium.count()).toBe(1);
  });

  it('keeps on each record the references of its changes, in the order they were made (schema version 5)', async () => {
    expect(db.verno).toBe(CURRENT_VERSION);
    // Records carry their changes' references from version 5 on.
    expect(CURRENT_VERSION).toBeGreaterThanOrEqual(5);
    const id = await ctx.repos.organisations.create({ name: 'Voluntary Action Luton', kind: 'cvs' });
    await ctx.repos.meetings.create({ title: 'Steering group', date: '2026-12-15' });
    await ctx.repos.organisations.update(id, { phone: '01632 960123' });
    const entries = (await db.changeLog.toArray()).flatMap((run) => run.entries).filter((e) => e.row === id);
    expect(entries).toHaveLength(2);
    expect((await db.organisations.get(id))?._log).toEqual(entries.map(logRef));
  });

  it('gives a one-per-something record the id made from what it is one of, so making it again changes the same record', async () => {
    const meeting = await ctx.repos.meetings.create({ title: 'Consortium meeting', date: '2026-12-08' });
    const first = await ctx.repos.attendance.create({ meetingId: meeting, organisationId: ctx.organisationId, status: 'present' });
    const again = await ctx.repos.attendance.create({ meetingId: meeting, organisationId: ctx.organisationId, status: 'apologies' });
    expect(first).toBe(`attendance:${meeting}:${ctx.organisationId}`);
    expect(again).toBe(first);
    expect(await db.attendance.count()).toBe(1);
    expect((await db.attendance.get(first))?.status).toBe('apologies');
  });

  it('records a step of a lifecycle as an event written once, and derives the state from it', async () => {
    // The secretariat keeps applications and consults members on them; only the chair decides them.
    const application = await ctx.repos.applications.create({ organisationName: 'Ampthill Community Group', contactName: 'A. Person', receivedOn: '2026-11-02' });
    await ctx.repos.applications.recordEvent(application, { type: 'consulting', closesOn: '2026-11-16', consulted: [] });
    const row = (await db.applications.get(application))!;
    const events = Object.keys(row).filter((field) => field.startsWith('event:'));
    expect(events).toHaveLength(1);
    expect((row as unknown as Record<string, unknown>)[events[0]!]).toEqual({ type: 'consulting', closesOn: '2026-11-16', consulted: [] });
    expect(stateOf(applicationLifecycle, row).status).toBe('consulting');
    await expect(ctx.repos.applications.recordEvent(application, { type: 'decided', decision: 'admitted', reason: '', on: '2026-11-17', atMeetingId: '' })).rejects.toThrow(
      'This copy cannot admit an applicant: the chair decides applications (Partnership Agreement 5.3). Nothing was saved.',
    );
    expect(stateOf(applicationLifecycle, (await db.applications.get(application))!).status).toBe('consulting');
  });

  it('writes nothing at all when one write of a batch fails', async () => {
    const id = await ctx.repos.organisations.create({ name: 'CVS Mid and North Bedfordshire' });
    const runsBefore = await db.changeLog.count();
    await db.organisations.hook('updating', () => {
      throw new Error('disk full');
    });
    await expect(ctx.repos.organisations.update(id, { name: 'Changed' })).rejects.toThrow('disk full');
    expect((await db.organisations.get(id))?.name).toBe('CVS Mid and North Bedfordshire');
    expect(await db.changeLog.count()).toBe(runsBefore);
  });
});
