/**
 * Before this copy's changes leave it, they are settled and sealed.
 *
 * Settling gives each run written since the last import or export its
 * dependencies (what this copy had received from every other origin when the
 * changes were made: nothing arrives between imports, so that is what it has
 * now) and retires the conflicts those writes supersede (merge.ts). An import
 * settles too, inside its own transaction, before anything arrives
 * (import-plan.ts), but does not seal: signing cannot happen in a transaction.
 *
 * Sealing then regroups the settled, unsealed runs, which are one per local
 * transaction and often tiny, into runs of up to RUN_SIZE entries (consecutive
 * runs with the same dependencies only), hashes, chains and signs them, and
 * swaps them into the log in one transaction. Nobody outside this copy has
 * seen them yet, so their boundaries are still ours to choose; once sealed a
 * run never changes, so every copy stores it with the same boundaries and hash.
 */
import type { QuorumDatabase } from '../database';
import { Merge, noAuthority, recordKey } from '../../../shared/sync/merge';
import { canonicalJson } from '../../../shared/sync/canonical-json';
import { sealRun, type ChainRun, type KeyRing, type SealedRun } from '../../../shared/sync/run-seal';
import type { ChangeEntry } from '../../../shared/sync/change';
import { chainHeads, dependenciesFrom, unsealedLocalRuns } from './chain-store';
import { loadConflicts } from './row-loader';

/** Entries per sealed run: large enough that a bundle has few runs, small enough that rows stay modest. */
export const RUN_SIZE = 1000;

/** Log rows per write call: each call copies its rows synchronously, so a few at a time keeps the window responsive. */
export const LOG_WRITE_CHUNK = 5;

export class SealingRaceError extends Error {
  override name = 'SealingRaceError';
}

/** Consecutive runs with the same dependencies, joined and cut into runs of at most RUN_SIZE entries. */
export function regroup(runs: ChainRun[]): Array<{ node: string; firstSeq: number; lastSeq: number; entries: ChangeEntry[]; deps: Record<string, string> }> {
  const groups: Array<{ deps: Record<string, string>; entries: ChangeEntry[] }> = [];
  let depsKey = '';
  for (const run of runs) {
    const key = canonicalJson(run.deps ?? {});
    const last = groups[groups.length - 1];
    if (last && key === depsKey) last.entries.push(...run.entries);
    else groups.push({ deps: run.deps ?? {}, entries: [...run.entries] });
    depsKey = key;
  }
  const out: ReturnType<typeof regroup> = [];
  const node = runs[0]?.node ?? '';
  for (const group of groups) {
    for (let i = 0; i < group.entries.length; i += RUN_SIZE) {
      const entries = group.entries.slice(i, i + RUN_SIZE);
      out.push({ node, firstSeq: entries[0]!.seq, lastSeq: entries[entries.length - 1]!.seq, entries, deps: group.deps });
    }
  }
  return out;
}

/**
 * Settles and seals this copy's unsealed runs. Returns the runs sealed now.
 * Everything is read first and the cryptography done outside any transaction;
 * the swap then checks, in its transaction, that the log's keys are exactly as
 * read (no local write, import or other window's export in between), and starts
 * again if not. The big rows are read once and written once.
 */
export async function sealLocalRuns(db: QuorumDatabase, self: string, privateKey: CryptoKey, keys: KeyRing): Promise<SealedRun[]> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const logKeys = JSON.stringify(await db.changeLog.toCollection().primaryKeys());
    const { unsealed, lastSealed } = await unsealedLocalRuns(db, self);
    if (unsealed.length === 0) return [];
    // Runs written since the last import or export were made with what this copy holds now.
    const deps = dependenciesFrom(await chainHeads(db), self);
    const untagged = unsealed.filter((run) => run.deps === undefined);
    const settled = unsealed.map((run) => (run.deps === undefined ? { ...run, deps } : run));
    // Only the conflict rows of the records these writes touch (row-loader.ts), never the whole table.
    const entries = untagged.flatMap((run) => run.entries);
    const records = [...new Set(entries.filter((entry) => entry.table !== 'conflicts').map((entry) => recordKey(entry.table, entry.row)))];
    const merge = new Merge(new Map(), await loadConflicts(db, records), noAuthority());
    merge.onlyConflictsOf(records);
    merge.settleLocalWrites(entries);
    const conflicts = merge.conflictWrites();

    const sealed: SealedRun[] = [];
    let prevHash = lastSealed?.hash ?? '';
    for (const group of regroup(settled)) {
      const run = await sealRun(group, prevHash, privateKey, keys);
      sealed.push(run);
      prevHash = run.hash;
    }
    try {
      await db.transaction('rw', [db.changeLog, db.conflicts], async () => {
        if (JSON.stringify(await db.changeLog.toCollection().primaryKeys()) !== logKeys) throw new SealingRaceError('The log changed while sealing');
        await db.conflicts.bulkPut(conflicts.put as never[]);
        await db.conflicts.bulkDelete(conflicts.remove);
        await db.changeLog.bulkDelete(unsealed.map((run) => [run.node, run.firstSeq] as [string, number]));
        for (let i = 0; i < sealed.length; i += LOG_WRITE_CHUNK) await db.changeLog.bulkAdd(sealed.slice(i, i + LOG_WRITE_CHUNK));
      });
      return sealed;
    } catch (error) {
      if (!(error instanceof SealingRaceError)) throw error;
    }
  }
  throw new SealingRaceError('Could not seal this copy’s changes: another window kept changing them. Try again.');
}
