/**
 * The bundle file's shape (version 1), and the checks that a parsed file has it.
 * docs/bundle-format.md is the full specification; this is its executable form.
 *
 *   {
 *     "header":    { format, version, bundleId, consortiumId, sender, recipient,
 *                    createdAt, acknowledgements, contents },
 *     "signature": sender's Ed25519 signature over SHA-256(canonical JSON of header),
 *     "origins":   [ { node, name, role, publicKey, runs: [sealed run, …] }, … ]
 *   }
 *
 * The header names every run the body carries (`contents`: node, seqs, hash), so
 * the sender's signature covers the whole file: a run removed, added or swapped,
 * or a header edited (recipient, date, acknowledgements), is detected.
 *
 * Checks here are structural and cheap (no crypto, no store): numbers are
 * integers, seqs contiguous, every entry's HLC stamped with its own origin's
 * node id and increasing, table and field names well formed, no bookkeeping
 * fields, and everything within the limits below (docs/bundle-format.md,
 * "Limits"), so that nothing later can be made to overflow the stack or run out
 * of memory. Entries are checked by hand rather than with zod because a bundle
 * may hold 100,000.
 *
 * A change to a kind of record (table) or a field this version of Quorum does
 * not know is not refused: a newer version wrote it, and the importer keeps it,
 * forwards it and applies it once this copy is updated. Hence a bundle's entries
 * are BundleEntry, whose `table` is any well-formed name; `isKnownTableChange`
 * (or change.ts's `isSyncedTable`) tells the ones this version can apply.
 * Only the envelope is versioned: a greater `header.version` is still refused.
 *
 * Only an object's own members are read, so a field named `toString`,
 * `constructor` or `valueOf` is an ordinary field.
 */
import { ROLES, type InstallationRole } from '../domain/entities';
import { isSyncedTable, type ChangeEntry, type SyncedTable } from './change';
import { BundleBeyondLimitsError, MalformedBundleError, NewerVersionError, TamperedBundleError, WrongFormatError } from './bundle-errors';
import type { Dependencies, SealedRun } from './run-seal';

export const BUNDLE_FORMAT = 'quorum-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.quorum';
export const READABLE_BUNDLE_EXTENSION = '.quorum.json';

/**
 * The limits a bundle must keep within (docs/bundle-format.md, "Limits"). Each is
 * far beyond what Quorum itself writes; a bundle beyond one is refused with a
 * BundleBeyondLimitsError while it is read.
 */
export const BUNDLE_LIMITS = {
  /** Arrays and objects inside one another in a field's value: `"x"` is 0 deep, `["x"]` 1, `{"a":["x"]}` 2. */
  fieldDepth: 32,
  /** Characters (UTF-16 code units) in any text in a field's value, member names of its objects included. */
  fieldTextLength: 1_000_000,
  /** Fields one change writes. */
  fieldsPerChange: 200,
  /** Changes in one run (Quorum seals runs of up to 1,000). */
  changesPerRun: 10_000,
  /** Runs in one bundle, over all its origins; also the length of `header.contents`. */
  runsPerBundle: 100_000,
  /** Changes in one bundle, over all its runs. */
  changesPerBundle: 1_000_000,
  /** Copies named in one bundle: its origins, a run's `deps`, the header's `acknowledgements`. */
  copiesPerBundle: 10_000,
  /** Characters in a copy's name (`name` of the sender and of each origin). */
  nameLength: 1_000,
} as const;

/** A well-formed table name: what Quorum's tables look like, known or not (camelCase, 1 to 64 characters). */
export const TABLE_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;
/**
 * A well-formed field name: 1 to 64 letters, digits and `_`, not starting with a
 * digit; or such a name, a colon and a part's id of up to 128 letters, digits and
 * `_ . : -` (one field per event or part: `event:<id>`, `dissent:<organisation id>`).
 */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}(:[A-Za-z0-9_.:-]{1,128})?$/;
/** Tables that are a copy's own record-keeping (renderer/db/schema.ts) and never travel in a bundle. */
export const LOCAL_ONLY_TABLES: ReadonlySet<string> = new Set(['changeLog', 'installation', 'imports', 'syncLedger', 'refusals', 'deferred', 'drafts']);
/** Field names a change may never write: the record's id and its sync bookkeeping, and the prototype. */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['id', '_clocks', '_log', '__proto__']);

