/**
 * Forwarding, vouching, authority and held-back runs between three to five copies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyBundle, previewBundle } from './import-bundle';
import { exportBundle } from './export-bundle';
import { listConflicts } from './conflicts';
import { heldBackNow } from './held-back';
import { dumpAllTables, enrol, makeConsortium, makeCopy, writeUnchecked, type TestConsortium, type TestCopy } from './test-support';
import { decodeBundleText, encodeBundleText } from '../../../shared/sync/bundle-codec';
import { contentsOf, type Bundle } from '../../../shared/sync/bundle-format';
import { digestOf, KeyRing } from '../../../shared/sync/run-seal';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { applicationLifecycle, partnerClaimFigures, stateOf } from '../../../shared/rules/lifecycles';
import type { InstallationRole } from '../../../shared/domain/entities';

const made: TestConsortium[] = [];
const strays: TestCopy[] = [];
afterEach(async () => {
  for (const c of made.splice(0)) for (const copy of c.copies) await copy.db.delete();
  for (const copy of strays.splice(0)) await copy.db.delete();
});

async function exported(from: TestCopy, to: TestCopy | null) {
  return (await exportBundle(from.ctx, { recipientNodeId: to?.node ?? null, compressed: true })).bytes;
}
async function importInto(to: TestCopy, bytes: Uint8Array) {
  const preview = await previewBundle(to.ctx, bytes, 'bundle.quorum');
  return { preview, report: await applyBundle(to.ctx, preview) };
}
async function send(from: TestCopy, to: TestCopy) {
  return importInto(to, await exported(from, to));
}

/** The consortium's copies, the first its founder; each has the founder's bundle (its grants and register) unless `spread` is false. */
async function consortium(members: Array<[string, InstallationRole]>, options: { spread?: boolean } = {}): Promise<TestCopy[]> {
  const c = await makeConsortium(members, { exchange: send });
  made.push(c);
  if (options.spread ?? true) await c.spread();
  return c.copies;
}
const orgOf = async (copy: TestCopy) => (await copy.db.installation.get('self'))!.organisationId;

/** A bundle with some runs taken out, re-signed by its sender (as a faulty or hostile sender could). */
async function without(bytes: Uint8Array, sender: TestCopy, drop: (node: string, firstSeq: number) => boolean): Promise<Uint8Array> {
  const bundle = JSON.parse(await decodeBundleText(bytes)) as Bundle;
  bundle.origins = bundle.origins.map((o) => ({ ...o, runs: o.runs.filter((r) => !drop(o.node, r.firstSeq)) })).filter((o) => o.runs.length > 0);
  bundle.header.contents = contentsOf(bundle.origins);
  bundle.signature = await new KeyRing().sign(sender.privateKey, await digestOf(bundle.header));
  return encodeBundleText(JSON.stringify(bundle), true);
}

describe('forwarding and vouching', () => {
  it('a partner accepts a third copy’s changes forwarded by the secretariat, who enrolled that copy for the consortium', async () => {
    const [s, p, q] = (await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Luton CVS', 'partner'],
      ['Bedford CVS', 'partner'],
    ])) as [TestCopy, TestCopy, TestCopy];
    // The third copy names its own representative: its organisation's to keep.
    const rep = await q.repos.representatives.create({ organisationId: await orgOf(q), name: 'Priya Shah', kind: 'representative' });
    await send(q, s);
    const { preview, report } = await send(s, p);
    expect(preview.origins.find((o) => o.node === q.node)).toMatchObject({ status: 'trusted', source: 'register', name: 'Bedford CVS' });
    expect(report.refused).toEqual([]);
    expect((await p.db.representatives.get(rep))?.name).toBe('Priya Shah');
  });

  it('sets aside changes from a copy this one has not enrolled, with a message, and applies the rest', async () => {
    const [s, p] = (await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Luton CVS', 'partner'],
    ])) as [TestCopy, TestCopy];
    // A private contact of the partner's: enrolled by the partner's copy only, never for the consortium.
    const t = await makeCopy('Private Contact', 'partner');
    strays.push(t);
    await enrol(p, t);
    await enrol(t, p);
    await writeUnchecked(t, [{ table: 'projects', row: 'project-unvetted', fields: { name: 'Unvetted project' } }]);
    await send(t, p);
    const fromP = await p.repos.representatives.create({ organisationId: await orgOf(p), name: 'Sam Taylor', kind: 'representative' });
    const { report } = await send(p, s);
    expect(report.setAside).toHaveLength(1);
    expect(report.setAside[0]).toMatchObject({ origin: t.node, status: 'unknown', claimedName: 'Private Contact' });
    expect(report.setAside[0]!.message).toContain('not enrolled');
    expect(await s.db.changeLog.where('node').equals(t.node).count()).toBe(0);
    expect(await s.db.projects.get('project-unvetted')).toBeUndefined();
    expect((await s.db.representatives.get(fromP))?.name).toBe('Sam Taylor');
  });
});

