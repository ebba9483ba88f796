/**
 * Backups of this copy and restoring one (docs/backup-format.md).
 *
 * A backup is every table of the store — the synced records, the change log, the
 * sync ledger, conflicts, refusals, deferred changes and drafts — except this
 * copy's signing key, which never leaves it. It is one gzip file: a header line
 * (format, version, consortium, copy, when, schema version, rows per table, and the
 * SHA-256 of the rest) and then the tables as JSON. It is read back and checked
 * against that hash before anyone is told it was made.
 *
 * Restoring writes everything in one transaction into a store that holds nothing
 * yet (the set-up screen), keeping the new store's own node id and key: the
 * restored copy is a new copy to the consortium, holding the old copy's records and
 * signed runs unchanged, and must be enrolled again (docs/backup-format.md,
 * "Restoring: a new copy").
 */
import Dexie from 'dexie';
import { BACKUP_FORMAT, BACKUP_VERSION, backupFileName, backupHeaderSchema, type BackupHeader, type BackupReason } from '../../shared/backup';
import { gzip, isGzip } from '../../shared/sync/bundle-codec';
import { toHex } from '../../shared/sync/run-seal';
import { formatTimestamp, type ClockState, type HybridLogicalClock } from '../../shared/sync/hlc';
import type { LogRun } from '../../shared/sync/change';
import { KeyRing } from '../../shared/sync/run-seal';
import { QuorumDatabase, type InstallationRecord } from './database';
import { CURRENT_VERSION, declareSchema } from './schema';
import { sealLocalRuns } from './sync/seal-local-runs';
import { saveLocalEnrolment } from './sync/ledger';

/** The installation row recording the last backup made (read by Settings' storage health). */
export const LAST_BACKUP_KEY = 'lastBackup';

/**
 * Installation rows about this computer rather than the copy's data, never backed up
 * (docs/backup-format.md §3): the last backup, and the shared folder this computer
 * syncs through (renderer/features/sync/folder-sync.ts), which a restored copy chooses again.
 */
export const NOT_BACKED_UP = new Set([LAST_BACKUP_KEY, 'folderSync']);

export interface LastBackup {
  /** When it was made, ISO 8601 UTC. */
  at: string;
  fileName: string;
  bytes: number;
}

/** Why a backup cannot be used; the message is the sentence a person reads, and ends saying nothing was changed. */
export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError';
  constructor(
    readonly code: 'not-a-backup' | 'a-bundle' | 'truncated' | 'damaged' | 'altered' | 'newer-version' | 'too-large' | 'other-consortium' | 'not-empty',
    message: string,
  ) {
    super(message);
  }
}

/** Made, but reading it back did not give what was written: the backup is not reported as made. */
export class BackupNotVerifiedError extends Error {
  override name = 'BackupNotVerifiedError';
}

const NOTHING_CHANGED = 'Nothing has been changed.';

export const BACKUP_REFUSALS = {
  'not-a-backup': `This file is not a Quorum backup: it holds something else. Choose a backup Quorum made (its name ends “.quorumbackup”). ${NOTHING_CHANGED}`,
  'a-bundle': `This file is a Quorum bundle, not a backup. A bundle is opened on the Sync page, or with “Open the secretariat’s bundle” to join a consortium. ${NOTHING_CHANGED}`,
  truncated: `This backup is incomplete: the file was cut short, perhaps copied or downloaded before it was finished. Try another copy of the file, or an earlier backup. ${NOTHING_CHANGED}`,
  damaged: `This backup is damaged and cannot be read. Try another copy of the file, or an earlier backup. ${NOTHING_CHANGED}`,
  altered: `This backup has been changed or damaged since Quorum made it: its contents do not match the check written in it, so it cannot be trusted. Try another copy of the file, or an earlier backup. ${NOTHING_CHANGED}`,
  'newer-version': `This backup was made by a newer version of Quorum. Install the newer version to restore it. ${NOTHING_CHANGED}`,
  'too-large': `This file unpacks to more than 2 GB, far more than any consortium’s backup, so it is not read. ${NOTHING_CHANGED}`,
  'not-empty': `This copy already holds records, so a backup cannot be restored into it: a backup is restored into a new copy, from the set-up screen. ${NOTHING_CHANGED}`,
} as const;