/** A copy of Quorum as a bundle describes it: also the identity card a partner is given. */
export interface BundleParty {
  node: string;
  name: string;
  role: InstallationRole;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
}

export interface BundleContentsItem {
  node: string;
  firstSeq: number;
  lastSeq: number;
  hash: string;
}

export interface BundleHeader {
  format: typeof BUNDLE_FORMAT;
  version: number;
  /** Random id of this bundle (UUID): recognises a bundle imported twice. */
  bundleId: string;
  /** Id of the consortium row; '' when the sender has not set one up yet. */
  consortiumId: string;
  sender: BundleParty;
  /** The node the bundle was made for, or null for "everything, for anyone". */
  recipient: string | null;
  /** ISO date-time (UTC) when it was made. */
  createdAt: string;
  /** Origin node id → the last seq the sender holds, without gaps, from that origin (itself included). */
  acknowledgements: Record<string, number>;
  contents: BundleContentsItem[];
}

/**
 * A change as a bundle carries it. Its `table` may be a kind of record this
 * version of Quorum does not know (a newer version's: change.ts types it
 * `SyncedTable | (string & {})`), and its fields may include ones this version
 * does not know. Both are kept, not refused; isKnownTableChange tells them apart.
 */
export type BundleEntry = ChangeEntry;

/** A change to a table this version of Quorum knows. */
export type KnownTableEntry = ChangeEntry & { table: SyncedTable };

/** A sealed run as a bundle carries it: its entries may change tables this version does not know. */
export type BundleRun = SealedRun;

/** True when this version of Quorum knows the change's table (isSyncedTable), and so can apply it now. */
export function isKnownTableChange(entry: BundleEntry): entry is KnownTableEntry {
  return isSyncedTable(entry.table);
}

/** True when every change of the run is to a table this version knows. */
export function isKnownTableRun(run: BundleRun): run is BundleRun & { entries: KnownTableEntry[] } {
  return run.entries.every(isKnownTableChange);
}

export interface BundleOrigin extends BundleParty {
  runs: BundleRun[];
}

export interface Bundle {
  header: BundleHeader;
  /** Sender's Ed25519 signature (base64) over SHA-256 of the header's canonical JSON. */
  signature: string;
  origins: BundleOrigin[];
}

const NODE_ID = /^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/;
const HLC_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9A-F]{4}-/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function fail(detail: string): never {
  throw new MalformedBundleError(detail);
}

function beyond(detail: string): never {
  throw new BundleBeyondLimitsError(detail);
}

/** 1000000 → "1,000,000" (without depending on the locale data of the platform). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Checks a value: JSON, nested at most BUNDLE_LIMITS.fieldDepth deep, no text longer
 * than BUNDLE_LIMITS.fieldTextLength, numbers finite (JSON.parse turns 1e400 into
 * Infinity, which cannot be hashed). `depth` is the number of arrays and objects
 * around `value`, so the recursion never goes deeper than the limit. `subject` starts
 * the sentence saying what is wrong, e.g. "run 1 of c86e93ef has a change with".
 */
function checkValue(value: unknown, depth: number, subject: string): void {
  switch (typeof value) {
    case 'string':
      if (value.length > BUNDLE_LIMITS.fieldTextLength) beyond(`${subject} a text longer than ${count(BUNDLE_LIMITS.fieldTextLength)} characters`);
      return;
    case 'number':
      if (!Number.isFinite(value)) beyond(`${subject} a number too large to hold`);
      return;
    case 'boolean':
      return;
    case 'object': {
      if (value === null) return;
      if (depth >= BUNDLE_LIMITS.fieldDepth) beyond(`${subject} a value nested more than ${BUNDLE_LIMITS.fieldDepth} levels deep`);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) checkValue(value[i], depth + 1, subject);
        return;
      }
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (key.length > BUNDLE_LIMITS.fieldTextLength) beyond(`${subject} a text longer than ${count(BUNDLE_LIMITS.fieldTextLength)} characters`);
        checkValue(record[key], depth + 1, subject);
      }
      return;
    }
    default:
      fail(`${subject} a value that is not JSON`);
  }
}

/**
 * Null when a change's fields keep within the limits every copy reads bundles
 * with (BUNDLE_LIMITS); otherwise what is beyond them, in words. The writer
 * checks this copy's own changes with it, so it never seals one its partners
 * would refuse.
 */
