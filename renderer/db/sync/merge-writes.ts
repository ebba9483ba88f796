/**
 * Writing what a merge decided besides the rows themselves: records that no
 * longer exist once folded again, derived conflicts and refusals, and the
 * deferred references of changes this version does not know (merge.ts). Run
 * inside the caller's transaction.
 */
import type { QuorumDatabase } from '../database';
import type { Merge } from '../../../shared/sync/merge';

export async function writeMergeBookkeeping(db: QuorumDatabase, merge: Merge, options: { replaceDeferred?: readonly string[] } = {}): Promise<void> {
  for (const [table, ids] of merge.rowsToRemove()) await db.table(table).bulkDelete(ids);
  const conflicts = merge.conflictWrites();
  await db.conflicts.bulkPut(conflicts.put as never[]);
  await db.conflicts.bulkDelete(conflicts.remove);
  const refusals = merge.refusalWrites();
  await db.refusals.bulkDelete(refusals.remove);
  await db.refusals.bulkPut(refusals.put);
  // Deferred references folded again are replaced by what is still unknown; new ones are added to what is stored.
  if (options.replaceDeferred) await db.deferred.bulkDelete([...options.replaceDeferred]);
  const deferredRows = merge.deferredRows();
  if (deferredRows.length === 0) return;
  const stored = await db.deferred.bulkGet(deferredRows.map((row) => row.id));
  await db.deferred.bulkPut(deferredRows.map((row, i) => ({ ...row, refs: [...new Set([...(stored[i]?.refs ?? []), ...row.refs])].sort() })));
}
