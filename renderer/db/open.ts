/**
 * Opening the store at start-up, and saying in plain words what went wrong when it
 * cannot be opened.
 *
 * Before Dexie touches the database, we look at it with the raw IndexedDB API. This
 * matters because Dexie 4 quietly opens a database written by a newer Quorum at its
 * newer version, and "upgrades" a foreign database that happens to be called 'quorum'
 * by deleting the object stores it does not know. Either would lose someone's data,
 * so either stops here with a problem the start-up screen explains; nothing is ever
 * deleted to recover. Errors while opening are sorted by their DOMException or Dexie
 * name (QuotaExceededError, VersionError, UpgradeError, …), and by whether an upgrade
 * was under way, into the five kinds of problem a person can act on.
 */
import { createRepositories, type Repositories } from './repositories';
import { DEFAULT_DATABASE_NAME, QuorumDatabase, type InstallationRecord, type LegacyInstallationRecord } from './database';
import { clockFor, ensureInstallation } from './installation';
import { applyDeferred } from './sync/deferred';
import { ensureFoundersGrant } from './founding';
import { CURRENT_VERSION, SCHEMA_V1 } from './schema';
import type { HybridLogicalClock } from '../../shared/sync/hlc';
import { isSigningKey } from '../../shared/sync/keys';
import Dexie from 'dexie';
import { encodeBackup, readAllTables, recordLastBackup, type MadeBackup } from './backup';

export type StoreProblemKind = 'newer-version' | 'migration-failed' | 'corrupt-or-foreign' | 'storage-refused' | 'storage-full';

export interface StoreProblem {
  kind: StoreProblemKind;
  /** What happened, in plain words, for the person at the keyboard. */
  message: string;
  /** The underlying error or finding, shown under "Technical details". */
  cause: unknown;
  databaseName: string;
}

export interface ReadyStore {
  databaseName: string;
  db: QuorumDatabase;
  installation: InstallationRecord;
  clock: HybridLogicalClock;
  repositories: Repositories;
}

export type OpenStoreResult = { status: 'ready'; store: ReadyStore } | { status: 'problem'; problem: StoreProblem };

export interface OpenStoreOptions {
  /** An IndexedDB to use instead of the global one (tests). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  now?: () => Date;
  /**
   * Keeps the backup made before a schema upgrade (docs/backup-format.md, "When
   * backups are made"): resolves true once it is kept. If it throws or resolves false,
   * the store is not upgraded and the start-up screen says why. Without a keeper (tests,
   * tools) the store is upgraded without a backup.
   */
  beforeUpgrade?: (backup: MadeBackup) => Promise<boolean>;
}

/** Dexie stores its schema version multiplied by ten as the IndexedDB version. */
const DEXIE_VERSION_FACTOR = 10;

/** Every published schema has at least these tables; a database without them is not Quorum's. */
const TABLES_IN_EVERY_VERSION = Object.keys(SCHEMA_V1);

export const PROBLEM_MESSAGES: Record<StoreProblemKind, string> = {
  'newer-version':
    'Your data was saved by a newer version of Quorum than the one you are running. Install the newer version to open it. Nothing has been changed.',
  'migration-failed':
    'Quorum needed to update the way your data is stored, and the update did not finish. Your data has been left as it was before the update.',
  'corrupt-or-foreign':
    'The place where Quorum keeps its data holds something that does not look like Quorum data: parts are missing or damaged. Quorum has not changed or deleted anything.',
  'storage-refused':
    'This computer did not let Quorum open its data store. This can happen in a private browsing window, when storage is switched off, or when the disk cannot be reached.',
  'storage-full': 'The disk is full, so Quorum cannot save anything. Free some space on the disk, then try again.',
};

/**
 * The problem to show when a newer Quorum upgrades the store from another window while
 * this one is open: this window's store has closed itself (see openStore).
 */
export function overtakenProblem(databaseName: string): StoreProblem {
  return {
    kind: 'newer-version',
    message:
      'A newer version of Quorum has opened your data in another window and updated it, so this window has stopped. Carry on in the newer version. Nothing has been lost.',
    cause: new Error(`Another connection upgraded the database "${databaseName}"`),
    databaseName,
  };
}

