import { afterEach, describe, expect, it } from 'vitest';
import { applyBundle, previewBundle } from './import-bundle';
import { exportBundle, recordBundleSaved } from './export-bundle';
import { listConflicts, resolveConflict } from './conflicts';
import { listPartners } from './partners';
import { dumpAllTables, dumpSyncedTables, makeConsortium, type TestConsortium, type TestCopy } from './test-support';
import { AlreadyImportedError } from '../../../shared/sync/bundle-errors';

const made: TestConsortium[] = [];
afterEach(async () => {
  for (const c of made.splice(0)) for (const copy of c.copies) await copy.db.delete();
});

async function send(from: TestCopy, to: TestCopy, recipient: string | null = to.node) {
  const exported = await exportBundle(from.ctx, { recipientNodeId: recipient, compressed: true });
  const { bytes, suggestedName } = exported;
  await recordBundleSaved(from.ctx, exported);
  const preview = await previewBundle(to.ctx, bytes, suggestedName);
  const report = await applyBundle(to.ctx, preview);
  return { bytes, preview, report };
}

/**
 * The secretariat, which set the consortium up, and a partner that joined it, enrolled both ways. The
 * partner has the secretariat's founding bundle (its grant, the consortium, the register) unless `spread` is false.
 */
async function secretariatAndPartner(options: { spread?: boolean } = {}) {
  const c = await makeConsortium(
    [
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Luton CVS', 'partner'],
    ],
    { exchange: send },
  );
  made.push(c);
  if (options.spread ?? true) await c.spread();
  const [s, p] = c.copies as [TestCopy, TestCopy];
  const pOrg = (await p.db.installation.get('self'))!.organisationId;
  return { s, p, pOrg };
}

