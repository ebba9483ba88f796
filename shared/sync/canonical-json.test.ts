import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalCopy, canonicalJson, CanonicalJsonError, MAX_CANONICAL_DEPTH, sameJson } from './canonical-json';

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

  describe('values nested too deep', () => {
    const arrays = (depth: number): unknown => JSON.parse('['.repeat(depth) + '1' + ']'.repeat(depth));
    const objects = (depth: number): unknown => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

    it('are refused with a CanonicalJsonError, not a stack overflow, by canonicalJson and canonicalCopy', () => {
      for (const deep of [arrays(5000), objects(5000), arrays(1_000_000)]) {
        expect(() => canonicalJson(deep)).toThrow(CanonicalJsonError);
        expect(() => canonicalCopy(deep)).toThrow(CanonicalJsonError);
        expect(() => sameJson(deep, [])).toThrow(CanonicalJsonError);
      }
      expect(() => canonicalJson(objects(5000))).toThrow(/nested more than 64 levels deep/);
    });

    it('are refused on the slow path too (members out of order above the deep part)', () => {
      const deep = { b: 1, a: objects(5000) };
      expect(() => canonicalJson(deep)).toThrow(CanonicalJsonError);
      expect(() => canonicalJson([{ b: 1, a: 2 }, arrays(5000)])).toThrow(CanonicalJsonError);
    });

    it('are accepted up to the limit', () => {
      expect(MAX_CANONICAL_DEPTH).toBe(64);
      expect(canonicalJson(objects(MAX_CANONICAL_DEPTH))).toBe('{"a":'.repeat(64) + '1' + '}'.repeat(64));
      expect(canonicalJson({ b: 1, a: arrays(MAX_CANONICAL_DEPTH - 1) })).toBe(`{"a":${'['.repeat(63)}1${']'.repeat(63)},"b":1}`);
      expect(canonicalCopy(objects(MAX_CANONICAL_DEPTH))).toEqual(objects(MAX_CANONICAL_DEPTH));
      expect(() => canonicalJson(objects(MAX_CANONICAL_DEPTH + 1))).toThrow(CanonicalJsonError);
      expect(() => canonicalCopy(arrays(MAX_CANONICAL_DEPTH + 1))).toThrow(CanonicalJsonError);
    });

    it('include a value that contains itself', () => {
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic.self = cyclic;
      expect(() => canonicalJson(cyclic)).toThrow(CanonicalJsonError);
      expect(() => canonicalCopy(cyclic)).toThrow(CanonicalJsonError);
    });
  });

  describe('members named like members of Object.prototype', () => {
    const text = '{"__defineGetter__":1,"__proto__":{"x":2},"constructor":{"prototype":3},"hasOwnProperty":false,"isPrototypeOf":null,"toJSON":"kept","toString":"a","valueOf":[4]}';

    it('are ordinary members, on the fast path (already in order) and the slow one', () => {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      expect(canonicalJson(parsed)).toBe(text);
      const reversed = JSON.parse('{' + text.slice(1, -1).split(/,(?=")/).reverse().join(',') + '}') as unknown;
      expect(Object.keys(reversed as object)[0]).toBe('valueOf');
      expect(canonicalJson(reversed)).toBe(text);
      expect(canonicalJson({ nested: [reversed] })).toBe(`{"nested":[${text}]}`);
    });

    it('are kept as own members by canonicalCopy, whose copy is an ordinary object', () => {
      const reversed = JSON.parse('{' + text.slice(1, -1).split(/,(?=")/).reverse().join(',') + '}') as unknown;
      const copy = canonicalCopy(reversed) as Record<string, unknown>;
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      for (const key of ['__defineGetter__', '__proto__', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'toJSON', 'toString', 'valueOf']) {
        expect(Object.hasOwn(copy, key), key).toBe(true);
      }
      expect(copy.toString).toBe('a');
      expect(copy.constructor).toEqual({ prototype: 3 });
      expect(JSON.stringify(copy)).toBe(text);
      expect(canonicalJson(copy)).toBe(text);
      expect(sameJson(copy, JSON.parse(text))).toBe(true);
    });

    it('never read a member from a prototype, even one that some code has added to Object.prototype', () => {
      const text = '{"a":1,"b":{"c":[{"d":2}]},"toString":"x"}';
      const value = JSON.parse(text) as unknown;
      let read = 0;
      let written: string | undefined;
      let copied: string | undefined;
      Object.defineProperty(Object.prototype, 'zzInherited', {
        get: () => {
          read++;
          return 'from the prototype';
        },
        set: () => {},
        enumerable: true,
        configurable: true,
      });
      try {
        written = canonicalJson(value);
        copied = JSON.stringify(canonicalCopy(value));
      } finally {
        delete (Object.prototype as Record<string, unknown>).zzInherited;
      }
      expect(written).toBe(text);
      expect(copied).toBe(text);
      expect(read).toBe(0);
      const inheriting = Object.assign(Object.create({ inherited: 1 }) as Record<string, unknown>, { own: 2 });
      expect(canonicalJson(inheriting)).toBe('{"own":2}');
      expect(canonicalJson(Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
    });
  });

  it('compares JSON values regardless of member order', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson('x', 'x')).toBe(true);
  });
});
