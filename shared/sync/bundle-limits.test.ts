/**
 * Hostile bundles: values nested thousands deep, huge texts and counts, and field
 * names that are members of Object.prototype. Each is either read as ordinary data
 * or refused cleanly, in plain words, while the bundle is read: never a stack
 * overflow, never a member read from a prototype.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLE_LIMITS, readBundle } from './bundle-format';
import { parseBundleJson } from './bundle-codec';
import { BundleBeyondLimitsError, BundleRefusedError, MalformedBundleError } from './bundle-errors';
import { canonicalCopy, canonicalJson } from './canonical-json';

const NODE = 'aaaaaaaa-0000-4000-8000-000000000001';
const KEY = btoa(String.fromCharCode(...new Uint8Array(32)));
const HASH = 'a'.repeat(64);

type Json = unknown;

function stamp(seq: number): string {
  return `${new Date(Date.UTC(2026, 10, 22, 10) + seq).toISOString()}-0000-${NODE}`;
}

/** A bundle of one origin whose runs hold the given changes' fields (to `organisations`, unless `table` is given). */
function bundleOf(runs: Array<Array<{ fields: Json; table?: string }>>, extra: { header?: Record<string, Json>; deps?: Record<string, Json> } = {}) {
  let seq = 0;
  const sealed = runs.map((changes, index) => {
    const firstSeq = seq + 1;
    const entries = changes.map((change) => {
      seq++;
      return { seq, hlc: stamp(seq), table: change.table ?? 'organisations', row: `r${seq}`, fields: change.fields };
    });
    return { node: NODE, firstSeq, lastSeq: seq, prevHash: index === 0 ? '' : HASH, hash: HASH, signature: 'c2ln', deps: extra.deps ?? {}, entries };
  });
  return {
    header: {
      format: 'quorum-bundle',
      version: 1,
      bundleId: 'b1',
      consortiumId: '',
      sender: { node: NODE, name: 'Luton CVS', role: 'partner', publicKey: KEY },
      recipient: null,
      createdAt: '2026-11-22T10:00:00.000Z',
      acknowledgements: { [NODE]: seq },
      contents: sealed.map((run) => ({ node: NODE, firstSeq: run.firstSeq, lastSeq: run.lastSeq, hash: HASH })),
      ...extra.header,
    },
    signature: 'c2ln',
    origins: [{ node: NODE, name: 'Luton CVS', role: 'partner', publicKey: KEY, runs: sealed }],
  };
}

const withField = (value: Json) => bundleOf([[{ fields: { notes: value } }]]);

function nestedArrays(depth: number): Json {
  return JSON.parse('['.repeat(depth) + '"x"' + ']'.repeat(depth));
}
function nestedObjects(depth: number): Json {
  return JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
}

