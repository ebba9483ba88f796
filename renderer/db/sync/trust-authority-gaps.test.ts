/**
 * Forwarding, vouching, authority and held-back runs between three or four copies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyBundle, previewBundle } from './import-bundle';
import { exportBundle } from './export-bundle';
import { listConflicts } from './conflicts';
import { heldBackNow } from './held-back';
import { actingAs, dumpAllTables, enrol, makeCopy, type TestCopy } from './test-support';
import { decodeBundleText, encodeBundleText } from '../../../shared/sync/bundle-codec';
import { contentsOf, type Bundle } from '../../../shared/sync/bundle-format';
import { digestOf, KeyRing } from '../../../shared/sync/run-seal';
import { recordChanges } from '../writer';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import type { InstallationRole } from '../../../shared/domain/entities';

const copies: TestCopy[] = [];
async function copy(name: string, role: InstallationRole) {
  const c = await makeCopy(name, role);
  copies.push(c);
  return c;
}
afterEach(async () => {
  for (const c of copies.splice(0)) await c.db.delete();
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
    const s = await copy('Bedfordshire Secretariat', 'secretariat');
    const p = await copy('Luton CVS', 'partner');
    const q = await copy('Bedford CVS', 'partner');
    await enrol(s, p);
    await enrol(s, q);
    await enrol(p, s);
    await enrol(q, s);
    const org = await q.repos.organisations.create({ name: 'Ampthill Community Group', kind: 'other' });
    await send(q, s);
    const { preview } = await send(s, p);
    expect(preview.origins.find((o) => o.node === q.node)).toMatchObject({ status: 'trusted', source: 'register', name: 'Bedford CVS' });
    expect((await p.db.organisations.get(org))?.name).toBe('Ampthill Community Group');
  });

  it('sets aside changes from a copy this one has not enrolled, with a message, and applies the rest', async () => {
    const s = await copy('Bedfordshire Secretariat', 'secretariat');
    const p = await copy('Luton CVS', 'partner');
    const t = await copy('Private Contact', 'partner');
    await enrol(s, p);
    await enrol(p, s);
    await enrol(p, t);
    await enrol(t, p);
    const fromT = await t.repos.organisations.create({ name: 'Unvetted Group', kind: 'other' });
    await send(t, p);
    const fromP = await p.repos.organisations.create({ name: 'Houghton Regis Volunteers', kind: 'volunteer-centre' });
    const { report } = await send(p, s);
    expect(report.setAside).toHaveLength(1);
    expect(report.setAside[0]).toMatchObject({ origin: t.node, status: 'unknown', claimedName: 'Private Contact' });
    expect(report.setAside[0]!.message).toContain('not enrolled');
    expect(await s.db.organisations.get(fromT)).toBeUndefined();
    expect((await s.db.organisations.get(fromP))?.name).toBe('Houghton Regis Volunteers');
  });
});

describe('authority', () => {
  async function consortiumOfFour() {
    const s = await copy('Bedfordshire Secretariat', 'secretariat');
    const ab = await copy('Bedfordshire Community Foundation', 'accountable-body');
    const chair = await copy('Chair’s copy', 'chair');
    const p = await copy('Luton CVS', 'partner');
    for (const other of [ab, chair, p]) {
      await enrol(s, other);
      await enrol(other, s);
    }
    for (const other of [ab, chair, p]) await send(s, other);
    return { s, ab, chair, p };
  }

  it('refuses a partner approving its own claim, lists it in the report, and still applies the rest of the change', async () => {
    const { s, p } = await consortiumOfFour();
    const claim = await p.repos.partnerClaims.create({ organisationId: 'org-luton', projectId: 'project-1', financialYear: '2026/27', quarter: 1, amountPence: 125000, status: 'submitted' });
    await send(p, s);
    await actingAs(p, 'accountable-body', () => p.repos.partnerClaims.update(claim, { status: 'approved', amountPence: 130000 }));
    const { preview, report } = await send(p, s);
    expect(preview.report.refused).toHaveLength(1);
    expect(report.refused).toHaveLength(1);
    expect(report.refused[0]).toMatchObject({ origin: p.node, table: 'partnerClaims', row: claim, field: 'status', value: 'approved' });
    expect(report.refused[0]!.message).toBe(
      'Not applied: marking a partner’s claim approved, by Luton CVS (Partner organisation). Only the Accountable Body may do that.',
    );
    const stored = await s.db.partnerClaims.get(claim);
    expect(stored?.status).toBe('submitted');
    expect(stored?.amountPence).toBe(130000);
  });

  it('accepts the Accountable Body approving a claim, forwarded by the secretariat', async () => {
    const { s, ab, p } = await consortiumOfFour();
    const claim = await p.repos.partnerClaims.create({ organisationId: 'org-luton', projectId: 'project-1', financialYear: '2026/27', quarter: 1, amountPence: 125000, status: 'submitted' });
    await send(p, s);
    await send(s, ab);
    await ab.repos.partnerClaims.update(claim, { status: 'approved' });
    await send(ab, s);
    const { report } = await send(s, p);
    expect(report.refused).toEqual([]);
    expect((await p.db.partnerClaims.get(claim))?.status).toBe('approved');
  });

  it('lets the chair decide an application but not a partner', async () => {
    const { s, chair, p } = await consortiumOfFour();
    const application = await s.repos.applications.create({ organisationName: 'Leighton Linslade Volunteers', contactName: 'A. Person', receivedOn: '2026-05-01' });
    await send(s, chair);
    await send(s, p);
    await actingAs(p, 'chair', () => p.repos.applications.update(application, { status: 'refused' }));
    const fromPartner = await send(p, s);
    expect(fromPartner.report.refused.map((r) => r.field)).toEqual(['status']);
    await chair.repos.applications.update(application, { status: 'admitted' });
    const fromChair = await send(chair, s);
    expect(fromChair.report.refused).toEqual([]);
    expect((await s.db.applications.get(application))?.status).toBe('admitted');
  });

  it('refuses a partner changing the constitution or the register of copies', async () => {
    const { s, p } = await consortiumOfFour();
    const consortium = await s.repos.consortium.create({ name: 'Bedfordshire & Luton VCS Consortium', area: 'Bedfordshire', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION });
    await send(s, p);
    await actingAs(p, 'secretariat', async () => {
      await p.repos.consortium.update(consortium, { constitution: { ...BEDFORDSHIRE_CONSTITUTION, quorumMinimum: 1 } });
      await recordChanges(p.ctx, [{ table: 'partnerNodes', row: p.node, fields: { role: 'accountable-body' } }]);
    });
    const { report } = await send(p, s);
    expect(report.refused.map((r) => `${r.table}.${r.field}`).sort()).toEqual(['consortium.constitution', 'partnerNodes.role']);
    expect((await s.db.consortium.get(consortium))?.constitution.quorumMinimum).toBe(BEDFORDSHIRE_CONSTITUTION.quorumMinimum);
    expect((await s.db.partnerNodes.get(p.node))?.role).toBe('partner');
  });
});

describe('held-back runs', () => {
  it('holds back changes after a gap with a clear message, and applies them when the gap is filled', async () => {
    const s = await copy('Bedfordshire Secretariat', 'secretariat');
    const p = await copy('Luton CVS', 'partner');
    await enrol(s, p);
    await enrol(p, s);
    const first = await s.repos.organisations.create({ name: 'First Group', kind: 'other' });
    const firstBundle = await exported(s, null);
    const second = await s.repos.organisations.create({ name: 'Second Group', kind: 'other' });
    const everything = await exported(s, null);
    const gapped = await without(everything, s, (node, firstSeq) => node === s.node && firstSeq === 1);

    const held = await importInto(p, gapped);
    expect(held.report.heldBack).toHaveLength(1);
    expect(held.report.heldBack[0]).toMatchObject({ origin: s.node, reason: 'gap', firstSeq: 3 });
    expect(held.report.heldBack[0]!.message).toContain('missing their changes 1–2');
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
    const s = await copy('Bedfordshire Secretariat', 'secretariat');
    const p = await copy('Luton CVS', 'partner');
    const q = await copy('Bedford CVS', 'partner');
    await enrol(s, p);
    await enrol(s, q);
    await enrol(p, s);
    await enrol(q, s);
    const org = await s.repos.organisations.create({ name: 'Kempston Group', kind: 'other' });
    await send(s, p);
    await send(s, q);
    await q.repos.organisations.update(org, { name: 'Kempston Community Group' });
    await send(q, s);
    await s.repos.organisations.update(org, { name: 'Kempston Community Group CIO' });
    const withoutQ = await without(await exported(s, p), s, (node) => node === q.node);

    const before = await dumpAllTables(p.db);
    const waiting = await importInto(p, withoutQ);
    expect(waiting.report.heldBack[0]).toMatchObject({ origin: s.node, reason: 'waiting' });
    expect(waiting.report.heldBack[0]!.message).toContain('Bedford CVS');
    expect((await p.db.organisations.get(org))?.name).toBe('Kempston Group');
    expect(await dumpAllTables(p.db)).not.toBe(before);
    expect((await heldBackNow(p.ctx)).map((notice) => notice.message)).toEqual([waiting.report.heldBack[0]!.message]);

    await send(q, p);
    expect(await heldBackNow(p.ctx)).toEqual([]);
    expect((await p.db.organisations.get(org))?.name).toBe('Kempston Community Group CIO');
    expect(await listConflicts(p.ctx, { status: 'all' })).toEqual([]);
  });
});
