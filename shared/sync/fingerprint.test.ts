import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './fingerprint';
import { generateNodeKeys, toBase64 } from './keys';

describe('fingerprints', () => {
  it('shows a key as six groups of five digits', async () => {
    const { publicKey } = await generateNodeKeys();
    expect(await fingerprintOf(publicKey)).toMatch(/^\d{5} \d{5} \d{5} \d{5} \d{5} \d{5}$/);
  });

  it('is the same for the same key on every copy, and differs for another key', async () => {
    const a = await generateNodeKeys();
    const b = await generateNodeKeys();
    expect(await fingerprintOf(a.publicKey)).toBe(await fingerprintOf(a.publicKey));
    expect(await fingerprintOf(a.publicKey)).not.toBe(await fingerprintOf(b.publicKey));
  });

  it('follows the documented algorithm (SHA-256, five bytes per group, modulo 100000)', async () => {
    // The all-zero key: SHA-256 = 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925
    const key = toBase64(new Uint8Array(32));
    // 0x66687aadf8 = 439839534584 → 34584; 0x62bd776c8f = 424085515407 → 15407; …
    expect((await fingerprintOf(key)).split(' ').slice(0, 2)).toEqual(['34584', '15407']);
  });
});
