/**
 * Before this copy's changes leave it, they are settled and sealed.
 *
 * Settling gives each run written since the last import or export its
 * dependencies (what this copy had received from every other origin when the
 * changes were made: nothing arrives between imports, so that is what it has
 * now) and retires the conflicts those writes supersede (merge.ts). An import
 * settles first too, inside its own transaction, before anything arrives.
 *
 * Sealing then regroups the settled, unsealed runs, which are one per local
 * transaction and often tiny, into runs of up to RUN_SIZE entries (consecutive
 * runs with the same dependencies only), hashes, chains and signs them, and
 * swaps them into the log in one transaction. Nobody outside this copy has
 * seen them yet, so their boundaries are still ours to choose; once sealed a
 * run never changes, so every copy stores it with the same boundaries and hash.
 */
import type { QuorumDatabase } from '../database';
import { Merge, type ConflictRow } from '../../../shared/sync/merge';
import { canonicalJson } from '../../../shared/sync/canonical-json';
import { sealRun, type ChainRun, type KeyRing, type SealedRun } from '../../../shared/sync/run-seal';
import type { ChangeEntry } from '../../../shared/sync/change';
import { chainHeads, dependenciesFrom, unsealedLocalRuns, untaggedLocalRuns } from './chain-store';

/** Entries per sealed run: large enough that a bundle has few runs, small enough that rows stay modest. */
export const RUN_SIZE = 1000;

export class SealingRaceError extends Error {
  override name = 'SealingRaceError';
}

/** Gives this copy's newest runs their dependencies and retires the conflicts they supersede. */
export async function settleLocalRuns(db: QuorumDatabase, self: string): Promise<void> {
  await db.transaction('rw', [db.changeLog, db.conflicts], async () => {
    const untagged = await untaggedLocalRuns(db, self);
    if (untagged.length === 0) return;
    const deps = dependenciesFrom(await chainHeads(db), self);
    const merge = new Merge(new Map(), (await db.conflicts.toArray()) as unknown as ConflictRow[]);
    merge.settleLocalWrites(untagged.flatMap((run) => run.entries));
    const { put, remove } = merge.conflictWrites();
    await db.conflicts.bulkPut(put as never[]);
    await db.conflicts.bulkDelete(remove);
    await db.changeLog.bulkPut(untagged.map((run) => ({ ...run, deps })));
  });
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
 * Safe against another window doing the same: the swap checks the rows it
 * replaces are still the unsealed ones it read, and starts again if not.
 */
export async function sealLocalRuns(db: QuorumDatabase, self: string, privateKey: string, keys: KeyRing): Promise<SealedRun[]> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await settleLocalRuns(db, self);
    const { unsealed, lastSealed } = await unsealedLocalRuns(db, self);
    // Only the settled prefix: runs written after settling wait for the next export.
    const settled: ChainRun[] = [];
    for (const run of unsealed) {
      if (run.deps === undefined) break;
      settled.push(run);
    }
    if (settled.length === 0) return [];
    const sealed: SealedRun[] = [];
    let prevHash = lastSealed?.hash ?? '';
    for (const group of regroup(settled)) {
      const run = await sealRun(group, prevHash, privateKey, keys);
      sealed.push(run);
      prevHash = run.hash;
    }
    try {
      await db.transaction('rw', db.changeLog, async () => {
        const now = await db.changeLog.bulkGet(settled.map((run) => [run.node, run.firstSeq] as [string, number]));
        const unchanged = now.every((run, i) => run !== undefined && !run.hash && run.lastSeq === settled[i]!.lastSeq);
        const last = await db.changeLog.get([self, lastSealed?.firstSeq ?? -1]);
        if (!unchanged || (lastSealed && last?.hash !== lastSealed.hash)) throw new SealingRaceError('The log changed while sealing');
        await db.changeLog.bulkDelete(settled.map((run) => [run.node, run.firstSeq] as [string, number]));
        await db.changeLog.bulkAdd(sealed);
      });
      return sealed;
    } catch (error) {
      if (!(error instanceof SealingRaceError)) throw error;
    }
  }
  throw new SealingRaceError('Could not seal this copy’s changes: another window kept changing them. Try again.');
}
