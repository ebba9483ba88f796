/**
 * Loads the rows an import touches. Per table, whichever is cheaper: nothing
 * for an empty table, a scan when the import touches a good share of it, or a
 * fetch by key for a few rows (docs/architecture.md, "Performance": toArray
 * of 100,000 rows takes 0.8 s, bulkGet of 100,000 keys 5.9 s).
 */
import type { QuorumDatabase } from '../database';
import type { StoredRow } from '../../../shared/sync/merge';

/** Fetch by key when touching fewer than one row in this many. */
const SCAN_RATIO = 8;

export async function loadRows(db: QuorumDatabase, keysByTable: Map<string, Set<string>>): Promise<Map<string, Map<string, StoredRow | undefined>>> {
  const rows = new Map<string, Map<string, StoredRow | undefined>>();
  for (const [name, keys] of keysByTable) {
    const table = db.table<StoredRow, string>(name);
    const byId = new Map<string, StoredRow | undefined>();
    rows.set(name, byId);
    const count = await table.count();
    if (count === 0) continue;
    if (keys.size * SCAN_RATIO >= count) {
      for (const row of await table.toArray()) if (keys.has(row.id)) byId.set(row.id, row);
    } else {
      const ids = [...keys];
      const found = await table.bulkGet(ids);
      ids.forEach((id, i) => {
        if (found[i]) byId.set(id, found[i]);
      });
    }
  }
  return rows;
}
