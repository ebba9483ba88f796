/**
 * Shown instead of the app when the store cannot be opened (renderer/db/open.ts). It
 * says what happened in plain words, what the person can do, and offers to save a
 * copy of everything that can be read. It never deletes anything to "recover".
 */
import { useEffect, useState } from 'react';
import type { StoreProblem, StoreProblemKind } from '../../db/open';
import { usePlatform } from '../../app/platform-context';
import { readEverything, rescueFile } from './rescue-copy';

const TITLES: Record<StoreProblemKind, string> = {
  'newer-version': 'This data needs a newer version of Quorum',
  'migration-failed': 'Quorum could not update your data',
  'corrupt-or-foreign': 'Quorum cannot read this data store',
  'storage-refused': 'Quorum cannot open its data store',
  'storage-full': 'The disk is full',
};

const NEXT_STEPS: Record<StoreProblemKind, string[]> = {
  'newer-version': ['Install the newest version of Quorum, then open it again.', 'Save a copy of the data first if you want to keep one safe.'],
  'migration-failed': [
    'Save a copy of everything that can be read and keep it safe.',
    'Restart Quorum to try the update again. If it fails again, send the copy and the technical details below to whoever supports Quorum for your consortium.',
  ],
  'corrupt-or-foreign': [
    'Save a copy of everything that can be read and keep it safe.',
    'If another program uses this data store, open Quorum with a different one. Otherwise ask whoever supports Quorum for your consortium, and send them the copy.',
  ],
  'storage-refused': [
    'If this is a private browsing window, open Quorum in a normal window.',
    'Check that the disk is connected and that this computer lets Quorum store data, then try again.',
  ],
  'storage-full': ['Free some space on the disk: empty the recycle bin, or move large files elsewhere.', 'Then try again. Nothing has been lost.'],
};

function technical(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { inner?: unknown }).inner;
    return `${cause.name}: ${cause.message}${inner instanceof Error ? ` (${inner.name}: ${inner.message})` : ''}`;
  }
  return String(cause);
}

type SaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; location: string } | { state: 'cancelled' } | { state: 'failed'; reason: string };

export function ProblemScreen({ problem }: { problem: StoreProblem }) {
  const platform = usePlatform();
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const title = TITLES[problem.kind];

  useEffect(() => {
    document.title = `${title} · Quorum`;
  }, [title]);

  const saveCopy = async () => {
    setSave({ state: 'saving' });
    try {
      const file = rescueFile(await readEverything(problem.databaseName));
      const result = await platform.saveFile({ ...file, description: 'Quorum rescue copy (JSON)', mimeType: 'application/json' });
      setSave(result.saved ? { state: 'saved', location: result.location } : { state: 'cancelled' });
    } catch (error) {
      setSave({ state: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="app app--problem">
      <main className="app-main app-main--narrow" id="main-content">
        <div className="problem">
          <h1 className="page-title">{title}</h1>
          <p className="problem-message">{problem.message}</p>
          <h2 className="section-title">What you can do</h2>
          <ul className="problem-steps">
            {NEXT_STEPS[problem.kind].map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={saveCopy} disabled={save.state === 'saving'}>
              Save a copy of everything that can be read
            </button>
            <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
              Try again
            </button>
          </div>
          <p className="status-line" role="status">
            {save.state === 'saving' && 'Reading the data store…'}
            {save.state === 'saved' && `Saved a copy: ${save.location}`}
            {save.state === 'cancelled' && 'No copy was saved.'}
          </p>
          {save.state === 'failed' && (
            <p className="field-error" role="alert">
              The copy could not be saved: {save.reason}
            </p>
          )}
          <details className="technical">
            <summary>Technical details</summary>
            <dl>
              <dt>Data store</dt>
              <dd>{problem.databaseName}</dd>
              <dt>Problem</dt>
              <dd>{problem.kind}</dd>
              <dt>Error</dt>
              <dd>
                <code>{technical(problem.cause)}</code>
              </dd>
            </dl>
          </details>
        </div>
      </main>
    </div>
  );
}