describe('authority', () => {
  async function consortiumOfFour() {
    const [s, ab, chair, p] = (await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Bedfordshire Community Foundation', 'accountable-body'],
      ['Chair’s copy', 'chair'],
      ['Luton CVS', 'partner'],
    ])) as [TestCopy, TestCopy, TestCopy, TestCopy];
    return { s, ab, chair, p, pOrg: await orgOf(p) };
  }
  const claimOf = (organisationId: string) => ({ organisationId, projectId: 'project-1', financialYear: '2026/27', quarter: 1, lines: { staff: 125_000 }, outputsDelivered: '9 groups supported' });

  it('refuses a partner approving its own claim, lists it in the report, and still applies the rest of the change', async () => {
    const { s, p, pOrg } = await consortiumOfFour();
    const claim = await p.repos.partnerClaims.create(claimOf(pOrg));
    await send(p, s);
    // Its own writer refuses; an altered copy sends it anyway, in one change with an edit of its draft.
    await expect(p.repos.partnerClaims.recordEvent(claim, { type: 'approved', lines: { staff: 130_000 }, reasons: {} })).rejects.toThrow(
      'This copy cannot approve a claim: only the Accountable Body may do that (Partnership Agreement 8.1). Nothing was saved.',
    );
    await writeUnchecked(p, [{ table: 'partnerClaims', row: claim, fields: { lines: { staff: 130_000 }, 'event:approval': { type: 'approved', lines: { staff: 130_000 }, reasons: {} } } }]);
    const { preview, report } = await send(p, s);
    expect(preview.report.refused).toHaveLength(1);
    expect(report.refused).toHaveLength(1);
    expect(report.refused[0]).toMatchObject({ origin: p.node, table: 'partnerClaims', row: claim, field: 'event:approval', value: { type: 'approved' } });
    expect(report.refused[0]!.message).toBe('Not applied: Luton CVS’s copy tried to approve a claim: only the Accountable Body may do that (Partnership Agreement 8.1).');
    const stored = (await s.db.partnerClaims.get(claim))!;
    expect(partnerClaimFigures(stored)).toEqual({ status: 'draft', amountPence: 130_000, approvedPence: 0 });
    expect(stored).not.toHaveProperty('event:approval');
  });

  it('accepts the Accountable Body approving a claim, forwarded by the secretariat', async () => {
    const { s, ab, p, pOrg } = await consortiumOfFour();
    const claim = await p.repos.partnerClaims.create(claimOf(pOrg));
    await p.repos.partnerClaims.recordEvent(claim, { type: 'submitted', answer: '' });
    await send(p, s);
    await send(s, ab);
    await ab.repos.partnerClaims.recordEvent(claim, { type: 'approved', lines: { staff: 125_000 }, reasons: {} });
    await send(ab, s);
    const { report } = await send(s, p);
    expect(report.refused).toEqual([]);
    expect(partnerClaimFigures((await p.db.partnerClaims.get(claim))!)).toEqual({ status: 'approved', amountPence: 125_000, approvedPence: 125_000 });
  });

  it('lets the chair decide an application, and not a partner nor the Accountable Body', async () => {
    const { s, ab, chair, p } = await consortiumOfFour();
    const application = await s.repos.applications.create({ organisationName: 'Leighton Linslade Volunteers', contactName: 'A. Person', receivedOn: '2026-05-01' });
    // Members are consulted first: the chair decides after consulting them (Partnership Agreement 5.3).
    await s.repos.applications.recordEvent(application, { type: 'consulting', closesOn: '2026-05-15', consulted: [] });
    for (const copy of [chair, p, ab]) await send(s, copy);
    const refusal = { type: 'decided', decision: 'refused', reason: 'Not enough of the criteria', on: '2026-05-16', atMeetingId: '' };
    for (const copy of [p, ab]) {
      await expect(copy.repos.applications.recordEvent(application, refusal)).rejects.toThrow('the chair decides applications');
      await writeUnchecked(copy, [{ table: 'applications', row: application, fields: { [`event:by-${copy.node}`]: refusal } }]);
      const attempt = await send(copy, s);
      expect(attempt.report.refused.map((r) => [r.field, r.message])).toEqual([
        [`event:by-${copy.node}`, `Not applied: ${copy.name}’s copy tried to refuse an application: the chair decides applications (Partnership Agreement 5.3).`],
      ]);
    }
    await chair.repos.applications.recordEvent(application, { type: 'decided', decision: 'admitted', reason: '', on: '2026-05-16', atMeetingId: '' });
    const fromChair = await send(chair, s);
    expect(fromChair.report.refused).toEqual([]);
    expect(stateOf(applicationLifecycle, (await s.db.applications.get(application))!).status).toBe('admitted');
  });

  it('refuses a partner changing the constitution or the register of copies', async () => {
    const { s, p } = await consortiumOfFour();
    const consortiumId = (await s.db.installation.get('self'))!.consortiumId!;
    await expect(p.repos.consortium.update(consortiumId, { constitution: { ...BEDFORDSHIRE_CONSTITUTION, quorumMinimum: 1 } })).rejects.toThrow('This copy cannot change the consortium’s details or constitution');
    await writeUnchecked(p, [
      { table: 'consortium', row: consortiumId, fields: { constitution: { ...BEDFORDSHIRE_CONSTITUTION, quorumMinimum: 1 } } },
      { table: 'partnerNodes', row: p.node, fields: { role: 'accountable-body' } },
    ]);
    const { report } = await send(p, s);
    expect(report.refused.map((r) => `${r.table}.${r.field}`).sort()).toEqual(['consortium.constitution', 'partnerNodes.role']);
    expect((await s.db.consortium.get(consortiumId))?.constitution.quorumMinimum).toBe(BEDFORDSHIRE_CONSTITUTION.quorumMinimum);
    expect((await s.db.partnerNodes.get(p.node))?.role).toBe('partner');
  });
});

