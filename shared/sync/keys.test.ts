import { describe, expect, it } from 'vitest';
import { fromBase64, generateNodeKeys, importLegacyPrivateKey, isSigningKey, toBase64 } from './keys';
import { KeyRing, digestOf } from './run-seal';

describe('node keys', () => {
  it('makes a private key that signs and cannot be exported, and a raw public key in base64', async () => {
    const keys = await generateNodeKeys();
    expect(keys.privateKey.extractable).toBe(false);
    expect(isSigningKey(keys.privateKey)).toBe(true);
    await expect(crypto.subtle.exportKey('pkcs8', keys.privateKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', keys.privateKey)).rejects.toThrow();
    expect(fromBase64(keys.publicKey)).toHaveLength(32);
    const ring = new KeyRing();
    const digest = await digestOf({ meeting: 'AGM' });
    expect(await ring.verify(keys.publicKey, await ring.sign(keys.privateKey, digest), digest)).toBe(true);
  });

  it('imports an older Quorum’s base64 PKCS#8 key as a non-extractable key of the same pair', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const publicKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
    const imported = await importLegacyPrivateKey(toBase64(new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey))));
    expect(imported.extractable).toBe(false);
    expect(isSigningKey(imported)).toBe(true);
    const ring = new KeyRing();
    const digest = await digestOf({ meeting: 'AGM' });
    expect(await ring.verify(publicKey, await ring.sign(imported, digest), digest)).toBe(true);
  });

  it('tells a signing key from a public key and from a string', async () => {
    const keys = await generateNodeKeys();
    expect(isSigningKey(await new KeyRing().verifier(keys.publicKey))).toBe(false);
    expect(isSigningKey(keys.publicKey)).toBe(false);
    expect(isSigningKey({ type: 'private', algorithm: { name: 'Ed25519' }, usages: ['sign'] })).toBe(false);
  });
});
