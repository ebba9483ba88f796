import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalCopy, canonicalJson, CanonicalJsonError, sameJson } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts members by key, writes no whitespace, and leaves arrays in order', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: true, c: null }], 'é': 'x' })).toBe('{"a":[3,{"c":null,"d":true}],"b":1,"é":"x"}');
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does, numbers-like keys included', () => {
    expect(canonicalJson({ '10': 'a', '2': 'b', B: 1, a: 2, '\u20ac': 3, '\ud83d\ude00': 4 })).toBe('{"10":"a","2":"b","B":1,"a":2,"€":3,"😀":4}');
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 125000, 'line\nbreak "quoted"'])).toBe('[1e+21,0.1,0,125000,"line\\nbreak \\"quoted\\""]');
  });

  it('refuses numbers that JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson([Infinity])).toThrow(CanonicalJsonError);
  });

  it('gives the same text whatever order the members were written in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value), function (this: unknown, _key, v: unknown) {
          if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).reverse());
          return v;
        }) as unknown;
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
        // A canonical copy hashes the same (JSON.stringify of it is canonical too, unless keys look like array indexes).
        expect(canonicalJson(canonicalCopy(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it('keeps a member named "__proto__" in a canonical copy, as JSON.parse does', () => {
    const value = JSON.parse('{"b":1,"__proto__":{"x":2}}') as unknown;
    expect(canonicalJson(canonicalCopy(value))).toBe('{"__proto__":{"x":2},"b":1}');
    expect(canonicalJson(canonicalCopy(value))).toBe(canonicalJson(value));
  });

  it('compares JSON values regardless of member order', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson('x', 'x')).toBe(true);
  });
});
