/**
 * Claims (Partnership Agreement 8.1): the restricted funds the Accountable Body holds,
 * and, with the claims feature, members' quarterly claims and the consortium's claims
 * to funders.
 */
import { useCitation } from '../../app/use-citation';
import { Page } from '../../ui/Page';
import { FundsTable } from './FundsTable';
import { FunderClaimsSection } from './FunderClaimsSection';
import { PartnerClaimsSection } from './PartnerClaimsSection';

export function ClaimsPage() {
  const { cite } = useCitation();
  return (
    <Page title="Claims" intro={<p>Partners claim quarterly from their own copies; the Accountable Body approves line by line, pays, and claims from the funders ({cite('accountableBody')}).</p>}>
      <FundsTable />
      <PartnerClaimsSection />
      <FunderClaimsSection />
    </Page>
  );
}
