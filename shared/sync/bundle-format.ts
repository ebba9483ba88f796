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
 * node id and increasing, tables known, no bookkeeping fields. Entries are
 * checked by hand rather than with zod because a bundle may hold 100,000.
 */
import { ROLES, type InstallationRole } from '../domain/entities';
import { isSyncedTable, type ChangeEntry } from './change';
import { MalformedBundleError, NewerVersionError, TamperedBundleError, WrongFormatError } from './bundle-errors';
import type { Dependencies, SealedRun } from './run-seal';

export const BUNDLE_FORMAT = 'quorum-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.quorum';
export const READABLE_BUNDLE_EXTENSION = '.quorum.json';

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

export interface BundleOrigin extends BundleParty {
  runs: SealedRun[];
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
const FORBIDDEN_FIELDS = new Set(['id', '_clocks', '__proto__']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function fail(detail: string): never {
  throw new MalformedBundleError(detail);
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
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) fail(`${what} has an unknown role`);
  if (typeof publicKey !== 'string' || !BASE64.test(publicKey) || publicKey.length !== 44) fail(`${what} has no valid public key`);
  return { node, name, role: role as InstallationRole, publicKey };
}

function readDeps(value: unknown, where: string): Dependencies {
  if (!isRecord(value)) fail(`${where} has no dependencies`);
  for (const [node, hlc] of Object.entries(value)) {
    if (!NODE_ID.test(node) || !isStampOf(hlc, node)) fail(`${where} has an invalid dependency`);
  }
  return value as Dependencies;
}

function readEntries(value: unknown, run: { node: string; firstSeq: number; lastSeq: number }, where: string): ChangeEntry[] {
  if (!Array.isArray(value) || value.length !== run.lastSeq - run.firstSeq + 1) fail(`${where} does not hold one change per number`);
  let previousHlc = '';
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (!isRecord(entry)) fail(`${where} holds something that is not a change`);
    if (entry.seq !== run.firstSeq + i) fail(`${where} has changes out of sequence`);
    if (!isStampOf(entry.hlc, run.node)) fail(`${where} has a change not stamped by its own origin`);
    if (entry.hlc <= previousHlc) fail(`${where} has changes whose clock goes backwards`);
    previousHlc = entry.hlc;
    if (typeof entry.table !== 'string' || !isSyncedTable(entry.table)) fail(`${where} changes a table Quorum does not know (${String(entry.table).slice(0, 40)})`);
    if (typeof entry.row !== 'string' || entry.row === '' || entry.row.length > 200) fail(`${where} has a change without a record id`);
    const fields = entry.fields;
    if (!isRecord(fields)) fail(`${where} has a change without fields`);
    let count = 0;
    for (const field in fields) {
      if (FORBIDDEN_FIELDS.has(field)) fail(`${where} tries to write the bookkeeping field “${field}”`);
      count++;
    }
    if (count === 0) fail(`${where} has a change that changes nothing`);
    for (const key in entry) {
      if (key !== 'seq' && key !== 'hlc' && key !== 'table' && key !== 'row' && key !== 'fields') fail(`${where} has a change with an unknown part “${key.slice(0, 40)}”`);
    }
  }
  return value as ChangeEntry[];
}

function readRun(value: unknown, origin: string, index: number): SealedRun {
  const where = `run ${index + 1} of ${origin.slice(0, 8)}`;
  if (!isRecord(value)) fail(`${where} is missing`);
  const { node, firstSeq, lastSeq, prevHash, hash, signature } = value;
  if (node !== origin) fail(`${where} is filed under the wrong origin`);
  if (!isCount(firstSeq, 1) || !isCount(lastSeq, firstSeq)) fail(`${where} has invalid sequence numbers`);
  if (typeof prevHash !== 'string' || (firstSeq === 1 ? prevHash !== '' : !HEX_HASH.test(prevHash))) fail(`${where} has an invalid link to the run before it`);
  if (typeof hash !== 'string' || !HEX_HASH.test(hash)) fail(`${where} has no valid hash`);
  if (typeof signature !== 'string' || !BASE64.test(signature)) fail(`${where} has no valid signature`);
  const deps = readDeps(value.deps, where);
  const entries = readEntries(value.entries, { node: origin, firstSeq, lastSeq }, where);
  return { node: origin, firstSeq, lastSeq, prevHash, hash, signature, deps, entries };
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
  for (const [node, seq] of Object.entries(acknowledgements)) {
    if (!NODE_ID.test(node) || !isCount(seq, 0)) fail('its acknowledgements are not valid');
  }
  if (!Array.isArray(contents)) fail('it has no list of contents');
  readParty(header.sender, 'the sender');
  if (typeof root.signature !== 'string' || !BASE64.test(root.signature)) fail('it is not signed');
  if (!Array.isArray(root.origins)) fail('it has no list of origins');

  const origins: BundleOrigin[] = [];
  const seen = new Set<string>();
  for (const [i, value] of (root.origins as unknown[]).entries()) {
    const party = readParty(value, `origin ${i + 1}`);
    if (seen.has(party.node)) fail('it lists an origin twice');
    seen.add(party.node);
    const runsValue = (value as Record<string, unknown>).runs;
    if (!Array.isArray(runsValue)) fail(`origin ${i + 1} has no runs`);
    const runs = runsValue.map((run, index) => readRun(run, party.node, index));
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
