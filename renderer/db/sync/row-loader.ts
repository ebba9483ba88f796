/**
 * Loads the rows an import touches. Per table, whichever is cheaper: nothing
 * for an empty table, a scan when the import touches a good share of it, or a
 * fetch by key for a few rows (docs/architecture.md, "Performance": toArray
 * of 100,000 rows takes 0.8 s, bulkGet of 100,000 keys 5.9 s).
 *
 * Deciding needs to know only whether the table holds more than SCAN_RATIO
 * rows per key, so the rows are counted up to that many and no further:
 * IndexedDB counts by walking every row (a full count of a 20,000-row table
 * costs 30–300 ms in Chromium, more than the fetch it decides on), and an
 * import of a partner's few hundred changes into a large store would pay that
 * for every table it touches, twice (preview and apply).
 */
import type { Table } from 'dexie';
import type { QuorumDatabase } from '../database';
import type { StoredRow } from '../../../shared/sync/merge';

/** Fetch by key when touching fewer than one row in this many. */
const SCAN_RATIO = 8;

/** The number of rows in `table` when it is at most `atMost`; otherwise a number above `atMost`. */
async function countUpTo(table: Table<StoredRow, string>, atMost: number): Promise<number> {
  return (await table.limit(atMost + 1).primaryKeys()).length;
}

export async function loadRows(db: QuorumDatabase, keysByTable: Map<string, Set<string>>): Promise<Map<string, Map<string, StoredRow | undefined>>> {
  const rows = new Map<string, Map<string, StoredRow | undefined>>();
  for (const [name, keys] of keysByTable) {
    const table = db.table<StoredRow, string>(name);
    const byId = new Map<string, StoredRow | undefined>();
    rows.set(name, byId);
    const scanUpTo = keys.size * SCAN_RATIO;
    const count = await countUpTo(table, scanUpTo);
    if (count === 0) continue;
    if (count <= scanUpTo) {
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
