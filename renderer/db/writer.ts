/**
 * The one path by which rows of synced tables change (docs/architecture.md,
 * "How a write flows"). In a single Dexie transaction it judges each change
 * by the rules every copy applies on import (shared/sync/authority.ts: this
 * copy's roles in force now, the record's owner and state), writes the rows,
 * stamps each changed field with a fresh HLC timestamp, appends the change
 * entries to this node's log as one packed run, records each change's
 * reference on its row (`_log`), and moves the installation's sequence number
 * and clock on. If any part fails, or any change is refused, none of it is
 * written.
 *
 * Repeated saves of the same record collapse: when the newest entry of this
 * copy's log is still unsealed and untagged (no bundle or import has seen it)
 * and wrote the same record's fields, a save that rewrites all of them replaces
 * that entry (same number, new clock) instead of adding one. So a text saved
 * again and again logs one change until it leaves the copy.
 */
import { insertLogRef, logRef, type ChangeEntry, type FieldValue, type SyncedRow, type SyncedTable } from '../../shared/sync/change';
import type { HybridLogicalClock } from '../../shared/sync/hlc';
import { actorAt, judge } from '../../shared/sync/authority';
import { resolveGrants } from '../../shared/sync/roles';
import type { QuorumDatabase } from './database';
import { NotAuthorisedError } from './not-authorised';
import { authorityTables, loadAuthority } from './authority';
import type { ChainRun } from '../../shared/sync/run-seal';
import { beyondLimits } from '../../shared/sync/bundle-format';

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

/** A change larger than partners accept in a bundle: nothing is saved. */
export class TooLargeToShareError extends Error {
  override name = 'TooLargeToShareError';
  constructor(readonly detail: string) {
    super(`This is too large to share with the consortium's other copies (${detail.replace(/^it has /, '')}), so nothing was saved. Shorten it, or split it into parts.`);
  }
}

const BOOKKEEPING = new Set(['id', '_clocks', '_log']);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The row as written. A conflict row keeps no `_log`: conflict rows are derived
 * on every copy, and the merge that derives them everywhere else keeps none.
 */
function rowOf(table: SyncedTable, existing: (SyncedRow & Record<string, unknown>) | undefined, changed: Record<string, FieldValue>, id: string, clocks: Record<string, string>, refs: string[]) {
  const row = { ...(existing ?? {}), ...changed, id, _clocks: clocks };
  return table === 'conflicts' ? row : { ...row, _log: refs };
}

/** Writes rows and their change records atomically. Returns the entries logged (none if nothing changed). */
export async function recordChanges(ctx: WriteContext, writes: RowWrite[]): Promise<ChangeEntry[]> {
  const { db, clock } = ctx;
  const tables = [...new Set(writes.map((w) => w.table))].map((t) => db.table(t));
  return db.transaction('rw', [...tables, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const installation = await db.installation.get('self');
    if (!installation) throw new InstallationMissingError('This installation has not been set up');
    const authority = await loadAuthority(db, installation);
    // The grants the authority was resolved from, and those this call writes: a grant is judged with all of them (roles.ts).
    const grants = [...(authority.grantCandidates ?? [])];
    let seq = installation.nextSeq;
    const entries: ChangeEntry[] = [];
    const lastRun = (await db.changeLog.where('[node+firstSeq]').between([installation.nodeId, 0], [installation.nodeId, Infinity]).last()) as ChainRun | undefined;
    let collapse: { run: ChainRun; entry: ChangeEntry } | undefined;
    if (lastRun && !lastRun.hash && lastRun.deps === undefined && lastRun.entries.length > 0) collapse = { run: lastRun, entry: lastRun.entries[lastRun.entries.length - 1]! };

    for (const write of writes) {
      const table = db.table<SyncedRow & Record<string, unknown>, string>(write.table);
      const existing = await table.get(write.row);
      const changed: Record<string, FieldValue> = {};
      for (const field of Object.keys(write.fields)) {
        const value = write.fields[field];
        if (BOOKKEEPING.has(field) || value === undefined) continue;
        if (existing && Object.hasOwn(existing, field) && sameValue(existing[field], value)) continue;
        changed[field] = value;
      }
      if (Object.keys(changed).length === 0) continue;
      // Partners read bundles within limits (docs/bundle-format.md, "Limits"): a change beyond them would be refused by all of them, for ever.
      const beyond = beyondLimits(changed);
      if (beyond) throw new TooLargeToShareError(beyond);
      const hlc = clock.tick();
      const actor = actorAt(authority.timeline, installation.nodeId, hlc);
      for (const field of Object.keys(changed)) {
        const verdict = judge({ table: write.table, row: write.row, field, value: changed[field], entryFields: changed, before: existing, actor, consortiumId: authority.consortiumId });
        if (verdict.kind === 'refused') throw new NotAuthorisedError(verdict.refusal);
        if (verdict.kind === 'unknown') throw new NotAuthorisedError({ action: `write “${field}” on a ${write.table} record`, reason: 'this version of Quorum does not know that field' });
      }
      if (write.table === 'roleGrants') {
        const candidate = { id: write.row, hlc, values: { ...(existing ?? {}), ...changed } as never };
        const resolution = resolveGrants(authority.timeline.founder, [...grants, candidate], new Map(), authority.grantRules);
        if (resolution.accepted.get(write.row)?.hlc !== hlc) {
          throw new NotAuthorisedError({ action: 'grant a role', reason: resolution.refused.find((r) => r.candidate.hlc === hlc)?.reason ?? 'the role is already granted' });
        }
        grants.push(candidate);
      }
      const clocks = { ...(existing?._clocks ?? {}) };
      for (const field of Object.keys(changed)) clocks[field] = hlc;
      const refs = [...(existing?._log ?? [])];
      if (!existing && write.table !== 'conflicts' && write.table !== 'roleGrants') {
        // A record created here may already hold changes refused before it existed: its history keeps them, as
        // every copy's merge of the same changes does (merge.ts, `unheld`).
        for (const refusal of await db.refusals.where('key').equals(`${write.table}/${write.row}`).toArray()) insertLogRef(refs, refusal.ref);
      }
      const previous = collapse?.entry;
      const replaces =
        previous !== undefined &&
        entries.length === 0 &&
        previous.table === write.table &&
        previous.row === write.row &&
        Object.keys(previous.fields).every((field) => Object.hasOwn(changed, field));
      if (replaces) {
        const entry: ChangeEntry = { seq: previous.seq, hlc, table: write.table, row: write.row, fields: changed };
        const at = refs.indexOf(logRef(previous));
        if (at >= 0) refs.splice(at, 1);
        insertLogRef(refs, logRef(entry));
        await table.put(rowOf(write.table, existing, changed, write.row, clocks, refs));
        const run = collapse!.run;
        await db.changeLog.put({ ...run, entries: [...run.entries.slice(0, -1), entry] });
        collapse = undefined;
        entries.push(entry);
        continue;
      }
      collapse = undefined;
      const entry: ChangeEntry = { seq: seq++, hlc, table: write.table, row: write.row, fields: changed };
      insertLogRef(refs, logRef(entry));
      await table.put(rowOf(write.table, existing, changed, write.row, clocks, refs));
      entries.push(entry);
    }
    const appended = entries.filter((entry) => entry.seq >= installation.nextSeq);
    if (entries.length === 0) return entries;
    if (appended.length > 0) await db.changeLog.add({ node: installation.nodeId, firstSeq: appended[0]!.seq, lastSeq: seq - 1, entries: appended });
    await db.installation.update('self', { nextSeq: seq, clock: clock.snapshot() });
    return entries;
  });
}
