import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuorumDatabase } from '../database';
import { groupOf, loadConflicts, loadRows, scanLimit } from './row-loader';
import { newRecordId } from '../../../shared/domain/ids';
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

  // Seventeen keys (more than are fetched without asking): a scan up to 8 rows a key, a fetch by key beyond; either way the same rows.
  const seventeen = Array.from({ length: 17 }, (_, i) => `m${String(i * 3).padStart(4, '0')}`);
  for (const [count, scans] of [
    [17 * 8, true],
    [17 * 8 + 1, false],
  ] as const) {
    it(`${scans ? 'scans' : 'fetches by key from'} a table of ${count} rows for 17 keys, without counting the whole table`, async () => {
      const db = await storeWith(count);
      const table = Object.getPrototypeOf(db.minutes) as object;
      const scan = vi.spyOn(table as { toArray: () => unknown }, 'toArray');
      const fetch = vi.spyOn(table as { bulkGet: () => unknown }, 'bulkGet');
      const counted = vi.spyOn(table as { count: () => unknown }, 'count');
      const rows = await loadRows(db, new Map([['minutes', new Set(seventeen)]]));
      expect([...rows.get('minutes')!.keys()].sort()).toEqual(seventeen);
      expect(rows.get('minutes')!.get('m0003')).toMatchObject({ id: 'm0003', text: 'Minute 3' });
      expect(scan).toHaveBeenCalledTimes(scans ? 1 : 0);
      expect(fetch).toHaveBeenCalledTimes(scans ? 0 : 1);
      expect(counted).not.toHaveBeenCalled();
    });
  }

  it('fetches a few keys by key without first asking how many rows the table holds, even from a small table', async () => {
    const db = await storeWith(3);
    const table = Object.getPrototypeOf(db.minutes) as object;
    const scan = vi.spyOn(table as { toArray: () => unknown }, 'toArray');
    const asked = vi.spyOn(table as { offset: () => unknown }, 'offset');
    const fetch = vi.spyOn(table as { bulkGet: () => unknown }, 'bulkGet');
    const rows = await loadRows(db, new Map([['minutes', new Set(['m0001', 'gone'])]]));
    expect([...rows.get('minutes')!.keys()]).toEqual(['m0001']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(scan).not.toHaveBeenCalled();
    expect(asked).not.toHaveBeenCalled();
  });

  it('scans a table for a few hundred keys only when it is small: moving the cursor further would cost about as much as the fetch', async () => {
    expect(scanLimit(17)).toBe(136);
    expect(scanLimit(500)).toBe(256);
    expect(scanLimit(1000)).toBe(256);
    expect(scanLimit(1001)).toBe(8008);
    const db = await storeWith(300);
    const table = Object.getPrototypeOf(db.minutes) as object;
    const scan = vi.spyOn(table as { toArray: () => unknown }, 'toArray');
    const fetch = vi.spyOn(table as { bulkGet: () => unknown }, 'bulkGet');
    const forty = Array.from({ length: 40 }, (_, i) => `m${String(i * 7).padStart(4, '0')}`);
    const rows = await loadRows(db, new Map([['minutes', new Set(forty)]]));
    expect([...rows.get('minutes')!.keys()].sort()).toEqual(forty);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(scan).not.toHaveBeenCalled();
  });

  it('leaves out keys not stored, and fetches by key when the table holds more than eight rows per key', async () => {
    const db = await storeWith(17 * 8 + 1);
    const fetch = vi.spyOn(Object.getPrototypeOf(db.minutes) as { bulkGet: () => unknown }, 'bulkGet');
    const keys = [...seventeen.slice(0, 16), 'gone'];
    const rows = await loadRows(db, new Map([['minutes', new Set(keys)]]));
    expect([...rows.get('minutes')!.keys()].sort()).toEqual(seventeen.slice(0, 16));
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('loadRows, for ids made at about the same time (shared/domain/ids.ts)', () => {
  const HOUR = 3_600_000;
  const start = Date.UTC(2026, 10, 2, 9);

  async function storeOfIds(ids: string[]): Promise<QuorumDatabase> {
    const db = new QuorumDatabase(`row-loader-ids-${crypto.randomUUID()}`);
    dbs.push(db);
    await db.minutes.bulkPut(ids.map((id, i) => ({ id, meetingId: 'x', agendaItemId: '', text: `Minute ${i}`, _clocks: {} })) as never[]);
    return db;
  }

  it('asks once for a group of new ids, and fetches only those the store holds, with the ids that sort apart', async () => {
    const older = Array.from({ length: 400 }, (_, i) => newRecordId(start - (i + 1) * 24 * HOUR));
    const fresh = Array.from({ length: 50 }, (_, i) => newRecordId(start + i * 1000));
    const db = await storeOfIds([...older, fresh[10]!, fresh[20]!]);
    const fetch = vi.spyOn(Object.getPrototypeOf(db.minutes) as { bulkGet: (keys: string[]) => unknown }, 'bulkGet');
    const rows = await loadRows(db, new Map([['minutes', new Set([...fresh, older[5]!, older[300]!, 'gone'])]]));
    const held = [fresh[10]!, fresh[20]!, older[5]!, older[300]!].sort();
    expect([...rows.get('minutes')!.keys()].sort()).toEqual(held);
    expect(rows.get('minutes')!.get(fresh[20]!)).toMatchObject({ id: fresh[20], text: 'Minute 401' });
    expect(fetch).toHaveBeenCalledTimes(1);
    // Not the 48 new ids the store does not hold: only the ones in its range that it does, and the ones that sort apart.
    expect([...fetch.mock.calls[0]![0]].sort()).toEqual([...held, 'gone'].sort());
  });

  it('fetches every id of a group whose range the store crowds with other records, and still finds exactly those it holds', async () => {
    const made = Array.from({ length: 220 }, (_, i) => newRecordId(start + i * 10));
    const wanted = made.filter((_, i) => i % 11 === 0);
    const db = await storeOfIds(made.filter((id, i) => !wanted.includes(id) || i % 44 === 0));
    const fetch = vi.spyOn(Object.getPrototypeOf(db.minutes) as { bulkGet: (keys: string[]) => unknown }, 'bulkGet');
    const rows = await loadRows(db, new Map([['minutes', new Set(wanted)]]));
    expect([...rows.get('minutes')!.keys()].sort()).toEqual(made.filter((_, i) => i % 44 === 0).sort());
    expect([...fetch.mock.calls[0]![0]].sort()).toEqual([...wanted].sort());
  });

  it('reads in one request the range of a group whose records the store holds (records made together and changed together), with no fetch by key', async () => {
    const made = Array.from({ length: 60 }, (_, i) => newRecordId(start + i * 1000));
    // The store holds the first 40, a record of someone else's made among them, and enough others that it is not scanned.
    const other = newRecordId(start + 20_500);
    const older = Array.from({ length: 300 }, (_, i) => newRecordId(start - (i + 1) * 24 * HOUR));
    const db = await storeOfIds([...made.slice(0, 40), other, ...older]);
    const fetch = vi.spyOn(Object.getPrototypeOf(db.minutes) as { bulkGet: (keys: string[]) => unknown }, 'bulkGet');
    const wanted = made.filter((_, i) => i % 2 === 0);
    const rows = await loadRows(db, new Map([['minutes', new Set(wanted)]]));
    expect([...rows.get('minutes')!.keys()].sort()).toEqual(wanted.filter((id) => made.indexOf(id) < 40).sort());
    expect(rows.get('minutes')!.get(made[4]!)).toMatchObject({ id: made[4], text: 'Minute 4' });
    expect(rows.get('minutes')!.has(other)).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fetches by key the ids of a group the store holds among many other records of the range, rather than read them all', async () => {
    const made = Array.from({ length: 100 }, (_, i) => newRecordId(start + i * 1000));
    const wanted = made.filter((_, i) => i % 5 === 0);
    // The store holds 40 records of the range (fewer than the probe's limit, 2 per wanted id and 16), 8 of them wanted: one in five;
    // and enough others that it is not scanned.
    const older = Array.from({ length: 200 }, (_, i) => newRecordId(start - (i + 1) * 24 * HOUR));
    const db = await storeOfIds([...made.slice(0, 40), ...older]);
    const fetch = vi.spyOn(Object.getPrototypeOf(db.minutes) as { bulkGet: (keys: string[]) => unknown }, 'bulkGet');
    const rows = await loadRows(db, new Map([['minutes', new Set(wanted)]]));
    const held = wanted.filter((id) => made.indexOf(id) < 40).sort();
    expect(held).toHaveLength(8);
    expect([...rows.get('minutes')!.keys()].sort()).toEqual(held);
    expect([...fetch.mock.calls[0]![0]].sort()).toEqual(held);
  });

  it('asks once, by a wider range, for ids made days apart that are each alone in their group (apologies for meetings a day apart)', async () => {
    const organisation = 'org-bedford';
    const attendanceOf = (meeting: string) => `attendance:${meeting}:${organisation}`;
    // Forty meetings a day apart, each far from the others in its group of 4.7 hours, all within one wider group of about 50 days.
    const base = Math.ceil(Date.UTC(2026, 9, 1) / 2 ** 32) * 2 ** 32; // the start of a wider group, in the autumn of 2026
    const meetings = Array.from({ length: 40 }, (_, i) => newRecordId(base + i * 24 * HOUR + 1));
    const wanted = meetings.map(attendanceOf);
    expect(new Set(wanted.map((id) => groupOf(id))).size).toBe(40);
    expect(new Set(wanted.map((id) => groupOf(id, 4))).size).toBe(1);
    // The store holds two of them, and many records of other meetings long before, so it is neither scanned nor crowded in the range.
    const older = Array.from({ length: 300 }, (_, i) => attendanceOf(newRecordId(base - (i + 60) * 24 * HOUR)));
    const db = await storeOfIds([wanted[3]!, wanted[30]!, ...older]);
    const fetch = vi.spyOn(Object.getPrototypeOf(db.minutes) as { bulkGet: (keys: string[]) => unknown }, 'bulkGet');
    const rows = await loadRows(db, new Map([['minutes', new Set([...wanted, older[7]!])]]));
    expect([...rows.get('minutes')!.keys()].sort()).toEqual([wanted[3]!, wanted[30]!, older[7]!].sort());
    expect(fetch).toHaveBeenCalledTimes(1);
    // Not the 38 the store does not hold: only the two it does, and the one far apart.
    expect([...fetch.mock.calls[0]![0]].sort()).toEqual([wanted[3]!, wanted[30]!, older[7]!].sort());
  });

  it('groups a one-per-something id by what follows its kind, and any other by its first digits', () => {
    expect(groupOf('attendance:0190abcd-1234-7000-8000-000000000000:org')).toBe('attendance:0190ab');
    expect(groupOf('0190abcd-1234-7000-8000-000000000000')).toBe('0190ab');
    expect(groupOf('m1')).toBe('m1');
    expect(groupOf('attendance:0190abcd-1234-7000-8000-000000000000:org', 4)).toBe('attendance:0190');
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
