import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuorumDatabase } from '../database';
import { loadConflicts, loadRows } from './row-loader';
import { conflictIdFor } from '../../../shared/sync/merge';

const dbs: QuorumDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  vi.restoreAllMocks();
});

async function storeWith(count: number): Promise<QuorumDatabase> {
  const db = new QuorumDatabase(`row-loader-${crypto.randomUUID()}`);
  dbs.push(db);
  await db.minutes.bulkPut(Array.from({ length: count }, (_, i) => ({ id: `m${String(i).padStart(4, '0')}`, meetingId: 'x', agendaItemId: '', text: `Minute ${i}`, _clocks: {} })) as never[]);
  return db;
}

describe('loadRows', () => {
  it('reads nothing from an empty table', async () => {
    const db = await storeWith(0);
    const rows = await loadRows(db, new Map([['minutes', new Set(['m0001'])]]));
    expect([...rows.get('minutes')!]).toEqual([]);
  });

  // One key: a scan up to 8 rows, a fetch by key beyond; either way the same row.
  for (const [count, scans] of [
    [8, true],
    [9, false],
  ] as const) {
    it(`${scans ? 'scans' : 'fetches by key from'} a table of ${count} rows for one key, without counting the whole table`, async () => {
      const db = await storeWith(count);
      const table = Object.getPrototypeOf(db.minutes) as object;
      const scan = vi.spyOn(table as { toArray: () => unknown }, 'toArray');
      const fetch = vi.spyOn(table as { bulkGet: () => unknown }, 'bulkGet');
      const counted = vi.spyOn(table as { count: () => unknown }, 'count');
      const rows = await loadRows(db, new Map([['minutes', new Set(['m0003'])]]));
      expect([...rows.get('minutes')!.keys()]).toEqual(['m0003']);
      expect(rows.get('minutes')!.get('m0003')).toMatchObject({ id: 'm0003', text: 'Minute 3' });
      expect(scan).toHaveBeenCalledTimes(scans ? 1 : 0);
      expect(fetch).toHaveBeenCalledTimes(scans ? 0 : 1);
      expect(counted).not.toHaveBeenCalled();
    });
  }

  it('leaves out keys not stored, and fetches by key when the table holds more than eight rows per key', async () => {
    const db = await storeWith(40);
    const fetch = vi.spyOn(Object.getPrototypeOf(db.minutes) as { bulkGet: () => unknown }, 'bulkGet');
    const rows = await loadRows(db, new Map([['minutes', new Set(['m0010', 'm0039', 'gone'])]]));
    expect([...rows.get('minutes')!.keys()].sort()).toEqual(['m0010', 'm0039']);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('loadConflicts', () => {
  async function storeOfConflicts(rows: string[]): Promise<QuorumDatabase> {
    const db = new QuorumDatabase(`conflict-loader-${crypto.randomUUID()}`);
    dbs.push(db);
    await db.conflicts.bulkPut(rows.map((row, i) => ({ id: conflictIdFor('organisations', row, 'name', `h${i}`), _clocks: {}, table: 'organisations', row, field: 'name', losingHlc: `h${i}` })) as never[]);
    return db;
  }

  for (const size of [3, 30]) {
    it(`reads the conflict rows of the records asked for and the ids asked for, from ${size} rows${size > 3 ? ' by the primary key' : ', reading them all'}`, async () => {
      const db = await storeOfConflicts(Array.from({ length: size }, (_, i) => `r${i}`));
      const scan = vi.spyOn(Object.getPrototypeOf(db.conflicts) as { toArray: () => unknown }, 'toArray');
      const found = await loadConflicts(db, ['organisations/r1', 'organisations/absent'], [conflictIdFor('organisations', 'r2', 'name', 'h2'), 'gone']);
      expect(found.map((row) => row.id).sort()).toEqual([conflictIdFor('organisations', 'r1', 'name', 'h1'), conflictIdFor('organisations', 'r2', 'name', 'h2')]);
      expect(scan).toHaveBeenCalledTimes(size > 3 ? 0 : 1);
    });
  }

  it('reads nothing when asked for nothing', async () => {
    const db = await storeOfConflicts(['r1']);
    expect(await loadConflicts(db, [], [])).toEqual([]);
  });
});