export function otherConsortiumMessage(backupConsortium: string, thisConsortium: string): string {
  return `This is a backup of ${backupConsortium || 'another consortium'}, not of ${thisConsortium || 'this copy’s consortium'}. ${NOTHING_CHANGED}`;
}

const refuse = (code: keyof typeof BACKUP_REFUSALS) => new BackupRefusedError(code, BACKUP_REFUSALS[code]);

const encoder = new TextEncoder();

/** A table's rows as the backup holds them: the store's rows, as JSON. */
export type BackupTables = Record<string, unknown[]>;

export interface ReadBackup {
  header: BackupHeader;
  tables: BackupTables;
}

/** Refuses a value JSON would not keep as it is (a CryptoKey, a Date, a typed array, NaN, an undefined in a list). */
function jsonSafe(table: string) {
  return function (this: unknown, key: string, value: unknown): unknown {
    const original = (this as Record<string, unknown>)[key];
    if (typeof original === 'object' && original !== null && !Array.isArray(original)) {
      const proto = Object.getPrototypeOf(original) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new Error(`A row of ${table} holds a ${(original as object).constructor?.name ?? 'value'} that a backup cannot keep`);
    } else if (typeof original === 'number' && !Number.isFinite(original)) {
      throw new Error(`A row of ${table} holds a number (${original}) that a backup cannot keep`);
    } else if (original === undefined && Array.isArray(this)) {
      throw new Error(`A row of ${table} holds a list with a gap that a backup cannot keep`);
    } else if (typeof original === 'function' || typeof original === 'symbol' || typeof original === 'bigint') {
      throw new Error(`A row of ${table} holds a value that a backup cannot keep`);
    }
    return value;
  };
}

/**
 * Every table of an open store, read in one transaction so the backup is one moment's
 * store. Works on a QuorumDatabase or on a Dexie opened at whatever version is on disk
 * (the backup made before an upgrade). The signing key is left out of the
 * installation row, and the record of the last backup is not backed up.
 */
export async function readAllTables(db: Dexie): Promise<BackupTables> {
  const tables: BackupTables = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) {
      const rows = (await table.toArray()) as Array<Record<string, unknown>>;
      tables[table.name] =
        table.name === 'installation'
          ? rows.filter((row) => !NOT_BACKED_UP.has(row.key as string)).map((row) => (row.key === 'self' ? withoutKey(row) : row))
          : rows;
    }
  });
  return tables;
}

