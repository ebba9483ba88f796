import { describe, expect, it } from 'vitest';
import { checkRun, KeyRing, sealRun } from './run-seal';
import { generateNodeKeys } from './keys';
import type { ChangeEntry } from './change';

const NODE = 'aaaaaaaa-0000-4000-8000-000000000001';
const entries: ChangeEntry[] = [
  { seq: 1, hlc: `2026-11-22T10:00:00.000Z-0000-${NODE}`, table: 'organisations' as const, row: 'r1', fields: { name: 'Luton CVS', kind: 'cvs' } },
  { seq: 2, hlc: `2026-11-22T10:00:01.000Z-0000-${NODE}`, table: 'organisations' as const, row: 'r1', fields: { phone: '01582 000000' } },
];

describe('sealed runs', () => {
  it('verifies a run sealed by its origin, with one hash and one signature for the whole run', async () => {
    const keys = await generateNodeKeys();
    const ring = new KeyRing();
    const run = await sealRun({ node: NODE, firstSeq: 1, lastSeq: 2, entries, deps: {} }, '', keys.privateKey, ring);
    expect(run.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await checkRun(run, keys.publicKey, ring)).toBe('ok');
  });

  it('detects any change to an entry, and a signature by another key', async () => {
    const keys = await generateNodeKeys();
    const other = await generateNodeKeys();
    const ring = new KeyRing();
    const run = await sealRun({ node: NODE, firstSeq: 1, lastSeq: 2, entries, deps: {} }, '', keys.privateKey, ring);
    const altered = { ...run, entries: [run.entries[0]!, { ...run.entries[1]!, fields: { phone: '01582 000001' } }] };
    expect(await checkRun(altered, keys.publicKey, ring)).toBe('hash-mismatch');
    expect(await checkRun({ ...run, prevHash: 'f'.repeat(64) }, keys.publicKey, ring)).toBe('hash-mismatch');
    expect(await checkRun(run, other.publicKey, ring)).toBe('bad-signature');
  });

  it('hashes the same whatever order an entry’s members were written in', async () => {
    const keys = await generateNodeKeys();
    const ring = new KeyRing();
    const run = await sealRun({ node: NODE, firstSeq: 1, lastSeq: 2, entries, deps: {} }, '', keys.privateKey, ring);
    const reordered = { ...run, entries: run.entries.map((e) => ({ table: e.table, seq: e.seq, row: e.row, hlc: e.hlc, fields: Object.fromEntries(Object.entries(e.fields).reverse()) })) };
    expect(await checkRun(reordered, keys.publicKey, ring)).toBe('ok');
  });
});
