/**
 * Everything about a bundle that can be checked before looking at what it
 * changes, in this order (each failure refuses the whole bundle):
 *   1. the sender's signature over the header (which lists every run's hash);
 *   2. the consortium is this copy's;
 *   3. the sender is enrolled here, with this key, and not revoked;
 *   4. every run's hash (one SHA-256 per run): no byte altered anywhere;
 *   5. every run from an origin this copy accepts is signed by that origin's
 *      enrolled key (one Ed25519 verify per run): nobody can forge another's
 *      changes. Register changes from a trusted Secretariat or Accountable Body
 *      are taken into account first, so copies they enrol in the same bundle
 *      are accepted (trust.ts).
 * Runs from origins this copy does not accept (not enrolled, or revoked) are
 * set aside and listed; they are not imported, so they come again in a later
 * bundle once the origin is enrolled.
 */
import type { QuorumDatabase } from '../database';
import {
  ForgedOriginError,
  OtherConsortiumError,
  RevokedSenderError,
  TamperedBundleError,
  UnknownSenderError,
} from '../../../shared/sync/bundle-errors';
import type { Bundle, BundleOrigin } from '../../../shared/sync/bundle-format';
import { introducesPartners } from '../../../shared/sync/authority';
import { fingerprintOf } from '../../../shared/sync/fingerprint';
import { digestOf, runHashInput, toHex, type KeyRing, type SealedRun } from '../../../shared/sync/run-seal';
import { registerAfter, trustListFrom, type TrustList } from '../../../shared/sync/trust';
import type { TrustState } from './identity';
import type { Pause, ProgressListener } from './import-plan';
import type { SetAsideOrigin } from './import-report';

export interface VerifiedBundle {
  bundle: Bundle;
  trust: TrustList;
  accepted: Set<string>;
  setAside: SetAsideOrigin[];
  senderFingerprint: string;
}

/**
 * Trust once the register changes of trusted introducers in the bundle are
 * applied. `check` verifies an origin's runs before its word is taken; the
 * apply, whose runs were verified by the preview, passes a no-op.
 */
export async function trustWithBundle(state: TrustState, bundle: Bundle, check: (origin: BundleOrigin, publicKey: string) => Promise<void>): Promise<TrustList> {
  let list = state.list;
  let register = state.register;
  const used = new Set<string>();
  const origins = [...bundle.origins].sort((a, b) => (a.node < b.node ? -1 : 1));
  for (let changed = true; changed; ) {
    changed = false;
    for (const origin of origins) {
      if (used.has(origin.node)) continue;
      const copy = list.get(origin.node);
      if (!copy || copy.trust !== 'trusted' || !introducesPartners(copy.role) || copy.publicKey !== origin.publicKey) continue;
      if (!origin.runs.some((run) => run.entries.some((entry) => entry.table === 'partnerNodes'))) continue;
      await check(origin, copy.publicKey);
      used.add(origin.node);
      register = registerAfter(
        register,
        origin.runs.flatMap((run) => run.entries),
      );
      list = trustListFrom(state.self, register.values(), state.local, state.roleOf);
      changed = true;
    }
  }
  return list;
}

export async function verifyBundle(
  db: QuorumDatabase,
  bundle: Bundle,
  context: { state: TrustState; consortiumId: string; keys: KeyRing },
  pause: Pause,
  onProgress?: ProgressListener,
): Promise<VerifiedBundle> {
  const { state, consortiumId, keys } = context;
  const { header } = bundle;
  const sender = header.sender;

  if (!(await keys.verify(sender.publicKey, bundle.signature, await digestOf(header, keys.crypto)))) {
    throw new TamperedBundleError('the sender’s signature does not match its header');
  }
  if (consortiumId !== '' && header.consortiumId !== '' && header.consortiumId !== consortiumId) {
    throw new OtherConsortiumError(sender.name);
  }
  const senderFingerprint = await fingerprintOf(sender.publicKey, keys.crypto);
  const enrolledSender = state.list.get(sender.node);
  if (!enrolledSender) {
    throw new UnknownSenderError({ ...sender, fingerprint: senderFingerprint }, 'not-enrolled');
  }
  if (enrolledSender.publicKey !== sender.publicKey) {
    throw new UnknownSenderError({ ...sender, fingerprint: senderFingerprint }, 'key-mismatch');
  }
  if (enrolledSender.trust === 'revoked') throw new RevokedSenderError(enrolledSender.name || sender.name);

  // 4. One digest per run; kept for the signature checks.
  const digests = new Map<SealedRun, Uint8Array<ArrayBuffer>>();
  const total = bundle.origins.reduce((sum, origin) => sum + origin.runs.length, 0);
  let done = 0;
  for (const origin of bundle.origins) {
    for (const run of origin.runs) {
      const digest = await digestOf(runHashInput(run), keys.crypto);
      if (toHex(digest) !== run.hash) throw new TamperedBundleError(`a change from ${origin.name || origin.node} has been altered`);
      digests.set(run, digest);
      done++;
      if (done % 20 === 0) {
        onProgress?.({ stage: 'checking', done, total });
        await pause();
      }
    }
  }

  // 5. Signatures, introducers first.
  const verified = new Set<string>();
  const checkOrigin = async (origin: BundleOrigin, publicKey: string) => {
    if (verified.has(origin.node)) return;
    for (const run of origin.runs) {
      if (!(await keys.verify(publicKey, run.signature, digests.get(run)!))) {
        if (origin.node === sender.node) throw new TamperedBundleError(`a change from ${sender.name} does not carry their signature`);
        throw new ForgedOriginError(state.list.get(origin.node)?.name || origin.name || origin.node);
      }
    }
    verified.add(origin.node);
  };
  const trust = await trustWithBundle(state, bundle, checkOrigin);

  const accepted = new Set<string>();
  const setAside: SetAsideOrigin[] = [];
  for (const origin of bundle.origins) {
    const copy = trust.get(origin.node);
    const changes = origin.runs.reduce((sum, run) => sum + run.entries.length, 0);
    if (copy && copy.trust === 'trusted') {
      if (copy.publicKey !== origin.publicKey) throw new ForgedOriginError(copy.name || origin.name);
      await checkOrigin(origin, copy.publicKey);
      accepted.add(origin.node);
      continue;
    }
    const status = copy ? 'revoked' : 'unknown';
    const name = copy?.name || origin.name || `copy ${origin.node.slice(0, 8)}`;
    setAside.push({
      origin: origin.node,
      claimedName: origin.name,
      claimedRole: origin.role,
      fingerprint: await fingerprintOf(origin.publicKey, keys.crypto),
      status,
      changes,
      message:
        status === 'revoked'
          ? `${changes} change${changes === 1 ? '' : 's'} from ${name} were not imported: that copy’s key has been revoked.`
          : `${changes} change${changes === 1 ? '' : 's'} from ${name} were not imported: that copy is not enrolled here. Once it is enrolled (after comparing fingerprints), they will come again in the next bundle.`,
    });
  }
  onProgress?.({ stage: 'checking', done: total, total });
  return { bundle, trust, accepted, setAside, senderFingerprint };
}
