/**
 * Whose changes this copy accepts, and with which key and role.
 *
 * Two sources, and this copy itself:
 *   - this copy's own enrolments ("local"): made here after comparing
 *     fingerprints; kept on this copy only;
 *   - the consortium register (the synced partnerNodes table): enrolments made
 *     by the Secretariat or the Accountable Body. Only those two roles may change
 *     the register (authority.ts), so a row there is their vouching for a copy,
 *     and everyone who trusts them trusts it. A partner therefore enrols only the
 *     Secretariat and receives everybody else from the register.
 * A local enrolment takes precedence for key and role (a person here compared
 * the fingerprint); a revocation in either place wins over trust in the other
 * for the same key.
 *
 * An import may carry register changes from a trusted Secretariat or Accountable
 * Body together with changes from the copies they enrol (a new partner's first
 * bundle). registerAfter() applies the former, last-writer-wins as the merge
 * will, so the latter can be checked against the keys they vouch for.
 */
import { ROLES, type InstallationRole } from '../domain/entities';
import type { ChangeEntry, FieldClocks } from './change';

export interface EnrolledCopy {
  node: string;
  name: string;
  role: InstallationRole;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  organisationId: string;
  trust: 'trusted' | 'revoked';
  source: 'self' | 'local' | 'register';
  enrolledAt: string;
}

/** A row of the synced partnerNodes table as stored. */
export interface RegisterRow {
  id: string;
  _clocks: FieldClocks;
  deleted?: boolean;
  name?: unknown;
  role?: unknown;
  publicKey?: unknown;
  trust?: unknown;
  organisationId?: unknown;
  enrolledAt?: unknown;
  [field: string]: unknown;
}

export interface LocalEnrolment {
  node: string;
  name: string;
  role: InstallationRole;
  publicKey: string;
  organisationId: string;
  trust: 'trusted' | 'revoked';
  enrolledAt: string;
}

export interface SelfIdentity {
  node: string;
  name: string;
  role: InstallationRole | '';
  publicKey: string;
  organisationId: string;
}

export type TrustList = Map<string, EnrolledCopy>;

function isRole(value: unknown): value is InstallationRole {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function fromRegister(row: RegisterRow): EnrolledCopy | undefined {
  if (row.deleted === true || typeof row.publicKey !== 'string' || !isRole(row.role)) return undefined;
  return {
    node: row.id,
    name: typeof row.name === 'string' ? row.name : '',
    role: row.role,
    publicKey: row.publicKey,
    organisationId: typeof row.organisationId === 'string' ? row.organisationId : '',
    trust: row.trust === 'revoked' ? 'revoked' : 'trusted',
    source: 'register',
    enrolledAt: typeof row.enrolledAt === 'string' ? row.enrolledAt : '',
  };
}

/**
 * `roleOf`, when given, says which role each copy holds now by the consortium's
 * role grants (roles.ts); it replaces the role written at enrolment, which is
 * only what the copy was enrolled as.
 */
export function trustListFrom(self: SelfIdentity, register: Iterable<RegisterRow>, local: Iterable<LocalEnrolment>, roleOf?: (node: string) => InstallationRole): TrustList {
  const list: TrustList = new Map();
  const registered = new Map<string, EnrolledCopy>();
  for (const row of register) {
    const copy = fromRegister(row);
    if (copy) registered.set(copy.node, copy);
  }
  for (const copy of registered.values()) list.set(copy.node, copy);
  for (const enrolment of local) {
    const inRegister = registered.get(enrolment.node);
    const revokedThere = inRegister?.trust === 'revoked' && inRegister.publicKey === enrolment.publicKey;
    list.set(enrolment.node, { ...enrolment, trust: revokedThere ? 'revoked' : enrolment.trust, source: 'local' });
  }
  list.set(self.node, {
    node: self.node,
    name: self.name,
    // A copy whose role is not yet chosen has no authority of its own; partner is the least.
    role: self.role === '' ? 'partner' : self.role,
    publicKey: self.publicKey,
    organisationId: self.organisationId,
    trust: 'trusted',
    source: 'self',
    enrolledAt: '',
  });
  if (roleOf) for (const copy of list.values()) copy.role = roleOf(copy.node);
  return list;
}

/** A string that changes whenever anything in the list that matters to an import changes. */
export function trustSignature(list: TrustList): string {
  return [...list.values()]
    .map((c) => `${c.node}:${c.role}:${c.publicKey}:${c.trust}`)
    .sort()
    .join('|');
}

/** The register rows after register changes in `entries`, last writer wins per field. */
export function registerAfter(register: Map<string, RegisterRow>, entries: Iterable<ChangeEntry>): Map<string, RegisterRow> {
  const out = new Map(register);
  for (const entry of entries) {
    if (entry.table !== 'partnerNodes') continue;
    const before = out.get(entry.row);
    const row: RegisterRow = before ? { ...before, _clocks: { ...before._clocks } } : { id: entry.row, _clocks: {} };
    for (const [field, value] of Object.entries(entry.fields)) {
      const clock = row._clocks[field];
      if (clock !== undefined && clock >= entry.hlc) continue;
      row[field] = value;
      row._clocks[field] = entry.hlc;
    }
    out.set(entry.row, row);
  }
  return out;
}
