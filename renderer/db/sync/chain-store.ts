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

/**
 * The installation table's row keeping the heads of other copies' chains, as each
 * import wrote them (import-bundle.ts): reading a head from its run reads the whole
 * run, up to 1,000 changes, which Chromium keeps in a file of its own once it is
 * large (tens of milliseconds a run, bench:sync). Only a hint: a head is taken from
 * it only when the last run in the log still starts where it says (another copy's
 * runs are written once, by an import, and never rewritten); this copy's own
 * chain is never kept in it (its last run grows and is sealed in place).
 */
export const HEADS_KEY = 'chainHeads';

export interface KeptHead extends ChainHead {
  firstSeq: number;
}

interface HeadsRow {
  key: typeof HEADS_KEY;
  heads: Record<string, KeptHead>;
}

/** The heads kept by imports (HEADS_KEY), by origin. */
export async function keptHeads(db: QuorumDatabase): Promise<Record<string, KeptHead>> {
  const row = (await db.table('installation').get(HEADS_KEY)) as HeadsRow | undefined;
  return row && typeof row.heads === 'object' && row.heads !== null ? { ...row.heads } : {};
}

/** Keeps the heads of the runs `imported` (other copies' runs an import is writing) beside those kept before. Inside the import's transaction. */
export async function keepHeads(db: QuorumDatabase, imported: readonly ChainRun[], self: string): Promise<void> {
  // An import writes runs beyond every run its origin has in the log: its last run of an origin is that origin's head, whatever was kept.
  const last = new Map<string, ChainRun>();
  for (const run of imported) {
    if (run.node === self || !run.hash) continue;
    const other = last.get(run.node);
    if (!other || run.firstSeq > other.firstSeq) last.set(run.node, run);
  }
  if (last.size === 0) return;
  const heads = await keptHeads(db);
  for (const [node, run] of last) heads[node] = { firstSeq: run.firstSeq, ...headOf(run) };
  await db.table('installation').put({ key: HEADS_KEY, heads } satisfies HeadsRow);
}

/** The head of every chain in the log. */
export async function chainHeads(db: QuorumDatabase): Promise<Map<string, ChainHead>> {
  const heads = new Map<string, ChainHead>();
  const [origins, kept, installation] = await Promise.all([originsInLog(db), keptHeads(db), db.installation.get('self')]);
  // Never this copy's own chain, whatever is kept.
  if (installation) delete kept[installation.nodeId];
  // One read per origin, made together: the key of its last run, and the run itself only if the kept head is not of that run.
  const found = await Promise.all(
    origins.map(async (node) => {
      const hint = Object.hasOwn(kept, node) ? kept[node] : undefined;
      if (hint && typeof hint.firstSeq === 'number') {
        const [lastKey] = (await chainRange(db, node).reverse().limit(1).primaryKeys()) as unknown as Array<[string, number]>;
        if (lastKey && lastKey[1] === hint.firstSeq) return { lastSeq: hint.lastSeq, hash: hint.hash, lastHlc: hint.lastHlc };
      }
      return headOf(await lastRunOf(db, node));
    }),
  );
  origins.forEach((node, i) => heads.set(node, found[i]!));
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
