/** Membership applications (Partnership Agreement 5.2, 5.3). Empty until the applications feature lands. */
import { EmptyState, Page } from '../../ui/Page';

export function ApplicationsPage() {
  return (
    <Page title="Applications">
      <EmptyState>
        <p>
          Applications for membership will be here: each applicant’s contact details, how it meets each membership criterion
          and the level of work it dedicates to such support, and the Chair’s decision after consulting members, or its referral
          to the next consortium meeting (Partnership Agreement 5.2, 5.3).
        </p>
      </EmptyState>
    </Page>
  );
}
