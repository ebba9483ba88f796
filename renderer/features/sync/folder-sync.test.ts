/**
 * Folder sync across copies: three copies of one consortium (secretariat,
 * chair, a partner) pointed at one real temporary folder through the main
 * process's module (electron/shared-folder.ts), each as its own machine would
 * see it, converge by passes alone, with no file opened by hand; a file half
 * written by a cloud client is skipped and picked up once whole; an altered
 * bundle is refused as it is when opened by hand; a sender not enrolled waits
 * for a person; a folder that goes away is said in words.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedFolder } from '../../../electron/shared-folder';
import { decodeBundleText, encodeBundleText } from '../../../shared/sync/bundle-codec';
import type { Bundle } from '../../../shared/sync/bundle-format';
import { folderBundleName } from '../../../shared/sync/folder-layout';
import type { SharedFolderAccess } from '../../platform/shared-folder';
import { consortiaForTests, orgOf } from '../../db/sync/test-consortia';
import { dumpAllTables, dumpSyncedTables, makeCopy, makeFoundedCopy, type TestCopy } from '../../db/sync/test-support';
import { folderPass, FolderMemory, readFolderSync, saveFolderChoice, type FolderPass } from './folder-sync';
import { enrolPartner, previewBundle } from './service';
import { refusalOutcome } from './bundle-refusal';

const consortium = consortiaForTests();

let root: string;
let shared: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quorum-folder-sync-'));
  shared = path.join(root, 'Consortium bundles');
  await mkdir(shared);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The folder as one copy's desktop app reaches it: main's module, its own memory of the path. */
function folderOfMain(folder: string): SharedFolderAccess {
  const main = new SharedFolder({ dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: [folder] }) }, memory: { load: async () => folder, save: async () => undefined } });
  return {
    unsupported: null,
    choose: () => main.choose(),
    forget: async () => {
      await main.forget();
    },
    permission: async () => 'granted',
    requestPermission: async () => true,
    list: () => main.list(),
    read: (name) => main.read(name),
    write: (name, bytes) => main.write(name, bytes),
  };
}

interface Syncing {
  copy: TestCopy;
  folder: SharedFolderAccess;
  memory: FolderMemory;
}

async function pointed(copy: TestCopy, folder = shared): Promise<Syncing> {
  await saveFolderChoice(copy.db, 'Consortium bundles');
  return { copy, folder: folderOfMain(folder), memory: new FolderMemory() };
}

const pass = (s: Syncing): Promise<FolderPass> => folderPass(s.copy.ctx, s.folder, s.memory);

async function organisationNames(copy: TestCopy): Promise<string[]> {
  return (await copy.db.organisations.toArray()).filter((o) => !String(o.id).startsWith('org-')).map((o) => o.name).sort();
}

async function threeCopies() {
  const c = await consortium([
    ['VCA South Bedfordshire', 'secretariat'],
    ['Bedford CVS', 'chair'],
    ['Luton CVS', 'partner'],
  ]);
  const [secretariat, chair, partner] = c.copies as [TestCopy, TestCopy, TestCopy];
  return { c, secretariat, chair, partner };
}

