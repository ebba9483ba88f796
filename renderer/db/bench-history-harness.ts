/**
 * The history benchmark's page side (scripts/bench-history.mjs): a store
 * whose log holds 300,000 entries in packed runs of 1,000 (as sealing leaves
 * them), from three copies over ten years, with every row's `_log`, written
 * straight with bulkPut (DEFAULT_SHAPE says what the entries write); then one organisation's History (the organisation
 * and its named representative, as its page asks) read the new way, through
 * the rows' `_log` (history.ts changesToRecords), and the old way, by
 * scanning the whole log. Not used by the app.
 */
import { QuorumDatabase } from './database';
import { changeHistory, changesToRecords, type LoggedChange } from './history';
import { formatTimestamp } from '../../shared/sync/hlc';
import { insertLogRef, logRef, parseLogRef, type ChangeEntry, type FieldValue, type LogRun, type SyncedTable } from '../../shared/sync/change';

export interface StoreShape {
  entries: number;
  runSize: number;
  organisations: number;
  /**
   * Sittings in which an organisation's record is edited over the ten years
   * (joining, annual reviews, new contacts), each of 1 to `changesPerSitting`
   * saves a few entries apart; the same for its representative. The first
   * change makes the record.
   */
  sittingsPerOrganisation: number;
  sittingsPerRepresentative: number;
  changesPerSitting: number;
  /** Organisations edited the worst way instead: this many changes each (and 15 to the representative), every one at a random moment of its own. */
  scattered: number;
  scatteredChanges: number;
  /** Entries that write a long minutes text, and its length. */
  minutesTexts: number;
  minutesTextBytes: number;
}

export const DEFAULT_SHAPE: StoreShape = {
  entries: 300_000,
  runSize: 1000,
  organisations: 40,
  sittingsPerOrganisation: 15,
  sittingsPerRepresentative: 5,
  changesPerSitting: 5,
  scattered: 5,
  scatteredChanges: 50,
  minutesTexts: 3000,
  minutesTextBytes: 8000,
};

/** The default shape for a log of `entries` (a smaller log for a quick run: the long texts scale with it). */
export function shapeFor(entries: number): StoreShape {
  return { ...DEFAULT_SHAPE, entries, minutesTexts: Math.round((DEFAULT_SHAPE.minutesTexts * entries) / DEFAULT_SHAPE.entries) };
}

/** Other kinds of record the log is mostly about, and how many of each. */
const BULK: Array<[SyncedTable, number]> = [
  ['attendance', 10_000],
  ['votes', 10_000],
  ['agendaItems', 4000],
  ['actions', 3000],
  ['minutes', 2000],
  ['partnerClaims', 2000],
];

