/**
 * Which incoming runs to apply, in which order, and which to hold back.
 *
 * Per origin, runs must continue the chain this copy holds: the next run starts
 * at the next seq and names the hash of the run before it; its first HLC is
 * later than the last one held. Runs at or below what is held are already here
 * (skipped; the caller checks they are identical). A run that overlaps what is
 * held, or links to the wrong hash, is a break: the whole bundle is refused. A
 * run beyond a gap (a seq missing) is held back with every run after it.
 *
 * Across origins, runs are applied in causal order: a run whose dependencies
 * (what its origin had received from others when it wrote them) are not yet
 * here waits, so a write is never applied before a write it replaced. Only
 * dependencies on origins this copy accepts count: changes from others never
 * arrive here, so nothing can wait for them.
 */
import { ChainBreakError } from './bundle-errors';
import type { SealedRun } from './run-seal';

export interface ChainHead {
  /** The last seq held from the origin, 0 for none. */
  lastSeq: number;
  /** Hash of the run ending at lastSeq ('' for none, or for this copy's own unsealed run). */
  hash: string;
  /** HLC of the entry at lastSeq ('' for none). */
  lastHlc: string;
}

export const NO_HEAD: ChainHead = { lastSeq: 0, hash: '', lastHlc: '' };

export interface ChainPlan {
  /** Runs already held here. */
  seen: SealedRun[];
  /** Runs that continue the chain, in order. */
  next: SealedRun[];
  /** Runs beyond a gap, in order. */
  beyondGap: SealedRun[];
  /** The seqs missing before beyondGap[0]. */
  missing?: { from: number; to: number };
}

export function lastHlcOf(run: SealedRun): string {
  return run.entries[run.entries.length - 1]!.hlc;
}

/** Plans one origin's runs (sorted by firstSeq, no two with the same firstSeq) against the head held here. */
export function planChain(originName: string, head: ChainHead, runs: SealedRun[]): ChainPlan {
  const plan: ChainPlan = { seen: [], next: [], beyondGap: [] };
  let expected = head.lastSeq + 1;
  let prevHash = head.hash;
  let lastHlc = head.lastHlc;
  for (const run of runs) {
    if (run.lastSeq <= head.lastSeq) {
      plan.seen.push(run);
      continue;
    }
    if (run.firstSeq <= head.lastSeq) {
      throw new ChainBreakError(originName, `changes ${run.firstSeq}–${run.lastSeq} overlap changes already received in a different grouping`);
    }
    if (plan.missing) {
      plan.beyondGap.push(run);
      continue;
    }
    if (run.firstSeq > expected) {
      plan.missing = { from: expected, to: run.firstSeq - 1 };
      plan.beyondGap.push(run);
      continue;
    }
    if (run.prevHash !== prevHash) {
      throw new ChainBreakError(originName, `change ${run.firstSeq} does not link to change ${run.firstSeq - 1}`);
    }
    if (run.entries[0]!.hlc <= lastHlc) {
      throw new ChainBreakError(originName, `change ${run.firstSeq} is dated before the change it follows`);
    }
    plan.next.push(run);
    expected = run.lastSeq + 1;
    prevHash = run.hash;
    lastHlc = lastHlcOf(run);
  }
  return plan;
}

export interface CausalSchedule {
  /** Runs to apply, in an order where each comes after everything it depends on. */
  order: SealedRun[];
  /** Runs that must wait, each with the origin whose changes it waits for. */
  waiting: Array<{ run: SealedRun; waitingFor: string; needHlc: string }>;
}

/**
 * Orders the runs that continue each chain so dependencies come first.
 * `known` is the HLC of the last entry held per origin; `accepted` says whose changes can arrive here.
 */
export function scheduleCausally(chains: Map<string, SealedRun[]>, known: Map<string, string>, accepted: (node: string) => boolean): CausalSchedule {
  const reached = new Map(known);
  const position = new Map<string, number>();
  const origins = [...chains.keys()].sort();
  const order: SealedRun[] = [];
  const blockerOf = (run: SealedRun): [string, string] | undefined => {
    for (const [node, hlc] of Object.entries(run.deps)) {
      if (node === run.node || !accepted(node)) continue;
      if ((reached.get(node) ?? '') < hlc) return [node, hlc];
    }
    return undefined;
  };
  let progress = true;
  while (progress) {
    progress = false;
    for (const origin of origins) {
      const runs = chains.get(origin)!;
      let index = position.get(origin) ?? 0;
      while (index < runs.length && !blockerOf(runs[index]!)) {
        const run = runs[index]!;
        order.push(run);
        reached.set(origin, lastHlcOf(run));
        index++;
        progress = true;
      }
      position.set(origin, index);
    }
  }
  const waiting: CausalSchedule['waiting'] = [];
  for (const origin of origins) {
    const runs = chains.get(origin)!;
    for (let index = position.get(origin) ?? 0; index < runs.length; index++) {
      const run = runs[index]!;
      const [waitingFor, needHlc] = blockerOf(run) ?? [origin, ''];
      waiting.push({ run, waitingFor, needHlc });
    }
  }
  return { order, waiting };
}
