/**
 * The backup made before a schema upgrade (docs/backup-format.md, "When backups are
 * made"), in the style of migrations.test.ts: a store written at the previous version
 * is opened by this version, which backs it up at that version first, then upgrades
 * it; if the backup cannot be kept, nothing is upgraded.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { generateNodeKeys } from '../../shared/sync/keys';
import { lastBackupOf, previewOf, readBackup, restoreBackup, type MadeBackup } from './backup';
import { inspectOnDisk, openStore } from './open';
import { CURRENT_VERSION, declareSchema } from './schema';

const PREVIOUS = CURRENT_VERSION - 1;

/** A store as the previous version of Quorum left it: an installation with its key, a consortium and an organisation. */
async function previousVersionStore(): Promise<string> {
  const name = `upgrade-backup-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  declareSchema(old, PREVIOUS);
  await old.open();
  const keys = await generateNodeKeys();
  await old.table('installation').put({
    key: 'self',
    nodeId: 'luton-node',
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    role: 'secretariat',
    organisationId: 'org-luton',
    consortiumId: 'c1',
    founderNode: 'luton-node',
    nextSeq: 3,
    clock: { millis: Date.parse('2026-11-01T09:00:00Z'), counter: 0 },
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  await old.table('consortium').put({ id: 'c1', name: 'Bedfordshire & Luton VCS Consortium', _clocks: {}, _log: [] });
  await old.table('organisations').put({ id: 'org-luton', name: 'Voluntary Action Luton', status: 'member', _clocks: {}, _log: [] });
  // Two changes the old version had not sealed yet: no bundle had been made since.
  const hlc = (n: number) => `2026-11-01T09:00:00.00${n}Z-0000-luton-node`;
  await old.table('changeLog').put({ node: 'luton-node', firstSeq: 1, lastSeq: 2, entries: [1, 2].map((seq) => ({ seq, hlc: hlc(seq), table: 'organisations', row: 'org-luton', fields: { name: 'Voluntary Action Luton' } })) });
  old.close();
  return name;
}

// Each test makes whole stores in fake-indexeddb: slow on a busy machine.
describe('the backup before a schema upgrade', { timeout: 60_000 }, () => {
  it(`backs a version ${PREVIOUS} store up at its own version, then upgrades it, and records the backup`, async () => {
    const name = await previousVersionStore();
    const kept: MadeBackup[] = [];
    const result = await openStore(name, {
      now: () => new Date('2026-12-02T08:00:00Z'),
      beforeUpgrade: async (backup) => {
        // The store has not been upgraded when the backup is handed over.
        const onDisk = await inspectOnDisk(indexedDB, name);
        expect(onDisk.exists && onDisk.version).toBe(PREVIOUS * 10);
        kept.push(backup);
        return true;
      },
    });
    if (result.status !== 'ready') throw new Error(`${result.problem.message} ${String(result.problem.cause)}`);
    expect(result.store.db.verno).toBe(CURRENT_VERSION);

    expect(kept).toHaveLength(1);
    const backup = kept[0]!;
    expect(backup.fileName).toBe('quorum-backup-bedfordshire-luton-vcs-consortium-2026-12-02-080000-before-upgrade.quorumbackup');
    const read = await readBackup(backup.bytes);
    expect(read.header).toMatchObject({ reason: 'before-upgrade', schemaVersion: PREVIOUS, consortium: { id: 'c1' }, copy: { node: 'luton-node', organisationName: 'Voluntary Action Luton' } });
    expect(read.tables.organisations).toEqual([{ id: 'org-luton', name: 'Voluntary Action Luton', status: 'member', _clocks: {}, _log: [] }]);
    expect(JSON.stringify(read.tables.installation)).not.toContain('privateKey');
    // Read at the old version, not sealed: the preview says how many changes no copy can sign now.
    expect(previewOf(read)).toMatchObject({ changes: 2, unsignedChanges: 2 });
    expect(await lastBackupOf(result.store.db)).toEqual({ at: '2026-12-02T08:00:00.000Z', fileName: backup.fileName, bytes: backup.bytes.byteLength });

    // And it restores, into a new store of this version.
    const target = await openStore(`upgrade-restore-${crypto.randomUUID()}`);
    if (target.status !== 'ready') throw new Error('target did not open');
    await restoreBackup(target.store, read, { fileName: backup.fileName });
    expect(await target.store.db.organisations.get('org-luton')).toMatchObject({ name: 'Voluntary Action Luton' });
    await result.store.db.delete();
    await target.store.db.delete();
  });

  it('leaves the store at its version, unchanged, when the backup cannot be kept, and says so', async () => {
    for (const keeper of [async () => false, async () => Promise.reject(new Error('The backups folder is on a drive that is not connected.'))]) {
      const name = await previousVersionStore();
      const result = await openStore(name, { beforeUpgrade: keeper });
      expect(result.status).toBe('problem');
      if (result.status !== 'problem') return;
      expect(result.problem.kind).toBe('migration-failed');
      expect(result.problem.message).toMatch(/^Quorum needs to update the way your data is stored, and backs it up first\. The backup could not be made, so your data has been left as it was, not updated\./);
      const onDisk = await inspectOnDisk(indexedDB, name);
      expect(onDisk.exists && onDisk.version).toBe(PREVIOUS * 10);
      await Dexie.delete(name);
    }
  });

  it('makes no backup when there is nothing to upgrade', async () => {
    const name = `upgrade-none-${crypto.randomUUID()}`;
    let asked = 0;
    const keeper = async () => {
      asked += 1;
      return true;
    };
    const first = await openStore(name, { beforeUpgrade: keeper });
    if (first.status !== 'ready') throw new Error('did not open');
    first.store.db.close();
    const again = await openStore(name, { beforeUpgrade: keeper });
    if (again.status !== 'ready') throw new Error('did not open');
    expect(asked).toBe(0);
    await again.store.db.delete();
  });
});