/** A seeded generator (mulberry32), so every run builds the same store. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(next: () => number): string {
  const hex = () => Math.floor(next() * 16).toString(16);
  return 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, hex);
}

export async function buildStore(name: string, shape: StoreShape = DEFAULT_SHAPE) {
  const started = performance.now();
  const next = random(42);
  const nodes = [uuid(next), uuid(next), uuid(next)];
  const organisations = Array.from({ length: shape.organisations }, (_, i) => ({ org: uuid(next), rep: uuid(next), name: `Member organisation ${i + 1}` }));
  const bulkRows: Array<{ table: SyncedTable; id: string }> = [];
  for (const [table, count] of BULK) for (let i = 0; i < count; i++) bulkRows.push({ table, id: uuid(next) });
  const minutesRows = bulkRows.filter((r) => r.table === 'minutes');

  // What each position of the log writes: most go to the bulk rows; each organisation's changes, its representative's and the long texts at random positions.
  type Slot = { kind: 'org' | 'rep' | 'text'; index: number; first: boolean };
  const slots = new Map<number, Slot>();
  const place = (slot: Slot) => {
    for (;;) {
      const at = Math.floor(next() * shape.entries);
      if (!slots.has(at)) return void slots.set(at, slot);
    }
  };
  /** One sitting: 1 to changesPerSitting saves, each 1 to 40 entries after the last. */
  const sitting = (kind: 'org' | 'rep', index: number) => {
    const count = 1 + Math.floor(next() * shape.changesPerSitting);
    let at = Math.floor(next() * (shape.entries - 40 * count));
    for (let k = 0; k < count; k++) {
      while (slots.has(at)) at++;
      slots.set(at, { kind, index, first: false });
      at += 1 + Math.floor(next() * 40);
    }
  };
  organisations.forEach((_, index) => {
    if (index < shape.scattered) {
      for (let k = 0; k < shape.scatteredChanges; k++) place({ kind: 'org', index, first: false });
      for (let k = 0; k < 15; k++) place({ kind: 'rep', index, first: false });
      return;
    }
    for (let k = 0; k < shape.sittingsPerOrganisation; k++) sitting('org', index);
    for (let k = 0; k < shape.sittingsPerRepresentative; k++) sitting('rep', index);
  });
  for (let k = 0; k < shape.minutesTexts; k++) place({ kind: 'text', index: Math.floor(next() * minutesRows.length), first: false });
  // The earliest change to each organisation and representative makes it.
  const seen = new Set<string>();
  for (const at of [...slots.keys()].sort((a, b) => a - b)) {
    const slot = slots.get(at)!;
    if (slot.kind === 'text') continue;
    const key = `${slot.kind}${slot.index}`;
    if (!seen.has(key)) {
      seen.add(key);
      slot.first = true;
    }
  }
  const text = 'The consortium agreed the minutes of the last meeting as a true record. '.repeat(Math.ceil(shape.minutesTextBytes / 72)).slice(0, shape.minutesTextBytes);

  const start = Date.parse('2016-04-01T09:00:00Z');
  const step = Math.floor((10 * 365 * 24 * 3600 * 1000) / shape.entries);
  const seqs = nodes.map(() => 1);
  const runs: LogRun[] = [];
  const logs = new Map<string, string[]>();
  const values = new Map<string, Record<string, FieldValue>>();
  const note = (table: string, id: string, entry: ChangeEntry) => {
    const key = `${table}/${id}`;
    let list = logs.get(key);
    if (!list) logs.set(key, (list = []));
    insertLogRef(list, logRef(entry));
    values.set(key, { ...(values.get(key) ?? {}), ...entry.fields });
  };
  for (let r = 0, position = 0; position < shape.entries; r++) {
    const n = r % nodes.length;
    const node = nodes[n]!;
    const entries: ChangeEntry[] = [];
    for (let i = 0; i < shape.runSize && position < shape.entries; i++, position++) {
      const hlc = formatTimestamp(start + position * step, 0, node);
      const seq = seqs[n]!++;
      const slot = slots.get(position);
      let table: SyncedTable;
      let row: string;
      let fields: Record<string, FieldValue>;
      if (slot?.kind === 'org') {
        const o = organisations[slot.index]!;
        table = 'organisations';
        row = o.org;
        fields = slot.first
          ? { name: o.name, kind: 'cvs', status: 'member', joinedOn: '2016-04-01', resignedOn: '', address: '1 High Street, Bedford', email: 'info@example.org', phone: '01234 000000', website: '', servicesProvided: [0, 1, 2] }
          : next() < 0.5
            ? { phone: `01234 ${String(position).padStart(6, '0')}` }
            : { address: `${position} High Street, Bedford MK40 1AA` };
      } else if (slot?.kind === 'rep') {
        const o = organisations[slot.index]!;
        table = 'representatives';
        row = o.rep;
        fields = slot.first
          ? { organisationId: o.org, name: `Representative ${slot.index + 1}`, jobTitle: 'Chief Officer', kind: 'representative', email: 'rep@example.org', phone: '' }
          : { email: `rep${position}@example.org` };
      } else if (slot?.kind === 'text') {
        table = 'minutes';
        row = minutesRows[slot.index]!.id;
        fields = { text };
      } else {
        const target = bulkRows[Math.floor(next() * bulkRows.length)]!;
        table = target.table;
        row = target.id;
        fields = { note: `Change ${position}`, status: next() < 0.5 ? 'open' : 'done' };
      }
      const entry: ChangeEntry = { seq, hlc, table, row, fields };
      entries.push(entry);
      note(table, row, entry);
    }
    runs.push({ node, firstSeq: entries[0]!.seq, lastSeq: entries[entries.length - 1]!.seq, entries, prevHash: '', hash: 'x'.repeat(64), signature: 'x'.repeat(88) });
  }

  const db = new QuorumDatabase(name);
  await db.open();
  for (let i = 0; i < runs.length; i += 20) await db.changeLog.bulkPut(runs.slice(i, i + 20));
  const byTable = new Map<string, Array<Record<string, unknown>>>();
  for (const [key, refs] of logs) {
    const slash = key.indexOf('/');
    const table = key.slice(0, slash);
    const id = key.slice(slash + 1);
    const clocks: Record<string, string> = {};
    for (const field of Object.keys(values.get(key)!)) clocks[field] = parseLogRef(refs[refs.length - 1]!).hlc;
    let list = byTable.get(table);
    if (!list) byTable.set(table, (list = []));
    list.push({ ...values.get(key), id, _clocks: clocks, _log: refs });
  }
  for (const [table, rows] of byTable) for (let i = 0; i < rows.length; i += 5000) await db.table(table).bulkPut(rows.slice(i, i + 5000));
  db.close();
  return {
    organisations: organisations.map((o, index) => ({ org: o.org, rep: o.rep, scattered: index < shape.scattered, changes: (logs.get(`organisations/${o.org}`)?.length ?? 0) + (logs.get(`representatives/${o.rep}`)?.length ?? 0), runs: runsHolding([...(logs.get(`organisations/${o.org}`) ?? []), ...(logs.get(`representatives/${o.rep}`) ?? [])], shape.runSize) })),
    entries: shape.entries,
    runs: runs.length,
    rows: [...byTable.values()].reduce((n, rows) => n + rows.length, 0),
    buildMs: Math.round(performance.now() - started),
  };
}