/** What is on disk under a name, found without creating or changing anything. */
export type OnDisk = { exists: false } | { exists: true; version: number; stores: string[] };

/** Looks at a database without a version, aborting the creation if it does not exist yet. */
export function inspectOnDisk(factory: IDBFactory, name: string): Promise<OnDisk> {
  return new Promise((resolve, reject) => {
    let creating = false;
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name);
    } catch (error) {
      reject(error);
      return;
    }
    request.onupgradeneeded = (event) => {
      // Version 0 means no database by this name: abort so looking does not create one.
      if (event.oldVersion === 0) {
        creating = true;
        request.transaction?.abort();
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      const found: OnDisk = { exists: true, version: db.version, stores: [...db.objectStoreNames] };
      db.close();
      resolve(found);
    };
    request.onerror = (event) => {
      event.preventDefault();
      if (creating) resolve({ exists: false });
      else reject(request.error ?? new Error('The data store could not be read'));
    };
  });
}

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner ?? cause;
  }
  return names;
}

const DAMAGED = new Set(['DataError', 'DataCloneError', 'ConstraintError', 'NotFoundError', 'InvalidTableError', 'SchemaError']);

/** Sorts an error raised while opening into a kind of problem; `upgrading` says a migration was due. */
export function classifyOpenError(error: unknown, upgrading: boolean): StoreProblemKind {
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return 'storage-full';
  if (names.includes('VersionError')) return 'newer-version';
  if (names.includes('UpgradeError')) return 'migration-failed';
  // An upgrade step that throws reaches us as its own error: anything failing mid-upgrade is the upgrade's.
  if (upgrading) return 'migration-failed';
  if (names.some((n) => DAMAGED.has(n))) return 'corrupt-or-foreign';
  // MissingAPIError, InvalidStateError, UnknownError, SecurityError, OpenFailedError and the rest:
  // the browser or the disk would not let us in.
  return 'storage-refused';
}

/**
 * A stored installation row is usable only if it has an identity, keys and a clock.
 * The private key is a CryptoKey, or a base64 string in a row from an older Quorum,
 * which ensureInstallation then rewrites as a CryptoKey.
 */
export function isWellFormedInstallation(row: unknown): row is InstallationRecord | LegacyInstallationRecord {
  if (!row || typeof row !== 'object') return false;
  const r = row as Record<string, unknown>;
  const clock = r.clock as Record<string, unknown> | undefined;
  return (
    r.key === 'self' &&
    typeof r.nodeId === 'string' &&
    r.nodeId.length > 0 &&
    typeof r.publicKey === 'string' &&
    r.publicKey.length > 0 &&
    (isSigningKey(r.privateKey) || (typeof r.privateKey === 'string' && r.privateKey.length > 0)) &&
    typeof r.role === 'string' &&
    typeof r.organisationId === 'string' &&
    Number.isInteger(r.nextSeq) &&
    (r.nextSeq as number) >= 1 &&
    !!clock &&
    typeof clock === 'object' &&
    Number.isFinite(clock.millis) &&
    Number.isFinite(clock.counter)
  );
}

function problem(kind: StoreProblemKind, databaseName: string, cause: unknown): OpenStoreResult {
  return { status: 'problem', problem: { kind, message: PROBLEM_MESSAGES[kind], cause, databaseName } };
}

/**
 * Opens (creating on first run) the store called `name`, ensures this installation's
 * identity, and builds its clock and repositories. Never deletes or rewrites data
 * it does not recognise.
 */
