/**
 * Hands the opened store (database, this installation, its clock and repositories) to
 * every component below it. Features read with dexie-react-hooks' useLiveQuery against
 * `db` and write only through `repositories`.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReadyStore } from './open';
import type { InstallationRecord } from './database';

const StoreContext = createContext<ReadyStore | null>(null);

export function StoreProvider({ store, children }: { store: ReadyStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export class NoStoreError extends Error {
  override name = 'NoStoreError';
}

export function useStore(): ReadyStore {
  const store = useContext(StoreContext);
  if (!store) throw new NoStoreError('useStore was called outside a StoreProvider');
  return store;
}

/** This installation as stored now: its role and organisation change in Settings and set-up. */
export function useInstallation(): InstallationRecord {
  const { db, installation } = useStore();
  return useLiveQuery(() => db.installation.get('self'), [db], installation) ?? installation;
}
