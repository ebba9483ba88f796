/** Exchanging changes with partners by signed bundle files. Empty until the Sync page is built on the sync service. */
import { EmptyState, Page } from '../../ui/Page';

export function SyncPage() {
  return (
    <Page title="Sync">
      <EmptyState>
        <p>
          Sync will be here: save a bundle of the changes a partner has not yet seen, to send by email, USB stick or a shared
          drive; open a bundle a partner sent you; and see which partners are up to date and any conflicting edits to review.
        </p>
      </EmptyState>
    </Page>
  );
}
