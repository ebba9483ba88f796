/**
 * The one folder-sync runner of this window (folder-sync-runner.ts), started
 * once the app shows its pages and stopped when it closes; Settings and the
 * Sync page read its state and call it through useFolderSync().
 */
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { usePlatform } from '../../app/platform-context';
import { useStore } from '../../db/store-context';
import { FolderSyncRunner, type FolderSyncState } from './folder-sync-runner';

const RunnerContext = createContext<FolderSyncRunner | null>(null);

export function FolderSyncProvider({ children }: { children: ReactNode }) {
  const { db, clock } = useStore();
  const platform = usePlatform();
  const runner = useMemo(() => new FolderSyncRunner({ db, clock }, platform.sharedFolder(db.name)), [db, clock, platform]);
  useEffect(() => {
    void runner.start();
    return () => runner.pause();
  }, [runner]);
  return <RunnerContext value={runner}>{children}</RunnerContext>;
}

const IDLE: FolderSyncState = { row: undefined, permission: 'none', running: false, cameIn: [] };
const nothing = () => () => undefined;

/** The runner and its state; the runner is null for a moment at start. */
export function useFolderSync(): { runner: FolderSyncRunner | null; state: FolderSyncState } {
  const runner = useContext(RunnerContext);
  const state = useSyncExternalStore(runner ? runner.subscribe : nothing, runner ? runner.snapshot : () => IDLE);
  return { runner, state };
}
