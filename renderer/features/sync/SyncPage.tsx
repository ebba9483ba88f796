/**
 * Sync: exchanging changes with partners by signed bundle files, with no
 * server. This copy's identity (to read its fingerprint to a partner), opening
 * a bundle (preview, then accept), conflicts waiting for review, the partners
 * with what has gone each way, and the import history. Everything is read live
 * through the sync service (use-sync.ts), so an import updates every section.
 */
import { Page } from '../../ui/Page';
import { ConflictsReview } from './ConflictsReview';
import { ImportFlow } from './ImportFlow';
import { ImportHistory } from './ImportHistory';
import { PartnersTable } from './PartnersTable';
import { ThisCopy } from './ThisCopy';
import { useSyncContext, useSyncOverview } from './use-sync';
import './sync.css';

export function SyncPage() {
  const ctx = useSyncContext();
  const { identity, partners, conflicts, history, nodeNames, refresh } = useSyncOverview(ctx);
  return (
    <Page
      title="Sync"
      intro={
        <p>
          Partners exchange changes as bundle files, sent by email, USB stick or a shared drive. Save a bundle for a partner to send them what
          they have not yet received; open the bundles they send you.
        </p>
      }
    >
      <div className="sync-page">
        <ThisCopy ctx={ctx} identity={identity} />
        <ImportFlow ctx={ctx} nodeNames={nodeNames} onImported={refresh} />
        <ConflictsReview ctx={ctx} conflicts={conflicts} nodeNames={nodeNames} />
        <PartnersTable ctx={ctx} partners={partners} nodeNames={nodeNames} />
        <ImportHistory history={history} nodeNames={nodeNames} />
      </div>
    </Page>
  );
}
