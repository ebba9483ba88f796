/**
 * The installation's private key is a non-extractable CryptoKey kept in the
 * installation row; a row from an older Quorum holding it as a base64 PKCS#8
 * string is rewritten once, when the store is opened (renderer/db/installation.ts).
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { QuorumDatabase, type InstallationRecord, type LegacyInstallationRecord } from './database';
import { ensureInstallation } from './installation';
import { openStore } from './open';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } from './schema';
import { fromBase64, toBase64 } from '../../shared/sync/keys';
import { KeyRing, checkRun, digestOf, sealRun } from '../../shared/sync/run-seal';
import type { ChangeEntry } from '../../shared/sync/change';

const names: string[] = [];
function freshName(prefix: string) {
  const name = `${prefix}-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A key pair as Quorum made it before: both halves exported, the private one as base64 PKCS#8. */
async function legacyKeys(): Promise<{ publicKey: string; privateKey: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return {
    publicKey: toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))),
    privateKey: toBase64(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey))),
  };
}

/** A store as an older Quorum left it, at schema version `version`, with a string private key. */
async function olderStore(name: string, version: 1 | 4, keys: { publicKey: string; privateKey: string }): Promise<LegacyInstallationRecord> {
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  if (version === 4) {
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    old.version(4).stores(SCHEMA_V4);
  }
  await old.open();
  const row: LegacyInstallationRecord = {
    key: 'self',
    nodeId: crypto.randomUUID(),
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    role: 'secretariat',
    organisationId: 'org-1',
    nextSeq: 3,
    clock: { millis: 1_700_000_000_000, counter: 2 },
    createdAt: '2026-01-05T09:00:00.000Z',
  };
  await old.table('installation').add(row);
  old.close();
  return row;
}

