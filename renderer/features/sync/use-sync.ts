/**
 * What the Sync screen reads, kept up to date: this copy's identity card, the
 * partners, conflicts waiting for review, changes held back and the import history, all through
 * the sync service.
 *
 * Why not useLiveQuery, as other pages do: the service's reads are composite
 * and slow (listPartners works out fingerprints with WebCrypto between its
 * reads), and a liveQuery re-run that overlaps a multi-step write such as an
 * export was seen to settle on a stale result (the partners' "last sent" stayed
 * empty after a bundle was saved). So each read here simply runs again, outside
 * any liveQuery, whenever this store is written: Dexie's own `storagemutated`
 * event (the one liveQuery listens to, fired for this window's writes and, by
 * BroadcastChannel, other windows') bumps a revision; a result arriving for an
 * older revision is dropped.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import Dexie, { type ObservabilitySet } from 'dexie';
import { useStore } from '../../db/store-context';
import type { QuorumDatabase } from '../../db/database';
import { nodeNamesFrom } from '../../db/sync/node-names';
import { heldBack, identityCard, importHistory, listConflicts, listPartners, type SyncContext } from './service';

export function useSyncContext(): SyncContext {
  const { db, clock } = useStore();
  return useMemo(() => ({ db, clock }), [db, clock]);
}

/** A number that goes up whenever anything in `db` is written. */
export function useStoreRevision(db: QuorumDatabase): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const prefix = `idb://${db.name}/`;
    const written = (parts: ObservabilitySet) => {
      if (Object.keys(parts).some((part) => part.startsWith(prefix))) setRevision((r) => r + 1);
    };
    Dexie.on.storagemutated.subscribe(written);
    return () => Dexie.on.storagemutated.unsubscribe(written);
  }, [db]);
  return revision;
}

/** The result of `read(ctx)`, read again whenever `revision` moves on; undefined until the first read. A failed read is thrown to the error boundary. */
export function useSyncRead<T>(ctx: SyncContext, read: (ctx: SyncContext) => Promise<T>, revision: number): T | undefined {
  const [outcome, setOutcome] = useState<{ value: T } | { error: unknown }>();
  useEffect(() => {
    let current = true;
    read(ctx).then(
      (value) => current && setOutcome({ value }),
      (error: unknown) => current && setOutcome({ error }),
    );
    return () => {
      current = false;
    };
  }, [ctx, read, revision]);
  if (outcome && 'error' in outcome) throw outcome.error;
  return outcome?.value;
}

export type { NodeNames } from '../../db/sync/node-names';

export function useSyncOverview(ctx: SyncContext) {
  // Writes made by the import worker reach this window's Dexie by BroadcastChannel; `refresh` does not wait for that.
  const [refreshes, setRefreshes] = useState(0);
  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);
  const revision = useStoreRevision(ctx.db) + refreshes;
  const identity = useSyncRead(ctx, identityCard, revision);
  const partners = useSyncRead(ctx, listPartners, revision);
  const conflicts = useSyncRead(ctx, listConflicts, revision);
  const history = useSyncRead(ctx, importHistory, revision);
  const held = useSyncRead(ctx, heldBack, revision);
  const nodeNames = useMemo(() => nodeNamesFrom(identity, partners, history), [identity, partners, history]);
  return { identity, partners, conflicts, held, history, nodeNames, refresh };
}
