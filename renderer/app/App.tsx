/**
 * Start-up: open the store, then either the app or a screen that says, in plain
 * words, why the store could not be opened and offers to save what can be read.
 */
import { useEffect, useState } from 'react';
import { openStore, overtakenProblem, type OpenStoreResult } from '../db/open';
import { StoreProvider } from '../db/store-context';
import type { Platform } from '../platform/platform';
import { ProblemScreen } from '../features/recovery/ProblemScreen';
import { AppRouter } from './AppRouter';
import { ErrorBoundary } from './ErrorBoundary';
import { Opening } from './Opening';
import { PlatformProvider } from './platform-context';
import { keepBackup } from '../features/backup/backup-service';

export function App({ platform, databaseName }: { platform: Platform; databaseName: string }) {
  const [opened, setOpened] = useState<OpenStoreResult | null>(null);

  useEffect(() => {
    let current = true;
    // Before the store is upgraded to a newer schema, a backup is kept (docs/backup-format.md).
    void openStore(databaseName, { beforeUpgrade: async (backup) => (await keepBackup(platform, backup)).kept }).then((result) => {
      if (current) setOpened(result);
      else if (result.status === 'ready') result.store.db.close();
    });
    return () => {
      current = false;
    };
  }, [databaseName, platform]);

  // A newer Quorum upgrading the store from another window closes ours (openStore): say so.
  useEffect(() => {
    if (opened?.status !== 'ready') return;
    const { db, databaseName: name } = opened.store;
    const overtaken = () => setOpened({ status: 'problem', problem: overtakenProblem(name) });
    db.on('versionchange', overtaken);
    return () => db.on('versionchange').unsubscribe(overtaken);
  }, [opened]);

  return (
    <PlatformProvider platform={platform}>
      {opened === null ? (
        <Opening />
      ) : opened.status === 'problem' ? (
        <ProblemScreen problem={opened.problem} />
      ) : (
        <ErrorBoundary>
          <StoreProvider store={opened.store}>
            <AppRouter />
          </StoreProvider>
        </ErrorBoundary>
      )}
    </PlatformProvider>
  );
}
