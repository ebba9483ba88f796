/**
 * Every kind of bad bundle the issue names is refused (or held) with a message
 * a secretariat understands, and leaves every table byte-for-byte as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBundle, previewBundle } from './import-bundle';
import { exportBundle } from './export-bundle';
import { revokePartner } from './partners';
import { dumpAllTables, enrol, makeConsortium, makeCopy, makeFoundedCopy, type TestCopy } from './test-support';
import {
  AlreadyImportedError,
  BundleRefusedError,
  DamagedBundleError,
  ForgedOriginError,
  NewerVersionError,
  NotEnoughSpaceError,
  NotGzipError,
  NotJsonError,
  OtherConsortiumError,
  RevokedSenderError,
  TamperedBundleError,
  TruncatedBundleError,
  UnknownSenderError,
} from '../../../shared/sync/bundle-errors';
import { decodeBundleText, encodeBundleText, gzip } from '../../../shared/sync/bundle-codec';
import { contentsOf, type Bundle } from '../../../shared/sync/bundle-format';
import { digestOf, KeyRing, sealRun } from '../../../shared/sync/run-seal';

let s: TestCopy;
let p: TestCopy;
let stranger: TestCopy;
let copies: TestCopy[] = [];

async function exchange(from: TestCopy, to: TestCopy) {
  const { bytes } = await exportBundle(from.ctx, { recipientNodeId: to.node, compressed: true });
  await applyBundle(to.ctx, await previewBundle(to.ctx, bytes, 'bundle.quorum'));
}

beforeEach(async () => {
  // The secretariat set the consortium up; the partner joined it from the secretariat's bundle.
  const consortium = await makeConsortium(
    [
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Luton CVS', 'partner'],
    ],
    { exchange },
  );
  await consortium.spread();
  [s, p] = consortium.copies as [TestCopy, TestCopy];
  // A copy of Quorum that belongs to no consortium and is enrolled nowhere.
  stranger = await makeCopy('Somewhere Else CVS', 'secretariat');
  copies = [s, p, stranger];
  await s.repos.organisations.create({ name: 'Voluntary Action Luton', kind: 'cvs', phone: '01582 000000' });
  // The partner has data of its own, so "unchanged" means something.
  const pOrg = (await p.db.installation.get('self'))!.organisationId;
  await p.repos.representatives.create({ organisationId: pOrg, name: 'Jo Bloggs', kind: 'representative' });
});
afterEach(async () => {
  for (const c of copies) await c.db.delete();
});

async function bundleFrom(from: TestCopy, compressed = true) {
  return (await exportBundle(from.ctx, { recipientNodeId: null, compressed })).bytes;
}

async function parsed(bytes: Uint8Array): Promise<Bundle> {
  return JSON.parse(await decodeBundleText(bytes)) as Bundle;
}

/** Re-signs a header after a test changed it, as a sender (or an impostor holding its key) would. */
async function resigned(bundle: Bundle, privateKey: CryptoKey): Promise<Uint8Array> {
  bundle.header.contents = contentsOf(bundle.origins);
  const keys = new KeyRing();
  bundle.signature = await keys.sign(privateKey, await digestOf(bundle.header));
  return encodeBundleText(JSON.stringify(bundle), true);
}

