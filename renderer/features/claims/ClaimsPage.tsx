/**
 * Claims (Partnership Agreement 8.1): the restricted funds the Accountable Body holds,
 * and, with the claims feature, members' quarterly claims and the consortium's claims
 * to funders.
 */
import { useCitation } from '../../app/use-citation';
import { EmptyState, Page } from '../../ui/Page';
import { FundsTable } from './FundsTable';
import { FunderClaimsSection } from './FunderClaimsSection';

export function ClaimsPage() {
  const { cite } = useCitation();
  return (
    <Page title="Claims">
      <FundsTable />
      <FunderClaimsSection />
      <EmptyState>
        <p>
          Quarterly claims will be here: each member’s claim against its project’s outputs, the Accountable Body’s approval and
          payment, and the consortium’s claims to its funders, with a full audit trail ({cite('accountableBody')}).
        </p>
      </EmptyState>
    </Page>
  );
}
