/**
 * Every bundle imported here, newest first, each with its report behind a
 * <details> disclosure (rendered only once opened: a report can list hundreds
 * of records).
 */
import { useState } from 'react';
import { FileName } from './FileName';
import { ImportDetails, reportHeadline } from './ImportDetails';
import type { ImportHistoryItem } from './service';
import { momentWords } from './sync-words';
import type { NodeNames } from './use-sync';

function HistoryItem({ item, nodeNames }: { item: ImportHistoryItem; nodeNames: NodeNames }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details className="sync-history-item" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <strong>{momentWords(item.importedAt)}</strong>: from {item.fromName} <span className="muted">— {reportHeadline(item.report)}</span>
        </summary>
        <div className="sync-history-body">
          <p className="muted">
            File <FileName name={item.fileName} />, made {momentWords(item.report.createdAt)}.
          </p>
          {open && <ImportDetails report={item.report} tense="did" nodeNames={nodeNames} headingLevel={3} />}
        </div>
      </details>
    </li>
  );
}

/** How many imports are listed before "Show older imports". */
const SHOWN = 20;

export function ImportHistory({ history, nodeNames }: { history: ImportHistoryItem[] | undefined; nodeNames: NodeNames }) {
  const [all, setAll] = useState(false);
  const shown = all ? history : history?.slice(0, SHOWN);
  return (
    <section className="sync-section" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        Import history
      </h2>
      {history === undefined ? null : history.length === 0 ? (
        <p className="muted">No bundles have been imported on this copy yet.</p>
      ) : (
        <>
          <ul className="sync-history">
            {shown!.map((item) => (
              <HistoryItem key={item.id} item={item} nodeNames={nodeNames} />
            ))}
          </ul>
          {!all && history.length > SHOWN && (
            <button type="button" className="button button--quiet" onClick={() => setAll(true)}>
              Show {history.length - SHOWN} older imports
            </button>
          )}
        </>
      )}
    </section>
  );
}