describe('syncing two copies', () => {
  it('the secretariat and a partner who enrolled each other exchange edits and end with the same data', async () => {
    const { s, p, pOrg } = await secretariatAndPartner();
    // The secretariat names the partner's representative; the partner's copy keeps its own representatives' details.
    const rep = await s.repos.representatives.create({ organisationId: pOrg, name: 'Sam Taylor', kind: 'representative' });
    await send(s, p);
    expect((await p.db.representatives.get(rep))?.name).toBe('Sam Taylor');
    await p.repos.representatives.update(rep, { phone: '01582 000000' });
    const { report } = await send(p, s);
    expect(report.applied.changes).toBe(1);
    expect(report.refused).toEqual([]);
    expect((await s.db.representatives.get(rep))?.phone).toBe('01582 000000');
    await send(s, p);
    expect(await dumpSyncedTables(p.db)).toBe(await dumpSyncedTables(s.db));
  });

  it('a partner’s edit of the same field made without seeing the other is kept as one conflict on both copies, and resolving it syncs', async () => {
    const { s, p, pOrg } = await secretariatAndPartner();
    const rep = await s.repos.representatives.create({ organisationId: pOrg, name: 'Sam Taylor', kind: 'representative' });
    await send(s, p);
    await s.repos.representatives.update(rep, { name: 'Samantha Taylor' });
    await p.repos.representatives.update(rep, { name: 'Sam Taylor-Jones' });
    await send(s, p);
    await send(p, s);
    await send(s, p);
    const onS = await listConflicts(s.ctx);
    const onP = await listConflicts(p.ctx);
    expect(onS).toHaveLength(1);
    expect(onP).toEqual(onS);
    const [conflict] = onS;
    const names = [conflict!.keptValue, conflict!.losingValue].sort();
    expect(names).toEqual(['Sam Taylor-Jones', 'Samantha Taylor']);
    expect((await s.db.representatives.get(rep))?.name).toBe(conflict!.keptValue);
    expect(await dumpSyncedTables(p.db)).toBe(await dumpSyncedTables(s.db));

    await resolveConflict(p.ctx, conflict!.id, { value: 'Samantha Taylor-Jones' });
    const resolved = await send(p, s);
    expect(resolved.report.refused).toEqual([]);
    await send(s, p);
    expect(await listConflicts(s.ctx)).toEqual([]);
    expect(await listConflicts(p.ctx)).toEqual([]);
    expect((await listConflicts(s.ctx, { status: 'resolved' }))[0]?.id).toBe(conflict!.id);
    expect((await s.db.representatives.get(rep))?.name).toBe('Samantha Taylor-Jones');
    expect(await dumpSyncedTables(p.db)).toBe(await dumpSyncedTables(s.db));
  });

  it('an edit made after seeing the other copy’s value replaces it without a conflict', async () => {
    const { s, p, pOrg } = await secretariatAndPartner();
    const rep = await s.repos.representatives.create({ organisationId: pOrg, name: 'Sam Taylor', kind: 'representative' });
    await send(s, p);
    await p.repos.representatives.update(rep, { name: 'Samantha Taylor' });
    await send(p, s);
    expect(await listConflicts(s.ctx)).toEqual([]);
    expect((await s.db.representatives.get(rep))?.name).toBe('Samantha Taylor');
  });

  it('importing the same bundle twice changes nothing the second time', async () => {
    const { s, p } = await secretariatAndPartner();
    await s.repos.organisations.create({ name: 'Voluntary Action Luton', kind: 'cvs' });
    const { bytes } = await send(s, p);
    const before = await dumpAllTables(p.db);
    await expect(previewBundle(p.ctx, bytes, 'again.quorum')).rejects.toThrow(AlreadyImportedError);
    expect(await dumpAllTables(p.db)).toBe(before);
  });

  it('a later bundle repeating changes already received applies only the new ones', async () => {
    const { s, p } = await secretariatAndPartner({ spread: false });
    const a = await s.repos.organisations.create({ name: 'First', kind: 'cvs' });
    await send(s, p, null);
    const b = await s.repos.organisations.create({ name: 'Second', kind: 'cvs' });
    const { report } = await send(s, p, null);
    expect(report.alreadyHad).toBeGreaterThan(0);
    expect(report.applied.changes).toBe(1);
    expect((await p.db.organisations.get(a))?.name).toBe('First');
    expect((await p.db.organisations.get(b))?.name).toBe('Second');
    // Two runs from the secretariat (its first export sealed the founding, the enrolment and the first record together), one row each.
    expect(await p.db.changeLog.where('node').equals(s.node).count()).toBe(2);
  });

  it('lists partners with trust, what they acknowledged and the last bundle each way', async () => {
    const { s, p } = await secretariatAndPartner();
    await s.repos.organisations.create({ name: 'Voluntary Action Luton', kind: 'cvs' });
    await send(s, p);
    await send(p, s);
    const [luton] = await listPartners(s.ctx);
    expect(luton).toMatchObject({ node: p.node, name: 'Luton CVS', role: 'partner', trust: 'trusted', source: 'register' });
    expect(luton!.fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(luton!.acknowledged[s.node]).toBeGreaterThan(0);
    expect(luton!.ourChangesNotAcknowledged).toBe(0);
    expect(luton!.lastSent?.fileName).toMatch(/^quorum-bedfordshire-secretariat-to-luton-cvs-\d{4}-\d{2}-\d{2}\.quorum$/);
    expect(luton!.lastReceived).not.toBeNull();
    const [secretariat] = await listPartners(p.ctx);
    expect(secretariat).toMatchObject({ node: s.node, source: 'local', trust: 'trusted' });
  });

  it('counts a bundle as sent only once it has been saved', async () => {
    const { s, p } = await secretariatAndPartner({ spread: false });
    await s.repos.organisations.create({ name: 'Voluntary Action Luton', kind: 'cvs' });
    const unsaved = await exportBundle(s.ctx, { recipientNodeId: p.node, compressed: true });
    expect((await listPartners(s.ctx))[0]!.lastSent).toBeNull();
    await recordBundleSaved(s.ctx, unsaved, 'to-luton.quorum');
    expect((await listPartners(s.ctx))[0]!.lastSent).toMatchObject({ fileName: 'to-luton.quorum', bundleId: unsaved.summary.bundleId });
  });
});