function withoutKey(row: Record<string, unknown>): Record<string, unknown> {
  const { privateKey: _key, ...rest } = row;
  return rest;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

export interface MadeBackup {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  header: BackupHeader;
  /** SHA-256 of the file's bytes, so whoever stores it can check what it wrote. */
  fileHash: string;
}

/** The header's facts about the copy and its consortium, from the tables themselves. */
function describe(tables: BackupTables): Pick<BackupHeader, 'consortium' | 'copy'> {
  const self = (tables.installation ?? []).find((row) => (row as { key?: unknown }).key === 'self') as Partial<InstallationRecord> | undefined;
  const consortium = ((tables.consortium ?? []) as Array<{ id: string; name?: string; deleted?: boolean }>).filter((row) => !row.deleted).sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  const organisation = ((tables.organisations ?? []) as Array<{ id: string; name?: string }>).find((row) => row.id === self?.organisationId);
  return {
    consortium: { id: self?.consortiumId || consortium?.id || '', name: consortium?.name ?? '' },
    copy: {
      node: self?.nodeId ?? '',
      organisationId: self?.organisationId ?? '',
      organisationName: organisation?.name ?? '',
      role: self?.role ?? '',
      publicKey: self?.publicKey ?? '',
    },
  };
}

/** Milliseconds per step of making a backup, for the benchmark (scripts/bench-backup.mjs). */
export type BackupPhases = Record<string, number>;

function phaseTimer(phases: BackupPhases | undefined): (name: string) => void {
  let last = performance.now();
  return (name) => {
    if (!phases) return;
    const now = performance.now();
    phases[name] = (phases[name] ?? 0) + now - last;
    last = now;
  };
}

/** Encodes tables as a backup file and reads it back, refusing to call it made unless it reads back whole. */
export async function encodeBackup(tables: BackupTables, options: { schemaVersion: number; reason: BackupReason; now?: Date; phases?: BackupPhases }): Promise<MadeBackup> {
  const phase = phaseTimer(options.phases);
  const names = Object.keys(tables).sort();
  const parts: string[] = [];
  for (const name of names) parts.push(`${JSON.stringify(name)}:${JSON.stringify(tables[name], jsonSafe(name))}`);
  const body = encoder.encode(`{"tables":{${parts.join(',')}}}`);
  phase('encode');
  const described = describe(tables);
  if (described.copy.node === '') throw new Error('This store has no installation record to back up');
  const at = options.now ?? new Date();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: at.toISOString(),
    reason: options.reason,
    schemaVersion: options.schemaVersion,
    ...described,
    tables: Object.fromEntries(names.map((name) => [name, tables[name]!.length])),
    contentBytes: body.byteLength,
    contentHash: await sha256Hex(body),
  };
  const headerLine = encoder.encode(`${JSON.stringify(header)}\n`);
  const text = new Uint8Array(headerLine.byteLength + body.byteLength);
  text.set(headerLine, 0);
  text.set(body, headerLine.byteLength);
  phase('hash');
  const bytes = await gzip(text);
  phase('compress');

  // Verified as it is written: unpacked again, the header read and the body's bytes hashed, before anyone is
  // told it is made. The body is not parsed again: its bytes are those JSON.stringify wrote, which the hash proves.
  let readBack: Pick<ReadBackup, 'header'>;
  try {
    readBack = await readBackup(bytes, { parseBody: false });
  } catch (error) {
    throw new BackupNotVerifiedError('The backup did not read back as it was written, so it was not kept.', { cause: error });
  }
  if (JSON.stringify(readBack.header) !== JSON.stringify(header)) throw new BackupNotVerifiedError('The backup’s header did not read back as it was written, so it was not kept.');
  phase('read back');
  return { bytes, fileName: backupFileName(header.consortium.name, at, options.reason), header, fileHash: await sha256Hex(bytes) };
}

/**
 * A backup of this copy as it is now. This copy's changes not yet sealed are sealed
 * first (as a bundle does, seal-local-runs.ts), so the backup holds only signed runs:
 * a restored copy, which has another key, can still send them to partners.
 */
export async function makeBackup(
  store: { db: QuorumDatabase },
  options: { reason: BackupReason; now?: Date; phases?: BackupPhases; worker?: (() => Worker) | null },
): Promise<MadeBackup> {
  const { db } = store;
  const phase = phaseTimer(options.phases);
  const self = await db.installation.get('self');
  if (!self) throw new Error('This store has no installation record to back up');
  await sealLocalRuns(db, self.nodeId, self.privateKey, new KeyRing());
  phase('seal');
  if (options.worker) {
    const made = await backupInWorker(options.worker, { databaseName: db.name, reason: options.reason, nowMillis: (options.now ?? new Date()).getTime() });
    if (made) return made;
    // The worker could not start (a browser without module workers): made here instead.
  }
  const tables = await readAllTables(db);
  phase('read');
  return encodeBackup(tables, { schemaVersion: CURRENT_VERSION, reason: options.reason, ...(options.now ? { now: options.now } : {}), ...(options.phases ? { phases: options.phases } : {}) });
}

/** What the window asks the backup worker (backup-worker.ts), and its answer. */
export interface BackupWorkerRequest {
  databaseName: string;
  reason: BackupReason;
  nowMillis: number;
}
export type BackupWorkerResponse = { ok: true; backup: MadeBackup } | { ok: false; name: string; message: string };

