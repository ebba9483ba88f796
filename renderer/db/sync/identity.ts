/**
 * Who this copy is, as bundles and partners see it, and whom it trusts: the
 * installation record, named after its organisation, and the trust list built
 * from its own enrolments and the consortium register (shared/sync/trust.ts).
 */
import type { InstallationRecord, QuorumDatabase } from '../database';
import { InstallationMissingError } from '../writer';
import { trustListFrom, type RegisterRow, type SelfIdentity, type TrustList } from '../../../shared/sync/trust';
import { readLocalEnrolments } from './ledger';
import type { LocalEnrolment } from '../../../shared/sync/trust';
import type { InstallationRole, Organisation } from '../../../shared/domain/entities';
import { roleOfOffices } from '../../../shared/sync/authority';
import { authorityFrom, readAuthorityInputs, type AuthorityInputs } from '../authority';
import type { Bundle } from '../../../shared/sync/bundle-format';
import { entriesOf, joinedBy } from './joining';

export async function installationOf(db: QuorumDatabase): Promise<InstallationRecord> {
  const installation = await db.installation.get('self');
  if (!installation) throw new InstallationMissingError('This installation has not been set up');
  return installation;
}

/** This copy's name: its organisation's, or a stand-in until it has one. */
export async function selfIdentity(db: QuorumDatabase, installation: InstallationRecord): Promise<SelfIdentity> {
  return selfFrom(installation, installation.organisationId ? await db.organisations.get(installation.organisationId) : undefined);
}

/** selfIdentity from its organisation's row already read. */
function selfFrom(installation: InstallationRecord, organisation: Organisation | undefined): SelfIdentity {
  const name = organisation && !organisation.deleted ? organisation.name : '';
  return {
    node: installation.nodeId,
    name: name || `Quorum copy ${installation.nodeId.slice(0, 8)}`,
    role: installation.role,
    publicKey: installation.publicKey,
    organisationId: installation.organisationId,
  };
}

/** The consortium this copy belongs to ('' before one is set up or joined): the one recorded when it was (founding.ts, import-plan.ts). */
export async function consortiumIdOf(db: QuorumDatabase): Promise<string> {
  return (await installationOf(db)).consortiumId ?? '';
}

export interface TrustState {
  list: TrustList;
  register: Map<string, RegisterRow>;
  local: LocalEnrolment[];
  self: SelfIdentity;
  /** The role each copy holds now, by the role grants (undefined for a store from before them). */
  roleOf?: (node: string) => InstallationRole;
}

/** The role each copy holds now by the consortium's role grants (shared/sync/roles.ts). */
export async function rolesNow(
  db: QuorumDatabase,
  installation: InstallationRecord,
  now: number = Date.now(),
  joining?: Bundle,
): Promise<((node: string) => InstallationRole) | undefined> {
  return rolesFrom(await readAuthorityInputs(db), installation, now, joining);
}

/** rolesNow from authority's inputs already read. */
function rolesFrom(inputs: AuthorityInputs, installation: InstallationRecord, now: number, joining?: Bundle): ((node: string) => InstallationRole) | undefined {
  // A copy still joining reads the roles from the bundle it joins with (joining.ts).
  const incoming = joining && !installation.founderNode ? entriesOf(joining) : [];
  const effective = joining && !installation.founderNode ? joinedBy(installation, joining, incoming) : installation;
  if (!effective.founderNode) return undefined;
  const { timeline } = authorityFrom(inputs, effective, incoming);
  return (node) => roleOfOffices(timeline.officesNow(node, now));
}

/**
 * Whom this copy trusts, and who it is (its organisation's name), for an
 * installation already read: every read is made at once, none waiting on
 * another (an import makes them before anything it writes, import-bundle.ts).
 */
export async function trustOf(db: QuorumDatabase, installation: InstallationRecord, joining?: Bundle): Promise<TrustState> {
  const [organisation, inputs, local] = await Promise.all([
    installation.organisationId ? db.organisations.get(installation.organisationId) : undefined,
    readAuthorityInputs(db),
    readLocalEnrolments(db),
  ]);
  return trustStateFrom(selfFrom(installation, organisation), inputs, local, installation, joining);
}

function trustStateFrom(self: SelfIdentity, inputs: AuthorityInputs, local: LocalEnrolment[], installation: InstallationRecord, joining?: Bundle): TrustState {
  const roleOf = rolesFrom(inputs, installation, Date.now(), joining);
  const register = new Map((inputs.register as unknown as RegisterRow[]).map((row) => [row.id, row]));
  return { list: trustListFrom(self, register.values(), local, roleOf), register, local, self, ...(roleOf ? { roleOf } : {}) };
}
