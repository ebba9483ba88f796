/**
 * Applying changes kept for a newer version (docs/architecture.md): a change
 * to a kind of record or a field this version did not know was kept in the log,
 * forwarded, and noted as deferred on its record (merge.ts). Once this copy is
 * updated and knows it, opening the store folds those records again from all
 * their changes, judged as every copy judges them; what is still unknown stays
 * deferred.
 */
import { isSyncedTable } from '../../../shared/sync/change';
import { Merge, type ConflictRow } from '../../../shared/sync/merge';
import { SYNCED_TABLES } from '../../../shared/sync/change';
import type { QuorumDatabase } from '../database';
import type { WriteContext } from '../writer';
import { loadAuthority } from '../authority';
import { installationOf } from './identity';
import { refoldLateRecords } from './import-plan';
import { writeMergeBookkeeping } from './merge-writes';

/** Folds again every record holding deferred changes of kinds this version knows. Returns how many records were folded. */
export async function applyDeferred(ctx: WriteContext): Promise<number> {
  const { db } = ctx;
  const pending = (await db.deferred.toArray()).filter((row) => isSyncedTable(row.table));
  if (pending.length === 0) return 0;
  return db.transaction('rw', [...SYNCED_TABLES.map((t) => db.table(t)), db.changeLog, db.installation, db.refusals, db.deferred], async () => {
    const installation = await installationOf(db);
    const merge = new Merge(new Map(), (await db.conflicts.toArray()) as unknown as ConflictRow[], await loadAuthority(db, installation));
    for (const row of pending) merge.markForRefold(row.table, row.row);
    await refoldLateRecords(db, merge, [], [], {}, async () => {});
    for (const [table, rows] of merge.rowsToWrite()) await db.table(table).bulkPut(rows);
    await writeMergeBookkeeping(db, merge, { replaceDeferred: pending.map((row) => row.id) });
    return pending.length;
  });
}

export type { QuorumDatabase };
