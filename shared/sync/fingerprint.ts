/**
 * A public key's fingerprint, for two people to compare by telephone or side by
 * side before enrolling each other: six groups of five digits, in the manner of
 * Signal's safety numbers. SHA-256 of the raw 32-byte Ed25519 public key; each
 * group is five bytes of the digest read as a big-endian number, modulo 100,000,
 * written with leading zeros. 30 digits carry about 100 bits: far beyond what an
 * impostor could match by generating keys.
 */
import { fromBase64 } from './keys';

export const FINGERPRINT_GROUPS = 6;

export async function fingerprintOf(publicKey: string, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', fromBase64(publicKey)));
  const groups: string[] = [];
  for (let g = 0; g < FINGERPRINT_GROUPS; g++) {
    let n = 0;
    // Five bytes make at most 2^40, exactly representable in a double.
    for (let i = 0; i < 5; i++) n = n * 256 + digest[g * 5 + i]!;
    groups.push(String(n % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}
