/**
 * An installation's Ed25519 signing keys (WebCrypto, available in Chromium,
 * Electron and Node 20). The public key travels as base64 of its raw 32 bytes;
 * the private key is a non-extractable CryptoKey: it can sign, and no code
 * (Quorum's or anything else reading the store) can read its bytes out.
 * IndexedDB keeps such a key as it is, non-extractability included.
 */

export interface NodeKeys {
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  /** The private key: Ed25519, usable only to sign, never exportable. */
  privateKey: CryptoKey;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function generateNodeKeys(subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<NodeKeys> {
  // Not extractable: this applies to the private key; a public key can always be exported.
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { publicKey: toBase64(publicKey), privateKey: pair.privateKey };
}

/**
 * For the start-up migration only (renderer/db/installation.ts): a private key
 * stored by an older Quorum as base64 PKCS#8, imported as a non-extractable key.
 */
export function importLegacyPrivateKey(pkcs8Base64: string, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<CryptoKey> {
  return subtle.importKey('pkcs8', fromBase64(pkcs8Base64), { name: 'Ed25519' }, false, ['sign']);
}

/** True for a private Ed25519 key that can sign (as stored in the installation row). */
export function isSigningKey(value: unknown): value is CryptoKey {
  return (
    typeof CryptoKey !== 'undefined' &&
    value instanceof CryptoKey &&
    value.type === 'private' &&
    value.algorithm.name === 'Ed25519' &&
    value.usages.includes('sign')
  );
}