/** A backup made by a worker; undefined when the worker cannot start, so the caller makes it itself. */
async function backupInWorker(start: () => Worker, request: BackupWorkerRequest): Promise<MadeBackup | undefined> {
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return undefined;
  }
  try {
    return await new Promise<MadeBackup | undefined>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<BackupWorkerResponse>) => {
        const answer = event.data;
        if (answer.ok) resolve(answer.backup);
        else reject(answer.name === 'BackupNotVerifiedError' ? new BackupNotVerifiedError(answer.message) : Object.assign(new Error(answer.message), { name: answer.name }));
      };
      // An error before any answer: the worker did not load.
      worker.onerror = (event) => {
        event.preventDefault();
        resolve(undefined);
      };
      worker.postMessage(request);
    });
  } finally {
    worker.terminate();
  }
}

/** The backup worker, where the platform has workers (not in Node's unit tests). */
export function backupWorkerFactory(): (() => Worker) | null {
  if (typeof Worker === 'undefined') return null;
  // Vite turns this into the worker's own bundle, in development and in the build.
  return () => new Worker(new URL('./backup-worker.ts', import.meta.url), { type: 'module', name: 'Quorum backup' });
}

/** Records that a backup was made and kept (installation row `lastBackup`, docs/backup-format.md). */
export async function recordLastBackup(db: QuorumDatabase, backup: Pick<MadeBackup, 'fileName' | 'bytes' | 'header'>): Promise<LastBackup> {
  const last: LastBackup = { at: backup.header.createdAt, fileName: backup.fileName, bytes: backup.bytes.byteLength };
  await db.table('installation').put({ key: LAST_BACKUP_KEY, ...last });
  return last;
}

export async function lastBackupOf(db: QuorumDatabase): Promise<LastBackup | undefined> {
  const row = (await db.table('installation').get(LAST_BACKUP_KEY)) as (LastBackup & { key: string }) | undefined;
  return row ? { at: row.at, fileName: row.fileName, bytes: row.bytes } : undefined;
}

/** Refuse to unpack more than this: a store of 100,000 changes is about 115 MB of backup text (npm run bench:backup). */
export const MAX_BACKUP_TEXT_BYTES = 2_000_000_000;

class TooLargeError extends Error {}

