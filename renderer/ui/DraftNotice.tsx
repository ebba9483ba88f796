/**
 * What a draft field (use-draft.ts) has to tell the person: a draft a crash
 * left behind ("A draft of this address from 3 December 2026 at 14:05 was not
 * saved. Keep the draft / Discard it"), or that what they typed could not be
 * saved as a change and is kept as a draft.
 */
import { momentWords } from '../db/record-words';
import type { DraftField } from './use-draft';

export function DraftNotice({ draft, what }: { draft: DraftField; /** "this address", "these minutes". */ what: string }) {
  const { offer, error } = draft;
  return (
    <>
      {offer && (
        <div className="panel panel--accent draft-notice" role="status">
          <p>
            A draft of {what} from {momentWords(offer.draft.savedAt)} was not saved.
            {!offer.newer && offer.storedAt && ` It was changed again after that, on ${momentWords(offer.storedAt)}: keeping the draft replaces that change.`}
          </p>
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={() => void draft.keep()}>
              Keep the draft
            </button>
            <button type="button" className="button button--quiet" onClick={() => void draft.discard()}>
              Discard it
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
