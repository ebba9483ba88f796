import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { QuorumDatabase } from './database';
import { CURRENT_VERSION, SCHEMA_V1 } from './schema';

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
    expect(await db.imports.count()).toBe(0); // the table added by version 2 exists
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
