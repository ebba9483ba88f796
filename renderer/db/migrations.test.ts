import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { QuorumDatabase } from './database';
import { CURRENT_VERSION, SCHEMA_V1, SCHEMA_V2 } from './schema';
import { readImports } from './sync/ledger';

describe('schema migrations', () => {
  it('upgrades a version 1 database to the current version and keeps every record', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('organisations').bulkAdd([
      { id: 'o1', name: 'Voluntary Action Luton', status: 'member', _clocks: { name: 'x' } },
      { id: 'o2', name: 'Volunteer Centre Bedford', status: 'co-opted', servicesProvided: [0, 2, 3], _clocks: {} },
    ]);
    await v1.table('changeLog').add({ node: 'n1', firstSeq: 1, lastSeq: 1, entries: [{ seq: 1 }] });
    v1.close();

    const db = new QuorumDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const organisations = await db.organisations.orderBy('id').toArray();
    expect(organisations.map((o) => [o.name, o.status, o.servicesProvided])).toEqual([
      ['Voluntary Action Luton', 'member', []],
      ['Volunteer Centre Bedford', 'co-opted', [0, 2, 3]],
    ]);
    expect(await db.changeLog.count()).toBe(1);
    expect(await db.syncLedger.count()).toBe(0); // the table added by version 3 exists
    expect(db.tables.map((t) => t.name)).not.toContain('imports'); // removed by version 4
    await db.delete();
  });

  it('moves a version 2 store’s sync bookkeeping into its own table, every row with its kind, and drops the old table', async () => {
    const name = `migrate-ledger-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const report = { bundleId: 'b1', sender: { node: 'luton', name: 'Luton CVS' }, acknowledgements: { luton: 4 } };
    await v2.table('imports').bulkAdd([
      { id: 'import:2026-11-20T10:00:00.000Z:b1', importedAt: '2026-11-20T10:00:00.000Z', fromNode: 'luton', fileName: 'from-luton.quorum', report },
      { id: 'export:b2', importedAt: '2026-11-21T09:00:00.000Z', fromNode: 'self', fileName: 'to-luton.quorum', report: { kind: 'export', bundleId: 'b2', recipient: 'luton' } },
      { id: 'enrolment:luton', importedAt: '2026-11-19T15:00:00.000Z', fromNode: 'luton', fileName: '', report: { kind: 'enrolment', enrolment: { node: 'luton' } } },
      { id: 'held:bedford:000000000007', importedAt: '2026-11-20T10:00:00.000Z', fromNode: 'bedford', fileName: '', report: { kind: 'held', run: { node: 'bedford', firstSeq: 7 } } },
    ]);
    v2.close();

    const db = new QuorumDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const rows = await db.syncLedger.orderBy('id').toArray();
    expect(rows.map((r) => [r.id, r.kind, r.at, r.node, r.fileName])).toEqual([
      ['enrolment:luton', 'enrolment', '2026-11-19T15:00:00.000Z', 'luton', ''],
      ['export:b2', 'export', '2026-11-21T09:00:00.000Z', 'self', 'to-luton.quorum'],
      ['held:bedford:000000000007', 'held', '2026-11-20T10:00:00.000Z', 'bedford', ''],
      ['import:2026-11-20T10:00:00.000Z:b1', 'import', '2026-11-20T10:00:00.000Z', 'luton', 'from-luton.quorum'],
    ]);
    expect(rows.find((r) => r.kind === 'import')?.entry).toEqual(report);
    // Read back through the ledger as the Sync screen does.
    expect((await readImports(db)).map((r) => r.entry.bundleId)).toEqual(['b1']);
    expect(await db.syncLedger.where('kind').equals('held').count()).toBe(1);
    expect(db.tables.map((t) => t.name)).not.toContain('imports');
    await db.delete();
  });

  it('leaves a version 1 database untouched when its upgrade fails', async () => {
    const name = `migrate-fail-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('organisations').add({ id: 'o1', name: 'Bedford Race Equality Council', _clocks: {} });
    v1.close();

    const broken = new Dexie(name);
    broken.version(1).stores(SCHEMA_V1);
    broken
      .version(2)
      .stores({ imports: 'id' })
      .upgrade(() => {
        throw new Error('upgrade step failed');
      });
    await expect(broken.open()).rejects.toThrow();
    broken.close();

    const reopened = new Dexie(name);
    await reopened.open();
    expect(reopened.verno).toBe(1);
    expect(await reopened.table('organisations').toArray()).toEqual([{ id: 'o1', name: 'Bedford Race Equality Council', _clocks: {} }]);
    reopened.close();
    await Dexie.delete(name);
  });
});
