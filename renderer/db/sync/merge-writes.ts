/**
 * Writing what a merge decided besides the rows themselves: records that no
 * longer exist once folded again, derived conflicts and refusals, and the
 * deferred references of changes this version does not know (merge.ts). Run
 * inside the caller's transaction.
 */
import type { QuorumDatabase } from '../database';
import type { Merge } from '../../../shared/sync/merge';

export async function writeMergeBookkeeping(db: QuorumDatabase, merge: Merge, options: { replaceDeferred?: readonly string[] } = {}): Promise<void> {
  const conflicts = merge.conflictWrites();
  const refusals = merge.refusalWrites();
  const deferredRows = merge.deferredRows();
  // Each table's writes in order; the tables' together (none reads another's). Nothing is asked of the store for an empty list.
  const removals = async () => {
    for (const [table, ids] of merge.rowsToRemove()) if (ids.length > 0) await db.table(table).bulkDelete(ids);
  };
  const conflictWrites = async () => {
    if (conflicts.put.length > 0) await db.conflicts.bulkPut(conflicts.put as never[]);
    if (conflicts.remove.length > 0) await db.conflicts.bulkDelete(conflicts.remove);
  };
  const refusalWrites = async () => {
    if (refusals.remove.length > 0) await db.refusals.bulkDelete(refusals.remove);
    if (refusals.put.length > 0) await db.refusals.bulkPut(refusals.put);
  };
  const deferredWrites = async () => {
    // Deferred references folded again are replaced by what is still unknown; new ones are added to what is stored.
    if (options.replaceDeferred && options.replaceDeferred.length > 0) await db.deferred.bulkDelete([...options.replaceDeferred]);
    if (deferredRows.length === 0) return;
    const stored = await db.deferred.bulkGet(deferredRows.map((row) => row.id));
    await db.deferred.bulkPut(deferredRows.map((row, i) => ({ ...row, refs: [...new Set([...(stored[i]?.refs ?? []), ...row.refs])].sort() })));
  };
  await Promise.all([removals(), conflictWrites(), refusalWrites(), deferredWrites()]);
}
