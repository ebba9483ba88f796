import { describe, expect, it } from 'vitest';
import { BUNDLE_VERSION, isKnownTableChange, isKnownTableRun, readBundle, readFormatVersion } from './bundle-format';
import { parseBundleJson } from './bundle-codec';
import { canonicalJson } from './canonical-json';
import { isSyncedTable } from './change';
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

  it('refuses a change to the bookkeeping fields, or to a copy’s own record-keeping tables', () => {
    expect(() => readBundle(bundle({ entry: { fields: { _clocks: {} } } }))).toThrow(/bookkeeping/);
    expect(() => readBundle(bundle({ entry: { fields: { id: 'other' } } }))).toThrow(/bookkeeping/);
    expect(() => readBundle(bundle({ entry: { fields: JSON.parse('{"__proto__": {"x": 1}}') } }))).toThrow(MalformedBundleError);
    expect(() => readBundle(bundle({ entry: { fields: { _log: [] } } }))).toThrow(/bookkeeping/);
    for (const table of ['installation', 'changeLog', 'syncLedger', 'imports', 'refusals', 'deferred', 'drafts']) {
      expect(() => readBundle(bundle({ entry: { table } })), table).toThrow(/record-keeping/);
    }
  });

  it('refuses table and field names that are not well formed, whether known or not', () => {
    for (const table of ['', 'Organisations', 'agenda-items', 'decisions register', '9tables', 'x'.repeat(65), 42, null]) {
      expect(() => readBundle(bundle({ entry: { table } })), String(table)).toThrow(/kind of record whose name is not valid/);
    }
    for (const field of ['', 'a.b', 'with space', '9lives', 'a/b', 'x@y', 'x'.repeat(65)]) {
      expect(() => readBundle(bundle({ entry: { fields: { [field]: 1 } } })), field).toThrow(/field whose name is not valid/);
    }
    // The longest names allowed.
    expect(readBundle(bundle({ entry: { table: `t${'x'.repeat(63)}`, fields: { [`f${'x'.repeat(63)}`]: 1 } } })).origins).toHaveLength(1);
    // A field of a family, one per event or part: a name, a colon and the part's id.
    const parts = { 'event:5f1d9a8e-2c3b-4e7f-8a9b-0c1d2e3f4a5b': { type: 'approved' }, 'dissent:org-1': true, [`x:${'y'.repeat(128)}`]: 1 };
    expect(readBundle(bundle({ entry: { table: 'partnerClaims', fields: parts } })).origins[0]!.runs[0]!.entries[0]!.fields).toEqual(parts);
    for (const field of ['event:', ':id', `x:${'y'.repeat(129)}`, 'event:a b', 'event:a/b', 'event:a@b']) {
      expect(() => readBundle(bundle({ entry: { fields: { [field]: 1 } } })), field).toThrow(/field whose name is not valid/);
    }
  });

  it('refuses a change with parts other than its five, or with one missing', () => {
    expect(() => readBundle(bundle({ entry: { note: 'hello' } }))).toThrow(/unknown part/);
    expect(() => readBundle(bundle({ entry: { constructor: 'x' } }))).toThrow(/unknown part/);
    const { row: _row, ...withoutRow } = bundle().origins[0]!.runs[0]!.entries[0]!;
    const incomplete = bundle();
    incomplete.origins[0]!.runs[0]!.entries[0] = withoutRow as never;
    expect(() => readBundle(incomplete)).toThrow(MalformedBundleError);
  });

  it('refuses a body that does not match the signed list of contents', () => {
    expect(() => readBundle(bundle({ contentsHash: 'b'.repeat(64) }))).toThrow(TamperedBundleError);
  });
});

