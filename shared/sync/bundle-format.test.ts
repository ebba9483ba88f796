import { describe, expect, it } from 'vitest';
import { readBundle, readFormatVersion } from './bundle-format';
import { MalformedBundleError, NewerVersionError, TamperedBundleError, WrongFormatError } from './bundle-errors';

const NODE = 'aaaaaaaa-0000-4000-8000-000000000001';
const KEY = btoa(String.fromCharCode(...new Uint8Array(32)));
const HASH = 'a'.repeat(64);

function bundle(overrides: { entry?: Record<string, unknown>; contentsHash?: string } = {}) {
  const entry = { seq: 1, hlc: `2026-11-22T10:00:00.000Z-0000-${NODE}`, table: 'organisations', row: 'r1', fields: { name: 'Luton CVS' }, ...overrides.entry };
  return {
    header: {
      format: 'quorum-bundle',
      version: 1,
      bundleId: 'b1',
      consortiumId: '',
      sender: { node: NODE, name: 'Luton CVS', role: 'partner', publicKey: KEY },
      recipient: null,
      createdAt: '2026-11-22T10:00:00.000Z',
      acknowledgements: { [NODE]: 1 },
      contents: [{ node: NODE, firstSeq: 1, lastSeq: 1, hash: overrides.contentsHash ?? HASH }],
    },
    signature: 'c2ln',
    origins: [{ node: NODE, name: 'Luton CVS', role: 'partner', publicKey: KEY, runs: [{ node: NODE, firstSeq: 1, lastSeq: 1, prevHash: '', hash: HASH, signature: 'c2ln', deps: {}, entries: [entry] }] }],
  };
}

describe('reading a bundle’s structure', () => {
  it('reads a well-formed bundle', () => {
    expect(readBundle(bundle()).origins[0]?.runs[0]?.entries[0]?.fields).toEqual({ name: 'Luton CVS' });
  });

  it('says which files are not bundles and which are from a newer Quorum', () => {
    expect(() => readFormatVersion({ hello: 'world' })).toThrow(WrongFormatError);
    expect(() => readFormatVersion([1, 2])).toThrow(WrongFormatError);
    const newer = bundle();
    newer.header.version = 3;
    expect(() => readBundle(newer)).toThrow(NewerVersionError);
  });

  it('refuses a change stamped with another copy’s clock (it could win ties it should not)', () => {
    expect(() => readBundle(bundle({ entry: { hlc: '2026-11-22T10:00:00.000Z-0000-bbbbbbbb-0000-4000-8000-000000000002' } }))).toThrow(MalformedBundleError);
  });

  it('refuses a change to the bookkeeping fields or to a table Quorum does not know', () => {
    expect(() => readBundle(bundle({ entry: { fields: { _clocks: {} } } }))).toThrow(/bookkeeping/);
    expect(() => readBundle(bundle({ entry: { fields: JSON.parse('{"__proto__": {"x": 1}}') } }))).toThrow(MalformedBundleError);
    expect(() => readBundle(bundle({ entry: { table: 'installation' } }))).toThrow(MalformedBundleError);
  });

  it('refuses a body that does not match the signed list of contents', () => {
    expect(() => readBundle(bundle({ contentsHash: 'b'.repeat(64) }))).toThrow(TamperedBundleError);
  });
});
