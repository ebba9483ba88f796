/**
 * "History" under a record's form: every change to the record (and to the
 * records that belong with it, such as an organisation's named
 * representative), newest first, each saying when, which copy made it and
 * what changed. Closed by default: a disclosure (react-aria: a heading with a
 * button that says whether it is expanded), read only once it is opened. It
 * reads the records' own changes, not the whole log: each row lists its
 * changes and only the runs holding them are read (history.ts
 * changesToRecords), the newest 30 until older ones are asked for. Live, so
 * a save or an import shows at once.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import type { SyncedTable } from '../../../shared/sync/change';
import { changesToRecords } from '../../db/history';
import { authorWords, recordWords } from '../../db/history-words';
import { momentWords } from '../../db/record-words';
import { useStore } from '../../db/store-context';
import { FieldChanges } from './FieldChanges';
import { useNodeNames } from './use-node-names';
import './reports.css';

export interface RecordRef {
  table: SyncedTable;
  row: string;
}

function keyOf(records: readonly RecordRef[]): string {
  return records.map((r) => `${r.table}/${r.row}`).join(' ');
}

function recordsOf(key: string): RecordRef[] {
  return key.split(' ').map((part) => {
    const slash = part.indexOf('/');
    return { table: part.slice(0, slash) as SyncedTable, row: part.slice(slash + 1) };
  });
}

/** How many changes are listed before "Show older changes". */
const SHOWN = 30;

function HistoryList({ records, headingId }: { records: readonly RecordRef[]; headingId: string }) {
  const { db } = useStore();
  // Read by a key, not the array, so a new array naming the same records does not read the history again.
  const key = keyOf(records);
  const [all, setAll] = useState(false);
  // The newest SHOWN first: only those (and the values before them) are read until older ones are asked for.
  const history = useLiveQuery(() => changesToRecords(db, recordsOf(key), all ? {} : { limit: SHOWN }), [db, key, all]);
  const nodeNames = useNodeNames();
  if (!history || !nodeNames) return <p className="muted">Reading the history…</p>;
  if (history.changes.length === 0) return <p className="muted">No changes to this record are in the log.</p>;
  const shown = history.changes;
  const several = new Set(records.map((r) => r.table)).size > 1;
  return (
    <>
      <ol className="record-history-list" aria-labelledby={headingId}>
        {shown.map((change) => (
          <li key={`${change.node}/${change.seq}`} className="record-history-item">
            <p className="record-history-meta">
              <time dateTime={change.at}>{momentWords(change.at)}</time>
              <span aria-hidden="true"> · </span>
              <span className="visually-hidden">, by </span>
              <span className="record-history-author">{authorWords(change.node, nodeNames)}</span>
              {!several && change.created && <span className="tag">New</span>}
            </p>
            {several && (
              <p className="record-history-record">
                {recordWords(change.table, history.labelOf(change.row))}
                {change.created && <span className="tag">New</span>}
              </p>
            )}
            <FieldChanges change={change} labelOf={history.labelOf} />
          </li>
        ))}
      </ol>
      {!all && history.total > shown.length && (
        <button type="button" className="button button--quiet" onClick={() => setAll(true)}>
          Show {history.total - shown.length} older changes
        </button>
      )}
    </>
  );
}

export function RecordHistory({ records, id, title = 'History' }: { records: readonly RecordRef[]; id: string; title?: string }) {
  const [expanded, setExpanded] = useState(false);
  const headingId = `${id}-heading`;
  return (
    <Disclosure className="record-history" isExpanded={expanded} onExpandedChange={setExpanded}>
      <Heading level={2} className="section-title record-history-heading" id={headingId}>
        <Button slot="trigger" className="disclosure-trigger">
          <span className="disclosure-icon" aria-hidden="true">
            {expanded ? '▾' : '▸'}
          </span>
          {title}
        </Button>
      </Heading>
      <DisclosurePanel className="record-history-panel">{expanded && <HistoryList records={records} headingId={headingId} />}</DisclosurePanel>
    </Disclosure>
  );
}
