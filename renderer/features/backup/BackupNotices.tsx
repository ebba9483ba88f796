/**
 * Notices about backups at the top of every page (docs/backup-format.md):
 * - a restored copy is told, until the person says they have read it, that it is a new
 *   copy to be enrolled again, and where its new fingerprint is;
 * - in the desktop app, the daily backup is made here, into the backups folder, on the
 *   first hour of each day the app is open, and a failure is said;
 * - in a browser, where nothing is backed up by itself, a reminder when the last backup
 *   is more than a week old, with a button to save one; dismissed for the session.
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { usePlatform } from '../../app/platform-context';
import { acknowledgeRestore, type RestoredInstallation } from '../../db/backup';
import { dateWords, momentWords } from '../../db/record-words';
import { useInstallation, useStore } from '../../db/store-context';
import { describeSaveError } from '../../ui/save-error';
import { backUp, dailyBackupDue, lastBackupOf, reminderDue } from './backup-service';
import './backup.css';

/** How often an open window checks whether today's backup is made. */
const DAILY_CHECK_MS = 30 * 60 * 1000;
const REMINDER_DISMISSED = 'quorum-backup-reminder-dismissed';

export function BackupNotices() {
  return (
    <>
      <RestoredNotice />
      <DailyBackup />
      <BackupReminder />
    </>
  );
}

function RestoredNotice() {
  const { db } = useStore();
  const installation = useInstallation() as RestoredInstallation;
  const restored = installation.restoredFrom;
  if (!restored || restored.acknowledged) return null;
  return (
    <section className="panel backup-notice backup-notice--restored" aria-labelledby="restored-title">
      <h2 id="restored-title" className="panel-title">
        Restored from a backup: enrol this copy again
      </h2>
      <p>
        This copy was restored on {momentWords(restored.restoredAt)} from a backup of {restored.organisationName || 'an organisation'}’s copy made on{' '}
        {momentWords(restored.backupCreatedAt)}. Everything in the backup is here.
      </p>
      <p>
        The signing key did not come with the backup: this computer has made a new key, so it is a new copy of the consortium. Until your secretariat
        enrols it again, partners will not accept its bundles; until the secretariat or the Accountable Body grants it again any office the old copy held,
        it works as a partner’s copy. Give your secretariat this copy’s new fingerprint, on the Sync page.
      </p>
      <div className="form-actions">
        <Link className="button button--primary" to="/sync">
          Go to the Sync page
        </Link>
        <button type="button" className="button button--secondary" onClick={() => void acknowledgeRestore(db)}>
          I have read this
        </button>
      </div>
    </section>
  );
}

/** The desktop app's daily backup, into the backups folder. */
function DailyBackup() {
  const store = useStore();
  const platform = usePlatform();
  const running = useRef(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!platform.backupFolder) return;
    let stopped = false;
    const check = async () => {
      if (running.current || stopped) return;
      running.current = true;
      try {
        if (dailyBackupDue(await lastBackupOf(store.db))) await backUp(store, platform, 'daily');
        if (!stopped) setFailure(null);
      } catch (error) {
        if (!stopped) setFailure(describeSaveError(error));
      } finally {
        running.current = false;
      }
    };
    void check();
    const timer = setInterval(() => void check(), DAILY_CHECK_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [store, platform]);

  if (!failure) return null;
  return (
    <section className="panel backup-notice" role="alert" aria-labelledby="daily-backup-title">
      <h2 id="daily-backup-title" className="panel-title">
        Today’s backup could not be made
      </h2>
      <p>{failure}</p>
      <p>Quorum will try again while it is open. You can choose another backups folder in Settings.</p>
      <div className="form-actions">
        <Link className="button button--secondary" to="/settings#backups">
          Backups in Settings
        </Link>
        <button type="button" className="button button--secondary" onClick={() => setFailure(null)}>
          Dismiss
        </button>
      </div>
    </section>
  );
}

function dismissedThisSession(): boolean {
  try {
    return sessionStorage.getItem(REMINDER_DISMISSED) === '1';
  } catch {
    return false;
  }
}

/** In a browser: the reminder to save a backup when the last is more than a week old. */
function BackupReminder() {
  const store = useStore();
  const platform = usePlatform();
  const installation = useInstallation();
  const last = useLiveQuery(() => lastBackupOf(store.db).then((row) => row ?? null), [store.db]);
  const [dismissed, setDismissed] = useState(dismissedThisSession);
  const [state, setState] = useState<{ busy: boolean; message: string }>({ busy: false, message: '' });
  if (platform.backupFolder || dismissed || last === undefined || !reminderDue(last ?? undefined, installation.createdAt)) return null;

  const dismiss = () => {
    try {
      sessionStorage.setItem(REMINDER_DISMISSED, '1');
    } catch {
      // Storage switched off: dismissed for as long as the page is open.
    }
    setDismissed(true);
  };
  const save = async () => {
    setState({ busy: true, message: '' });
    try {
      const outcome = await backUp(store, platform, 'on-request');
      setState({ busy: false, message: outcome.kept ? '' : 'Not saved: the save was cancelled.' });
    } catch (error) {
      setState({ busy: false, message: describeSaveError(error) });
    }
  };
  return (
    <section className="panel backup-notice" aria-labelledby="backup-reminder-title">
      <h2 id="backup-reminder-title" className="panel-title">
        Time to save a backup
      </h2>
      <p>
        {last ? `The last backup of this copy was saved on ${dateWords(last.at)}.` : 'No backup of this copy has been saved yet.'} In a browser Quorum cannot
        back up by itself, and the browser may clear its data when the disk is nearly full. Save a backup and keep it somewhere safe, away from this
        computer.
      </p>
      {state.message && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={() => void save()} disabled={state.busy}>
          {state.busy ? 'Saving the backup…' : 'Save a backup now'}
        </button>
        <button type="button" className="button button--secondary" onClick={dismiss}>
          Remind me next time
        </button>
      </div>
    </section>
  );
}