describe('held-back runs', () => {
  it('holds back changes after a gap with a clear message, and applies them when the gap is filled', async () => {
    const [s, p] = (await consortium(
      [
        ['Bedfordshire Secretariat', 'secretariat'],
        ['Luton CVS', 'partner'],
      ],
      { spread: false },
    )) as [TestCopy, TestCopy];
    const first = await s.repos.organisations.create({ name: 'First Group', kind: 'other' });
    // The first bundle seals the founding, the enrolment and the first group in one run.
    const firstBundle = await exported(s, null);
    const firstRun = (await s.db.changeLog.where('node').equals(s.node).first())!;
    const second = await s.repos.organisations.create({ name: 'Second Group', kind: 'other' });
    const everything = await exported(s, null);
    const gapped = await without(everything, s, (node, firstSeq) => node === s.node && firstSeq === firstRun.firstSeq);

    const held = await importInto(p, gapped);
    expect(held.report.heldBack).toHaveLength(1);
    expect(held.report.heldBack[0]).toMatchObject({ origin: s.node, reason: 'gap', firstSeq: firstRun.lastSeq + 1 });
    expect(held.report.heldBack[0]!.message).toContain(`missing ${firstRun.lastSeq} changes they made before these`);
    expect(await p.db.organisations.get(second)).toBeUndefined();
    // Still said on the Sync screen after the import, until the gap is filled.
    expect(await heldBackNow(p.ctx)).toEqual([held.report.heldBack[0]]);

    const filled = await importInto(p, firstBundle);
    expect(filled.report.released).toBe(1);
    expect((await p.db.organisations.get(first))?.name).toBe('First Group');
    expect((await p.db.organisations.get(second))?.name).toBe('Second Group');
    expect(await p.db.syncLedger.where('kind').equals('held').count()).toBe(0);
    expect(await heldBackNow(p.ctx)).toEqual([]);
  });

  it('holds back changes that build on a third copy’s changes until those arrive, so no false conflict appears', async () => {
    const [s, p, q] = (await consortium([
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Luton CVS', 'partner'],
      ['Bedford CVS', 'partner'],
    ])) as [TestCopy, TestCopy, TestCopy];
    const rep = await s.repos.representatives.create({ organisationId: await orgOf(q), name: 'Kim Patel', kind: 'representative' });
    await send(s, p);
    await send(s, q);
    await q.repos.representatives.update(rep, { name: 'Kimberley Patel' });
    await send(q, s);
    await s.repos.representatives.update(rep, { name: 'Dr Kimberley Patel' });
    const withoutQ = await without(await exported(s, p), s, (node) => node === q.node);

    const before = await dumpAllTables(p.db);
    const waiting = await importInto(p, withoutQ);
    expect(waiting.report.heldBack[0]).toMatchObject({ origin: s.node, reason: 'waiting' });
    expect(waiting.report.heldBack[0]!.message).toContain('Bedford CVS');
    expect((await p.db.representatives.get(rep))?.name).toBe('Kim Patel');
    expect(await dumpAllTables(p.db)).not.toBe(before);
    expect((await heldBackNow(p.ctx)).map((notice) => notice.message)).toEqual([waiting.report.heldBack[0]!.message]);

    await send(q, p);
    expect(await heldBackNow(p.ctx)).toEqual([]);
    expect((await p.db.representatives.get(rep))?.name).toBe('Dr Kimberley Patel');
    expect(await listConflicts(p.ctx, { status: 'all' })).toEqual([]);
  });
});