export function beyondLimits(fields: Record<string, unknown>): string | null {
  const names = Object.keys(fields);
  if (names.length > BUNDLE_LIMITS.fieldsPerChange) return `it changes more than ${count(BUNDLE_LIMITS.fieldsPerChange)} fields at once`;
  try {
    for (const name of names) checkValue(fields[name], 0, 'it has');
    return null;
  } catch (error) {
    if (error instanceof BundleBeyondLimitsError) return error.detail;
    return 'it holds a value that is not JSON';
  }
}

/** The members of a record named by node ids (deps, acknowledgements), at most BUNDLE_LIMITS.copiesPerBundle. */
function copiesOf(value: Record<string, unknown>, what: string): Array<[string, unknown]> {
  const members = Object.entries(value);
  if (members.length > BUNDLE_LIMITS.copiesPerBundle) beyond(`${what} names more than ${count(BUNDLE_LIMITS.copiesPerBundle)} copies of Quorum`);
  return members;
}

/** True when `hlc` is a well-formed HLC stamped by `node`. */
export function isStampOf(hlc: unknown, node: string): hlc is string {
  return typeof hlc === 'string' && hlc.length === 30 + node.length && hlc.endsWith(node) && HLC_PREFIX.test(hlc);
}

function readParty(value: unknown, what: string): BundleParty {
  if (!isRecord(value)) fail(`${what} is missing`);
  const { node, name, role, publicKey } = value;
  if (typeof node !== 'string' || !NODE_ID.test(node)) fail(`${what} has no valid node id`);
  if (typeof name !== 'string') fail(`${what} has no name`);
  if (name.length > BUNDLE_LIMITS.nameLength) beyond(`${what} has a name longer than ${count(BUNDLE_LIMITS.nameLength)} characters`);
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) fail(`${what} has an unknown role`);
  if (typeof publicKey !== 'string' || !BASE64.test(publicKey) || publicKey.length !== 44) fail(`${what} has no valid public key`);
  return { node, name, role: role as InstallationRole, publicKey };
}

function readDeps(value: unknown, where: string): Dependencies {
  if (!isRecord(value)) fail(`${where} has no dependencies`);
  for (const [node, hlc] of copiesOf(value, `${where}’s list of dependencies`)) {
    if (!NODE_ID.test(node) || !isStampOf(hlc, node)) fail(`${where} has an invalid dependency`);
  }
  return value as Dependencies;
}

const ENTRY_MEMBERS: ReadonlySet<string> = new Set(['seq', 'hlc', 'table', 'row', 'fields']);

/**
 * Table and field names already found well formed in this bundle: the same few
 * recur in every change, and a set lookup is cheaper than a regular expression.
 */
interface NamesSeen {
  tables: Set<string>;
  fields: Set<string>;
}

function wellFormed(name: string, pattern: RegExp, seen: Set<string>): boolean {
  if (seen.has(name)) return true;
  if (!pattern.test(name)) return false;
  if (seen.size < 1000) seen.add(name);
  return true;
}

