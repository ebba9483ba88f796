/**
 * The inputs of authority as this store holds them (docs/architecture.md,
 * "Authority"): every role grant ever written (accepted ones in roleGrants,
 * refused ones among the refusals, with their values), resolved into the role
 * timeline; the register's copy → organisation links; the founder and the
 * consortium from this installation. Small tables: read whole.
 */
import type { QuorumDatabase, InstallationRecord } from './database';
import type { ChangeEntry } from '../../shared/sync/change';
import type { MergeAuthority, RefusalRow } from '../../shared/sync/merge';
import type { Consortium, PartnerNode, RoleGrant } from '../../shared/domain/entities';
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

function grantRefusalsOf(db: QuorumDatabase) {
  return db.refusals.where('key').startsWith('roleGrants/').toArray();
}

/** Every grant this store holds, accepted or refused, plus grant changes about to be merged. */
function candidatesFrom(rows: readonly RoleGrant[], refusals: readonly RefusalRow[], incoming: Iterable<ChangeEntry>): GrantCandidate[] {
  const out = new Map<string, GrantCandidate>();
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

/** What authority is judged from, as this store holds it: small tables, read whole (the import reads them with its other reads, import-plan.ts). */
export interface AuthorityInputs {
  consortia: Consortium[];
  grantRows: RoleGrant[];
  grantRefusals: RefusalRow[];
  register: PartnerNode[];
}

export async function readAuthorityInputs(db: QuorumDatabase): Promise<AuthorityInputs> {
  // The reads are made together: none depends on another.
  const [consortia, grantRows, grantRefusals, register] = await Promise.all([db.consortium.toArray(), db.roleGrants.toArray(), grantRefusalsOf(db), db.partnerNodes.toArray()]);
  return { consortia, grantRows, grantRefusals, register };
}

/** What this store judges changes with; `incoming` are changes about to be merged (their grants count). */
export async function loadAuthority(db: QuorumDatabase, installation: InstallationRecord, incoming: ChangeEntry[] = []): Promise<MergeAuthority> {
  return authorityFrom(await readAuthorityInputs(db), installation, incoming);
}

/** loadAuthority from inputs already read. */
export function authorityFrom(inputs: AuthorityInputs, installation: InstallationRecord, incoming: ChangeEntry[] = []): MergeAuthority {
  const consortium = installation.consortiumId ? inputs.consortia.find((row) => row.id === installation.consortiumId) : undefined;
  const grantRules = rulesOfConsortium(consortium);
  const candidates = candidatesFrom(inputs.grantRows, inputs.grantRefusals, incoming);
  // Grants first: whether a grant stands does not depend on the register, and the register's own changes count only from those who keep it
  // (the register is read whole, and only its incoming changes are judged by the grants).
  const resolved = resolveGrants(installation.founderNode ?? '', candidates, new Map(), grantRules);
  const keepsRegister = (entry: ChangeEntry) => introducesPartners(resolved.timeline.officesAt(nodeOfStamp(entry.hlc), entry.hlc));
  const organisations = organisationsOfRegister(inputs.register, incoming, keepsRegister);
  const timeline = resolved.timeline.withOrganisations(organisations);
  return { timeline, consortiumId: installation.consortiumId ?? '', grants: { ...resolved, timeline }, grantRules, grantCandidates: candidates };
}

/** The tables loadAuthority reads (for transactions). */
export function authorityTables(db: QuorumDatabase) {
  return [db.roleGrants, db.refusals, db.partnerNodes, db.consortium];
}

/** The constitution's settings that grants must respect, from this consortium's record (Bedfordshire's when none yet). */
function rulesOfConsortium(consortium: Consortium | undefined): GrantRules {
  return { accountableBodyMayChair: consortium?.constitution?.accountableBodyMayChair ?? BEDFORDSHIRE_CONSTITUTION.accountableBodyMayChair };
}
