/** Chooses between first-run set-up and the app itself, by whether the store holds a consortium. */
import { useConsortium } from './use-consortium';
import { ConstitutionContext } from './use-citation';
import { Layout } from './Layout';
import { FolderSyncProvider } from '../features/sync/FolderSyncContext';
import { SetupPage } from '../features/setup/SetupPage';
import { SkipLink } from './SkipLink';
import { AppHeader } from './AppHeader';
import { Opening } from './Opening';
import { useFlushDraftsOnClose } from '../ui/use-draft';

export function Shell() {
  const consortium = useConsortium();
  // Text being typed is saved as a change when the window closes or reloads (renderer/db/drafts.ts).
  useFlushDraftsOnClose();
  if (consortium === undefined) return <Opening />;
  if (consortium === null) {
    return (
      <div className="app app--setup">
        <SkipLink />
        <AppHeader title="Quorum" subtitle="First run on this computer" />
        <main className="app-main app-main--narrow" id="main-content" tabIndex={-1}>
          <SetupPage />
        </main>
      </div>
    );
  }
  return (
    // Every page cites the consortium's own constitution (use-citation.ts).
    <ConstitutionContext value={consortium.constitution}>
      {/* Sync through a shared folder runs while the app's pages show (features/sync/folder-sync-runner.ts). */}
      <FolderSyncProvider>
        <Layout consortium={consortium} />
      </FolderSyncProvider>
    </ConstitutionContext>
  );
}