describe('a bundle written by a newer version of Quorum', () => {
  const ORIGIN = 'c86e93ef-84c2-4dd0-8e9f-49ebee443bac';
  const stamp = (second: number) => `2026-11-22T10:15:${String(second).padStart(2, '0')}.123Z-0000-${ORIGIN}`;
  // A newer Quorum has a register of decisions with saved views (a kind of record this
  // version does not know), and organisations have gained a field (`charityNumber`).
  const entries = [
    {
      fields: { charityNumber: '1234567', kind: 'volunteer-centre', name: 'Dunstable Volunteer Centre', phone: '01582 000000' },
      hlc: stamp(30),
      row: '5f1d9a8e-2c3b-4e7f-8a9b-0c1d2e3f4a5b',
      seq: 1,
      table: 'organisations',
    },
    {
      fields: {
        columns: ['decidedOn', 'title', 'outcome'],
        filters: { meetingKind: ['consortium', 'steering-group'], outcome: 'carried' },
        name: 'Decisions this year',
        ownerOrganisationId: '5f1d9a8e-2c3b-4e7f-8a9b-0c1d2e3f4a5b',
        sort: { by: 'decidedOn', descending: true },
      },
      hlc: stamp(31),
      row: '0b7e2c1a-1d2e-4f3a-9b8c-7d6e5f4a3b2c',
      seq: 2,
      table: 'decisionsRegisterViews',
    },
    { fields: { charityNumber: '7654321' }, hlc: stamp(32), row: '5f1d9a8e-2c3b-4e7f-8a9b-0c1d2e3f4a5b', seq: 3, table: 'organisations' },
  ];
  const runBody = { deps: {}, entries, firstSeq: 1, lastSeq: 3, node: ORIGIN, prevHash: '' };

  async function sha256Hex(text: string): Promise<string> {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function newerBundleText(): Promise<string> {
    const hash = await sha256Hex(canonicalJson(runBody));
    const party = { node: ORIGIN, name: 'Luton CVS', role: 'partner', publicKey: KEY };
    return JSON.stringify({
      header: {
        format: 'quorum-bundle',
        version: 1, // the envelope is unchanged: only the kinds of record are new
        bundleId: 'a3445120-a35b-465b-a7b9-a5adbecd2ce1',
        consortiumId: '',
        sender: party,
        recipient: null,
        createdAt: '2026-11-22T10:15:33.123Z',
        acknowledgements: { [ORIGIN]: 3 },
        contents: [{ node: ORIGIN, firstSeq: 1, lastSeq: 3, hash }],
      },
      signature: 'c2ln',
      origins: [{ ...party, runs: [{ ...runBody, hash, signature: 'c2ln' }] }],
    });
  }

  it('passes readBundle: kinds of record and fields this version does not know are kept as they are', async () => {
    const read = readBundle(parseBundleJson(await newerBundleText()));
    const run = read.origins[0]!.runs[0]!;
    expect(run.entries.map((entry) => entry.table)).toEqual(['organisations', 'decisionsRegisterViews', 'organisations']);
    expect(run.entries[1]!.fields).toEqual(entries[1]!.fields);
    expect(run.entries[0]!.fields.charityNumber).toBe('1234567');
    // It hashes to what its writer hashed, so its signature can be checked and the run kept and forwarded.
    expect(await sha256Hex(canonicalJson({ deps: run.deps, entries: run.entries, firstSeq: run.firstSeq, lastSeq: run.lastSeq, node: run.node, prevHash: run.prevHash }))).toBe(run.hash);
  });

  it('lets callers tell the changes this version can apply from those it keeps for later', async () => {
    const run = readBundle(parseBundleJson(await newerBundleText())).origins[0]!.runs[0]!;
    expect(run.entries.map(isKnownTableChange)).toEqual([true, false, true]);
    expect(isKnownTableRun(run)).toBe(false);
    const known = run.entries.filter(isKnownTableChange);
    expect(known.every((entry) => isSyncedTable(entry.table))).toBe(true);
    expect(isKnownTableRun({ ...run, entries: known })).toBe(true);
  });

  it('is still refused when its format version (the envelope) is newer', async () => {
    const json = parseBundleJson(await newerBundleText()) as { header: { version: number } };
    json.header.version = BUNDLE_VERSION + 1;
    expect(() => readBundle(json)).toThrow(NewerVersionError);
  });
});
