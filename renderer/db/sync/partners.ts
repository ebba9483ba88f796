/**
 * Enrolling and revoking partners' copies, and the list the Sync screen shows.
 *
 * Enrolment happens after two people compare a fingerprint (fingerprint.ts).
 * At the Secretariat or the Accountable Body it writes the consortium register
 * (the synced partnerNodes table, through recordChanges), which vouches for the
 * copy to everyone; anywhere else it is this copy's own enrolment, kept locally
 * (trust.ts explains why). Revoking works the same way: a register revocation
 * reaches everyone, a local one only this copy.
 */
import { ROLES, partnerNodeSchema, type InstallationRole } from '../../../shared/domain/entities';
import { introducesPartners } from '../../../shared/sync/authority';
import { fingerprintOf } from '../../../shared/sync/fingerprint';
import type { EnrolledCopy, LocalEnrolment } from '../../../shared/sync/trust';
import { recordChanges } from '../writer';
import { validationErrorFrom } from '../repository';
import { nowOf, type SyncContext } from './context';
import { chainHeads } from './chain-store';
import { installationOf, rolesNow, selfIdentity, trustOf } from './identity';
import { acknowledgementsFrom, readExports, readImports, readLocalEnrolments, saveLocalEnrolment } from './ledger';

/** What a partner gives to be enrolled: the sender part of any bundle header is one. */
export interface IdentityCard {
  node: string;
  name: string;
  role: InstallationRole;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  organisationId?: string;
}

export class EnrolmentError extends Error {
  override name = 'EnrolmentError';
}

export interface PartnerView {
  node: string;
  name: string;
  role: InstallationRole;
  organisationId: string;
  publicKey: string;
  fingerprint: string;
  trust: 'trusted' | 'revoked';
  /** 'local': enrolled by this copy; 'register': enrolled for the consortium by the Secretariat or Accountable Body. */
  source: 'local' | 'register';
  enrolledAt: string;
  /** What the partner's latest bundles say it holds from each origin (node id → last seq). */
  acknowledged: Record<string, number>;
  /** How many of this copy's own changes the partner has not yet acknowledged. */
  ourChangesNotAcknowledged: number;
  lastReceived: { at: string; fileName: string; bundleId: string } | null;
  lastSent: { at: string; fileName: string; bundleId: string } | null;
}

const NODE_ID = /^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/;

function checkCard(card: IdentityCard): void {
  if (!NODE_ID.test(card.node)) throw new EnrolmentError('That is not a valid copy id.');
  if (!(ROLES as readonly string[]).includes(card.role)) throw new EnrolmentError('Choose the partner’s role.');
  let keyLength: number;
  try {
    keyLength = atob(card.publicKey).length;
  } catch {
    keyLength = 0;
  }
  if (keyLength !== 32) throw new EnrolmentError('That is not a valid public key: copy it again from the partner’s identity card.');
}

/** This copy's identity card, to give to a partner. */
export async function identityCard(ctx: SyncContext): Promise<IdentityCard & { fingerprint: string }> {
  const installation = await installationOf(ctx.db);
  const self = await selfIdentity(ctx.db, installation);
  return {
    node: self.node,
    name: self.name,
    role: self.role === '' ? 'partner' : self.role,
    publicKey: self.publicKey,
    organisationId: self.organisationId,
    fingerprint: await fingerprintOf(self.publicKey),
  };
}

/** Enrols a partner's copy (after the fingerprints were compared). Enrolling again updates it and trusts it again. */
export async function enrolPartner(ctx: SyncContext, card: IdentityCard): Promise<void> {
  checkCard(card);
  const installation = await installationOf(ctx.db);
  if (card.node === installation.nodeId) throw new EnrolmentError('That is this copy’s own identity card.');
  const enrolledAt = nowOf(ctx).toISOString();
  const values = { name: card.name, organisationId: card.organisationId ?? '', role: card.role, publicKey: card.publicKey, trust: 'trusted' as const, enrolledAt };
  if (introducesPartners((await rolesNow(ctx.db, installation))?.(installation.nodeId) ?? (installation.role || undefined))) {
    const parsed = partnerNodeSchema.safeParse(values);
    if (!parsed.success) throw validationErrorFrom(parsed.error);
    const existing = await ctx.db.partnerNodes.get(card.node);
    await recordChanges(ctx, [{ table: 'partnerNodes', row: card.node, fields: { ...parsed.data, ...(existing?.deleted ? { deleted: false } : {}) } }]);
    return;
  }
  if (!values.name.trim()) throw new EnrolmentError('Enter the partner’s name.');
  await saveLocalEnrolment(ctx.db, { node: card.node, ...values, name: values.name.trim() });
}

/** Revokes a partner's key: bundles signed with it are refused from now on. */
export async function revokePartner(ctx: SyncContext, node: string): Promise<void> {
  const { db } = ctx;
  const installation = await installationOf(db);
  const local = (await readLocalEnrolments(db)).find((e) => e.node === node);
  if (local) await saveLocalEnrolment(db, { ...local, trust: 'revoked' });
  const registered = await db.partnerNodes.get(node);
  if (registered && !registered.deleted) {
    if (introducesPartners((await rolesNow(ctx.db, installation))?.(installation.nodeId) ?? (installation.role || undefined))) {
      await recordChanges(ctx, [{ table: 'partnerNodes', row: node, fields: { trust: 'revoked' } }]);
    } else if (!local) {
      // Not this copy's register to change: revoke here only.
      const enrolment: LocalEnrolment = {
        node,
        name: registered.name,
        role: registered.role,
        publicKey: registered.publicKey,
        organisationId: registered.organisationId,
        trust: 'revoked',
        enrolledAt: nowOf(ctx).toISOString(),
      };
      await saveLocalEnrolment(db, enrolment);
    }
  } else if (!local) {
    throw new EnrolmentError('That copy is not enrolled here.');
  }
}

/** The partners' copies this copy knows, with trust and what has gone each way. */
export async function listPartners(ctx: SyncContext): Promise<PartnerView[]> {
  const { db } = ctx;
  const installation = await installationOf(db);
  const { list, self } = await trustOf(db, installation);
  const imports = await readImports(db);
  const exports = await readExports(db);
  const ownHead = (await chainHeads(db)).get(self.node)?.lastSeq ?? 0;
  const out: PartnerView[] = [];
  for (const copy of list.values()) {
    if (copy.source === 'self') continue;
    const acknowledged = acknowledgementsFrom(imports, copy.node);
    const received = imports.find((row) => row.entry.sender.node === copy.node);
    const sent = exports.filter((row) => row.entry.recipient === copy.node).sort((a, b) => (a.at < b.at ? 1 : -1))[0];
    out.push({
      node: copy.node,
      name: copy.name,
      role: copy.role,
      organisationId: copy.organisationId,
      publicKey: copy.publicKey,
      fingerprint: await fingerprintOf(copy.publicKey),
      trust: copy.trust,
      source: (copy as EnrolledCopy).source as 'local' | 'register',
      enrolledAt: copy.enrolledAt,
      acknowledged,
      ourChangesNotAcknowledged: Math.max(0, ownHead - (acknowledged[self.node] ?? 0)),
      lastReceived: received ? { at: received.at, fileName: received.fileName, bundleId: received.entry.bundleId } : null,
      lastSent: sent ? { at: sent.entry.createdAt, fileName: sent.entry.fileName, bundleId: sent.entry.bundleId } : null,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
