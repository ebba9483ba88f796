import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyOpenError, databaseNameFrom, openStore, type OpenStoreResult } from './open';
import { CURRENT_VERSION, SCHEMA_V1 } from './schema';
import { foundConsortium } from './founding';
import { BEDFORDSHIRE_CONSTITUTION } from '../../shared/rules/constitution';

const names: string[] = [];
function freshName(prefix: string) {
  const name = `${prefix}-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

function rawCreate(name: string, version: number, build: (db: IDBDatabase) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => build(request.result);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

function rawStores(name: string): Promise<{ version: number; stores: string[]; notes: unknown[] }> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const db = request.result;
      const stores = [...db.objectStoreNames];
      if (!stores.includes('notes')) {
        db.close();
        resolve({ version: db.version, stores, notes: [] });
        return;
      }
      const read = db.transaction('notes').objectStore('notes').getAll();
      read.onsuccess = () => {
        db.close();
        resolve({ version: db.version, stores, notes: read.result });
      };
    };
    request.onerror = () => reject(request.error);
  });
}

function problemOf(result: OpenStoreResult) {
  if (result.status !== 'problem') throw new Error('expected a problem, the store opened');
  return result.problem;
}

describe('opening the store', () => {
  it('creates a store with an identity, a clock and repositories on first run', async () => {
    const result = await openStore(freshName('first-run'));
    expect(result.status).toBe('ready');
    if (result.status !== 'ready') return;
    const { db, clock, installation, repositories } = result.store;
    expect(installation.nodeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(db.verno).toBe(CURRENT_VERSION);
    // Set up with its clock and repositories, as the set-up screen does: this copy founds the consortium.
    const organisationId = crypto.randomUUID();
    await foundConsortium({ db, clock }, 'secretariat', async () => ({
      organisationId,
      write: async (consortiumId) => {
        await repositories.organisations.create({ name: 'Voluntary Action Luton' }, organisationId);
        await repositories.consortium.create({ name: 'Luton Consortium', area: 'Luton', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION }, consortiumId);
      },
    }));
    expect((await repositories.organisations.get(organisationId))?.name).toBe('Voluntary Action Luton');
    expect((await db.installation.get('self'))?.founderNode).toBe(installation.nodeId);
    db.close();
  });

  it('keeps the same identity when opened again', async () => {
    const name = freshName('again');
    const first = await openStore(name);
    if (first.status !== 'ready') throw new Error('did not open');
    first.store.db.close();
    const second = await openStore(name);
    if (second.status !== 'ready') throw new Error('did not open');
    expect(second.store.installation.nodeId).toBe(first.store.installation.nodeId);
    second.store.db.close();
  });

  it('upgrades a store from an older Quorum and keeps its records', async () => {
    const name = freshName('older');
    const older = new Dexie(name);
    older.version(1).stores(SCHEMA_V1);
    await older.open();
    await older.table('organisations').add({ id: 'o1', name: 'Volunteer Centre Bedford', _clocks: {} });
    older.close();

    const result = await openStore(name);
    if (result.status !== 'ready') throw new Error(`did not open: ${result.problem.message}`);
    expect((await result.store.repositories.organisations.get('o1'))?.name).toBe('Volunteer Centre Bedford');
    expect(result.store.db.verno).toBe(CURRENT_VERSION);
    // Version 5 gives every record its changes' references: none were logged for this one.
    expect(await result.store.db.organisations.get('o1')).toEqual({ id: 'o1', name: 'Volunteer Centre Bedford', servicesProvided: [], _clocks: {}, _log: [] });
    result.store.db.close();
  });

  it('closes, and stays closed, when a newer Quorum upgrades the store from another window', async () => {
    const name = freshName('overtaken');
    const result = await openStore(name);
    if (result.status !== 'ready') throw new Error('did not open');
    const newer = new Dexie(name);
    newer.version(9).stores({ ...SCHEMA_V1, imports: 'id', ballots: 'id' });
    await newer.open();
    newer.close();
    await expect(result.store.db.organisations.count()).rejects.toThrow(expect.objectContaining({ name: 'DatabaseClosedError' }));
  });

  it('refuses data saved by a newer Quorum and leaves it at its version', async () => {
    const name = freshName('newer');
    const newer = new Dexie(name);
    newer.version(9).stores({ ...SCHEMA_V1, imports: 'id', ballots: 'id' });
    await newer.open();
    await newer.table('ballots').add({ id: 'b1' });
    newer.close();

    const problem = problemOf(await openStore(name));
    expect(problem.kind).toBe('newer-version');
    expect(problem.message).toMatch(/newer version of Quorum/);
    const after = await rawStores(name);
    expect(after.version).toBe(90);
    expect(after.stores).toContain('ballots');
  });

  it('refuses a foreign database called by our name and deletes none of its tables', async () => {
    const name = freshName('foreign');
    await rawCreate(name, 1, (db) => db.createObjectStore('notes', { keyPath: 'id' }).put({ id: 1, text: 'someone else’s data' }));

    const problem = problemOf(await openStore(name));
    expect(problem.kind).toBe('corrupt-or-foreign');
    expect(problem.message).toMatch(/does not look like Quorum data/);
    const after = await rawStores(name);
    expect(after.version).toBe(1);
    expect(after.stores).toEqual(['notes']);
    expect(after.notes).toEqual([{ id: 1, text: 'someone else’s data' }]);
  });

  it('refuses a Quorum store whose tables have gone missing', async () => {
    const name = freshName('partial');
    const { organisations: _o, changeLog: _c, ...rest } = SCHEMA_V1;
    const partial = new Dexie(name);
    partial.version(2).stores({ ...rest, imports: 'id' });
    await partial.open();
    partial.close();

    const problem = problemOf(await openStore(name));
    expect(problem.kind).toBe('corrupt-or-foreign');
    expect(String(problem.cause)).toMatch(/organisations, changeLog/);
  });

  it('refuses a store whose installation record is damaged rather than giving it a new identity', async () => {
    const name = freshName('damaged');
    const first = await openStore(name);
    if (first.status !== 'ready') throw new Error('did not open');
    await first.store.db.installation.update('self', { nodeId: '', publicKey: undefined as unknown as string });
    first.store.db.close();

    const problem = problemOf(await openStore(name));
    expect(problem.kind).toBe('corrupt-or-foreign');
    const raw = new Dexie(name);
    await raw.open();
    expect((await raw.table('installation').get('self')).nodeId).toBe('');
    raw.close();
  });

  it('says the disk is full when storage refuses with QuotaExceededError', async () => {
    const full = {
      open() {
        throw new DOMException('The quota has been exceeded', 'QuotaExceededError');
      },
    } as unknown as IDBFactory;
    const problem = problemOf(await openStore('anything', { indexedDB: full }));
    expect(problem.kind).toBe('storage-full');
    expect(problem.message).toMatch(/disk is full/);
  });

  it('says storage was refused when the browser will not open IndexedDB', async () => {
    const refused = {
      open() {
        throw new DOMException('Access denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    expect(problemOf(await openStore('anything', { indexedDB: refused })).kind).toBe('storage-refused');
  });
});

describe('sorting open errors into problems', () => {
  const named = (name: string, inner?: unknown) => Object.assign(new Error(name), { name, inner });

  it('reads the reason inside a Dexie OpenFailedError', () => {
    expect(classifyOpenError(named('OpenFailedError', named('QuotaExceededError')), false)).toBe('storage-full');
    expect(classifyOpenError(named('OpenFailedError', named('UnknownError')), false)).toBe('storage-refused');
  });

  it('blames the migration for any failure while an upgrade was due', () => {
    expect(classifyOpenError(new Error('upgrade step failed'), true)).toBe('migration-failed');
    expect(classifyOpenError(named('UpgradeError'), false)).toBe('migration-failed');
  });

  it('tells a newer store and a full disk apart even mid-upgrade', () => {
    expect(classifyOpenError(named('VersionError'), true)).toBe('newer-version');
    expect(classifyOpenError(named('QuotaExceededError'), true)).toBe('storage-full');
  });
});

describe('the database name', () => {
  it('is quorum unless the address names another with ?db=', () => {
    expect(databaseNameFrom('')).toBe('quorum');
    expect(databaseNameFrom('?db=luton')).toBe('luton');
    expect(databaseNameFrom('?db=%20')).toBe('quorum');
  });
});
