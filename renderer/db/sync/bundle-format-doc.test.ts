/**
 * The worked example in docs/bundle-format.md is a real bundle: it must read,
 * hash and verify with the code, so the document and the format cannot drift apart.
 * Its list of tables (§5.4) names every kind of record this version knows; the
 * table of kinds (§5.6) is checked by shared/domain/registry-doc.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../shared/sync/bundle-format';
import { canonicalJson } from '../../../shared/sync/canonical-json';
import { fingerprintOf } from '../../../shared/sync/fingerprint';
import { checkRun, digestOf, KeyRing, runHashInput, toHex } from '../../../shared/sync/run-seal';
import { SYNCED_TABLES } from '../../../shared/sync/change';

const doc = readFileSync(new URL('../../../docs/bundle-format.md', import.meta.url), 'utf8');
const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!) as unknown;

describe('the format document’s worked example', () => {
  it('is a bundle Quorum reads, whose run and header signatures verify', async () => {
    const bundle = readBundle(example);
    const keys = new KeyRing();
    const sender = bundle.header.sender;
    expect(await keys.verify(sender.publicKey, bundle.signature, await digestOf(bundle.header))).toBe(true);
    for (const origin of bundle.origins) for (const run of origin.runs) expect(await checkRun(run, origin.publicKey, keys)).toBe('ok');
  });

  it('shows the canonical JSON, hashes and fingerprint that the code computes', async () => {
    const bundle = readBundle(example);
    const run = bundle.origins[0]!.runs[0]!;
    expect(doc).toContain(canonicalJson(runHashInput(run)));
    expect(doc).toContain(canonicalJson(bundle.header));
    expect(doc).toContain(toHex(await digestOf(bundle.header)));
    expect(doc).toContain(run.hash);
    expect(doc).toContain(await fingerprintOf(bundle.header.sender.publicKey));
  });
});

describe('the format document’s list of tables', () => {
  it('names every kind of record this version knows (§5.4)', () => {
    const section = /### 5\.4 Tables\n([\s\S]*?)\n### /.exec(doc)?.[1] ?? '';
    const missing = SYNCED_TABLES.filter((table) => !section.includes(`\`${table}\``));
    expect(missing, 'add these tables to §5.4 of docs/bundle-format.md').toEqual([]);
  });
});
