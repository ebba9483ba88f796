/**
 * Backups in Settings (docs/backup-format.md): when the last backup was made and
 * where; in the desktop app, the backups folder (default "Quorum backups" in
 * Documents), another folder chosen with a dialog, and the backups kept there; in a
 * browser, a backup saved on request as a download. Restoring is on the set-up
 * screen only: it needs an empty copy, so nothing here can replace this copy's data.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { usePlatform } from '../../app/platform-context';
import { momentWords } from '../../db/record-words';
import { useStore } from '../../db/store-context';
import type { BackupFileEntry } from '../../platform/platform';
import { describeSaveError } from '../../ui/save-error';
import { sizeWords } from '../sync/sync-words';
import { DAILY_BACKUPS_KEPT, WEEKLY_BACKUPS_KEPT } from '../../../shared/backup';
import { backUp, lastBackupOf } from './backup-service';
import './backup.css';

export function BackupSettings() {
  const store = useStore();
  const platform = usePlatform();
  const folder = platform.backupFolder;
  const last = useLiveQuery(() => lastBackupOf(store.db).then((row) => row ?? null), [store.db]);
  const [state, setState] = useState<{ busy: boolean; message: string; failed: boolean }>({ busy: false, message: '', failed: false });
  const [contents, setContents] = useState<{ folder: string; backups: BackupFileEntry[] } | { problem: string } | null>(null);

  const readFolder = useCallback(async () => {
    if (!folder) return;
    try {
      setContents(await folder.status());
    } catch (error) {
      setContents({ problem: describeSaveError(error) });
    }
  }, [folder]);
  useEffect(() => {
    if (!folder) return;
    let current = true;
    folder.status().then(
      (status) => current && setContents(status),
      (error: unknown) => current && setContents({ problem: describeSaveError(error) }),
    );
    return () => {
      current = false;
    };
  }, [folder]);

  const backUpNow = async () => {
    setState({ busy: true, message: '', failed: false });
    try {
      const outcome = await backUp(store, platform, 'on-request');
      if (!outcome.kept) setState({ busy: false, message: 'Not saved: the save was cancelled.', failed: false });
      else {
        const removed = outcome.removed.length > 0 ? ` ${outcome.removed.length} older ${outcome.removed.length === 1 ? 'backup was' : 'backups were'} removed.` : '';
        setState({ busy: false, message: `Backup saved and checked: ${outcome.location} (${sizeWords(outcome.last.bytes)}).${removed}`, failed: false });
      }
      await readFolder();
    } catch (error) {
      setState({ busy: false, message: `${describeSaveError(error)} No backup was saved.`, failed: true });
    }
  };

  const chooseFolder = async () => {
    if (!folder) return;
    try {
      const chosen = await folder.choose();
      if (chosen.chosen) await readFolder();
    } catch (error) {
      setState({ busy: false, message: describeSaveError(error), failed: true });
    }
  };

  return (
    <section className="form-section" id="backups" aria-labelledby="settings-backups">
      <h2 id="settings-backups" className="section-title">
        Backups
      </h2>
      <p className="section-intro">
        {folder
          ? `Quorum backs this copy up each day it is used, and before it updates how it stores data, into the folder below. It keeps the last ${DAILY_BACKUPS_KEPT} days’ backups and one for each of the last ${WEEKLY_BACKUPS_KEPT} weeks, and removes older ones.`
          : 'In a web browser Quorum cannot back up by itself: save a backup now and then, and keep it away from this computer. Quorum reminds you when the last one is more than a week old.'}{' '}
        A backup holds everything in this copy except its signing key. To restore one, open Quorum on a new computer (or a new data store) and choose
        “Restore from a backup” on the set-up screen.
      </p>
      <dl className="facts">
        <dt>Last backup</dt>
        <dd>{last === undefined ? '…' : last ? `${momentWords(last.at)}: ${last.fileName} (${sizeWords(last.bytes)})` : 'None yet'}</dd>
        {folder && (
          <>
            <dt>Backups folder</dt>
            <dd className="backup-file-name">
              {contents === null ? '…' : 'problem' in contents ? contents.problem : `${contents.folder} (${contents.backups.length} ${contents.backups.length === 1 ? 'backup' : 'backups'})`}
            </dd>
          </>
        )}
      </dl>
      <p className={state.failed ? 'field-error' : 'status-line'} role={state.failed ? 'alert' : 'status'}>
        {state.message}
      </p>
      <div className="form-actions">
        <button type="button" className="button button--secondary" onClick={() => void backUpNow()} disabled={state.busy}>
          {state.busy ? 'Backing up…' : folder ? 'Back up now' : 'Save a backup now'}
        </button>
        {folder && (
          <button type="button" className="button button--secondary" onClick={() => void chooseFolder()}>
            Choose another folder…
          </button>
        )}
      </div>
    </section>
  );
}
