/**
 * The one path by which rows of synced tables change. In a single Dexie
 * transaction it writes the rows, stamps each changed field with a fresh HLC
 * timestamp, appends the change entries to this node's log as one packed run,
 * and moves the installation's sequence number and clock on. If any part fails,
 * none of it is written. A change this copy's role has no authority for (the
 * rules every copy applies on import) is refused before anything is written.
 */
import type { ChangeEntry, FieldValue, SyncedRow, SyncedTable } from '../../shared/sync/change';
import type { HybridLogicalClock } from '../../shared/sync/hlc';
import { refusalFor } from '../../shared/sync/authority';
import type { QuorumDatabase } from './database';
import { NotAuthorisedError } from './not-authorised';

export interface WriteContext {
  db: QuorumDatabase;
  clock: HybridLogicalClock;
}

export interface RowWrite {
  table: SyncedTable;
  row: string;
  /** The fields to set; fields not named keep their values. */
  fields: Record<string, FieldValue>;
}

export class InstallationMissingError extends Error {
  override name = 'InstallationMissingError';
}

const BOOKKEEPING = new Set(['id', '_clocks']);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Writes rows and their change records atomically. Returns the entries logged (none if nothing changed). */
export async function recordChanges(ctx: WriteContext, writes: RowWrite[]): Promise<ChangeEntry[]> {
  const { db, clock } = ctx;
  const tables = [...new Set(writes.map((w) => w.table))].map((t) => db.table(t));
  return db.transaction('rw', [...tables, db.changeLog, db.installation], async () => {
    const installation = await db.installation.get('self');
    if (!installation) throw new InstallationMissingError('This installation has not been set up');
    let seq = installation.nextSeq;
    const entries: ChangeEntry[] = [];
    for (const write of writes) {
      const table = db.table<SyncedRow & Record<string, unknown>, string>(write.table);
      const existing = await table.get(write.row);
      const changed: Record<string, FieldValue> = {};
      for (const [field, value] of Object.entries(write.fields)) {
        if (BOOKKEEPING.has(field) || value === undefined) continue;
        if (existing && sameValue(existing[field], value)) continue;
        changed[field] = value;
      }
      if (Object.keys(changed).length === 0) continue;
      for (const [field, value] of Object.entries(changed)) {
        const refusal = refusalFor(installation.role || undefined, write.table, field, value);
        if (refusal) throw new NotAuthorisedError(installation.role || undefined, refusal);
      }
      const hlc = clock.tick();
      const clocks = { ...(existing?._clocks ?? {}) };
      for (const field of Object.keys(changed)) clocks[field] = hlc;
      await table.put({ ...(existing ?? {}), ...changed, id: write.row, _clocks: clocks });
      entries.push({ seq: seq++, hlc, table: write.table, row: write.row, fields: changed });
    }
    if (entries.length === 0) return entries;
    await db.changeLog.add({ node: installation.nodeId, firstSeq: entries[0]!.seq, lastSeq: seq - 1, entries });
    await db.installation.update('self', { nextSeq: seq, clock: clock.snapshot() });
    return entries;
  });
}
