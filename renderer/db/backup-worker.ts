/**
 * The backup worker: reads every table and encodes, compresses and checks a backup
 * off the window's thread (renderer/db/backup.ts), so a large store's daily backup
 * does not stop the window. It opens the same database by name; sealing has been
 * done by the window first. Started, one backup at a time, by backupInWorker.
 */
import { encodeBackup, readAllTables, type BackupWorkerRequest, type BackupWorkerResponse } from './backup';
import { QuorumDatabase } from './database';
import { CURRENT_VERSION } from './schema';

interface WorkerScope {
  onmessage: ((event: MessageEvent<BackupWorkerRequest>) => void) | null;
  postMessage(message: BackupWorkerResponse, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  void (async () => {
    const { databaseName, reason, nowMillis } = event.data;
    const db = new QuorumDatabase(databaseName);
    try {
      await db.open();
      const backup = await encodeBackup(await readAllTables(db), { schemaVersion: CURRENT_VERSION, reason, now: new Date(nowMillis) });
      scope.postMessage({ ok: true, backup }, [backup.bytes.buffer]);
    } catch (error) {
      scope.postMessage({ ok: false, name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      db.close();
    }
  })();
};
