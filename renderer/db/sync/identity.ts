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

export async function installationOf(db: QuorumDatabase): Promise<InstallationRecord> {
  const installation = await db.installation.get('self');
  if (!installation) throw new InstallationMissingError('This installation has not been set up');
  return installation;
}

/** This copy's name: its organisation's, or a stand-in until it has one. */
export async function selfIdentity(db: QuorumDatabase, installation: InstallationRecord): Promise<SelfIdentity> {
  let name = '';
  if (installation.organisationId) {
    const organisation = await db.organisations.get(installation.organisationId);
    if (organisation && !organisation.deleted) name = organisation.name;
  }
  return {
    node: installation.nodeId,
    name: name || `Quorum copy ${installation.nodeId.slice(0, 8)}`,
    role: installation.role,
    publicKey: installation.publicKey,
    organisationId: installation.organisationId,
  };
}

/** The consortium this copy belongs to ('' before one is set up). */
export async function consortiumIdOf(db: QuorumDatabase): Promise<string> {
  const rows = await db.consortium.toArray();
  const live = rows.filter((row) => !row.deleted).sort((a, b) => (a.id < b.id ? -1 : 1));
  return live[0]?.id ?? '';
}

export interface TrustState {
  list: TrustList;
  register: Map<string, RegisterRow>;
  local: LocalEnrolment[];
  self: SelfIdentity;
}

export async function loadTrust(db: QuorumDatabase, self: SelfIdentity): Promise<TrustState> {
  const registerRows = (await db.partnerNodes.toArray()) as unknown as RegisterRow[];
  const register = new Map(registerRows.map((row) => [row.id, row]));
  const local = await readLocalEnrolments(db);
  return { list: trustListFrom(self, register.values(), local), register, local, self };
}