/** How many runs of `runSize` the references fall in (runs are cut every runSize entries per copy here). */
function runsHolding(refs: string[], runSize: number): number {
  return new Set(refs.map((ref) => {
    const { node, seq } = parseLogRef(ref);
    return `${node}|${Math.floor((seq - 1) / runSize)}`;
  })).size;
}

function recordsOf(org: string, rep: string) {
  return [
    { table: 'organisations' as const, row: org },
    { table: 'representatives' as const, row: rep },
  ];
}

/**
 * One organisation's History as its page reads it now, through the rows'
 * `_log`: the newest `limit` changes (what the page shows when History is
 * opened: 30), or every change (after "Show older changes").
 */
export async function timeRecordHistory(name: string, org: string, rep: string, limit?: number) {
  const db = new QuorumDatabase(name);
  await db.open();
  const reads = { runs: 0, ms: 0 };
  const bulkGet = db.changeLog.bulkGet.bind(db.changeLog);
  db.changeLog.bulkGet = (async (keys: Parameters<typeof bulkGet>[0]) => {
    reads.runs += keys.length;
    const t = performance.now();
    const runs = await bulkGet(keys);
    reads.ms += performance.now() - t;
    return runs;
  }) as typeof db.changeLog.bulkGet;
  const t0 = performance.now();
  const history = await changesToRecords(db, recordsOf(org, rep), limit === undefined ? {} : { limit });
  const ms = performance.now() - t0;
  db.close();
  return { ms, changes: history.changes.length, total: history.total, runsRead: reads.runs, readingRunsMs: reads.ms };
}

/** The same History the old way: the whole log read and sorted, the records' changes picked out, each detailed. */
export async function timeWholeLog(name: string, org: string, rep: string) {
  const db = new QuorumDatabase(name);
  await db.open();
  const t0 = performance.now();
  const all = await changeHistory(db);
  const mine = all.changes.filter((c: LoggedChange) => c.row === org || c.row === rep);
  const detailed = mine.map((c) => all.detail(c));
  const ms = performance.now() - t0;
  db.close();
  return { ms, changes: detailed.length };
}
