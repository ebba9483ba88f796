/**
 * Changes held back: runs that arrived but cannot be applied yet, because
 * changes before them from the same copy are missing (a gap in its chain), or
 * because they build on another copy's changes that have not arrived. Each
 * import says so in its report; the Sync screen also lists what is still
 * waiting, from the ledger, until a later bundle lets it through.
 *
 * The words are made here for both, one notice per origin and reason.
 */
import type { SealedRun } from '../../../shared/sync/run-seal';
import type { TrustList } from '../../../shared/sync/trust';
import type { SyncContext } from './context';
import { installationOf, trustOf } from './identity';
import type { HeldBackNotice } from './import-report';
import { readHeldRuns } from './ledger';

/** A copy's name as this copy knows it, or a short form of its id. */
export function nameOf(trust: TrustList, node: string): string {
  return trust.get(node)?.name || `copy ${node.slice(0, 8)}`;
}

function changesWords(count: number): string {
  return `${count} change${count === 1 ? '' : 's'}`;
}

/** The notice for one origin's runs held for one reason (runs in seq order). */
export function heldBackNotice(
  trust: TrustList,
  node: string,
  runs: readonly SealedRun[],
  why: { reason: 'gap'; missing: { from: number; to: number } } | { reason: 'waiting'; waitingFor: string },
): HeldBackNotice {
  const changes = runs.reduce((sum, run) => sum + run.entries.length, 0);
  const origin = nameOf(trust, node);
  const message =
    why.reason === 'gap'
      ? `${changesWords(changes)} from ${origin} are held back: this copy is missing ${changesWords(why.missing.to - why.missing.from + 1)} they made before these. They will be applied when those arrive, in a later bundle from ${origin} or any partner.`
      : `${changesWords(changes)} from ${origin} are held back: they build on changes from ${nameOf(trust, why.waitingFor)} that have not reached this copy yet. They will be applied when those arrive.`;
  return {
    origin: node,
    originName: origin,
    firstSeq: runs[0]!.firstSeq,
    lastSeq: runs[runs.length - 1]!.lastSeq,
    changes,
    reason: why.reason,
    message,
  };
}

/** What is held back on this copy now, one notice per origin and reason, by origin name. */
export async function heldBackNow(ctx: SyncContext): Promise<HeldBackNotice[]> {
  const { db } = ctx;
  const held = await readHeldRuns(db);
  if (held.length === 0) return [];
  const { list: trust } = await trustOf(db, await installationOf(db));
  const groups = new Map<string, typeof held>();
  for (const entry of held) {
    const key = `${entry.run.node}/${entry.reason}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const notices: HeldBackNotice[] = [];
  for (const entries of groups.values()) {
    const sorted = [...entries].sort((a, b) => a.run.firstSeq - b.run.firstSeq);
    const first = sorted[0]!;
    const runs = sorted.map((entry) => entry.run);
    if (first.reason === 'gap') {
      // The gap is before the first run held: from the first missing seq to the one before it.
      notices.push(heldBackNotice(trust, first.run.node, runs, { reason: 'gap', missing: first.missing ?? { from: 1, to: first.run.firstSeq - 1 } }));
    } else {
      notices.push(heldBackNotice(trust, first.run.node, runs, { reason: 'waiting', waitingFor: first.waitingFor ?? '' }));
    }
  }
  return notices.sort((a, b) => a.originName.localeCompare(b.originName, 'en-GB') || a.firstSeq - b.firstSeq);
}
