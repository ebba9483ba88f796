/**
 * Canonical JSON: the one byte sequence that is hashed and signed for a value,
 * so that two programs that agree on the value agree on its hash.
 *
 * The rules are those of RFC 8785 (JSON Canonicalization Scheme) for the values
 * Quorum uses:
 *   - object members sorted by key, comparing keys as sequences of UTF-16 code
 *     units (JavaScript's default string order);
 *   - no whitespace anywhere;
 *   - strings and numbers written as ECMAScript's JSON.stringify writes them
 *     (shortest round-trip numbers, minimal escapes);
 *   - members whose value is `undefined` are left out (they cannot occur in
 *     parsed JSON); NaN and infinities are refused.
 * The result is encoded as UTF-8 before hashing.
 *
 * Only an object's own members count, whatever their names: a member called
 * `toString`, `constructor` or `__proto__` is an ordinary member, and nothing is
 * ever read from an object's prototype.
 *
 * Values nested more than MAX_CANONICAL_DEPTH arrays and objects deep are refused
 * with a CanonicalJsonError, before the recursion could exhaust the stack (a
 * bundle refuses such values earlier still: bundle-format.ts, BUNDLE_LIMITS).
 *
 * Speed matters: a bundle of 100,000 changes is about 30 MB of JSON. Building
 * the string by hand is ten times slower than JSON.stringify, so we first check
 * (cheaply) whether every object already lists its keys in sorted order; if so
 * JSON.stringify produces the canonical form directly. Quorum writes runs in
 * canonical order when it seals them, so the fast path is the usual one.
 */

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

/**
 * The deepest nesting of arrays and objects accepted: `1` and `"x"` are at depth 0,
 * `[1]` and `{"a":1}` at depth 1. A run's hashed content holds a change's field
 * values four levels down (run, entries, entry, fields), and a field value may
 * nest 32 deep, so 64 leaves room to spare.
 */
export const MAX_CANONICAL_DEPTH = 64;

function tooDeep(): never {
  throw new CanonicalJsonError(`The data is nested more than ${MAX_CANONICAL_DEPTH} levels deep`);
}

/**
 * for…in visits an object's own enumerable members, then enumerable members
 * inherited from its prototype. Objects made by JSON.parse inherit from
 * Object.prototype, which has none unless some code has added one; then the
 * fast path is not taken at all, so a prototype's member is never read.
 */
function prototypeIsClean(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/**
 * True when JSON.stringify(value) is already the canonical form. `depth` is the
 * number of arrays and objects around `value`; throws when it would exceed the limit.
 */
function inCanonicalOrder(value: unknown, depth: number): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (depth >= MAX_CANONICAL_DEPTH) tooDeep();
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!inCanonicalOrder(value[i], depth + 1)) return false;
        return true;
      }
      // for…in is the fastest way through an object's members. Any prototype but
      // Object.prototype (checked clean by the caller) or none might add members
      // of its own: such an object takes the slow path, which reads own members only.
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      let previous: string | undefined;
      for (const key in value) {
        if (previous !== undefined && !(previous < key)) return false;
        previous = key;
        if (!inCanonicalOrder((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** `fast`: whether the fast path may be tried (Object.prototype is clean). */
function writeCanonical(value: unknown, depth: number, fast: boolean): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('A number in the data is not finite');
      return JSON.stringify(value);
    case 'object': {
      if (fast && inCanonicalOrder(value, depth)) return JSON.stringify(value);
      if (depth >= MAX_CANONICAL_DEPTH) tooDeep();
      if (Array.isArray(value)) {
        // JSON.stringify writes undefined (and holes) inside arrays as null; so do we.
        const items: string[] = [];
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          items.push(item === undefined ? 'null' : writeCanonical(item, depth + 1, fast));
        }
        return `[${items.join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(record).sort()) {
        const item = record[key];
        if (item === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${writeCanonical(item, depth + 1, fast)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`A ${typeof value} cannot be written as JSON`);
  }
}

/** The canonical JSON text of a value (see the rules above). Throws a CanonicalJsonError for what JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value, 0, prototypeIsClean());
}

function copyCanonical(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_CANONICAL_DEPTH) tooDeep();
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyCanonical(value[i], depth + 1);
    return copy;
  }
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    // Assigning "__proto__" would set the copy's prototype instead of a member, and the member would be lost.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: copyCanonical(item, depth + 1), enumerable: true, writable: true, configurable: true });
    else copy[key] = copyCanonical(item, depth + 1);
  }
  return copy;
}

/**
 * A deep copy whose objects list their keys in canonical order, so JSON.stringify of it is canonical
 * (unless keys look like array indexes, which JavaScript always lists first). Throws a
 * CanonicalJsonError for a value nested more than MAX_CANONICAL_DEPTH deep.
 */
export function canonicalCopy<T>(value: T): T {
  return copyCanonical(value, 0) as T;
}

/** Deep equality of two JSON values, ignoring the order of object members. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return canonicalJson(a) === canonicalJson(b);
}