function readEntries(value: unknown, run: { node: string; firstSeq: number; lastSeq: number }, where: string, names: NamesSeen): BundleEntry[] {
  if (!Array.isArray(value) || value.length !== run.lastSeq - run.firstSeq + 1) fail(`${where} does not hold one change per number`);
  const subject = `${where} has a change with`;
  let previousHlc = '';
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (!isRecord(entry)) fail(`${where} holds something that is not a change`);
    const members = Object.keys(entry);
    for (const key of members) {
      if (!ENTRY_MEMBERS.has(key)) fail(`${where} has a change with an unknown part “${key.slice(0, 40)}”`);
    }
    // Every member read below is the entry's own (members lists them), never its prototype's.
    if (members.length !== ENTRY_MEMBERS.size) fail(`${where} has an incomplete change`);
    if (entry.seq !== run.firstSeq + i) fail(`${where} has changes out of sequence`);
    if (!isStampOf(entry.hlc, run.node)) fail(`${where} has a change not stamped by its own origin`);
    if (entry.hlc <= previousHlc) fail(`${where} has changes whose clock goes backwards`);
    previousHlc = entry.hlc;
    const table = entry.table;
    if (typeof table !== 'string' || !wellFormed(table, TABLE_NAME, names.tables)) fail(`${where} has a change to a kind of record whose name is not valid`);
    if (LOCAL_ONLY_TABLES.has(table)) fail(`${where} has a change to “${table}”, a copy’s own record-keeping, which never travels between copies`);
    if (typeof entry.row !== 'string' || entry.row === '' || entry.row.length > 200) fail(`${where} has a change without a record id`);
    const fields = entry.fields;
    if (!isRecord(fields)) fail(`${where} has a change without fields`);
    const written = Object.keys(fields);
    if (written.length === 0) fail(`${where} has a change that changes nothing`);
    if (written.length > BUNDLE_LIMITS.fieldsPerChange) beyond(`${where} has a change that writes more than ${BUNDLE_LIMITS.fieldsPerChange} fields at once`);
    for (const field of written) {
      if (!names.fields.has(field)) {
        if (BOOKKEEPING_FIELDS.has(field)) fail(`${where} tries to write the bookkeeping field “${field}”`);
        if (!wellFormed(field, FIELD_NAME, names.fields)) fail(`${where} has a change to a field whose name is not valid (“${field.slice(0, 40)}”)`);
      }
      const item = fields[field];
      // Most values are short texts: checked here, without a call.
      if (typeof item !== 'string' || item.length > BUNDLE_LIMITS.fieldTextLength) checkValue(item, 0, subject);
    }
  }
  return value as BundleEntry[];
}

function readRun(value: unknown, origin: string, index: number, names: NamesSeen): BundleRun {
  const where = `run ${index + 1} of ${origin.slice(0, 8)}`;
  if (!isRecord(value)) fail(`${where} is missing`);
  const { node, firstSeq, lastSeq, prevHash, hash, signature } = value;
  if (node !== origin) fail(`${where} is filed under the wrong origin`);
  if (!isCount(firstSeq, 1) || !isCount(lastSeq, firstSeq)) fail(`${where} has invalid sequence numbers`);
  if (typeof prevHash !== 'string' || (firstSeq === 1 ? prevHash !== '' : !HEX_HASH.test(prevHash))) fail(`${where} has an invalid link to the run before it`);
  if (typeof hash !== 'string' || !HEX_HASH.test(hash)) fail(`${where} has no valid hash`);
  if (typeof signature !== 'string' || !BASE64.test(signature)) fail(`${where} has no valid signature`);
  const deps = readDeps(value.deps, where);
  const entries = readEntries(value.entries, { node: origin, firstSeq, lastSeq }, where, names);
  return { node: origin, firstSeq, lastSeq, prevHash, hash, signature, deps, entries };
}

/**
 * The counting limits (runs, changes per run, changes in all), checked on the
 * lengths of the arrays alone before any run is read, so a bundle beyond them is
 * refused at once. What is not an array is left for readRun to refuse.
 */
function checkSizes(origins: unknown[]): void {
  let runs = 0;
  let changes = 0;
  for (const origin of origins) {
    const list = isRecord(origin) ? origin.runs : undefined;
    if (!Array.isArray(list)) continue;
    runs += list.length;
    if (runs > BUNDLE_LIMITS.runsPerBundle) beyond(`it holds more than ${count(BUNDLE_LIMITS.runsPerBundle)} runs of changes`);
    for (let r = 0; r < list.length; r++) {
      const run: unknown = list[r];
      const entries = isRecord(run) ? run.entries : undefined;
      if (!Array.isArray(entries)) continue;
      if (entries.length > BUNDLE_LIMITS.changesPerRun) {
        const node = isRecord(origin) && typeof origin.node === 'string' ? origin.node.slice(0, 8) : '';
        beyond(`run ${r + 1} of ${node} holds more than ${count(BUNDLE_LIMITS.changesPerRun)} changes`);
      }
      changes += entries.length;
      if (changes > BUNDLE_LIMITS.changesPerBundle) beyond(`it holds more than ${count(BUNDLE_LIMITS.changesPerBundle)} changes`);
    }
  }
}

/** The format and version, checked before anything else so a newer file gets the right message. */
export function readFormatVersion(json: unknown): number {
  const header = isRecord(json) ? json.header : undefined;
  if (!isRecord(header) || header.format !== BUNDLE_FORMAT) throw new WrongFormatError();
  const version = header.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw new WrongFormatError('its format version is not one Quorum knows');
  if (version > BUNDLE_VERSION) throw new NewerVersionError(version);
  return version;
}

