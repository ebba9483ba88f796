/**
 * The inputs of authority as this store holds them (docs/architecture.md,
 * "Authority"): every role grant ever written (accepted ones in roleGrants,
 * refused ones among the refusals, with their values), resolved into the role
 * timeline; the register's copy → organisation links; the founder and the
 * consortium from this installation. Small tables: read whole.
 */
import type { QuorumDatabase, InstallationRecord } from './database';
import type { ChangeEntry } from '../../shared/sync/change';
import type { MergeAuthority } from '../../shared/sync/merge';
import { resolveGrants, type GrantCandidate, type GrantRules, type GrantValues } from '../../shared/sync/roles';
import { BEDFORDSHIRE_CONSTITUTION } from '../../shared/rules/constitution';
import { introducesPartners } from '../../shared/sync/authority';
import { nodeOfStamp } from '../../shared/sync/stamp';

function grantValues(fields: Record<string, unknown>): GrantValues | undefined {
  const { office, node, organisationId, from } = fields;
  if (typeof office !== 'string' || typeof node !== 'string' || typeof from !== 'string') return undefined;
  if (office !== 'secretariat' && office !== 'chair' && office !== 'accountable-body') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return undefined;
  return { office, node, organisationId: typeof organisationId === 'string' ? organisationId : '', from };
}

/** Every grant this store holds, accepted or refused, plus grant changes about to be merged. */
export async function grantCandidates(db: QuorumDatabase, incoming: Iterable<ChangeEntry> = []): Promise<GrantCandidate[]> {
  const out = new Map<string, GrantCandidate>();
  // The two reads are made together: neither depends on the other.
  const [rows, refusals] = await Promise.all([db.roleGrants.toArray(), db.refusals.where('key').startsWith('roleGrants/').toArray()]);
  for (const row of rows) {
    const values = grantValues(row as unknown as Record<string, unknown>);
    const hlc = row._clocks.office;
    if (values && hlc) out.set(`${row.id}@${hlc}`, { id: row.id, hlc, values });
  }
  for (const refusal of refusals) {
    const values = typeof refusal.value === 'object' && refusal.value !== null ? grantValues(refusal.value as Record<string, unknown>) : undefined;
    if (values) out.set(`${refusal.row}@${refusal.hlc}`, { id: refusal.row, hlc: refusal.hlc, values });
  }
  for (const entry of incoming) {
    if (entry.table !== 'roleGrants') continue;
    const values = grantValues(entry.fields);
    if (values) out.set(`${entry.row}@${entry.hlc}`, { id: entry.row, hlc: entry.hlc, values });
  }
  return [...out.values()];
}

/** Copy → member organisation, from the consortium's register of copies. */
export async function registeredOrganisations(db: QuorumDatabase, incoming: Iterable<ChangeEntry> = [], mayRegister: (entry: ChangeEntry) => boolean = () => true): Promise<Map<string, string>> {
  return organisationsOfRegister(await db.partnerNodes.toArray(), incoming, mayRegister);
}

function organisationsOfRegister(
  register: ReadonlyArray<{ id: string; deleted?: boolean; organisationId?: string; _clocks: Record<string, string> }>,
  incoming: Iterable<ChangeEntry>,
  mayRegister: (entry: ChangeEntry) => boolean,
): Map<string, string> {
  const out = new Map<string, string>();
  const clocks = new Map<string, string>();
  for (const row of register) {
    if (!row.deleted && row.organisationId) {
      out.set(row.id, row.organisationId);
      clocks.set(row.id, row._clocks.organisationId ?? '');
    }
  }
  for (const entry of incoming) {
    if (entry.table !== 'partnerNodes' || typeof entry.fields.organisationId !== 'string' || !mayRegister(entry)) continue;
    if ((clocks.get(entry.row) ?? '') >= entry.hlc) continue;
    out.set(entry.row, entry.fields.organisationId);
    clocks.set(entry.row, entry.hlc);
  }
  return out;
}

/** What this store judges changes with; `incoming` are changes about to be merged (their grants count). */
export async function loadAuthority(db: QuorumDatabase, installation: InstallationRecord, incoming: ChangeEntry[] = []): Promise<MergeAuthority> {
  // Grants first: whether a grant stands does not depend on the register, and the register's own changes count only from those who keep it.
  // The reads are made together: none depends on another (the register is read whole, and only its incoming changes are judged by the grants).
  const [grantRules, candidates, register] = await Promise.all([grantRulesOf(db, installation), grantCandidates(db, incoming), db.partnerNodes.toArray()]);
  const resolved = resolveGrants(installation.founderNode ?? '', candidates, new Map(), grantRules);
  const keepsRegister = (entry: ChangeEntry) => introducesPartners(resolved.timeline.officesAt(nodeOfStamp(entry.hlc), entry.hlc));
  const organisations = organisationsOfRegister(register, incoming, keepsRegister);
  const timeline = resolved.timeline.withOrganisations(organisations);
  return { timeline, consortiumId: installation.consortiumId ?? '', grants: { ...resolved, timeline }, grantRules, grantCandidates: candidates };
}

/** The tables loadAuthority reads (for transactions). */
export function authorityTables(db: QuorumDatabase) {
  return [db.roleGrants, db.refusals, db.partnerNodes, db.consortium];
}

/** The constitution's settings that grants must respect, from this consortium's record (Bedfordshire's when none yet). */
export async function grantRulesOf(db: QuorumDatabase, installation: InstallationRecord): Promise<GrantRules> {
  const consortium = installation.consortiumId ? await db.consortium.get(installation.consortiumId) : undefined;
  return { accountableBodyMayChair: consortium?.constitution?.accountableBodyMayChair ?? BEDFORDSHIRE_CONSTITUTION.accountableBodyMayChair };
}
