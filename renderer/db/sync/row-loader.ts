/**
 * Loads the rows an import touches. Per table, whichever is cheaper: a scan
 * when the import touches a good share of it (an empty table answers at once),
 * or a fetch by key for a few rows (docs/architecture.md, "Performance": toArray
 * of 100,000 rows takes 0.8 s, bulkGet of 100,000 keys 5.9 s).
 *
 * Deciding needs to know only whether the table holds more than SCAN_RATIO
 * rows per key, so the rows are not counted: a cursor is moved that far
 * (holdsMoreThan), and no further:
 * IndexedDB counts by walking every row (a full count of a 20,000-row table
 * costs 30–300 ms in Chromium, more than the fetch it decides on), and an
 * import of a partner's few hundred changes into a large store would pay that
 * for every table it touches, twice (preview and apply).
 *
 * Moving the cursor costs too (about 3 µs a row, against some 30 µs to fetch a
 * key, bench:sync): for a partner's bundle of a few hundred changes to a table of
 * thousands it cost nearly as much as the fetch. So up to FEW_KEYS keys the
 * cursor goes no further than SMALL_TABLE rows: a table that small is scanned,
 * any other fetched by key. At most FETCH_ALWAYS keys are fetched without asking.
 */
import type { Table } from 'dexie';
import type { QuorumDatabase } from '../database';
import type { ConflictRow, StoredRow } from '../../../shared/sync/merge';

/** Fetch by key when touching fewer than one row in this many. */
const SCAN_RATIO = 8;

/** So few keys are fetched by key whatever the table holds: asking costs a request, as fetching them does. */
const FETCH_ALWAYS = 16;

/** Up to this many keys, a table is scanned only if it holds at most SMALL_TABLE rows. */
const FEW_KEYS = 1000;
const SMALL_TABLE = 256;

/** How far to move the cursor before fetching `keys` by key. */
export function scanLimit(keys: number): number {
  return keys > FEW_KEYS ? keys * SCAN_RATIO : Math.min(keys * SCAN_RATIO, SMALL_TABLE);
}

/**
 * Whether `table` holds more than `atMost` rows: a key cursor moved on
 * `atMost` rows at once (IDBCursor.advance), so the store walks them itself and
 * hands over one key at most, rather than all of them.
 */
async function holdsMoreThan(table: Table<StoredRow, string>, atMost: number): Promise<boolean> {
  return (await table.offset(atMost).limit(1).primaryKeys()).length > 0;
}

export async function loadRows(db: QuorumDatabase, keysByTable: Map<string, Set<string>>): Promise<Map<string, Map<string, StoredRow | undefined>>> {
  const rows = new Map<string, Map<string, StoredRow | undefined>>();
  const loadTable = async (name: string, keys: Set<string>, byId: Map<string, StoredRow | undefined>) => {
    const table = db.table<StoredRow, string>(name);
    if (keys.size > FETCH_ALWAYS && !(await holdsMoreThan(table, scanLimit(keys.size)))) {
      for (const row of await table.toArray()) if (keys.has(row.id)) byId.set(row.id, row);
    } else {
      const ids = [...keys];
      const found = await table.bulkGet(ids);
      ids.forEach((id, i) => {
        if (found[i]) byId.set(id, found[i]);
      });
    }
  };
  // The tables are read together: each read waits on the store, not on the others.
  const loads: Array<Promise<void>> = [];
  for (const [name, keys] of keysByTable) {
    const byId = new Map<string, StoredRow | undefined>();
    rows.set(name, byId);
    loads.push(loadTable(name, keys, byId));
  }
  await Promise.all(loads);
  return rows;
}

/**
 * The stored conflict rows of some records (recordKey, `table/row`) and some
 * conflict ids: never the whole table. A conflict row's id begins with its
 * record's table and row (merge.ts, conflictIdFor), so the primary key finds a
 * record's rows by prefix, in one cursor for all the records; a table holding
 * no more rows than there are records is read whole instead. Rows of other
 * records may come with them (a row id that is a prefix of another): the merge
 * leaves those as they are.
 */
export async function loadConflicts(db: QuorumDatabase, records: Iterable<string>, ids: Iterable<string> = []): Promise<ConflictRow[]> {
  const prefixes = [...new Set([...records].map((key) => `${key}/`))];
  const prefixSet = new Set(prefixes);
  const hasWantedPrefix = (id: string) => {
    for (let i = id.indexOf('/'); i >= 0; i = id.indexOf('/', i + 1)) if (prefixSet.has(id.slice(0, i + 1))) return true;
    return false;
  };
  const wanted = new Set(ids);
  if (prefixes.length === 0 && wanted.size === 0) return [];
  const table = db.conflicts as unknown as Table<ConflictRow, string>;
  const found = new Map<string, ConflictRow>();
  if (!(await holdsMoreThan(table as unknown as Table<StoredRow, string>, prefixes.length + wanted.size))) {
    for (const row of await table.toArray()) if (wanted.has(row.id) || hasWantedPrefix(row.id)) found.set(row.id, row);
    return [...found.values()];
  }
  if (prefixes.length > 0) for (const row of await table.where('id').startsWithAnyOf(prefixes).toArray()) found.set(row.id, row);
  const rest = [...wanted].filter((id) => !found.has(id));
  if (rest.length > 0) for (const row of await table.bulkGet(rest)) if (row) found.set(row.id, row);
  return [...found.values()];
}
