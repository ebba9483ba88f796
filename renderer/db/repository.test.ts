import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEDFORDSHIRE_CONSTITUTION } from '../../shared/rules/constitution';
import { QuorumDatabase } from './database';
import { clockFor, ensureInstallation } from './installation';
import { NotAuthorisedError } from './not-authorised';
import { createRepositories } from './repositories';
import { ValidationError } from './repository';

let db: QuorumDatabase;

const BEDFORDSHIRE_AND_LUTON = {
  name: 'Bedfordshire & Luton VCS Infrastructure Consortium',
  area: 'Bedfordshire and Luton',
  nation: 'england-and-wales',
  financialYearStartMonth: 4,
  financialYearStartDay: 1,
  constitution: BEDFORDSHIRE_CONSTITUTION,
} as const;

async function open(name = `test-${crypto.randomUUID()}`) {
  db = new QuorumDatabase(name);
  const installation = await ensureInstallation(db);
  const clock = clockFor(installation);
  return { installation, clock, repos: createRepositories({ db, clock }) };
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
    const a = await ctx.repos.organisations.create({ name: 'Bedford Race Equality Council' });
    await ctx.repos.organisations.update(a, { phone: '01234 000000' });
    await ctx.repos.organisations.update(a, { phone: '01234 000000' }); // no change: nothing logged
    const runs = await db.changeLog.toArray();
    const entries = runs.flatMap((r) => r.entries);
    expect(entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(entries[1]!.hlc > entries[0]!.hlc).toBe(true);
    const installation = await db.installation.get('self');
    expect(installation?.nextSeq).toBe(3);
  });

  it('refuses invalid input with a message in plain words and writes nothing', async () => {
    await expect(ctx.repos.organisations.create({ name: '   ', email: 'not-an-address' })).rejects.toThrowError(ValidationError);
    try {
      await ctx.repos.organisations.create({ name: '', email: 'not-an-address' });
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual({
        name: 'Enter the organisation’s name',
        email: 'Enter an email address like name@example.org',
      });
    }
    expect(await db.organisations.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(0);
  });

  it('keeps a removed record in the store, marked removed, so the removal can sync', async () => {
    const id = await ctx.repos.organisations.create({ name: 'Volunteer Centre Bedford' });
    await ctx.repos.organisations.remove(id);
    expect(await ctx.repos.organisations.get(id)).toBeUndefined();
    expect((await db.organisations.get(id))?.deleted).toBe(true);
  });

  it('refuses a change this copy’s role may not make, in plain words, and writes nothing', async () => {
    await db.installation.update('self', { role: 'partner' });
    const before = await db.changeLog.count();
    const attempt = ctx.repos.consortium.create(BEDFORDSHIRE_AND_LUTON);
    await expect(attempt).rejects.toThrow(NotAuthorisedError);
    await expect(attempt).rejects.toThrow(
      'This computer is used by a partner organisation, and only the Accountable Body or the secretariat may make this change (changing the constitution settings). Nothing was saved.',
    );
    expect(await db.consortium.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(before);
    expect((await db.installation.get('self'))?.nextSeq).toBe(ctx.installation.nextSeq);
    // What the role may do still goes through.
    await expect(ctx.repos.organisations.create({ name: 'Luton Foodbank', kind: 'other' })).resolves.toEqual(expect.any(String));
  });

  it('stores the consortium with its constitution and validates money as whole pence', async () => {
    await db.installation.update('self', { role: 'secretariat' });
    const id = await ctx.repos.consortium.create(BEDFORDSHIRE_AND_LUTON);
    expect((await ctx.repos.consortium.get(id))?.constitution.minimumCriteriaMet).toBe(3);
    const funder = await ctx.repos.funders.create({ name: 'Capacitybuilders' });
    await expect(ctx.repos.funds.create({ funderId: funder, name: 'ChangeUp', awardedPence: 10.5 })).rejects.toThrow(
      'The amount awarded must be in whole pence',
    );
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
