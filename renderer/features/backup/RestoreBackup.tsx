/**
 * Restoring a backup on the set-up screen (docs/backup-format.md, "Restoring"):
 * choose the file, read and check it, see what it holds (consortium, copy, when,
 * records of each kind), and only on "Restore this backup" write anything — all of
 * it in one transaction. A refused file shows why in plain words and changes
 * nothing. The page says before and after that the signing key does not come back:
 * this computer becomes a new copy, to be enrolled again.
 */
import { useEffect, useRef, useState } from 'react';
import { usePlatform } from '../../app/platform-context';
import { BACKUP_EXTENSION } from '../../../shared/backup';
import { BackupRefusedError, previewOf, readBackup, restoreBackup, type BackupPreview, type ReadBackup } from '../../db/backup';
import { momentWords } from '../../db/record-words';
import { useStore } from '../../db/store-context';
import { describeSaveError } from '../../ui/save-error';
import { roleWords } from '../sync/sync-words';
import type { InstallationRole } from '../../../shared/domain/entities';
import { backupCountLines } from './backup-service';
import './backup.css';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'preview'; fileName: string; backup: ReadBackup; preview: BackupPreview }
  | { kind: 'restoring'; fileName: string }
  | { kind: 'refused'; fileName: string; message: string };

const REASON_WORDS = { daily: 'the daily backup', 'on-request': 'saved on request', 'before-upgrade': 'made before Quorum updated how it stores data' } as const;

export const NEW_KEY_WORDS =
  'The signing key that proves a copy’s bundles are its own never leaves a computer, so it is not in the backup. This computer makes a new key and becomes a new copy of the consortium, holding everything in the backup. Once restored, it must be enrolled again: your secretariat compares this copy’s new fingerprint (on the Sync page) and enrols it, and grants it again any office the old copy held (secretariat, chair or Accountable Body).';

export function RestoreBackup({ onRestored }: { onRestored?: () => void }) {
  const store = useStore();
  const platform = usePlatform();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const heading = useRef<HTMLHeadingElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step.kind === 'preview' || step.kind === 'refused') heading.current?.focus();
  }, [step.kind]);

  const choose = async () => {
    let files;
    try {
      files = await platform.openFiles({ extensions: [BACKUP_EXTENSION], description: 'Quorum backup' });
    } catch (error) {
      setStep({ kind: 'refused', fileName: '', message: describeSaveError(error) });
      return;
    }
    const file = files[0];
    if (!file) return;
    setStep({ kind: 'reading', fileName: file.name });
    try {
      const backup = await readBackup(file.bytes);
      setStep({ kind: 'preview', fileName: file.name, backup, preview: previewOf(backup) });
    } catch (error) {
      setStep({ kind: 'refused', fileName: file.name, message: error instanceof BackupRefusedError ? error.message : describeSaveError(error) });
    }
  };

  const accept = async (fileName: string, backup: ReadBackup) => {
    setStep({ kind: 'restoring', fileName });
    try {
      await restoreBackup(store, backup, { fileName });
      onRestored?.();
    } catch (error) {
      setStep({ kind: 'refused', fileName, message: error instanceof BackupRefusedError ? error.message : `${describeSaveError(error)} Nothing was restored.` });
    }
  };

  const cancel = () => {
    setStep({ kind: 'idle' });
    chooseButton.current?.focus();
  };

  return (
    <section className="panel backup-restore" aria-labelledby="restore-title">
      <h2 id="restore-title" className="panel-title">
        Restore from a backup
      </h2>
      <p>
        Lost your data, or moving to a new computer? Open a Quorum backup (a file ending “.{BACKUP_EXTENSION}”). You will see what it holds before
        anything is restored.
      </p>
      <p className="backup-key-note">{NEW_KEY_WORDS}</p>
      <div className="form-actions">
        <button type="button" className="button button--secondary" ref={chooseButton} onClick={choose} disabled={step.kind === 'reading' || step.kind === 'restoring'}>
          Choose a backup file…
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {step.kind === 'reading' ? `Reading and checking ${step.fileName}…` : step.kind === 'restoring' ? 'Restoring the backup…' : ''}
      </p>
      {step.kind === 'reading' && <p className="status-line">Reading and checking {step.fileName}…</p>}
      {step.kind === 'restoring' && <p className="status-line">Restoring the backup: this copy’s records are being written…</p>}

      {step.kind === 'preview' && (
        <section className="backup-preview" aria-labelledby="restore-preview-title">
          <h3 id="restore-preview-title" className="panel-title" tabIndex={-1} ref={heading}>
            A backup of {step.preview.header.consortium.name || 'a consortium'}
          </h3>
          <BackupFacts fileName={step.fileName} preview={step.preview} />
          <p>Nothing has been restored yet.</p>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={() => accept(step.fileName, step.backup)}>
              Restore this backup
            </button>
            <button type="button" className="button button--secondary" onClick={cancel}>
              Cancel
            </button>
          </div>
        </section>
      )}

      {step.kind === 'refused' && (
        <div className="backup-refusal" role="alert" aria-labelledby="restore-refused-title">
          <h3 id="restore-refused-title" className="panel-title" tabIndex={-1} ref={heading}>
            {step.fileName ? `“${step.fileName}” cannot be restored` : 'The file could not be opened'}
          </h3>
          <p>{step.message}</p>
          <button type="button" className="button button--secondary" onClick={cancel}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}

function BackupFacts({ fileName, preview }: { fileName: string; preview: BackupPreview }) {
  const { header, unsignedChanges } = preview;
  const { records, bookkeeping } = backupCountLines(header, preview.changes);
  const role = header.copy.role as InstallationRole | '';
  return (
    <>
      <dl className="facts">
        <dt>Consortium</dt>
        <dd>{header.consortium.name || 'Not named'}</dd>
        <dt>Copy</dt>
        <dd>
          {header.copy.organisationName || 'An unnamed organisation'}’s copy <span className="muted">({roleWords(role === 'partner' ? 'partner' : role)})</span>
        </dd>
        <dt>Made</dt>
        <dd>
          {momentWords(header.createdAt)} <span className="muted">({REASON_WORDS[header.reason]})</span>
        </dd>
        <dt>File</dt>
        <dd className="backup-file-name">{fileName}</dd>
      </dl>
      <h4 className="backup-counts-title">What it holds</h4>
      <ul className="backup-counts">
        {records.map((line) => (
          <li key={line.table}>{line.words}</li>
        ))}
      </ul>
      {bookkeeping.length > 0 && (
        <>
          <h4 className="backup-counts-title">And the copy’s own records</h4>
          <ul className="backup-counts">
            {bookkeeping.map((line) => (
              <li key={line.table}>{line.words}</li>
            ))}
          </ul>
        </>
      )}
      {unsignedChanges > 0 && (
        <p className="backup-warning">
          {unsignedChanges.toLocaleString('en-GB')} {unsignedChanges === 1 ? 'change' : 'changes'} in this backup had not yet been signed by the old copy when the
          backup was made (as in a backup made before an update). They are restored here, but this copy cannot send them to partners: ask your secretariat
          before relying on them.
        </p>
      )}
    </>
  );
}