async function gunzip(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new TooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function looksLikeBundle(text: string): boolean {
  return /^\s*\{\s*"header"\s*:\s*\{[^]*?"format"\s*:\s*"quorum-bundle"/.test(text.slice(0, 4096));
}

/**
 * Reads a backup file, refusing in plain words what is not one, what is cut short,
 * damaged or altered, and what a newer Quorum made. Writes nothing.
 */
export async function readBackup(bytes: Uint8Array, options?: { limit?: number }): Promise<ReadBackup>;
export async function readBackup(bytes: Uint8Array, options: { parseBody: false; limit?: number }): Promise<Pick<ReadBackup, 'header'>>;
export async function readBackup(bytes: Uint8Array, options: { parseBody?: boolean; limit?: number } = {}): Promise<ReadBackup | Pick<ReadBackup, 'header'>> {
  if (!isGzip(bytes)) {
    const start = new TextDecoder().decode(bytes.subarray(0, 4096));
    throw refuse(looksLikeBundle(start) ? 'a-bundle' : 'not-a-backup');
  }
  let text: Uint8Array;
  try {
    text = await gunzip(bytes, options.limit ?? MAX_BACKUP_TEXT_BYTES);
  } catch (error) {
    if (error instanceof TooLargeError) throw refuse('too-large');
    const message = error instanceof Error ? error.message.toLowerCase() : '';
    // zlib says "unexpected end of file" for a cut-off stream; anything else is corruption.
    throw message.includes('end of') || message.includes('truncat') || message.includes('incomplete') ? refuse('truncated') : refuse('damaged');
  }
  const newline = text.indexOf(0x0a);
  const firstLine = new TextDecoder().decode(newline < 0 ? text.subarray(0, 4096) : text.subarray(0, newline));
  let parsed: unknown;
  try {
    parsed = JSON.parse(firstLine);
  } catch {
    throw refuse(looksLikeBundle(firstLine) ? 'a-bundle' : 'not-a-backup');
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw refuse(looksLikeBundle(firstLine) ? 'a-bundle' : 'not-a-backup');
  const version = (parsed as { version?: unknown }).version;
  if (typeof version === 'number' && version > BACKUP_VERSION) throw refuse('newer-version');
  const header = backupHeaderSchema.safeParse(parsed);
  if (!header.success) throw refuse('damaged');
  if (header.data.schemaVersion > CURRENT_VERSION) throw refuse('newer-version');
  const body = text.subarray(newline + 1);
  if (body.byteLength < header.data.contentBytes) throw refuse('truncated');
  if (body.byteLength !== header.data.contentBytes || (await sha256Hex(new Uint8Array(body))) !== header.data.contentHash) throw refuse('altered');
  if (options.parseBody === false) return { header: header.data };
  let content: unknown;
  try {
    content = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw refuse('damaged');
  }
  const tables = (content as { tables?: unknown } | null)?.tables;
  if (!tables || typeof tables !== 'object' || Array.isArray(tables)) throw refuse('damaged');
  const counted = header.data.tables;
  const names = Object.keys(tables);
  if (names.length !== Object.keys(counted).length) throw refuse('damaged');
  for (const name of names) {
    const rows = (tables as Record<string, unknown>)[name];
    if (!Array.isArray(rows) || rows.length !== counted[name]) throw refuse('damaged');
  }
  return { header: header.data, tables: tables as BackupTables };
}

/** What the restore screen shows before anything is written. */
export interface BackupPreview {
  header: BackupHeader;
  /** Changes in its change log, every copy's. */
  changes: number;
  /** Changes the backed-up copy made and never signed (only in a backup made before an upgrade): restored, but this copy cannot send them. */
  unsignedChanges: number;
}

export function previewOf(backup: ReadBackup): BackupPreview {
  const runs = (backup.tables.changeLog ?? []) as LogRun[];
  const unsignedChanges = runs.filter((run) => run.node === backup.header.copy.node && !run.signature).reduce((sum, run) => sum + run.entries.length, 0);
  const changes = runs.reduce((sum, run) => sum + run.entries.length, 0);
  return { header: backup.header, changes, unsignedChanges };
}

/**
 * A backup of an older store brought to the current schema: written at its own
 * version into a scratch database, which is then opened with the current schema so
 * the same upgrade steps run as on any copy (schema.ts), read, and deleted.
 */
async function upgradedTables(backup: ReadBackup): Promise<BackupTables> {
  const name = `quorum-restoring-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  declareSchema(old, backup.header.schemaVersion);
  try {
    await old.open();
    const unknown = Object.keys(backup.tables).filter((table) => !old.tables.some((t) => t.name === table));
    if (unknown.length > 0) throw refuse('damaged');
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of Object.entries(backup.tables)) await old.table(table).bulkAdd(rows);
    });
    old.close();
    const current = new QuorumDatabase(name);
    await current.open();
    const tables = await readAllTables(current);
    current.close();
    return tables;
  } finally {
    old.close();
    await Dexie.delete(name);
  }
}

export interface RestoredFrom {
  /** The copy the backup was made of. */
  node: string;
  organisationName: string;
  backupCreatedAt: string;
  restoredAt: string;
  fileName: string;
  /** Set once the person has read that this copy must be enrolled again. */
  acknowledged?: boolean;
}

export type RestoredInstallation = InstallationRecord & { restoredFrom?: RestoredFrom };

const ROWS_PER_WRITE = 500;

/**
 * Restores a backup into this store, which must hold nothing but its own new
 * installation, in one transaction: all of it or, should anything fail, none.
 *
 * The store keeps its own node id, key pair and log numbering (a new copy); from the
 * backup's installation row it takes the role asked at set-up, the organisation,
 * the consortium and its founder, and the clock moves on past the backup's, so every
 * change made from now sorts after everything restored.
 */
export async function restoreBackup(
  store: { db: QuorumDatabase; clock: HybridLogicalClock; installation?: InstallationRecord },
  backup: ReadBackup,
  options: { fileName: string; now?: Date },
): Promise<RestoredInstallation> {
  const { db } = store;
  const tables = backup.header.schemaVersion < CURRENT_VERSION ? await upgradedTables(backup) : backup.tables;
  const known = new Set(db.tables.map((table) => table.name));
  const unknown = Object.keys(tables).filter((name) => !known.has(name));
  if (unknown.length > 0) throw refuse('damaged');
  const backedUpSelf = ((tables.installation ?? []) as Array<Record<string, unknown>>).find((row) => row.key === 'self') as Partial<InstallationRecord> | undefined;
  if (!backedUpSelf) throw refuse('damaged');
  const restoredAt = (options.now ?? new Date()).toISOString();

  const restored = await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      if (table.name === 'installation') {
        const rows = (await table.toArray()) as Array<{ key: string }>;
        if (rows.some((row) => row.key !== 'self' && !NOT_BACKED_UP.has(row.key))) throw refuse('not-empty');
      } else if ((await table.count()) > 0) {
        throw refuse('not-empty');
      }
    }
    const current = await db.installation.get('self');
    if (!current) throw new Error('This store has no installation record');
    if (current.consortiumId && current.consortiumId !== backup.header.consortium.id) {
      throw new BackupRefusedError('other-consortium', otherConsortiumMessage(backup.header.consortium.name, ''));
    }
    if (current.nextSeq !== 1) throw refuse('not-empty');
    const clock = laterClock(current.clock, backedUpSelf.clock);
    const self: RestoredInstallation = {
      ...(backedUpSelf as InstallationRecord),
      key: 'self',
      // A new copy: this store's own identity, key and log, never the backed-up copy's.
      nodeId: current.nodeId,
      publicKey: current.publicKey,
      privateKey: current.privateKey,
      nextSeq: current.nextSeq,
      clock,
      createdAt: current.createdAt,
      restoredFrom: {
        node: backup.header.copy.node,
        organisationName: backup.header.copy.organisationName,
        backupCreatedAt: backup.header.createdAt,
        restoredAt,
        fileName: options.fileName,
      },
    };
    for (const [name, rows] of Object.entries(tables)) {
      const table = db.table(name);
      const toWrite = name === 'installation' ? rows.filter((row) => (row as { key?: unknown }).key !== 'self') : rows;
      for (let i = 0; i < toWrite.length; i += ROWS_PER_WRITE) await table.bulkPut(toWrite.slice(i, i + ROWS_PER_WRITE));
    }
    await db.installation.put(self);
    // The copy backed up is trusted with the key its backup names, so the runs it signed, held
    // here, can be forwarded to partners (a bundle carries only origins this copy knows).
    const { copy } = backup.header;
    if (copy.publicKey !== '') {
      const role = copy.role === 'secretariat' || copy.role === 'chair' || copy.role === 'accountable-body' ? copy.role : 'partner';
      await saveLocalEnrolment(db, { node: copy.node, name: copy.organisationName, organisationId: copy.organisationId, role, publicKey: copy.publicKey, trust: 'trusted', enrolledAt: restoredAt });
    }
    return self;
  });

  // The clock in memory moves on too, so the next change made in this window sorts after the restored ones.
  store.clock.receive(formatTimestamp(restored.clock.millis, restored.clock.counter, restored.nodeId));
  if (store.installation) Object.assign(store.installation, restored);
  return restored;
}

function laterClock(a: ClockState, b: ClockState | undefined): ClockState {
  if (!b || !Number.isFinite(b.millis) || !Number.isFinite(b.counter)) return a;
  return b.millis > a.millis || (b.millis === a.millis && b.counter > a.counter) ? { millis: b.millis, counter: b.counter } : a;
}

/** The restored copy's notice has been read: it is not shown again. */
export async function acknowledgeRestore(db: QuorumDatabase): Promise<void> {
  await db.transaction('rw', db.installation, async () => {
    const self = (await db.installation.get('self')) as RestoredInstallation | undefined;
    if (self?.restoredFrom) await db.installation.update('self', { restoredFrom: { ...self.restoredFrom, acknowledged: true } } as never);
  });
}