/** Reads the bundle and returns the refusal, which must be one for going beyond a limit. */
function refusal(bundle: Json): BundleBeyondLimitsError {
  let error: unknown;
  try {
    readBundle(bundle);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BundleBeyondLimitsError);
  const refused = error as BundleBeyondLimitsError;
  // A kind of malformed bundle, as the Sync screen already knows how to show.
  expect(refused).toBeInstanceOf(MalformedBundleError);
  expect(refused).toBeInstanceOf(BundleRefusedError);
  expect(refused.code).toBe('malformed');
  expect(refused.message).toMatch(/^This bundle cannot be opened: .+, which is more than Quorum accepts\. Nothing was imported\./);
  expect(refused.message).not.toMatch(/undefined|NaN|\[object/);
  return refused;
}

describe('the limits of a bundle', () => {
  it('refuses a value nested 5,000 deep cleanly instead of overflowing the stack', () => {
    const text = JSON.stringify(withField('PLACEHOLDER')).replace('"PLACEHOLDER"', '['.repeat(5000) + ']'.repeat(5000));
    expect(refusal(parseBundleJson(text)).message).toContain('nested more than 32 levels deep');
    expect(refusal(withField(nestedObjects(5000))).message).toContain('nested more than 32 levels deep');
    // A million deep: JSON.parse copes (it does not recurse), and so does the check.
    expect(refusal(withField(nestedArrays(1_000_000))).message).toContain('nested more than 32 levels deep');
  });

  it('accepts a field value nested exactly 32 deep, and refuses 33', () => {
    expect(BUNDLE_LIMITS.fieldDepth).toBe(32);
    expect(readBundle(withField(nestedArrays(32))).origins).toHaveLength(1);
    expect(readBundle(withField(nestedObjects(32))).origins).toHaveLength(1);
    refusal(withField(nestedArrays(33)));
    refusal(withField(nestedObjects(33)));
    // Such a value, once read, can be hashed.
    const run = readBundle(withField(nestedObjects(32))).origins[0]!.runs[0]!;
    expect(canonicalJson(run)).toContain('{"a":'.repeat(32));
  });

  it('refuses a text longer than the limit, in a value or as a member name inside one', () => {
    const longest = 'x'.repeat(BUNDLE_LIMITS.fieldTextLength);
    expect(readBundle(withField(longest)).origins).toHaveLength(1);
    expect(refusal(withField(`${longest}x`)).message).toContain('a text longer than 1,000,000 characters');
    refusal(withField([{ ok: [`${longest}x`] }]));
    refusal(withField({ [`${longest}x`]: 1 }));
  });

  it('refuses a number JSON can write but not hold (1e400 reads as Infinity and could not be hashed)', () => {
    const text = JSON.stringify(withField(0)).replace('"notes":0', '"notes":[1e400]');
    expect(refusal(parseBundleJson(text)).message).toContain('a number too large to hold');
  });

  it('refuses a change writing more fields than the limit', () => {
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`field${i}`, i]));
    expect(readBundle(bundleOf([[{ fields: fields(BUNDLE_LIMITS.fieldsPerChange) }]])).origins).toHaveLength(1);
    expect(refusal(bundleOf([[{ fields: fields(BUNDLE_LIMITS.fieldsPerChange + 1) }]])).message).toContain('more than 200 fields');
  });

  it('refuses a run of more changes than the limit', () => {
    const changes = (n: number) => Array.from({ length: n }, (_, i) => ({ fields: { name: `Group ${i}` } }));
    expect(readBundle(bundleOf([changes(BUNDLE_LIMITS.changesPerRun)])).origins[0]!.runs[0]!.entries).toHaveLength(10_000);
    expect(refusal(bundleOf([changes(BUNDLE_LIMITS.changesPerRun + 1)])).message).toContain('holds more than 10,000 changes');
  });

  it('refuses more changes in all, or more runs, than the limits, before reading any of them', () => {
    // Only the lengths count: the runs need not even be well formed to be refused for their number.
    const full = new Array<number>(BUNDLE_LIMITS.changesPerRun).fill(0);
    const manyChanges = bundleOf([]);
    manyChanges.origins[0]!.runs = Array.from({ length: BUNDLE_LIMITS.changesPerBundle / BUNDLE_LIMITS.changesPerRun + 1 }, () => ({ entries: full })) as never;
    expect(refusal(manyChanges).message).toContain('it holds more than 1,000,000 changes');

    const manyRuns = bundleOf([]);
    manyRuns.origins[0]!.runs = new Array(BUNDLE_LIMITS.runsPerBundle + 1).fill({}) as never;
    expect(refusal(manyRuns).message).toContain('it holds more than 100,000 runs of changes');

    const longContents = bundleOf([]);
    longContents.header.contents = new Array(BUNDLE_LIMITS.runsPerBundle + 1).fill({}) as never;
    expect(refusal(longContents).message).toContain('it lists more than 100,000 runs of changes');
  });

  it('refuses a bundle naming more copies of Quorum than the limit', () => {
    const nodes = Array.from({ length: BUNDLE_LIMITS.copiesPerBundle + 1 }, (_, i) => `node${i}`);
    const manyOrigins = bundleOf([]);
    manyOrigins.origins = new Array(nodes.length).fill(manyOrigins.origins[0]) as never;
    expect(refusal(manyOrigins).message).toContain('more than 10,000 copies of Quorum');

    const manyAcknowledged = bundleOf([]);
    manyAcknowledged.header.acknowledgements = Object.fromEntries(nodes.map((node) => [node, 1])) as never;
    refusal(manyAcknowledged);

    const manyDeps = bundleOf([[{ fields: { name: 'x' } }]], { deps: Object.fromEntries(nodes.map((node) => [node, `2026-11-22T10:00:00.000Z-0000-${node}`])) });
    expect(refusal(manyDeps).message).toContain('list of dependencies names more than 10,000 copies');
  });

  it('refuses a copy’s name longer than the limit', () => {
    const named = bundleOf([]);
    named.header.sender.name = 'x'.repeat(BUNDLE_LIMITS.nameLength + 1);
    expect(refusal(named).message).toContain('the sender has a name longer than 1,000 characters');
  });

  it('refuses a header with a member this version does not know nested too deep (the header is hashed as it is)', () => {
    expect(readBundle(bundleOf([], { header: { note: { from: 'a newer Quorum' } } })).header).toHaveProperty('note');
    expect(refusal(bundleOf([], { header: { note: nestedArrays(5000) } })).message).toContain('its header holds a value nested');
  });
});

describe('field names that are members of Object.prototype', () => {
  const PROTOTYPE_NAMES = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];

  it('are ordinary fields of a change: read as the change’s own, with the values it gives', () => {
    const fields = Object.fromEntries(PROTOTYPE_NAMES.map((name, i) => [name, i % 2 ? `text ${i}` : { n: i }]));
    const text = JSON.stringify(bundleOf([[{ fields }]]));
    const read = readBundle(parseBundleJson(text)).origins[0]!.runs[0]!.entries[0]!.fields;
    for (const name of PROTOTYPE_NAMES) {
      expect(Object.hasOwn(read, name), name).toBe(true);
      expect(read[name], name).toEqual(fields[name]);
    }
    expect(canonicalJson(read)).toBe(canonicalJson(fields));
  });

  it('are ordinary members inside a field’s value, "__proto__" included', () => {
    const value = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":"not a function","valueOf":[1,2]}';
    const text = JSON.stringify(withField(0)).replace('"notes":0', `"notes":${value}`);
    const read = readBundle(parseBundleJson(text)).origins[0]!.runs[0]!.entries[0]!.fields.notes as Record<string, unknown>;
    expect(Object.keys(read).sort()).toEqual(['__proto__', 'constructor', 'toString', 'valueOf']);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(canonicalJson(read)).toBe(value);
    const copy = canonicalCopy(read);
    expect(Object.keys(copy)).toEqual(['__proto__', 'constructor', 'toString', 'valueOf']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(value);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('are refused as parts of a change, and "__proto__" as a field (it is the prototype, not a field)', () => {
    expect(() => readBundle(bundleOf([[{ fields: JSON.parse('{"__proto__":{"name":"x"}}') }]]))).toThrow(/bookkeeping field “__proto__”/);
    const withPart = bundleOf([[{ fields: { name: 'x' } }]]);
    Object.assign(withPart.origins[0]!.runs[0]!.entries[0]!, { hasOwnProperty: 'x' });
    expect(() => readBundle(withPart)).toThrow(/unknown part/);
  });
});
