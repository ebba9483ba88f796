/**
 * Sync: exchanging changes with partners by signed bundle files, with no
 * server. This copy's identity (to read its fingerprint to a partner), opening
 * a bundle (preview, then accept), conflicts waiting for review, the partners
 * with what has gone each way, and the import history. Everything is read live
 * through the sync service (use-sync.ts), so an import updates every section.
 *
 * A bundle the rest of the app receives (opened from the operating system, or
 * dropped while another page shows) arrives as navigation state:
 * navigate('/sync', { state: { openedBundle: file } }), and is opened at once.
 * Dropped files that are not bundles arrive as { refusedDrops } and are only
 * named, in an alert (app/use-opened-bundles.ts).
 */
import { useCallback, useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { RefusedDrop } from '../../platform/dropped-bundles';
import type { OpenedFile } from '../../platform/platform';
import { Page } from '../../ui/Page';
import { ConflictsReview } from './ConflictsReview';
import { FolderSyncPanel } from './FolderSyncPanel';
import { HeldBack } from './HeldBack';
import { ImportFlow } from './ImportFlow';
import { ImportHistory } from './ImportHistory';
import { PartnersTable } from './PartnersTable';
import { RolesPanel } from './RolesPanel';
import { ThisCopy } from './ThisCopy';
import { useSyncContext, useSyncOverview } from './use-sync';
import { prepareImportWorker } from './service';
import './sync.css';

export function SyncPage() {
  const ctx = useSyncContext();
  // A bundle opened here is read by an import worker already started (service.ts, prepareImportWorker).
  useEffect(() => prepareImportWorker(ctx), [ctx]);
  const { identity, partners, conflicts, held, history, nodeNames, refresh } = useSyncOverview(ctx);
  const location = useLocation();
  const navigate = useNavigate();
  const handedOver = location.state as { openedBundle?: OpenedFile; refusedDrops?: RefusedDrop[] } | null;
  const incoming = handedOver?.openedBundle;
  const incomingRefused = handedOver?.refusedDrops;
  // Taken once: going back or reloading must not open it again.
  const taken = useCallback(() => navigate('.', { replace: true, state: null }), [navigate]);
  return (
    <Page
      title="Sync"
      intro={
        <p>
          Partners exchange changes as bundle files, sent by email, USB stick or a shared folder. Save a bundle for a partner to send them what
          they have not yet received; open the bundles they send you. Through a shared folder chosen in Settings, this happens by itself.
        </p>
      }
    >
      <div className="sync-page">
        <ThisCopy ctx={ctx} identity={identity} />
        <FolderSyncPanel />
        <ImportFlow ctx={ctx} nodeNames={nodeNames} onImported={refresh} incoming={incoming} incomingRefused={incomingRefused} onIncomingTaken={taken} />
        <ConflictsReview ctx={ctx} conflicts={conflicts} nodeNames={nodeNames} />
        <HeldBack held={held} />
        <PartnersTable ctx={ctx} partners={partners} nodeNames={nodeNames} />
        <RolesPanel nodeNames={nodeNames} />
        <ImportHistory history={history} nodeNames={nodeNames} />
      </div>
    </Page>
  );
}
