/**
 * What the partners' claim screens and the dashboard share (docs/architecture.md,
 * "Claims"): the address of a partner's claim, and whether this copy is yet
 * registered as its organisation's, without which it cannot claim in its name.
 */
import { useRoles } from '../../app/use-roles';

/** The address of a partner's claim: the year's slash is a hyphen ('2026-27'). */
export function partnerClaimPath(organisationId: string, projectId: string, financialYear: string, quarter: number): string {
  return `/claims/partners/${encodeURIComponent(organisationId)}/${encodeURIComponent(projectId)}/${financialYear.replace('/', '-')}/${quarter}`;
}

/**
 * Whether the consortium's register of copies says this copy is its organisation's
 * (docs/architecture.md, "Authority"): until the Accountable Body's or the
 * secretariat's bundle brings that, every copy would refuse a claim made here in
 * the organisation's name. Undefined while the roles are read.
 */
export function useRegisteredAsOwn(): boolean | undefined {
  const roles = useRoles();
  if (!roles) return undefined;
  return roles.organisationId !== '' && roles.timeline.organisationOf(roles.self) === roles.organisationId;
}

/** Said where a partner would claim before its copy is registered as its organisation's. */
export function NotYetRegistered({ organisation }: { organisation: string }) {
  return (
    <div className="panel warning" role="status">
      <p>
        This copy is not yet registered as {organisation}’s copy, so it cannot make claims in its name yet. Send a bundle to the Accountable Body or the secretariat, and import the bundle they send back (Sync).
      </p>
    </div>
  );
}