/** Checks a parsed bundle's structure and returns it typed. Throws a BundleRefusedError. */
export function readBundle(json: unknown): Bundle {
  readFormatVersion(json);
  const root = json as Record<string, unknown>;
  const header = root.header as Record<string, unknown>;
  const { bundleId, consortiumId, recipient, createdAt, acknowledgements, contents } = header;
  if (typeof bundleId !== 'string' || bundleId === '' || bundleId.length > 100) fail('it has no bundle id');
  if (typeof consortiumId !== 'string') fail('it does not name its consortium');
  if (recipient !== null && (typeof recipient !== 'string' || !NODE_ID.test(recipient))) fail('its recipient is not valid');
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) fail('it has no valid creation date');
  if (!isRecord(acknowledgements)) fail('it has no acknowledgements');
  for (const [node, seq] of copiesOf(acknowledgements, 'its list of what the sender has received')) {
    if (!NODE_ID.test(node) || !isCount(seq, 0)) fail('its acknowledgements are not valid');
  }
  if (!Array.isArray(contents)) fail('it has no list of contents');
  if (contents.length > BUNDLE_LIMITS.runsPerBundle) beyond(`it lists more than ${count(BUNDLE_LIMITS.runsPerBundle)} runs of changes`);
  readParty(header.sender, 'the sender');
  // The header is hashed as it is, members this version does not know included:
  // it must keep within the limits too, so that hashing it cannot overflow the stack.
  checkValue(header, 0, 'its header holds');
  if (typeof root.signature !== 'string' || !BASE64.test(root.signature)) fail('it is not signed');
  if (!Array.isArray(root.origins)) fail('it has no list of origins');
  if (root.origins.length > BUNDLE_LIMITS.copiesPerBundle) beyond(`it carries changes from more than ${count(BUNDLE_LIMITS.copiesPerBundle)} copies of Quorum`);
  checkSizes(root.origins);

  const origins: BundleOrigin[] = [];
  const seen = new Set<string>();
  const names: NamesSeen = { tables: new Set(), fields: new Set() };
  for (const [i, value] of (root.origins as unknown[]).entries()) {
    const party = readParty(value, `origin ${i + 1}`);
    if (seen.has(party.node)) fail('it lists an origin twice');
    seen.add(party.node);
    const runsValue = (value as Record<string, unknown>).runs;
    if (!Array.isArray(runsValue)) fail(`origin ${i + 1} has no runs`);
    const runs = runsValue.map((run, index) => readRun(run, party.node, index, names));
    for (let r = 1; r < runs.length; r++) {
      if (runs[r]!.firstSeq <= runs[r - 1]!.lastSeq) fail(`the runs of ${party.name || party.node} are not in order`);
    }
    origins.push({ ...party, runs });
  }

  // The signed contents list must describe exactly the runs in the body.
  const listed = new Map<string, BundleContentsItem>();
  for (const item of contents as unknown[]) {
    if (!isRecord(item) || typeof item.node !== 'string' || !isCount(item.firstSeq, 1) || !isCount(item.lastSeq, 1) || typeof item.hash !== 'string') {
      fail('its list of contents is not valid');
    }
    listed.set(`${item.node} ${item.firstSeq}`, item as unknown as BundleContentsItem);
  }
  let carried = 0;
  for (const origin of origins) {
    for (const run of origin.runs) {
      carried++;
      const item = listed.get(`${run.node} ${run.firstSeq}`);
      if (!item || item.lastSeq !== run.lastSeq || item.hash !== run.hash) throw new TamperedBundleError('its changes do not match its signed list of contents');
    }
  }
  if (carried !== listed.size) throw new TamperedBundleError('changes listed in its signed contents are missing');

  // The header is returned as parsed, so the signature is checked over exactly what the sender signed.
  return { header: header as unknown as BundleHeader, signature: root.signature, origins };
}

/** The contents list for a set of origins, in body order. */
export function contentsOf(origins: Array<{ runs: SealedRun[] }>): BundleContentsItem[] {
  return origins.flatMap((origin) => origin.runs.map((run) => ({ node: run.node, firstSeq: run.firstSeq, lastSeq: run.lastSeq, hash: run.hash })));
}
