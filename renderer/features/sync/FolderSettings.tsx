/**
 * Settings: point this copy at a folder partners share, change it, or stop
 * (docs/bundle-format.md §12), and how often Quorum looks at it while open.
 * The folder itself is chosen with the system's dialog (desktop) or the
 * browser's folder picker; where the browser has none, a plain explanation.
 */
import { useId } from 'react';
import { Link } from 'react-router';
import { useFolderSync } from './FolderSyncContext';
import { DEFAULT_EVERY_MINUTES } from './folder-sync';
import { EVERY_MINUTES_CHOICES } from './folder-sync-runner';
import { everyWords, whenWords } from './folder-words';

export function FolderSettings() {
  const { runner, state } = useFolderSync();
  const everyId = useId();
  const { row } = state;
  const unsupported = runner?.folder.unsupported ?? null;
  return (
    <section className="form-section" id="shared-folder" aria-labelledby="settings-shared-folder">
      <h2 id="settings-shared-folder" className="section-title">
        Shared folder
      </h2>
      <p className="section-intro">
        If your consortium already shares a folder (OneDrive, SharePoint, Dropbox, Google Drive, Syncthing or a network drive), Quorum can
        leave each partner’s bundle there and pick up theirs, at start and every few minutes while it is open, so nobody has to save or open
        bundle files. Bundles are checked exactly as when they are opened by hand; a copy not enrolled here still waits for you on the{' '}
        <Link to="/sync">Sync page</Link>.
      </p>
      {unsupported ? (
        <p className="sync-warning">{unsupported}</p>
      ) : row ? (
        <>
          <dl className="facts">
            <dt>Folder</dt>
            <dd>{row.folderName}</dd>
            <dt>Last read</dt>
            <dd>{whenWords(row.lastReadAt)}</dd>
            <dt>Last written</dt>
            <dd>{whenWords(row.lastWrittenAt)}</dd>
          </dl>
          <div className="field">
            <label className="field-label" htmlFor={everyId}>
              Look in the folder
            </label>
            <select
              id={everyId}
              className="input input--medium"
              value={row.everyMinutes ?? DEFAULT_EVERY_MINUTES}
              onChange={(event) => void runner?.setEvery(Number(event.target.value))}
            >
              {EVERY_MINUTES_CHOICES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {everyWords(minutes)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-actions">
            <button type="button" className="button button--secondary" disabled={!runner} onClick={() => void runner?.choose()}>
              Change folder…
            </button>
            <button type="button" className="button button--secondary" disabled={!runner} onClick={() => void runner?.stop()}>
              Stop syncing through this folder
            </button>
          </div>
          <p className="muted">Stopping leaves the folder and its files as they are; bundles can still be saved and opened by hand.</p>
        </>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button--primary" disabled={!runner || row === undefined} onClick={() => void runner?.choose()}>
            Choose a shared folder…
          </button>
        </div>
      )}
      {state.message && (
        <p className="sync-warning" role="alert">
          {state.message}
        </p>
      )}
    </section>
  );
}
