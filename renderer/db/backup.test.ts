/**
 * Backups (docs/backup-format.md): a store holding every kind of record, and every
 * local table, backed up and restored into an empty store with every table
 * identical; the restored copy is a new copy that still syncs; and every kind of bad
 * file is refused in plain words with nothing written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { KINDS } from '../../shared/domain/registry';
import { canonicalJson } from '../../shared/sync/canonical-json';
import { gzip } from '../../shared/sync/bundle-codec';
import type { LogRun } from '../../shared/sync/change';
import { BACKUP_REFUSALS, BackupRefusedError, encodeBackup, lastBackupOf, makeBackup, previewOf, readAllTables, readBackup, recordLastBackup, restoreBackup } from './backup';
import type { QuorumDatabase } from './database';
import { loadExampleConsortium } from './example';
import { openStore, type ReadyStore } from './open';
import { CURRENT_VERSION, declareSchema } from './schema';
import { exportBundle } from './sync/export-bundle';
import { applyBundle, previewBundle } from './sync/import-bundle';
import { enrolPartner, identityCard } from './sync/partners';
import { makeCopy, type TestCopy } from './sync/test-support';

const opened: Array<{ db: Dexie }> = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.db.delete();
});

async function newStore(): Promise<ReadyStore> {
  const result = await openStore(`backup-test-${crypto.randomUUID()}`);
  if (result.status !== 'ready') throw new Error(result.problem.message);
  opened.push(result.store);
  return result.store;
}

const ctxOf = (store: ReadyStore) => ({ db: store.db, clock: store.clock });

/** Every table, each row in primary-key order, as canonical JSON. */
async function dumpTable(db: Dexie, name: string): Promise<string> {
  const table = db.table(name);
  const keys = await table.toCollection().primaryKeys();
  return canonicalJson(keys.map((key, i) => [key, i]).length ? await table.bulkGet(keys as never[]) : []);
}

/** A value with every JSON shape a row holds: text in several scripts and line separators, numbers, nesting, lists, true, false, null. */
const awkward = { text: 'Café “quoted” – ✓ 🧾 עברית \u2028 line\u2029 \\ end', pence: 123456789, ratio: 0.25, nested: { list: [1, 'two', { three: [null, true, false] }] } };

/**
 * The example consortium, loaded as a person loads it, then synced with a partner's
 * copy (enrolments, an export, an import in the ledger) and one row put directly into
 * each table still empty — the kinds the example lacks, conflicts, refusals, deferred
 * changes, drafts — since a backup reads and writes rows without interpreting them.
 */
async function storeWithEverything(): Promise<{ store: ReadyStore; partner: TestCopy }> {
  const store = await newStore();
  await loadExampleConsortium(store);
  const partner = await makeCopy('Partner', 'partner');
  opened.push(partner);
  await enrolPartner(ctxOf(store), await identityCard(partner.ctx));
  await enrolPartner(partner.ctx, await identityCard(ctxOf(store)));
  const toPartner = await exportBundle(ctxOf(store), { recipientNodeId: partner.node, compressed: true });
  await applyBundle(partner.ctx, await previewBundle(partner.ctx, toPartner.bytes, 'to-partner.quorum'));
  const toStore = await exportBundle(partner.ctx, { recipientNodeId: store.installation.nodeId, compressed: true });
  await applyBundle(ctxOf(store), await previewBundle(ctxOf(store), toStore.bytes, 'to-secretariat.quorum'));
  // A change made after the last bundle: not yet sealed until the backup seals it.
  const organisation = (await store.db.organisations.toArray())[0]!;
  await store.repositories.organisations.update(organisation.id, { phone: '01632 960999' });

  const { db } = store;
  const hlc = (await db.changeLog.toArray())[0]!.entries[0]!.hlc;
  for (const kind of Object.values(KINDS)) {
    if ((await db.table(kind.table).count()) > 0) continue;
    await db.table(kind.table).put({ id: `${kind.table}:backup-test`, ...awkward, deleted: false, _clocks: { text: hlc }, _log: [`${hlc}|1`] });
  }
  await db.refusals.put({ id: `${hlc}|1#text`, key: 'votes/v1', table: 'votes', row: 'v1', field: 'text', ref: `${hlc}|1`, node: store.installation.nodeId, seq: 1, hlc, value: awkward, action: 'vote', reason: 'an example' } as never);
  await db.deferred.put({ id: 'futureKind/r1', table: 'futureKind', row: 'r1', refs: [`${hlc}|1`] });
  // This computer's own: the shared folder it syncs through, and its last backup. Not carried over.
  await db.table('installation').put({ key: 'folderSync', folderName: 'Consortium bundles', lastReadAt: '2026-12-01T10:00:00.000Z' });
  await db.drafts.put({ id: `minutes/m1/text`, table: 'minutes', row: 'm1', field: 'text', value: awkward.text, savedAt: '2026-12-01T10:00:00.000Z' });
  for (const table of db.tables) expect(await table.count(), `${table.name} holds a row`).toBeGreaterThan(0);
  return { store, partner };
}

