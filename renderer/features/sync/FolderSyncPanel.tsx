/**
 * The shared folder on the Sync page: which folder, when it was last read and
 * written, what came in (each import is also in the import history below),
 * files waiting for a cloud client to finish, bundles refused, and bundles from
 * copies not enrolled here, which wait for a person: "Compare fingerprints"
 * opens one in the import flow above, as if it had been opened by hand.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCitation } from '../../app/use-citation';
import { FileName } from './FileName';
import { useFolderSync } from './FolderSyncContext';
import { DEFAULT_EVERY_MINUTES } from './folder-sync';
import { everyWords, waitingWords, whenWords } from './folder-words';
import { momentWords, plural } from './sync-words';

export function FolderSyncPanel() {
  const { runner, state } = useFolderSync();
  const navigate = useNavigate();
  const { citeInText } = useCitation();
  const [opening, setOpening] = useState('');
  const { row, lastPass } = state;
  const unsupported = runner?.folder.unsupported;

  const openForEnrolment = async (name: string) => {
    if (!runner) return;
    setOpening('');
    const read = await runner.folder.read(name).catch((error: unknown) => ({ state: 'failed' as const, message: error instanceof Error ? error.message : String(error) }));
    if (read.state === 'ready') navigate('/sync', { state: { openedBundle: { name: read.name, bytes: read.bytes } } });
    else setOpening(read.state === 'failed' ? read.message : `${name} is ${waitingWords(read.reason)}: try again in a moment.`);
  };

  return (
    <section className="sync-section" aria-labelledby="shared-folder-title">
      <h2 id="shared-folder-title" className="section-title">
        Shared folder
      </h2>
      {row === undefined ? (
        <p className="muted">Reading…</p>
      ) : row === null ? (
        <p className="section-intro">
          {unsupported ?? (
            <>
              This copy does not sync through a shared folder. If partners share one (OneDrive, SharePoint, Dropbox, Google Drive, a network
              drive), choose it in <Link to="/settings#shared-folder">Settings</Link>: bundles then come and go without anyone saving or opening them.
            </>
          )}
        </p>
      ) : (
        <div className="panel">
          <dl className="facts">
            <dt>Folder</dt>
            <dd>{row.folderName}</dd>
            <dt>Last read</dt>
            <dd>{whenWords(row.lastReadAt)}</dd>
            <dt>Last written</dt>
            <dd>{whenWords(row.lastWrittenAt)}</dd>
            <dt>Checked</dt>
            <dd>{everyWords(row.everyMinutes ?? DEFAULT_EVERY_MINUTES)} while Quorum is open</dd>
          </dl>
          {state.permission === 'needs-click' && (
            <p className="sync-warning">
              The browser needs your permission again to use “{row.folderName}”.{' '}
              <button type="button" className="button button--primary" onClick={() => void runner?.allow()}>
                Allow the folder
              </button>
            </p>
          )}
          {(lastPass?.problem ?? row.lastError) && state.permission !== 'needs-click' && (
            <p className="sync-warning" role="alert">
              {lastPass?.problem ?? row.lastError}
            </p>
          )}
          {state.message && (
            <p className="sync-warning" role="alert">
              {state.message}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button button--secondary" disabled={!runner || state.running || state.permission !== 'granted'} onClick={() => void runner?.runNow()}>
              {state.running ? 'Syncing…' : 'Sync with the folder now'}
            </button>
          </div>
          <p className="visually-hidden" role="status" aria-live="polite">
            {state.running ? 'Syncing with the shared folder…' : lastPass ? `Synced with the shared folder: ${plural(lastPass.imported.length, 'bundle')} came in.` : ''}
          </p>

          <h3 className="sync-subheading">Came in since Quorum was opened</h3>
          {state.cameIn.length === 0 ? (
            <p className="muted">Nothing yet. Every import is also kept in the import history below.</p>
          ) : (
            <ul className="sync-plain-list">
              {state.cameIn.map((report) => (
                <li key={report.bundleId}>
                  From {report.sender.name}, {momentWords(report.importedAt)}: {plural(report.applied.changes, 'change')}
                  {report.conflictCount > 0 ? `, ${plural(report.conflictCount, 'conflict')} to review` : ''}
                  {report.refusedCount > 0 ? `, ${plural(report.refusedCount, 'change')} not applied` : ''}.
                </li>
              ))}
            </ul>
          )}

          {lastPass && lastPass.unknownSenders.length > 0 && (
            <>
              <h3 className="sync-subheading">Waiting for you: copies not enrolled here</h3>
              <ul className="sync-plain-list">
                {lastPass.unknownSenders.map((waiting) => (
                  <li key={waiting.name}>
                    <p>
                      A bundle from {waiting.sender.name} is in the folder, but{' '}
                      {waiting.reason === 'key-mismatch' ? 'it is signed with a different key from the one enrolled here' : 'their copy is not enrolled here'}. Nothing from it
                      is imported until you compare fingerprints with them.
                    </p>
                    <button type="button" className="button button--secondary" onClick={() => void openForEnrolment(waiting.name)}>
                      Compare fingerprints with {waiting.sender.name}…
                    </button>
                  </li>
                ))}
              </ul>
              {opening && (
                <p className="sync-warning" role="alert">
                  {opening}
                </p>
              )}
            </>
          )}

          {lastPass && lastPass.refused.length > 0 && (
            <>
              <h3 className="sync-subheading">Not imported</h3>
              <ul className="sync-plain-list">
                {lastPass.refused.map((refused) => (
                  <li key={refused.name}>
                    <FileName name={refused.name} />: {citeInText(refused.message)} Nothing on this copy has changed.
                  </li>
                ))}
              </ul>
            </>
          )}

          {lastPass && lastPass.waiting.length > 0 && (
            <>
              <h3 className="sync-subheading">Not ready yet</h3>
              <p className="muted">Quorum tries these again at the next check.</p>
              <ul className="sync-plain-list">
                {lastPass.waiting.map((waiting) => (
                  <li key={waiting.name}>
                    <FileName name={waiting.name} />: {waitingWords(waiting.reason)}.
                  </li>
                ))}
              </ul>
            </>
          )}
          {lastPass && lastPass.writeProblems.length > 0 && (
            <ul className="sync-plain-list sync-warning">
              {lastPass.writeProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
