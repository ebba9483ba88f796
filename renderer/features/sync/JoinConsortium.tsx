/**
 * A fresh copy joining a consortium that already uses Quorum: it opens the
 * "everything" bundle the secretariat saved for a new partner, compares the
 * secretariat's fingerprint, enrols it and imports, all with the Sync page's
 * own import flow. Meant for the set-up screen (a store with no consortium,
 * where the Sync page cannot be reached): once the import has written the
 * consortium, `onJoined` runs (the set-up screen would go to the Sync page).
 */
import { ImportFlow } from './ImportFlow';
import type { ImportReport } from './service';
import { useSyncContext, useSyncOverview } from './use-sync';
import './sync.css';

export function JoinConsortium({ onJoined }: { onJoined?: (report: ImportReport) => void }) {
  const ctx = useSyncContext();
  const { nodeNames } = useSyncOverview(ctx);
  return (
    <div className="sync-join panel">
      <ImportFlow ctx={ctx} nodeNames={nodeNames} mode="join" onImported={onJoined} />
    </div>
  );
}