export async function openStore(name: string = DEFAULT_DATABASE_NAME, options: OpenStoreOptions = {}): Promise<OpenStoreResult> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) return problem('storage-refused', name, new Error('IndexedDB is not available here'));

  let onDisk: OnDisk;
  try {
    onDisk = await inspectOnDisk(factory, name);
  } catch (error) {
    return problem(classifyOpenError(error, false), name, error);
  }

  let upgrading = false;
  if (onDisk.exists && onDisk.stores.length > 0) {
    const schemaVersion = onDisk.version / DEXIE_VERSION_FACTOR;
    if (schemaVersion > CURRENT_VERSION) {
      return problem('newer-version', name, new Error(`The store is at version ${schemaVersion}; this Quorum knows up to version ${CURRENT_VERSION}`));
    }
    const missing = TABLES_IN_EVERY_VERSION.filter((table) => !onDisk.stores.includes(table));
    if (!Number.isInteger(schemaVersion) || missing.length > 0) {
      const found = onDisk.stores.join(', ');
      const detail = missing.length > 0 ? `it lacks ${missing.join(', ')}` : `its version number ${onDisk.version} was not written by Quorum`;
      return problem('corrupt-or-foreign', name, new Error(`The database "${name}" holds ${found}: ${detail}`));
    }
    upgrading = schemaVersion < CURRENT_VERSION;
  }

  // Before an upgrade, a backup of the store as the older version left it, read at that version.
  let keptBeforeUpgrade: MadeBackup | undefined;
  if (upgrading && options.beforeUpgrade && onDisk.exists) {
    try {
      keptBeforeUpgrade = await backupBeforeUpgrade(name, onDisk.version / DEXIE_VERSION_FACTOR, options);
    } catch (error) {
      return {
        status: 'problem',
        problem: {
          kind: 'migration-failed',
          message: `Quorum needs to update the way your data is stored, and backs it up first. The backup could not be made, so your data has been left as it was, not updated. ${error instanceof Error ? error.message : ''}`.trim(),
          cause: error,
          databaseName: name,
        },
      };
    }
  }

  const db = new QuorumDatabase(name, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : undefined);
  try {
    await db.open();
  } catch (error) {
    db.close();
    return problem(classifyOpenError(error, upgrading), name, error);
  }
  // Another window is upgrading the store (a newer Quorum): let it, and stay closed rather
  // than let Dexie quietly reopen this older code on the newer schema. Returning false stops
  // Dexie's own handler, which would close with reopening allowed.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    return false;
  });

  try {
    const stored = await db.installation.get('self');
    if (stored !== undefined && !isWellFormedInstallation(stored)) {
      db.close();
      return problem('corrupt-or-foreign', name, new Error('This installation’s identity record is damaged (node id, keys or clock missing)'));
    }
    if (keptBeforeUpgrade) await recordLastBackup(db, keptBeforeUpgrade);
    const installation = await ensureInstallation(db, options.now);
    const clock = clockFor(installation);
    const repositories = createRepositories({ db, clock });
    // Changes kept for a newer version that this version now knows are applied (renderer/db/sync/deferred.ts).
    await ensureFoundersGrant({ db, clock });
    await applyDeferred({ db, clock });
    return { status: 'ready', store: { databaseName: name, db, installation, clock, repositories } };
  } catch (error) {
    db.close();
    return problem(classifyOpenError(error, false), name, error);
  }
}

/**
 * The backup made before an upgrade: the store opened without a schema (Dexie opens it
 * at the version on disk and changes nothing), every table read, encoded and checked,
 * and handed to the keeper. The store is upgraded only once the keeper says it is kept.
 */
async function backupBeforeUpgrade(name: string, schemaVersion: number, options: OpenStoreOptions): Promise<MadeBackup | undefined> {
  const old = new Dexie(name, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : undefined);
  let backup: MadeBackup;
  try {
    await old.open();
    backup = await encodeBackup(await readAllTables(old), { schemaVersion, reason: 'before-upgrade', ...(options.now ? { now: options.now() } : {}) });
  } finally {
    old.close();
  }
  if (!(await options.beforeUpgrade!(backup))) throw new Error('The backup was not saved.');
  return backup;
}

/** The database name for this window: `?db=NAME` lets two partners run side by side; 'quorum' otherwise. */
export function databaseNameFrom(search: string): string {
  const requested = new URLSearchParams(search).get('db')?.trim();
  return requested ? requested : DEFAULT_DATABASE_NAME;
}
