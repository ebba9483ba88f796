/**
 * Archiving an organisation: one with history is kept, never deleted, so its
 * decisions, claims and votes still name it; archived, it leaves the working
 * lists and the counts of those who vote (docs/architecture.md, "The register").
 */
import { useState } from 'react';
import type { Organisation } from '../../../shared/domain/entities';
import { useStore } from '../../db/store-context';
import { describeSaveError } from '../../ui/save-error';
import { setArchived } from './register-actions';

export function ArchiveSection({ organisation }: { organisation: Organisation }) {
  const store = useStore();
  const [message, setMessage] = useState('');
  const archived = organisation.archived === true;
  return (
    <section className="panel register-section" aria-labelledby="archive-title">
      <h2 id="archive-title" className="section-title">
        {archived ? 'Archived' : 'Archive'}
      </h2>
      <p className="section-intro">
        {archived
          ? 'This organisation is archived: it is kept with its history, but no longer listed with the current organisations and never counted for votes or the quorum.'
          : 'An organisation with a history is never deleted. Archive it when it no longer takes part: it is kept with its history and left out of the working lists.'}
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={async () => {
          try {
            await setArchived(store, organisation.id, !archived);
            setMessage(archived ? `${organisation.name} is back among the current organisations.` : `${organisation.name} is archived.`);
          } catch (error) {
            setMessage(describeSaveError(error));
          }
        }}
      >
        {archived ? 'Bring it back from the archive' : 'Archive this organisation'}
      </button>
      <p className="status-line" role="status">
        {message}
      </p>
    </section>
  );
}