// Each test makes whole stores in fake-indexeddb: slow on a busy machine.
describe('a backup of a copy holding every kind of record', { timeout: 60_000 }, () => {
  it('restores into an empty store with every table identical, as a new copy without the old key', async () => {
    const { store } = await storeWithEverything();
    const backup = await makeBackup(store, { reason: 'on-request', now: new Date('2026-12-02T02:17:54Z') });

    // Sealed before it was read: the backup holds only signed runs of this copy.
    const runs = (await store.db.changeLog.toArray()) as LogRun[];
    expect(runs.every((run) => typeof run.signature === 'string')).toBe(true);

    expect(backup.fileName).toMatch(/^quorum-backup-bedfordshire-luton-.*-2026-12-02-021754\.quorumbackup$/);
    const { header } = backup;
    expect(header).toMatchObject({ format: 'quorum-backup', version: 1, reason: 'on-request', schemaVersion: CURRENT_VERSION, createdAt: '2026-12-02T02:17:54.000Z' });
    expect(header.consortium.name).toMatch(/Bedfordshire & Luton/);
    expect(header.copy.node).toBe(store.installation.nodeId);
    expect(header.copy.organisationName).not.toBe('');
    for (const table of store.db.tables) {
      const expected = table.name === 'installation' ? 1 : await table.count();
      expect(header.tables[table.name], table.name).toBe(expected);
    }
    // The signing key never leaves the copy.
    const text = await readBackup(backup.bytes);
    expect(JSON.stringify(text.tables.installation)).not.toContain('privateKey');

    await recordLastBackup(store.db, backup);
    expect(await lastBackupOf(store.db)).toEqual({ at: header.createdAt, fileName: backup.fileName, bytes: backup.bytes.byteLength });

    const target = await newStore();
    const before = (await target.db.installation.get('self'))!;
    const preview = previewOf(await readBackup(backup.bytes));
    expect(preview.unsignedChanges).toBe(0);
    const restored = await restoreBackup(target, await readBackup(backup.bytes), { fileName: backup.fileName, now: new Date('2026-12-03T09:00:00Z') });

    // Every table identical, but for the installation (below) and one ledger row: the restored copy trusts the copy it was restored from.
    const fromBackup = `enrolment:${store.installation.nodeId}`;
    expect(await target.db.syncLedger.get(fromBackup)).toMatchObject({ kind: 'enrolment', entry: { enrolment: { node: store.installation.nodeId, publicKey: store.installation.publicKey, trust: 'trusted' } } });
    expect(await store.db.syncLedger.get(fromBackup)).toBeUndefined();
    await target.db.syncLedger.delete(fromBackup);
    for (const table of store.db.tables) {
      if (table.name === 'installation') continue;
      expect(await dumpTable(target.db, table.name), table.name).toBe(await dumpTable(store.db, table.name));
    }
    // The installation: the same consortium, organisation and role, under this store's own new identity and key.
    const original = (await store.db.installation.get('self'))!;
    const self = (await target.db.installation.get('self'))!;
    expect(self.nodeId).toBe(before.nodeId);
    expect(self.nodeId).not.toBe(original.nodeId);
    expect(self.publicKey).toBe(before.publicKey);
    // The key is this store's own: it signs what the store's public key verifies.
    const signed = await crypto.subtle.sign('Ed25519', self.privateKey, new Uint8Array([1, 2, 3]));
    const verifier = await crypto.subtle.importKey('raw', Uint8Array.from(atob(before.publicKey), (c) => c.charCodeAt(0)), 'Ed25519', false, ['verify']);
    expect(await crypto.subtle.verify('Ed25519', verifier, signed, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(self.nextSeq).toBe(1);
    expect({ role: self.role, organisationId: self.organisationId, consortiumId: self.consortiumId, founderNode: self.founderNode }).toEqual({
      role: original.role,
      organisationId: original.organisationId,
      consortiumId: original.consortiumId,
      founderNode: original.founderNode,
    });
    expect(self.clock.millis).toBeGreaterThanOrEqual(original.clock.millis);
    expect(restored.restoredFrom).toEqual({
      node: original.nodeId,
      organisationName: header.copy.organisationName,
      backupCreatedAt: header.createdAt,
      restoredAt: '2026-12-03T09:00:00.000Z',
      fileName: backup.fileName,
    });
    // The record of the last backup and the shared folder belong to the computer that made the backup.
    expect(await lastBackupOf(target.db)).toBeUndefined();
    expect(await target.db.table('installation').get('folderSync')).toBeUndefined();
    expect(header.tables.installation).toBe(1);
    // The window's clock moved past the restored changes.
    expect(target.clock.tick() > (runs.flatMap((run) => run.entries).map((entry) => entry.hlc).sort().pop() ?? '')).toBe(true);
  });

  it('leaves a copy that still syncs: a partner that enrols it receives the old copy’s changes it had not had, and it imports the partner’s', async () => {
    const { store, partner } = await storeWithEverything();
    const backup = await makeBackup(store, { reason: 'daily' });
    const target = await newStore();
    await restoreBackup(target, await readBackup(backup.bytes), { fileName: backup.fileName });

    // The restored copy kept its enrolment of the partner; the partner enrols the new copy after comparing fingerprints.
    await enrolPartner(partner.ctx, await identityCard(ctxOf(target)));
    const phone = '01632 960999';
    const changed = (await store.db.organisations.filter((row) => row.phone === phone).toArray())[0]!;
    expect((await partner.db.organisations.get(changed.id))?.phone).not.toBe(phone);
    const fromRestored = await exportBundle(ctxOf(target), { recipientNodeId: partner.node, compressed: true });
    const report = await applyBundle(partner.ctx, await previewBundle(partner.ctx, fromRestored.bytes, 'from-restored.quorum'));
    expect(report.refusedCount).toBe(0);
    expect(report.applied.changes).toBeGreaterThan(0);
    expect((await partner.db.organisations.get(changed.id))?.phone).toBe(phone);

    // And the other way: a bundle from the partner, whose own organisation's telephone it changed, reaches the restored copy.
    const partnerOrg = (await partner.db.installation.get('self'))!.organisationId;
    await partner.db.organisations.update(partnerOrg, { phone: '01632 960123' });
    const toRestored = await exportBundle(partner.ctx, { recipientNodeId: target.installation.nodeId, compressed: true });
    const preview = await previewBundle(ctxOf(target), toRestored.bytes, 'to-restored.quorum');
    const back = await applyBundle(ctxOf(target), preview);
    expect(back.sender.node).toBe(partner.node);
    expect(back.setAside).toEqual([]);
  });

  it('is made on this thread when the backup worker cannot start', async () => {
    const store = await newStore();
    await loadExampleConsortium(store);
    const backup = await makeBackup(store, {
      reason: 'daily',
      worker: () => {
        throw new Error('Module workers are not available here');
      },
    });
    expect((await readBackup(backup.bytes)).header.tables.organisations).toBe(await store.db.organisations.count());
  });

  it('restores a backup of an older store, brought up to date by the same upgrade steps', async () => {
    const name = `backup-test-old-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    declareSchema(old, 6);
    await old.open();
    opened.push({ db: old });
    await old.table('installation').put({ key: 'self', nodeId: 'old-node', publicKey: 'pk', role: 'secretariat', organisationId: 'org-1', consortiumId: 'c1', founderNode: 'old-node', nextSeq: 1, clock: { millis: 1, counter: 0 }, createdAt: '2026-01-01T00:00:00.000Z' });
    await old.table('consortium').put({ id: 'c1', name: 'Old Consortium', _clocks: {}, _log: [] });
    await old.table('organisations').put({ id: 'org-1', name: 'Old CVS', _clocks: {}, _log: [] });
    const backup = await encodeBackup(await readAllTables(old), { schemaVersion: 6, reason: 'before-upgrade' });
    expect(backup.header.schemaVersion).toBe(6);
    expect(backup.fileName).toMatch(/-before-upgrade\.quorumbackup$/);

    const target = await newStore();
    await restoreBackup(target, await readBackup(backup.bytes), { fileName: backup.fileName });
    expect(await target.db.consortium.get('c1')).toMatchObject({ name: 'Old Consortium' });
    expect(await target.db.organisations.get('org-1')).toMatchObject({ name: 'Old CVS' });
    expect((await target.db.installation.get('self'))!.consortiumId).toBe('c1');
  });
});

/** The backup's gzip text, changed by `edit`, packed again. */
async function repacked(bytes: Uint8Array, edit: (text: string) => string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('gzip'));
  const text = await new Response(stream).text();
  return gzip(new TextEncoder().encode(edit(text)));
}

async function refusal(bytes: Uint8Array): Promise<BackupRefusedError> {
  const error = await readBackup(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupRefusedError);
  return error as BackupRefusedError;
}

// Each test makes whole stores in fake-indexeddb: slow on a busy machine.
describe('a damaged or foreign backup is refused in plain words', { timeout: 60_000 }, () => {
  async function smallBackup() {
    const store = await newStore();
    await loadExampleConsortium(store);
    return { store, backup: await makeBackup(store, { reason: 'on-request' }) };
  }

  it('refuses a file that is not a backup, or is a bundle', async () => {
    const { store } = await smallBackup();
    expect((await refusal(new TextEncoder().encode('Minutes of the meeting'))).message).toBe(BACKUP_REFUSALS['not-a-backup']);
    expect((await refusal(await gzip(new TextEncoder().encode('{"hello": "world"}\n{}')))).code).toBe('not-a-backup');
    const bundle = await exportBundle(ctxOf(store), { recipientNodeId: null, compressed: false });
    expect((await refusal(bundle.bytes)).message).toBe(BACKUP_REFUSALS['a-bundle']);
    const compressed = await exportBundle(ctxOf(store), { recipientNodeId: null, compressed: true });
    expect((await refusal(compressed.bytes)).code).toBe('a-bundle');
  });

  it('refuses a backup cut short, wherever it is cut', async () => {
    const { backup } = await smallBackup();
    for (const keep of [0.25, 0.5, 0.9, 0.999]) {
      const cut = backup.bytes.subarray(0, Math.floor(backup.bytes.byteLength * keep));
      expect(['truncated', 'damaged'], `cut at ${keep}`).toContain((await refusal(cut)).code);
    }
    expect((await refusal(backup.bytes.subarray(0, backup.bytes.byteLength - 8))).message).toBe(BACKUP_REFUSALS.truncated);
  });

  it('refuses a backup altered after it was made: a record changed, a header count changed, bytes flipped', async () => {
    const { backup } = await smallBackup();
    const changedRecord = await repacked(backup.bytes, (text) => text.replace('Bedfordshire', 'Bedfordshirf').replace(/("tables":\{.*?)Luton/s, '$1Lutom'));
    expect((await refusal(changedRecord)).message).toBe(BACKUP_REFUSALS.altered);
    const changedCount = await repacked(backup.bytes, (text) => text.replace(/"organisations":(\d+)/, (_, n: string) => `"organisations":${Number(n) + 1}`));
    expect((await refusal(changedCount)).code).toBe('damaged');
    const flipped = new Uint8Array(backup.bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    expect(['damaged', 'altered', 'truncated']).toContain((await refusal(flipped)).code);
  });

  it('refuses a file that unpacks to more than the limit, without unpacking it all', async () => {
    const { backup } = await smallBackup();
    const error = await readBackup(backup.bytes, { limit: 1000 }).catch((e: unknown) => e);
    expect((error as BackupRefusedError).message).toBe(BACKUP_REFUSALS['too-large']);
  });

  it('refuses a backup made by a newer Quorum, of a newer format or a newer store', async () => {
    const { backup } = await smallBackup();
    const newerFormat = await repacked(backup.bytes, (text) => text.replace('"version":1', '"version":2'));
    expect((await refusal(newerFormat)).message).toBe(BACKUP_REFUSALS['newer-version']);
    const newerStore = await repacked(backup.bytes, (text) => text.replace(`"schemaVersion":${CURRENT_VERSION}`, `"schemaVersion":${CURRENT_VERSION + 1}`));
    expect((await refusal(newerStore)).code).toBe('newer-version');
  });

  it('restores all or nothing: a row that cannot be written, in the last table, leaves the new store as it was', async () => {
    const { store } = await smallBackup();
    const tables = await readAllTables(store.db);
    tables.votes = [{ motionId: 'a vote without an id' }];
    const broken = await encodeBackup(tables, { schemaVersion: CURRENT_VERSION, reason: 'on-request' });
    const target = await newStore();
    const dump = async (db: QuorumDatabase) => Promise.all(db.tables.map((table) => dumpTable(db, table.name)));
    const before = await dump(target.db);
    await expect(restoreBackup(target, await readBackup(broken.bytes), { fileName: broken.fileName })).rejects.toThrow();
    expect(await dump(target.db)).toEqual(before);
    expect(await target.db.consortium.count()).toBe(0);
  });

  it('refuses, in a store that has joined a consortium, a backup of another', async () => {
    const { backup } = await smallBackup();
    const target = await newStore();
    await target.db.installation.update('self', { consortiumId: 'another-consortium' });
    const error = await restoreBackup(target, await readBackup(backup.bytes), { fileName: 'x' }).catch((e: unknown) => e);
    expect((error as BackupRefusedError).code).toBe('other-consortium');
    expect((error as BackupRefusedError).message).toMatch(/^This is a backup of Bedfordshire & Luton .*, not of this copy’s consortium\. Nothing has been changed\.$/);
    expect(await target.db.consortium.count()).toBe(0);
  });

  it('restores into a store that holds records never: refused, and nothing in it changes', async () => {
    const { store, backup } = await smallBackup();
    const other = await newStore();
    await loadExampleConsortium(other);
    const dump = async (db: QuorumDatabase) => Promise.all(db.tables.map((table) => dumpTable(db, table.name)));
    const before = await dump(other.db);
    const error = await restoreBackup(other, await readBackup(backup.bytes), { fileName: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupRefusedError);
    expect((error as BackupRefusedError).message).toBe(BACKUP_REFUSALS['not-empty']);
    expect(await dump(other.db)).toEqual(before);
    expect(store).toBeTruthy();
  });
});
