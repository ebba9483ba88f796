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

/**
 * Hex digits of time that the ids of one group share: a UUIDv7 begins with
 * its time in milliseconds (shared/domain/ids.ts), so six digits make groups of
 * 2^24 ms, about 4.7 hours.
 */
const TIME_DIGITS = 6;

/**
 * Hex digits the ids of a wider group share, for ids left alone in their group:
 * four make groups of 2^32 ms, about 50 days. A partner's apologies for
 * meetings a day or a week apart (`attendance:<meeting>:<organisation>`) fall in
 * different groups of TIME_DIGITS but the same wider one; for meetings a month
 * apart, fewer than MIN_GROUP share one, and they are fetched by key. Records
 * made far apart in a busy table crowd the wider range, and cost one probe of
 * at most 2n+16 keys before they are fetched by key.
 */
const WIDE_TIME_DIGITS = 4;

/** A group of at least this many keys is asked for by range; smaller ones are fetched by key. */
const MIN_GROUP = 4;

/** Up to this many keys of the store's per key of a group are read before the group is fetched by key instead. */
const KEYS_PER_WANTED = 2;
const KEYS_SLACK = 16;

/** The group of a key: a one-per-something id's kind (`attendance:`) and the first `digits` characters of what follows. */
export function groupOf(key: string, digits = TIME_DIGITS): string {
  const kind = /^[A-Za-z-]{1,32}:/.exec(key);
  return key.slice(0, (kind ? kind[0].length : 0) + digits);
}

/** What to read of a table for some ids: keys to fetch one by one, and ranges of keys to read whole (each in one request). */
interface Reads {
  keys: string[];
  ranges: Array<[lower: string, upper: string]>;
}

/** `ids` by group (groupOf with `digits`). */
function groupsOf(ids: string[], digits: number): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const group = groupOf(id, digits);
    const members = groups.get(group);
    if (members) members.push(id);
    else groups.set(group, [id]);
  }
  return groups;
}

/**
 * Of `ids`, those that may be in the table, and how to read them. Records made
 * at about the same time have ids that sort together, and a bundle's new
 * records were made in the days before it, so their ids fall in a few narrow
 * ranges where the store holds few keys, most often none. For each group of
 * ids (groupOf) of at least MIN_GROUP, the store is asked once for the keys it
 * holds in the group's range, up to a limit; if it holds fewer, only the ids
 * among them are read, and if it holds more (a range crowded with other
 * records), all of the group are fetched. The ids left alone in their group
 * are grouped again, more widely (WIDE_TIME_DIGITS), and asked for the same
 * way; ids that still sort apart (random ones, records made far apart) are
 * fetched by key. When the store holds at least MIN_GROUP of a group's ids
 * (records made together and changed together, a partner's representatives
 * say), the range from the first to the last is read whole, in one request, if
 * it holds no more than KEYS_PER_WANTED keys for each of them. One request per
 * group instead of one per id: the store answers one request at a time.
 */
async function readsOf(table: Table<StoredRow, string>, ids: string[]): Promise<Reads> {
  const keys: string[] = [];
  const ranges: Reads['ranges'] = [];
  const asks: Array<Promise<void>> = [];
  const ask = (members: string[]) => {
    members.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const limit = members.length * KEYS_PER_WANTED + KEYS_SLACK;
    asks.push(
      table
        .where(':id')
        .between(members[0]!, members[members.length - 1]!, true, true)
        .limit(limit)
        .primaryKeys()
        .then((held) => {
          if (held.length >= limit) {
            keys.push(...members);
            return;
          }
          const wanted = new Set(members);
          // The keys come in order: those of the group the store holds, and how many keys lie from the first of them to the last.
          const present = held.filter((key) => wanted.has(key));
          if (present.length === 0) return;
          const span = held.indexOf(present[present.length - 1]!) - held.indexOf(present[0]!) + 1;
          if (present.length >= MIN_GROUP && span <= present.length * KEYS_PER_WANTED) ranges.push([present[0]!, present[present.length - 1]!]);
          else keys.push(...present);
        }),
    );
  };
  const alone: string[] = [];
  for (const members of groupsOf(ids, TIME_DIGITS).values()) {
    if (members.length < MIN_GROUP) alone.push(...members);
    else ask(members);
  }
  for (const members of groupsOf(alone, WIDE_TIME_DIGITS).values()) {
    if (members.length < MIN_GROUP) keys.push(...members);
    else ask(members);
  }
  await Promise.all(asks);
  return { keys, ranges };
}

export async function loadRows(db: QuorumDatabase, keysByTable: Map<string, Set<string>>): Promise<Map<string, Map<string, StoredRow | undefined>>> {
  const rows = new Map<string, Map<string, StoredRow | undefined>>();
  const loadTable = async (name: string, keys: Set<string>, byId: Map<string, StoredRow | undefined>) => {
    const table = db.table<StoredRow, string>(name);
    const ids = [...keys];
    const scanned = keys.size > FETCH_ALWAYS ? holdsMoreThan(table, scanLimit(keys.size)).then((more) => !more) : Promise.resolve(false);
    // Up to FEW_KEYS keys, whether to scan and what to read if not are asked together (neither waits on the other); beyond, the keys
    // are grouped only if the table is not scanned (a large bundle into a new copy scans every table, and grouping 100,000 keys costs tens of ms).
    const none: Reads = { keys: [], ranges: [] };
    const [small, reads] = keys.size <= FEW_KEYS ? await Promise.all([scanned, readsOf(table, ids)]) : await scanned.then(async (scan) => [scan, scan ? none : await readsOf(table, ids)] as const);
    if (small) {
      for (const row of await table.toArray()) if (keys.has(row.id)) byId.set(row.id, row);
      return;
    }
    // Made together: each waits on the store, not on the others.
    const [found, ...inRanges] = await Promise.all([
      reads.keys.length > 0 ? table.bulkGet(reads.keys) : [],
      ...reads.ranges.map(([lower, upper]) => table.where(':id').between(lower, upper, true, true).toArray()),
    ]);
    reads.keys.forEach((id, i) => {
      if (found[i]) byId.set(id, found[i]);
    });
    for (const rows of inRanges) for (const row of rows) if (keys.has(row.id)) byId.set(row.id, row);
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