/** Imports and expects a refusal of the given kind, with every table of the partner's copy unchanged. */
async function expectRefusedUnchanged(bytes: Uint8Array, kind: new (...args: never[]) => BundleRefusedError, into: TestCopy = p) {
  const before = await dumpAllTables(into.db);
  let error: unknown;
  try {
    const preview = await previewBundle(into.ctx, bytes, 'bundle.quorum');
    await applyBundle(into.ctx, preview);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(kind);
  expect((error as Error).message).toMatch(/^[A-Z]/);
  expect(await dumpAllTables(into.db)).toBe(before);
  return error as BundleRefusedError;
}

describe('a bad bundle is refused and changes nothing', () => {
  it('refuses a truncated .quorum file', async () => {
    const bytes = await bundleFrom(s);
    await expectRefusedUnchanged(bytes.slice(0, Math.floor(bytes.length * 0.6)), TruncatedBundleError);
  });

  it('refuses a truncated .quorum.json file', async () => {
    const bytes = await bundleFrom(s, false);
    await expectRefusedUnchanged(bytes.slice(0, Math.floor(bytes.length * 0.6)), TruncatedBundleError);
  });

  it('refuses a file that is not gzip (nor JSON)', async () => {
    const bytes = new TextEncoder().encode('PK\u0003\u0004 this is a zip file, not a bundle');
    const error = await expectRefusedUnchanged(bytes, NotGzipError);
    expect(error.message).toContain('not a Quorum bundle');
  });

  it('refuses a compressed file whose contents are damaged', async () => {
    const bytes = await bundleFrom(s);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await expectRefusedUnchanged(bytes, DamagedBundleError);
  });

  it('refuses a compressed file that is not JSON', async () => {
    await expectRefusedUnchanged(await gzip(new TextEncoder().encode('Minutes of the meeting of 2 June 2026')), NotJsonError);
  });

  it('refuses a bundle of another consortium, even from a copy it has enrolled', async () => {
    const worcestershire = await makeFoundedCopy('Worcestershire Infrastructure Consortium', 'secretariat');
    copies.push(worcestershire);
    await enrol(p, worcestershire);
    await worcestershire.repos.organisations.create({ name: 'Wychavon CVS', kind: 'cvs' });
    const error = await expectRefusedUnchanged(await bundleFrom(worcestershire), OtherConsortiumError);
    expect(error.message).toContain('different consortium');
  });

  it('refuses a bundle from a copy that is not enrolled, offering its fingerprint', async () => {
    const error = (await expectRefusedUnchanged(await bundleFrom(stranger), UnknownSenderError)) as UnknownSenderError;
    expect(error.sender).toMatchObject({ node: stranger.node, name: 'Somewhere Else CVS', role: 'secretariat' });
    expect(error.sender.fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(error.reason).toBe('not-enrolled');
  });

  it('refuses a bundle signed with a different key from the one enrolled for its sender', async () => {
    const bundle = await parsed(await bundleFrom(s));
    bundle.header.sender.publicKey = stranger.publicKey;
    const error = (await expectRefusedUnchanged(await resigned(bundle, stranger.privateKey), UnknownSenderError)) as UnknownSenderError;
    expect(error.reason).toBe('key-mismatch');
  });

  it('refuses a bundle from a revoked key', async () => {
    const bytes = await bundleFrom(s);
    await revokePartner(p.ctx, s.node);
    const error = await expectRefusedUnchanged(bytes, RevokedSenderError);
    expect(error.message).toContain('revoked');
  });

  it('refuses a bundle in which one byte of one change was altered', async () => {
    const text = new TextDecoder().decode(await bundleFrom(s, false));
    const altered = text.replace('01582 000000', '01582 000001');
    expect(altered).not.toBe(text);
    const error = await expectRefusedUnchanged(new TextEncoder().encode(altered), TamperedBundleError);
    expect(error.message).toContain('altered');
  });

  it('refuses a bundle whose header was altered (a different recipient)', async () => {
    const bundle = await parsed(await bundleFrom(s));
    bundle.header.recipient = stranger.node;
    await expectRefusedUnchanged(await encodeBundleText(JSON.stringify(bundle), true), TamperedBundleError);
  });

  it('refuses a bundle that forges changes from another origin', async () => {
    // The secretariat pretends the partner wrote something: it signs a run as the partner with its own key.
    const bundle = await parsed(await bundleFrom(s));
    const stamp = `2026-11-22T10:00:00.000Z-0000-${p.node}`;
    const forged = await sealRun(
      { node: p.node, firstSeq: 1, lastSeq: 1, deps: {}, entries: [{ seq: 1, hlc: stamp, table: 'organisations', row: 'forged-row', fields: { name: 'Forged' } }] },
      '',
      s.privateKey,
      new KeyRing(),
    );
    bundle.origins.push({ node: p.node, name: 'Luton CVS', role: 'partner', publicKey: p.publicKey, runs: [forged] });
    const error = await expectRefusedUnchanged(await resigned(bundle, s.privateKey), ForgedOriginError);
    expect(error.message).toContain('Luton CVS');
  });

  it('refuses a replayed bundle that was already imported', async () => {
    const bytes = await bundleFrom(s);
    await applyBundle(p.ctx, await previewBundle(p.ctx, bytes, 'first.quorum'));
    const error = await expectRefusedUnchanged(bytes, AlreadyImportedError);
    expect(error.message).toContain('already imported');
  });

  it('refuses a bundle made by a newer version of Quorum', async () => {
    const bundle = await parsed(await bundleFrom(s));
    bundle.header.version = 2;
    const error = await expectRefusedUnchanged(await resigned(bundle, s.privateKey), NewerVersionError);
    expect(error.message).toBe('This bundle was made by a newer version of Quorum. Update Quorum to open this file.');
  });

  it('refuses a bundle too large for the disk and leaves every table as it was', async () => {
    const bytes = await bundleFrom(s);
    const preview = await previewBundle(p.ctx, bytes, 'big.quorum');
    const before = await dumpAllTables(p.db);
    // The disk fills up part-way: after the records are written, when the change log is.
    const table = p.db.changeLog;
    const original = table.bulkAdd.bind(table);
    table.bulkAdd = (() => Promise.reject(new DOMException('The disk is full', 'QuotaExceededError'))) as unknown as typeof table.bulkAdd;
    try {
      await expect(applyBundle(p.ctx, preview)).rejects.toThrow(NotEnoughSpaceError);
    } finally {
      table.bulkAdd = original;
    }
    expect(await dumpAllTables(p.db)).toBe(before);
    // And once there is space, the same preview imports.
    await applyBundle(p.ctx, preview);
    expect(await p.db.organisations.filter((o) => o.name === 'Voluntary Action Luton').count()).toBe(1);
  });
});
