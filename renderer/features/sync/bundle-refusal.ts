/**
 * What to do with an error from opening or importing a bundle. The service
 * throws BundleRefusedErrors with a stable `code` and a plain message; an
 * UnknownSenderError also carries the sender, to offer enrolment. Errors from
 * the import worker are rebuilt in the window and may arrive without their
 * class (a production build renames classes), so this goes by `code`, which
 * every refusal carries whichever way it came, and not by instanceof.
 */
import type { BundleRefusal, BundleSenderIdentity } from './service';

export type RefusalOutcome =
  | { kind: 'unknown-sender'; sender: BundleSenderIdentity; reason: 'not-enrolled' | 'key-mismatch'; message: string }
  | { kind: 'refused'; code: BundleRefusal | 'unexpected'; message: string };

const REFUSALS: ReadonlySet<string> = new Set<BundleRefusal>([
  'not-gzip',
  'truncated',
  'damaged',
  'not-json',
  'wrong-format',
  'newer-version',
  'malformed',
  'too-large',
  'other-consortium',
  'unknown-sender',
  'revoked-sender',
  'tampered',
  'forged-origin',
  'chain-break',
  'clock-ahead',
  'already-imported',
  'disk-full',
  'stale-preview',
]);

function isSender(value: unknown): value is BundleSenderIdentity {
  const s = value as Partial<BundleSenderIdentity> | null;
  return !!s && typeof s.node === 'string' && typeof s.publicKey === 'string' && typeof s.fingerprint === 'string' && typeof s.name === 'string';
}

export function refusalOutcome(error: unknown): RefusalOutcome {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; sender?: unknown; reason?: unknown };
  const message = typeof e.message === 'string' && e.message ? e.message : String(error);
  if (e.code === 'unknown-sender' && isSender(e.sender)) {
    return { kind: 'unknown-sender', sender: e.sender, reason: e.reason === 'key-mismatch' ? 'key-mismatch' : 'not-enrolled', message };
  }
  if (typeof e.code === 'string' && REFUSALS.has(e.code)) return { kind: 'refused', code: e.code as BundleRefusal, message };
  return {
    kind: 'refused',
    code: 'unexpected',
    message: `Quorum could not open this bundle because of an unexpected problem (${message}). Nothing was imported.`,
  };
}
