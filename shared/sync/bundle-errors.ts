/**
 * Why a bundle is refused, one named error per reason, each with a message a
 * secretariat understands and a stable `code` the Sync screen can branch on.
 * Whenever one of these is thrown, nothing has been written.
 */
import type { InstallationRole } from '../domain/entities';

export type BundleRefusal =
  | 'not-gzip'
  | 'truncated'
  | 'damaged'
  | 'not-json'
  | 'wrong-format'
  | 'newer-version'
  | 'malformed'
  | 'too-large'
  | 'other-consortium'
  | 'unknown-sender'
  | 'revoked-sender'
  | 'tampered'
  | 'forged-origin'
  | 'chain-break'
  | 'clock-ahead'
  | 'already-imported'
  | 'disk-full'
  | 'stale-preview';

export abstract class BundleRefusedError extends Error {
  abstract readonly code: BundleRefusal;
}

export class NotGzipError extends BundleRefusedError {
  override name = 'NotGzipError';
  readonly code = 'not-gzip';
  constructor() {
    super('This file is not a Quorum bundle: it is neither a compressed .quorum file nor a readable .quorum.json file.');
  }
}

export class TruncatedBundleError extends BundleRefusedError {
  override name = 'TruncatedBundleError';
  readonly code = 'truncated';
  constructor() {
    super('This bundle is incomplete: the file stops part-way through. Ask the sender for the file again (it may not have finished copying or downloading).');
  }
}

export class DamagedBundleError extends BundleRefusedError {
  override name = 'DamagedBundleError';
  readonly code = 'damaged';
  constructor() {
    super('This bundle is damaged: its compressed contents do not check out. Ask the sender for the file again.');
  }
}

export class NotJsonError extends BundleRefusedError {
  override name = 'NotJsonError';
  readonly code = 'not-json';
  constructor() {
    super('This file is not a Quorum bundle: its contents are not readable JSON.');
  }
}

export class WrongFormatError extends BundleRefusedError {
  override name = 'WrongFormatError';
  readonly code = 'wrong-format';
  constructor(detail = 'it does not say it is a Quorum bundle') {
    super(`This file is not a Quorum bundle: ${detail}.`);
  }
}

export class NewerVersionError extends BundleRefusedError {
  override name = 'NewerVersionError';
  readonly code = 'newer-version';
  constructor(readonly version: number) {
    super('This bundle was made by a newer version of Quorum. Update Quorum to open this file.');
  }
}

export class MalformedBundleError extends BundleRefusedError {
  override name = 'MalformedBundleError';
  readonly code = 'malformed';
  constructor(readonly detail: string) {
    super(`This bundle cannot be read: ${detail}. It may have been made by another program with a mistake in it.`);
  }
}

/**
 * A bundle beyond the limits of docs/bundle-format.md ("Limits"): too many
 * changes, a value nested too deep, a text too long … Refused while it is read,
 * before any of it is worked on. A kind of MalformedBundleError (code 'malformed').
 */
export class BundleBeyondLimitsError extends MalformedBundleError {
  override name = 'BundleBeyondLimitsError';
  constructor(detail: string) {
    super(detail);
    this.message = `This bundle cannot be opened: ${detail}, which is more than Quorum accepts. Nothing was imported. It may have been made by another program with a mistake in it.`;
  }
}

export class BundleTooLargeError extends BundleRefusedError {
  override name = 'BundleTooLargeError';
  readonly code = 'too-large';
  constructor(limitBytes: number) {
    super(`This bundle is too large to open (more than ${Math.round(limitBytes / 1_000_000)} MB once unpacked).`);
  }
}

export class OtherConsortiumError extends BundleRefusedError {
  override name = 'OtherConsortiumError';
  readonly code = 'other-consortium';
  constructor(senderName: string) {
    super(`This bundle from ${senderName} belongs to a different consortium from this copy of Quorum, so it cannot be imported here.`);
  }
}

/** Who a bundle says it comes from, as shown when offering to enrol an unknown sender. */
export interface BundleSenderIdentity {
  node: string;
  name: string;
  role: InstallationRole;
  publicKey: string;
  fingerprint: string;
}

export class UnknownSenderError extends BundleRefusedError {
  override name = 'UnknownSenderError';
  readonly code = 'unknown-sender';
  constructor(
    readonly sender: BundleSenderIdentity,
    /** 'not-enrolled': never enrolled here; 'key-mismatch': enrolled, but with a different key. */
    readonly reason: 'not-enrolled' | 'key-mismatch',
  ) {
    super(
      reason === 'not-enrolled'
        ? `This bundle comes from ${sender.name}, whose copy of Quorum has not been enrolled here. Compare the fingerprint ${sender.fingerprint} with them (by telephone or in person), enrol them, then open the bundle again.`
        : `This bundle says it comes from ${sender.name} but is signed with a different key from the one enrolled here (fingerprint ${sender.fingerprint}). Check with them before doing anything: it may not be theirs.`,
    );
  }
}

export class RevokedSenderError extends BundleRefusedError {
  override name = 'RevokedSenderError';
  readonly code = 'revoked-sender';
  constructor(senderName: string) {
    super(`This bundle comes from ${senderName}, whose key has been revoked. Bundles from a revoked key are refused.`);
  }
}

export class TamperedBundleError extends BundleRefusedError {
  override name = 'TamperedBundleError';
  readonly code = 'tampered';
  constructor(detail: string) {
    super(`This bundle has been altered since it was made (${detail}). Nothing was imported. Ask the sender for the file again.`);
  }
}

export class ForgedOriginError extends BundleRefusedError {
  override name = 'ForgedOriginError';
  readonly code = 'forged-origin';
  constructor(originName: string) {
    super(`This bundle contains changes that claim to come from ${originName} but are not signed with ${originName}’s key. Nothing was imported.`);
  }
}

export class ChainBreakError extends BundleRefusedError {
  override name = 'ChainBreakError';
  readonly code = 'chain-break';
  constructor(originName: string, detail: string) {
    super(`The changes from ${originName} in this bundle do not continue the history this copy already has (${detail}). Nothing was imported.`);
  }
}

export class ClockAheadError extends BundleRefusedError {
  override name = 'ClockAheadError';
  readonly code = 'clock-ahead';
  constructor(originName: string, when: string) {
    super(
      `${originName}’s computer clock was more than a day ahead when they made some of these changes (${when}). Ask them to correct their clock; their changes can be imported once this date has passed.`,
    );
  }
}

export class AlreadyImportedError extends BundleRefusedError {
  override name = 'AlreadyImportedError';
  readonly code = 'already-imported';
  constructor(readonly importedAt: string) {
    super(`This bundle was already imported (on ${importedAt.slice(0, 10)}) and has nothing new. Nothing was changed.`);
  }
}

export class NotEnoughSpaceError extends BundleRefusedError {
  override name = 'NotEnoughSpaceError';
  readonly code = 'disk-full';
  constructor() {
    super('There is not enough space on this computer’s disk to import this bundle. Nothing was changed. Free some space and try again.');
  }
}

export class StalePreviewError extends BundleRefusedError {
  override name = 'StalePreviewError';
  readonly code = 'stale-preview';
  constructor() {
    super('This copy’s list of partners changed after the preview was made. Open the bundle again to see an up-to-date preview.');
  }
}
