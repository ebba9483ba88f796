/**
 * Reports for the consortium and its funders. The first is the change history (the audit trail:
 * who changed what, when); the printed reports are still to come.
 */
import { EmptyState, Page } from '../../ui/Page';
import { ChangeHistoryReport } from './ChangeHistoryReport';
import './reports.css';

export function ReportsPage() {
  return (
    <Page title="Reports">
      <ChangeHistoryReport />
      <EmptyState>
        <p>
          Reports will be here: the published directory of members and co-opted organisations, attendance and quorum over the
          year, the action log, and quarterly reports on projects and claims for funders, each ready to print or save as a PDF.
        </p>
      </EmptyState>
    </Page>
  );
}
