/**
 * The page side of `npm run bench:backup` (scripts/bench-backup.mjs): a copy holding
 * a large store — the sync benchmark's secretariat's month and a partner's changes,
 * imported as a bundle (renderer/db/sync/bench-harness.ts), so its rows, log, ledger
 * and conflicts are what an import writes — backed up and restored in Chromium with
 * IndexedDB on disk, each beside a plain operation on the same rows: reading every
 * table (for a backup) and bulkPut of every row in one transaction (for a restore).
 * Not used by the app.
 */
import Dexie from 'dexie';
import { makeBackup, readAllTables, readBackup, restoreBackup, type BackupTables } from './backup';
import { QuorumDatabase } from './database';
import { openStore } from './open';
import { captureImport, prepareImportStore, prepareSource, storeSize, timeExport } from './sync/bench-harness';

const SOURCE = 'bench-backup-source';
const TARGET = 'bench-backup-target';
const state: { bytes?: Uint8Array<ArrayBuffer>; tables?: BackupTables } = {};

/** The copy to back up: `own` changes of the secretariat and `forwarded` of a partner, imported into it. */
export async function prepare(own: number, forwarded: number): Promise<{ records: number; changes: number; logRows: number }> {
  await prepareSource(own, forwarded);
  await timeExport(true);
  await prepareImportStore(SOURCE);
  await captureImport(SOURCE, 'large');
  return storeSize(SOURCE);
}

/** One backup of the source (sealing, reading, encoding, compressing, reading back), and a plain read of every table. */
export async function timeBackup(): Promise<{ ms: number; readMs: number; bytes: number; jsonBytes: number; phases: Record<string, number> }> {
  const db = new QuorumDatabase(SOURCE);
  await db.open();
  try {
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    const backup = await makeBackup({ db }, { reason: 'on-request', phases });
    const ms = performance.now() - t0;
    const t1 = performance.now();
    state.tables = await readAllTables(db);
    const readMs = performance.now() - t1;
    state.bytes = backup.bytes;
    return { ms, readMs, bytes: backup.bytes.byteLength, jsonBytes: backup.header.contentBytes, phases };
  } finally {
    db.close();
  }
}

/** An empty store, as the set-up screen has (made and deleted outside the timing). */
export async function prepareTarget(): Promise<void> {
  await Dexie.delete(TARGET);
  const opened = await openStore(TARGET);
  if (opened.status !== 'ready') throw new Error(opened.problem.message);
  opened.store.db.close();
}

/** Reading and checking the file, then restoring it (one transaction). */
export async function timeRestore(): Promise<{ ms: number; readMs: number; restoreMs: number; rows: number }> {
  if (!state.bytes) throw new Error('Back up first');
  const opened = await openStore(TARGET);
  if (opened.status !== 'ready') throw new Error(opened.problem.message);
  try {
    const t0 = performance.now();
    const backup = await readBackup(state.bytes);
    const t1 = performance.now();
    await restoreBackup(opened.store, backup, { fileName: 'bench.quorumbackup' });
    const t2 = performance.now();
    const rows = Object.values(backup.tables).reduce((sum, rows) => sum + rows.length, 0);
    return { ms: t2 - t0, readMs: t1 - t0, restoreMs: t2 - t1, rows };
  } finally {
    opened.store.db.close();
  }
}

/** The same rows put into an empty store in one transaction, 500 a call, as restoring writes them. */
export async function timeBulkPut(): Promise<{ ms: number }> {
  if (!state.tables) throw new Error('Back up first');
  await Dexie.delete(TARGET);
  const db = new QuorumDatabase(TARGET);
  await db.open();
  try {
    const tables = state.tables;
    const t0 = performance.now();
    await db.transaction('rw', db.tables, async () => {
      for (const [name, rows] of Object.entries(tables)) {
        for (let i = 0; i < rows.length; i += 500) await db.table(name).bulkPut(rows.slice(i, i + 500));
      }
    });
    return { ms: performance.now() - t0 };
  } finally {
    db.close();
  }
}

export async function cleanUp(): Promise<void> {
  await Dexie.delete(TARGET);
  await Dexie.delete(SOURCE);
}
