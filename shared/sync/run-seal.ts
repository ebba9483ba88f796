/**
 * Sealing a run of one node's change entries: hash it, chain it to the node's
 * previous run, sign it. Verification is the reverse, one digest and one
 * signature check per run, never per entry (docs/architecture.md,
 * "Performance": a digest call costs 6–9 µs however small its input, an
 * Ed25519 verify about 110 µs).
 *
 *   hash      = hex(SHA-256(UTF-8(canonicalJson({ deps, entries, firstSeq, lastSeq, node, prevHash }))))
 *   signature = base64(Ed25519-sign(originPrivateKey, the 32 bytes of that SHA-256))
 *
 * `prevHash` is the hash of the same node's previous run ('' for the run that
 * starts at seq 1), so a node's runs form a chain: dropping, reordering or
 * altering any run breaks a link or a signature.
 *
 * `deps` records what the origin had received from every other node when it
 * made these changes (origin node id → HLC of the last entry applied from that
 * node). It makes merging exact: a change that has "seen" an earlier value
 * replaced it knowingly, a change that has not is a concurrent edit whose loser
 * is kept as a conflict (merge.ts). Because it is part of the hashed content it
 * cannot be altered in transit either.
 */
import type { ChangeEntry, LogRun } from './change';
import { canonicalCopy, canonicalJson } from './canonical-json';
import { fromBase64, toBase64 } from './keys';

/** Origin node id → HLC of the last entry the writing node had applied from it. */
export type Dependencies = Record<string, string>;

/** A LogRun as this module stores it: local runs gain `deps` before they are sealed. */
export interface ChainRun extends LogRun {
  deps?: Dependencies;
}

/** A run that has been hashed, chained and signed by its origin. */
export interface SealedRun extends ChainRun {
  prevHash: string;
  hash: string;
  signature: string;
  deps: Dependencies;
}

export function isSealed(run: ChainRun): run is SealedRun {
  return typeof run.hash === 'string' && run.hash !== '' && typeof run.signature === 'string' && run.deps !== undefined;
}

/** The object whose canonical JSON is hashed. Key order here is already canonical. */
export function runHashInput(run: {
  node: string;
  firstSeq: number;
  lastSeq: number;
  prevHash: string;
  deps: Dependencies;
  entries: ChangeEntry[];
}): object {
  return { deps: run.deps, entries: run.entries, firstSeq: run.firstSeq, lastSeq: run.lastSeq, node: run.node, prevHash: run.prevHash };
}

/** An entry rewritten with its keys (and its values' keys) in canonical order, so later hashing takes the fast path. */
export function canonicalEntry(entry: ChangeEntry): ChangeEntry {
  return { fields: canonicalCopy(entry.fields), hlc: entry.hlc, row: entry.row, seq: entry.seq, table: entry.table } as ChangeEntry;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex;
}

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

const encoder = new TextEncoder();

/** SHA-256 of the canonical JSON of a value. */
export async function digestOf(value: unknown, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtle.digest('SHA-256', encoder.encode(canonicalJson(value))));
}

/** Imports and caches Ed25519 public keys (importing costs more than verifying), and signs. */
export class KeyRing {
  private readonly publicKeys = new Map<string, Promise<CryptoKey>>();

  constructor(private readonly subtle: SubtleCrypto = globalThis.crypto.subtle) {}

  verifier(publicKey: string): Promise<CryptoKey> {
    let key = this.publicKeys.get(publicKey);
    if (!key) {
      key = this.subtle.importKey('raw', fromBase64(publicKey), { name: 'Ed25519' }, false, ['verify']);
      this.publicKeys.set(publicKey, key);
    }
    return key;
  }

  /** Signs with an installation's private key, a non-extractable CryptoKey (shared/sync/keys.ts). */
  async sign(privateKey: CryptoKey, digest: Uint8Array<ArrayBuffer>): Promise<string> {
    return toBase64(new Uint8Array(await this.subtle.sign({ name: 'Ed25519' }, privateKey, digest)));
  }

  /** False for a bad signature and for a signature or key that is not even well-formed. */
  async verify(publicKey: string, signature: string, digest: Uint8Array<ArrayBuffer>): Promise<boolean> {
    try {
      return await this.subtle.verify({ name: 'Ed25519' }, await this.verifier(publicKey), fromBase64(signature), digest);
    } catch {
      return false;
    }
  }

  get crypto(): SubtleCrypto {
    return this.subtle;
  }
}

/** Hashes, chains and signs a run. Entries are rewritten in canonical key order. */
export async function sealRun(
  run: { node: string; firstSeq: number; lastSeq: number; entries: ChangeEntry[]; deps: Dependencies },
  prevHash: string,
  privateKey: CryptoKey,
  keys: KeyRing,
): Promise<SealedRun> {
  const entries = run.entries.map(canonicalEntry);
  const deps = canonicalCopy(run.deps);
  const digest = await digestOf(runHashInput({ ...run, entries, deps, prevHash }), keys.crypto);
  const signature = await keys.sign(privateKey, digest);
  return { node: run.node, firstSeq: run.firstSeq, lastSeq: run.lastSeq, prevHash, deps, entries, hash: toHex(digest), signature };
}

export type RunCheck = 'ok' | 'hash-mismatch' | 'bad-signature';

/** Recomputes a sealed run's hash and checks the origin's signature over it. */
export async function checkRun(run: SealedRun, originPublicKey: string, keys: KeyRing): Promise<RunCheck> {
  const digest = await digestOf(runHashInput(run), keys.crypto);
  if (toHex(digest) !== run.hash) return 'hash-mismatch';
  return (await keys.verify(originPublicKey, run.signature, digest)) ? 'ok' : 'bad-signature';
}
