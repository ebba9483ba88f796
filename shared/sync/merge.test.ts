import { describe, expect, it } from 'vitest';
import { conflictIdFor, Merge, type ConflictRow, type MergeRun, type StoredRow } from './merge';
import type { ChangeEntry } from './change';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const ROW = 'row-1';

function stamp(second: number, node: string, counter = 0): string {
  return `2026-11-22T10:00:${String(second).padStart(2, '0')}.000Z-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;
}
function entry(seq: number, hlc: string, fields: ChangeEntry['fields'], table: ChangeEntry['table'] = 'organisations', row = ROW): ChangeEntry {
  return { seq, hlc, table, row, fields };
}
function run(node: string, entries: ChangeEntry[], deps: Record<string, string> = {}): MergeRun {
  return { node, entries, deps };
}

/** Applies runs in order to an empty store and returns the rows and conflicts as a comparable value. */
function mergeAll(runs: MergeRun[], conflicts: ConflictRow[] = []) {
  const rows = new Map<string, Map<string, StoredRow | undefined>>();
  const merge = new Merge(rows, conflicts);
  for (const r of runs) merge.applyRun(r, 'secretariat');
  const written = Object.fromEntries([...merge.rowsToWrite()].map(([t, list]) => [t, list]));
  const byId = new Map(conflicts.map((c) => [c.id, c]));
  const { put, remove } = merge.conflictWrites();
  for (const c of put) byId.set(c.id, c);
  for (const id of remove) byId.delete(id);
  return { rows: written, conflicts: [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : 1)), merge };
}

describe('merging changes', () => {
  const created = run(A, [entry(1, stamp(1, A), { name: 'Bedford CVS', phone: '' })]);

  it('keeps the later of two concurrent edits on every copy, whatever order they arrive in, and the other as a conflict', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(1, A) });
    const one = mergeAll([created, fromA, fromB]);
    const other = mergeAll([created, fromB, fromA]);
    expect(one.rows).toEqual(other.rows);
    expect(one.conflicts).toEqual(other.conflicts);
    expect(one.rows.organisations?.[0]).toMatchObject({ name: 'Community Action Bedfordshire', _clocks: { name: stamp(7, B), phone: stamp(1, A) } });
    expect(one.conflicts).toEqual([
      {
        id: conflictIdFor('organisations', ROW, 'name', stamp(5, A)),
        _clocks: {},
        table: 'organisations',
        row: ROW,
        field: 'name',
        keptValue: 'Community Action Bedfordshire',
        keptHlc: stamp(7, B),
        losingValue: 'Bedford CVS Ltd',
        losingHlc: stamp(5, A),
        status: 'open',
      },
    ]);
  });

  it('replaces a value without a conflict when the later edit was made with it in view', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(5, A) });
    const { rows, conflicts } = mergeAll([created, fromA, fromB]);
    expect(rows.organisations?.[0]?.name).toBe('Community Action Bedfordshire');
    expect(conflicts).toEqual([]);
  });

  it('breaks a tie at the same millisecond and counter by node id, the same way everywhere', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { phone: '01234 111111' })]);
    const fromB = run(B, [entry(1, stamp(5, B), { phone: '01234 222222' })], { [A]: stamp(1, A) });
    expect(mergeAll([created, fromA, fromB]).rows.organisations?.[0]?.phone).toBe('01234 222222');
    expect(mergeAll([created, fromB, fromA]).rows.organisations?.[0]?.phone).toBe('01234 222222');
  });

  it('marks a conflict between two copies that chose the same value as already resolved', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { phone: '01234 111111' })]);
    const fromB = run(B, [entry(1, stamp(6, B), { phone: '01234 111111' })], { [A]: stamp(1, A) });
    const { conflicts } = mergeAll([created, fromA, fromB]);
    expect(conflicts.map((c) => c.status)).toEqual(['resolved']);
  });

  it('drops a kept conflict once an edit is made with both values in view', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(1, A) });
    const settled = run(A, [entry(3, stamp(9, A), { name: 'CAB' })], { [B]: stamp(7, B) });
    expect(mergeAll([created, fromA, fromB, settled]).conflicts).toEqual([]);
  });

  it('never overwrites a conflict row’s logged fields (a person’s resolution) with computed ones', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(1, A) });
    const id = conflictIdFor('organisations', ROW, 'name', stamp(5, A));
    const resolved: ConflictRow = { id, status: 'resolved', _clocks: { status: stamp(8, B) } };
    const { conflicts } = mergeAll([created, fromA, fromB], [resolved]);
    expect(conflicts[0]).toMatchObject({ id, status: 'resolved', losingValue: 'Bedford CVS Ltd', _clocks: { status: stamp(8, B) } });
  });

  it('refuses a field the origin has no authority for and applies the others', () => {
    const merge = new Merge(new Map(), []);
    merge.applyRun(run(B, [entry(1, stamp(2, B), { status: 'approved', amountPence: 1200 }, 'partnerClaims', 'claim-1')]), 'partner');
    expect(merge.refused.map((r) => r.field)).toEqual(['status']);
    expect(merge.rowsToWrite().get('partnerClaims')?.[0]).toEqual({ id: 'claim-1', amountPence: 1200, _clocks: { amountPence: stamp(2, B) } });
  });
});
