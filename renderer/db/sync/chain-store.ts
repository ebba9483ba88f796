/**
 * Reading the change log as chains: what this copy holds from each origin (the
 * head of each chain), and this copy's own runs that have not yet been given
 * their dependencies. Reads one row per origin, never the whole log: a
 * secretariat's log after ten years holds hundreds of thousands of changes.
 */
import Dexie from 'dexie';
import type { QuorumDatabase } from '../database';
import type { ChainRun, Dependencies } from '../../../shared/sync/run-seal';
import { NO_HEAD, type ChainHead } from '../../../shared/sync/chain';

function chainRange(db: QuorumDatabase, node: string, fromSeq: number = Dexie.minKey as number) {
  return db.changeLog.where('[node+firstSeq]').between([node, fromSeq], [node, Dexie.maxKey], true, true);
}

export function headOf(run: ChainRun | undefined): ChainHead {
  if (!run) return NO_HEAD;
  return { lastSeq: run.lastSeq, hash: run.hash ?? '', lastHlc: run.entries[run.entries.length - 1]?.hlc ?? '' };
}

/** The last run held from one origin. */
export async function lastRunOf(db: QuorumDatabase, node: string): Promise<ChainRun | undefined> {
  return chainRange(db, node).last();
}

/** Every origin in the log. */
export async function originsInLog(db: QuorumDatabase): Promise<string[]> {
  return (await db.changeLog.orderBy('node').uniqueKeys()) as string[];
}

/** The head of every chain in the log. */
export async function chainHeads(db: QuorumDatabase): Promise<Map<string, ChainHead>> {
  const heads = new Map<string, ChainHead>();
  const origins = await originsInLog(db);
  // One read per origin, made together (each returns a whole run, up to 1,000 changes).
  const runs = await Promise.all(origins.map((node) => lastRunOf(db, node)));
  origins.forEach((node, i) => heads.set(node, headOf(runs[i])));
  return heads;
}

/** What this copy has applied from every other origin: the dependencies of changes made now. */
export function dependenciesFrom(heads: Map<string, ChainHead>, self: string): Dependencies {
  const deps: Dependencies = {};
  for (const node of [...heads.keys()].sort()) {
    const head = heads.get(node)!;
    if (node !== self && head.lastHlc !== '') deps[node] = head.lastHlc;
  }
  return deps;
}

/** This copy's runs written since the last import or export (no `deps` yet), oldest first. */
export async function untaggedLocalRuns(db: QuorumDatabase, self: string): Promise<ChainRun[]> {
  const newestFirst = await chainRange(db, self)
    .reverse()
    .until((run: ChainRun) => run.deps !== undefined)
    .toArray();
  return newestFirst.reverse();
}

/** This copy's runs given dependencies but not yet sealed, oldest first, and the last sealed run before them. */
export async function unsealedLocalRuns(db: QuorumDatabase, self: string): Promise<{ unsealed: ChainRun[]; lastSealed: ChainRun | undefined }> {
  const newestFirst: ChainRun[] = [];
  let lastSealed: ChainRun | undefined;
  await chainRange(db, self)
    .reverse()
    .until((run: ChainRun) => {
      if (run.hash) lastSealed = run;
      return run.hash !== undefined && run.hash !== '';
    }, true)
    .each((run: ChainRun) => {
      if (!run.hash) newestFirst.push(run);
    });
  return { unsealed: newestFirst.reverse(), lastSealed };
}

/** Runs of one origin starting at or after `fromSeq` (and before `beforeSeq`, if given), in order. */
export async function runsFrom(db: QuorumDatabase, node: string, fromSeq: number, beforeSeq?: number): Promise<ChainRun[]> {
  if (beforeSeq === undefined) return chainRange(db, node, fromSeq).toArray();
  if (beforeSeq <= fromSeq) return [];
  return db.changeLog.where('[node+firstSeq]').between([node, fromSeq], [node, beforeSeq], true, false).toArray();
}
