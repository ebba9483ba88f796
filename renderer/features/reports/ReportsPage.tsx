/** Reports for the consortium and its funders. Empty until the reports feature lands. */
import { EmptyState, Page } from '../../ui/Page';

export function ReportsPage() {
  return (
    <Page title="Reports">
      <EmptyState>
        <p>
          Reports will be here: the published directory of members and co-opted organisations, attendance and quorum over the
          year, the action log, and quarterly reports on projects and claims for funders, each ready to print or save as a PDF.
        </p>
      </EmptyState>
    </Page>
  );
}
