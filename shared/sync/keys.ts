/**
 * An installation's Ed25519 signing keys (WebCrypto, available in Chromium,
 * Electron and Node 20), kept as base64 so they store and travel as plain strings.
 */

export interface NodeKeys {
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  /** PKCS#8 private key, base64. */
  privateKey: string;
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
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const privateKey = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  return { publicKey: toBase64(publicKey), privateKey: toBase64(privateKey) };
}