/** The installation row as it is on disk, read by a connection of its own. */
async function storedRow(name: string): Promise<Record<string, unknown>> {
  const db = new Dexie(name);
  await db.open();
  try {
    return (await db.table('installation').get('self')) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

function entriesFor(node: string, from: number): ChangeEntry[] {
  return [{ seq: from, hlc: `2026-11-22T10:00:00.000Z-0000-${node}`, table: 'organisations', row: 'o1', fields: { name: `Name ${from}` } } as ChangeEntry];
}

function expectUnexportable(key: unknown) {
  expect(key).toBeInstanceOf(CryptoKey);
  const cryptoKey = key as CryptoKey;
  expect(cryptoKey.extractable).toBe(false);
  expect(cryptoKey.type).toBe('private');
  expect(cryptoKey.algorithm.name).toBe('Ed25519');
  expect(cryptoKey.usages).toEqual(['sign']);
}

describe('the signing key', () => {
  it('is made non-extractable on first run, and stays so in the store', async () => {
    const name = freshName('key-new');
    const opened = await openStore(name);
    if (opened.status !== 'ready') throw new Error('the store did not open');
    const { installation, db } = opened.store;
    expectUnexportable(installation.privateKey);
    await expect(crypto.subtle.exportKey('pkcs8', installation.privateKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', installation.privateKey)).rejects.toThrow();
    expect(fromBase64(installation.publicKey)).toHaveLength(32);
    db.close();

    // What IndexedDB gives back is a CryptoKey still, not extractable, and it signs for the stored public key.
    const row = await storedRow(name);
    expectUnexportable(row.privateKey);
    await expect(crypto.subtle.exportKey('pkcs8', row.privateKey as CryptoKey)).rejects.toThrow();
    const keys = new KeyRing();
    const digest = await digestOf({ hello: 'Bedfordshire' });
    const signature = await keys.sign(row.privateKey as CryptoKey, digest);
    expect(await keys.verify(installation.publicKey, signature, digest)).toBe(true);
  });

  it('held as a string by a version 4 store becomes a non-extractable CryptoKey when the store opens, same public key and node id', async () => {
    const name = freshName('key-v4');
    const old = await legacyKeys();
    const before = await olderStore(name, 4, old);

    // A run signed with the old key, as the older Quorum signed it.
    const keys = new KeyRing();
    const oldSigner = await crypto.subtle.importKey('pkcs8', fromBase64(old.privateKey), { name: 'Ed25519' }, false, ['sign']);
    const signedBefore = await sealRun({ node: before.nodeId, firstSeq: 1, lastSeq: 1, entries: entriesFor(before.nodeId, 1), deps: {} }, '', oldSigner, keys);

    const opened = await openStore(name);
    if (opened.status !== 'ready') throw new Error(`the store did not open: ${opened.problem.message}`);
    const { installation, db } = opened.store;
    expectUnexportable(installation.privateKey);
    expect(installation.nodeId).toBe(before.nodeId);
    expect(installation.publicKey).toBe(old.publicKey);
    expect(installation.nextSeq).toBe(before.nextSeq);
    expect(installation.clock).toEqual(before.clock);
    db.close();

    const row = await storedRow(name);
    expectUnexportable(row.privateKey);
    // Every other field as it was (a later schema upgrade may add fields of its own).
    const { privateKey: _legacyKey, ...unchanged } = before;
    expect(row).toMatchObject(unchanged);
    expect(JSON.stringify(row)).not.toContain(old.privateKey);

    // A run signed after the migration chains on and verifies with the old public key, as does the one before.
    const signedAfter = await sealRun(
      { node: before.nodeId, firstSeq: 2, lastSeq: 2, entries: entriesFor(before.nodeId, 2), deps: {} },
      signedBefore.hash,
      row.privateKey as CryptoKey,
      keys,
    );
    expect(await checkRun(signedBefore, old.publicKey, keys)).toBe('ok');
    expect(await checkRun(signedAfter, old.publicKey, keys)).toBe('ok');

    // Opening again changes nothing more.
    const again = await openStore(name);
    if (again.status !== 'ready') throw new Error('the store did not open again');
    expectUnexportable(again.store.installation.privateKey);
    expect(again.store.installation.publicKey).toBe(old.publicKey);
    again.store.db.close();
  });

  it('held as a string by a version 1 store is migrated after the schema upgrade, in the same opening', async () => {
    const name = freshName('key-v1');
    const old = await legacyKeys();
    const before = await olderStore(name, 1, old);
    const opened = await openStore(name);
    if (opened.status !== 'ready') throw new Error(`the store did not open: ${opened.problem.message}`);
    expectUnexportable(opened.store.installation.privateKey);
    expect(opened.store.installation.nodeId).toBe(before.nodeId);
    opened.store.db.close();
    expectUnexportable((await storedRow(name)).privateKey);
  });

  it('is migrated once when two windows open the same older store together', async () => {
    const name = freshName('key-race');
    const old = await legacyKeys();
    await olderStore(name, 4, old);
    const a = new QuorumDatabase(name);
    const b = new QuorumDatabase(name);
    const [fromA, fromB] = await Promise.all([ensureInstallation(a), ensureInstallation(b)]);
    for (const installation of [fromA, fromB] as InstallationRecord[]) {
      expectUnexportable(installation.privateKey);
      expect(installation.publicKey).toBe(old.publicKey);
    }
    a.close();
    b.close();
    expectUnexportable((await storedRow(name)).privateKey);
  });

  it('that is not a valid key refuses to open as damaged, and the row is left as it was', async () => {
    const name = freshName('key-bad');
    const old = await legacyKeys();
    await olderStore(name, 4, { publicKey: old.publicKey, privateKey: toBase64(new Uint8Array([1, 2, 3, 4])) });
    const opened = await openStore(name);
    expect(opened.status).toBe('problem');
    if (opened.status === 'problem') expect(opened.problem.kind).toBe('corrupt-or-foreign');
    expect((await storedRow(name)).privateKey).toBe(toBase64(new Uint8Array([1, 2, 3, 4])));
  });
});
