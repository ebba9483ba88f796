import { afterEach, describe, expect, it } from 'vitest';
import { QuorumDatabase } from '../../db/database';
import { formatTimestamp } from '../../../shared/sync/hlc';
import type { ChangeEntry } from '../../../shared/sync/change';
import { changeKey, changeMoments, type SyncContext } from './service';

const databases: QuorumDatabase[] = [];
afterEach(async () => {
  for (const db of databases.splice(0)) await db.delete();
});

const LUTON = 'node-luton';

function entry(seq: number, at: string): ChangeEntry {
  return { seq, hlc: formatTimestamp(Date.parse(at), 0, LUTON), table: 'organisations', row: 'org-1', fields: { name: `Name ${seq}` } };
}

describe('when a copy’s changes were made, to place “up to change no. N” in time', () => {
  it('gives the moment each change asked for was made, from whichever run holds it, and nothing for a change this copy does not hold', async () => {
    const db = new QuorumDatabase(`change-moments-${crypto.randomUUID()}`);
    databases.push(db);
    await db.changeLog.bulkAdd([
      { node: LUTON, firstSeq: 1, lastSeq: 2, entries: [entry(1, '2026-12-03T14:05:00Z'), entry(2, '2026-12-03T14:06:00Z')] },
      { node: LUTON, firstSeq: 3, lastSeq: 3, entries: [entry(3, '2026-12-04T09:30:00Z')] },
    ]);
    const ctx = { db } as unknown as SyncContext;
    const moments = await changeMoments(ctx, [
      { node: LUTON, seq: 2 },
      { node: LUTON, seq: 3 },
      { node: LUTON, seq: 4 },
      { node: 'node-bedford', seq: 1 },
      { node: LUTON, seq: 0 },
    ]);
    expect(moments.get(changeKey(LUTON, 2))).toBe('2026-12-03T14:06:00.000Z');
    expect(moments.get(changeKey(LUTON, 3))).toBe('2026-12-04T09:30:00.000Z');
    expect(moments.size).toBe(2);
  });
});
