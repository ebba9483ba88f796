/**
 * What to do with an error from opening or importing a bundle. The service
 * throws BundleRefusedErrors with a stable `code` and a plain message; an
 * UnknownSenderError also carries the sender, to offer enrolment. Errors from
 * the import worker are rebuilt in the window and may arrive without their
 * class (a production build renames classes), so this goes by `code`, which
 * every refusal carries whichever way it came, and not by instanceof.
 *
 * A message may carry a moment the way a computer writes it ("2026-12-03
 * 14:05", always UTC, from a clock stamp); every one is said here as people in
 * England write it ("3 December 2026 at 14:05", Europe/London), whoever made the
 * message, so no ISO date or time reaches the person.
 */
import { formatDate } from '../../ui/dates';
import type { BundleRefusal, BundleSenderIdentity } from './service';
import { dateWords, momentWords } from './sync-words';

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

/** A date and time as a computer writes it, in UTC ("2026-12-03T14:05:00.000Z", "2026-12-03 14:05"), not inside a file name. */
const ISO_MOMENT = /(?<![\w-])(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?Z?(?![\w-])/g;
/** A date alone ("2026-12-03"), not inside a file name ("…-2026-12-03.quorum"). */
const ISO_DATE = /(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-]|\.\w)/g;

/**
 * `text` with every ISO moment and date in it said in words. `importedAt`, when
 * the message gives the date of that moment (as AlreadyImportedError does, cut
 * from the UTC moment), is read whole, so the day is the one in England.
 */
export function momentsInWords(text: string, importedAt?: string): string {
  let out = text;
  if (importedAt && dateWords(importedAt)) out = out.split(importedAt.slice(0, 10)).join(dateWords(importedAt));
  return out
    .replace(ISO_MOMENT, (whole: string, date: string, time: string, seconds: string | undefined) => momentWords(`${date}T${time}${seconds ?? ''}Z`) || whole)
    .replace(ISO_DATE, (date) => formatDate(date) || date);
}

export function refusalOutcome(error: unknown): RefusalOutcome {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; sender?: unknown; reason?: unknown; importedAt?: unknown };
  const raw = typeof e.message === 'string' && e.message ? e.message : String(error);
  const message = momentsInWords(raw, typeof e.importedAt === 'string' ? e.importedAt : undefined);
  if (e.code === 'unknown-sender' && isSender(e.sender)) {
    return { kind: 'unknown-sender', sender: e.sender, reason: e.reason === 'key-mismatch' ? 'key-mismatch' : 'not-enrolled', message };
  }
  if (typeof e.code === 'string' && REFUSALS.has(e.code)) return { kind: 'refused', code: e.code as BundleRefusal, message };
  return {
    kind: 'refused',
    code: 'unexpected',
    message: `Quorum could not open this bundle because of an unexpected problem. Nothing was imported. If it happens again, tell technical support what Quorum said: “${message}”.`,
  };
}