describe('three copies syncing through one shared folder', { timeout: 30_000 }, () => {
  it('converge by passes alone, and a half-written file is skipped until it is whole', async () => {
    const { secretariat, chair, partner } = await threeCopies();
    // Each copy does its own work, offline.
    await secretariat.repos.organisations.create({ name: 'Ampthill & District CVS', kind: 'cvs' });
    await chair.repos.organisations.create({ name: 'Dunstable Volunteer Centre', kind: 'volunteer-centre' });
    await partner.repos.representatives.create({ organisationId: await orgOf(partner), name: 'Jo Bloggs', kind: 'representative' });
    const s = await pointed(secretariat);
    const ch = await pointed(chair);
    const p = await pointed(partner);

    // The secretariat's pass writes a bundle for each partner.
    const first = await pass(s);
    expect(first.written.map((w) => w.recipient).sort()).toEqual(['Bedford CVS', 'Luton CVS']);
    expect(first.problem).toBeUndefined();

    // A cloud client is still downloading the secretariat's bundle for Luton: only its first part is there.
    const forPartner = (await readdir(shared)).find((name) => name.includes('from VCA South Bedfordshire to Luton CVS'))!;
    const whole = await readFile(path.join(shared, forPartner));
    await writeFile(path.join(shared, forPartner), whole.subarray(0, Math.floor(whole.length / 2)));
    const half = await pass(p);
    expect(half.waiting).toContainEqual({ name: forPartner, reason: 'partial' });
    expect(half.refused).toEqual([]);
    expect(half.imported).toEqual([]);
    expect(await organisationNames(partner)).not.toContain('Ampthill & District CVS');
    // It still wrote its own bundles.
    expect(half.written.map((w) => w.recipient).sort()).toEqual(['Bedford CVS', 'VCA South Bedfordshire']);

    // The download finishes: the next pass picks it up.
    await writeFile(path.join(shared, forPartner), whole);
    const after = await pass(p);
    expect(after.waiting).toEqual([]);
    expect(after.imported.map((r) => r.sender.name)).toEqual(['VCA South Bedfordshire']);

    // A few more passes in turn, and every copy holds the same.
    for (let round = 0; round < 3; round++) for (const each of [s, ch, p]) await pass(each);
    const [a, b, d] = await Promise.all([secretariat, chair, partner].map((copy) => dumpSyncedTables(copy.db)));
    expect(b).toBe(a);
    expect(d).toBe(a);
    expect(await organisationNames(partner)).toEqual(['Ampthill & District CVS', 'Dunstable Volunteer Centre']);
    expect((await secretariat.db.representatives.toArray()).map((r) => r.name)).toEqual(['Jo Bloggs']);

    // Settled: a pass now reads nothing new, writes nothing, and reports nothing.
    const quiet = await pass(s);
    expect(quiet).toMatchObject({ imported: [], waiting: [], refused: [], unknownSenders: [], written: [], writeProblems: [] });
    const row = await readFolderSync(secretariat.db);
    expect(row).toMatchObject({ key: 'folderSync', folderName: 'Consortium bundles', lastReadAt: expect.any(String), lastWrittenAt: expect.any(String) });
    // Read in the quiet pass; last written before it.
    expect(row!.lastReadAt! >= quiet.at && row!.lastWrittenAt! < quiet.at).toBe(true);
    expect(row?.lastError).toBeUndefined();

    // Only bundles are in the folder: one per copy and partner, nothing left half written.
    expect((await readdir(shared)).sort()).toHaveLength(6);
    expect((await readdir(shared)).every((name) => name.startsWith('Quorum – Bedfordshire & Luton VCS Cons… – from '))).toBe(true);
  }, 30_000);

  it('imports every pass through the same checks as a bundle opened by hand: an altered bundle is refused in the same words, once, and changes nothing', async () => {
    const { secretariat, partner } = await threeCopies();
    await secretariat.repos.organisations.create({ name: 'Ampthill & District CVS', kind: 'cvs' });
    const s = await pointed(secretariat);
    const p = await pointed(partner);
    await pass(s);
    const forPartner = (await readdir(shared)).find((name) => name.includes('to Luton CVS'))!;
    const bundle = JSON.parse(await decodeBundleText(await readFile(path.join(shared, forPartner)))) as Bundle;
    const entry = bundle.origins[0]!.runs.at(-1)!.entries.at(-1)!;
    entry.fields = { ...entry.fields, name: 'Altered in transit' };
    const altered = await encodeBundleText(JSON.stringify(bundle), true);
    await writeFile(path.join(shared, forPartner), altered);

    const before = await dumpAllTables(partner.db);
    const byHand = await previewBundle(partner.ctx, altered, forPartner).then(
      () => 'accepted',
      (error: unknown) => refusalOutcome(error).message,
    );
    const first = await pass(p);
    expect(first.refused).toEqual([{ name: forPartner, message: byHand }]);
    expect(byHand).toMatch(/altered since it was made/);
    expect(first.imported).toEqual([]);
    // Not read again while the file stays as it is.
    expect((await pass(p)).refused).toEqual([]);
    // The partner's own bundle for the secretariat was written; nothing else on it changed but that bookkeeping.
    const after = JSON.parse(await dumpAllTables(partner.db)) as Record<string, unknown>;
    const was = JSON.parse(before) as Record<string, unknown>;
    for (const table of Object.keys(was)) if (!['installation', 'syncLedger', 'changeLog'].includes(table)) expect(after[table], table).toEqual(was[table]);
  });

  it('leaves a bundle from a copy not enrolled for a person, and imports it once they have enrolled it', async () => {
    const { partner } = await threeCopies();
    const stranger = await makeCopy('Biggleswade Community Action', 'partner');
    consortium.alsoDelete(stranger);
    await stranger.db.installation.update('self', { consortiumId: (await partner.db.installation.get('self'))!.consortiumId });
    // The stranger has enrolled the partner and writes its bundle for it into the folder.
    await enrolPartner(stranger.ctx, await partner.card());
    const st = await pointed(stranger);
    expect((await pass(st)).written.map((w) => w.recipient)).toEqual(['Luton CVS']);

    const p = await pointed(partner);
    const waiting = await pass(p);
    expect(waiting.unknownSenders).toEqual([{ name: expect.stringContaining('from Biggleswade Community Action to Luton CVS'), sender: expect.objectContaining({ node: stranger.node, name: 'Biggleswade Community Action' }), reason: 'not-enrolled' }]);
    expect(waiting.imported).toEqual([]);
    expect(await partner.db.syncLedger.where('kind').equals('import').count()).toBe(1);
    // Still waiting next pass, until a person compares fingerprints and enrols it; the file is not read again meanwhile.
    const read = vi.spyOn(p.folder, 'read');
    expect((await pass(p)).unknownSenders).toHaveLength(1);
    expect(read).not.toHaveBeenCalled();
    await enrolPartner(partner.ctx, await stranger.card());
    const enrolled = await pass(p);
    expect(enrolled.imported.map((r) => r.sender.name)).toEqual(['Biggleswade Community Action']);
    expect(enrolled.unknownSenders).toEqual([]);
  });

  it('passes over a bundle of another consortium without a word', async () => {
    const { partner } = await threeCopies();
    const worcestershire = await makeFoundedCopy('Worcestershire Infrastructure Consortium', 'secretariat');
    consortium.alsoDelete(worcestershire);
    await enrolPartner(worcestershire.ctx, await partner.card());
    await worcestershire.repos.organisations.create({ name: 'Wychavon CVS', kind: 'cvs' });
    await pass(await pointed(worcestershire));
    expect(await readdir(shared)).toHaveLength(1);
    const before = await partner.db.organisations.count();
    const p = await pointed(partner);
    const seen = await pass(p);
    expect(seen).toMatchObject({ imported: [], waiting: [], refused: [], unknownSenders: [] });
    expect(await partner.db.organisations.count()).toBe(before);
  });

  it('says in words when the folder has gone, keeps it in folderSync, and carries on once it is back', async () => {
    const { secretariat } = await threeCopies();
    const s = await pointed(secretariat);
    await rm(shared, { recursive: true });
    const gone = await pass(s);
    expect(gone.problem).toMatch(/^The shared folder “Consortium bundles” is not there now/);
    expect((await readFolderSync(secretariat.db))?.lastError).toBe(gone.problem);
    await mkdir(shared);
    const back = await pass(s);
    expect(back.problem).toBeUndefined();
    expect(back.written).toHaveLength(2);
    expect((await readFolderSync(secretariat.db))?.lastError).toBeUndefined();
  });
});

describe('the folder’s names', { timeout: 30_000 }, () => {
  it('are as docs/bundle-format.md §12 gives them', async () => {
    const doc = await readFile(new URL('../../../docs/bundle-format.md', import.meta.url), 'utf8');
    const name = folderBundleName({
      consortiumName: 'Bedfordshire & Luton VCS Consortium',
      senderName: 'Luton CVS',
      senderNode: '5f1d9a8e-2c3b-4e7f-8a9b-0c1d2e3f4a5b',
      recipientName: 'VCA South Bedfordshire',
      recipientNode: 'c86e93ef-84c2-4dd0-8e9f-49ebee443bac',
    });
    expect(doc).toContain(`\n${name}\n`);
  });

  it('are those of the layout, so a partner finds its bundle without reading any other', async () => {
    const { secretariat, partner } = await threeCopies();
    await pass(await pointed(secretariat));
    const name = folderBundleName({
      consortiumName: 'Bedfordshire & Luton VCS Consortium',
      senderName: 'VCA South Bedfordshire',
      senderNode: secretariat.node,
      recipientName: 'Luton CVS',
      recipientNode: partner.node,
    });
    expect(await readdir(shared)).toContain(name);
  });
});
