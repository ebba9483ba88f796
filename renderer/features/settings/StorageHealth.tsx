/**
 * Storage health, a section of Settings (docs/architecture.md, "Storage health"):
 * whether the browser keeps Quorum's data when the disk runs short (with a button to
 * ask it to), how much Quorum holds, when the last backup was made and when the
 * shared folder was last read and written, and a warning when storage is close to
 * full (shared/rules/storage.ts). Reads only: nothing here changes the store.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { StorageFigures } from '../../../shared/rules';
import { usePlatform } from '../../app/platform-context';
import { useStore } from '../../db/store-context';
import {
  folderSyncOf,
  folderSyncWords,
  lastBackupOf,
  lastBackupWords,
  persistAnswerWords,
  persistenceWords,
  storageWords,
  type Persistence,
} from './storage-health';
import './storage-health.css';

/** The browser's StorageManager, where it has one (not in every context or browser). */
function storageManager(): StorageManager | undefined {
  return typeof navigator !== 'undefined' ? navigator.storage : undefined;
}

async function readPersistence(): Promise<Persistence> {
  const manager = storageManager();
  if (!manager?.persisted) return 'unsupported';
  try {
    return (await manager.persisted()) ? 'persistent' : 'not-persistent';
  } catch {
    return 'unsupported';
  }
}

async function readFigures(): Promise<Partial<StorageFigures> | null> {
  const manager = storageManager();
  if (!manager?.estimate) return null;
  try {
    const { usage, quota } = await manager.estimate();
    return { usage, quota };
  } catch {
    return null;
  }
}

export function StorageHealth() {
  const { db } = useStore();
  const platform = usePlatform();
  const where = platform.kind === 'electron' ? 'desktop' : 'browser';
  const lastBackup = useLiveQuery(() => lastBackupOf(db).then((row) => row ?? null), [db]);
  const folder = useLiveQuery(() => folderSyncOf(db).then((row) => row ?? null), [db]);
  const [persistence, setPersistence] = useState<Persistence>();
  // undefined while reading; null when the browser cannot say.
  const [figures, setFigures] = useState<Partial<StorageFigures> | null>();
  const [asking, setAsking] = useState(false);
  const [answer, setAnswer] = useState('');

  const readAll = useCallback(async () => {
    const [kept, sizes] = await Promise.all([readPersistence(), readFigures()]);
    return { kept, sizes };
  }, []);

  useEffect(() => {
    let current = true;
    void readAll().then(({ kept, sizes }) => {
      if (!current) return;
      setPersistence(kept);
      setFigures(sizes);
    });
    return () => {
      current = false;
    };
  }, [readAll]);

  const askToKeep = async () => {
    const manager = storageManager();
    if (!manager?.persist) return;
    setAsking(true);
    setAnswer('');
    // A browser that throws has not granted it.
    const granted = await manager.persist().catch(() => false);
    const { kept, sizes } = await readAll();
    setPersistence(kept);
    setFigures(sizes);
    setAnswer(persistAnswerWords(granted));
    setAsking(false);
  };

  const storage = figures === undefined ? undefined : storageWords(figures ?? undefined, where);
  const sync = folder === undefined ? undefined : folderSyncWords(folder ?? undefined);
  const kept = where === 'desktop' ? 'Kept when the disk runs short' : 'Kept by the browser';

  return (
    <section className="form-section storage-health" aria-labelledby="settings-storage">
      <h2 id="settings-storage" className="section-title">
        Storage health
      </h2>
      <p className="section-intro">
        This copy is the only place its own work lives until a bundle or a backup leaves it. Here is how safe its storage is.
      </p>
      {storage?.warning && (
        <div className="panel storage-health-warning" role="alert">
          <p className="storage-health-warning-title">
            <strong>Storage is nearly full</strong>
          </p>
          <p>{storage.warning}</p>
        </div>
      )}
      <dl className="facts storage-health-facts">
        <dt>{kept}</dt>
        <dd>{persistenceWords(persistence)}</dd>
        <dt>Space used</dt>
        <dd>{storage ? storage.held : '…'}</dd>
        <dt>Last backup</dt>
        <dd>{lastBackup === undefined ? '…' : lastBackupWords(lastBackup ?? undefined)}</dd>
        <dt>Shared folder</dt>
        <dd>{sync ? sync.folder : '…'}</dd>
        {sync && folder && (
          <>
            <dt>Folder last read</dt>
            <dd>{sync.read}</dd>
            <dt>Folder last written</dt>
            <dd>{sync.written}</dd>
            {sync.problem && (
              <>
                <dt>Last problem</dt>
                <dd>{sync.problem}</dd>
              </>
            )}
          </>
        )}
      </dl>
      {persistence === 'not-persistent' && (
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={askToKeep} disabled={asking}>
            {where === 'desktop' ? 'Keep Quorum’s data when the disk runs short' : 'Ask the browser to keep Quorum’s data'}
          </button>
        </div>
      )}
      <p className="status-line" role="status">
        {answer}
      </p>
    </section>
  );
}
