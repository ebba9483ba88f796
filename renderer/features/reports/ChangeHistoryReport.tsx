/**
 * The audit trail for the whole consortium: every change in the log, newest
 * first, filtered by kind of record and by the copy that made it.
 *
 * A secretariat's log holds hundreds of thousands of changes, so the list is
 * virtualised (@tanstack/react-virtual): only the rows in view are in the page,
 * each measured as it renders since a change to several fields is taller. The
 * details of a row (values before, names) are worked out only for those rows.
 *
 * For assistive technology it is a table (role="table", the WAI-ARIA pattern
 * for a table whose rows are not all present): aria-rowcount gives the full
 * number of rows, and each row its aria-rowindex, so a screen reader says
 * "row 12 of 12,346" rather than counting what happens to be drawn. The
 * scrolling area is a labelled, focusable region, so the keyboard scrolls it.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SyncedTable } from '../../../shared/sync/change';
import { changeHistory, filterChanges, type ChangeHistory, type LoggedChange } from '../../db/history';
import { authorWords } from '../../db/history-words';
import { capitalised, momentWords, recordNoun, TABLE_NOUNS } from '../../db/record-words';
import { useStore } from '../../db/store-context';
import type { NodeNames } from '../../db/sync/node-names';
import { FieldChanges } from './FieldChanges';
import { useNodeNames } from './use-node-names';

/** Fields shown in one row before "and 4 more fields": a new record sets them all. */
const FIELDS_PER_ROW = 4;
const ESTIMATED_ROW_HEIGHT = 64;
const estimateSize = () => ESTIMATED_ROW_HEIGHT;

function countWords(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'change' : 'changes'}`;
}

function ChangeRow({ history, change, nodeNames }: { history: ChangeHistory; change: LoggedChange; nodeNames: NodeNames }) {
  const detail = history.detail(change);
  const label = history.labelOf(change.row);
  return (
    <>
      <div role="cell" className="change-cell change-cell--when">
        <time dateTime={change.at}>{momentWords(change.at)}</time>
      </div>
      <div role="cell" className="change-cell">
        {authorWords(change.node, nodeNames)}
      </div>
      <div role="cell" className="change-cell">
        <span className="change-record-kind">{recordNoun(change.table)}</span>
        {detail.created && <span className="tag">New</span>}
        {label && <span className="change-record-name">{label}</span>}
      </div>
      <div role="cell" className="change-cell">
        <FieldChanges change={detail} labelOf={history.labelOf} limit={FIELDS_PER_ROW} />
      </div>
    </>
  );
}

function ChangeTable({ history, changes, nodeNames }: { history: ChangeHistory; changes: readonly LoggedChange[]; nodeNames: NodeNames }) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualiser lays out every row from the first one whose size changed to the last, whenever a row is
  // measured or one of these options changes: so the options stay the same, and rows are known by their
  // position (a number, no string made per row). The table is drawn afresh when the filter changes.
  const getScrollElement = useCallback(() => scroller.current, []);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read only during this render, never memoised
  const virtualizer = useVirtualizer({ count: changes.length, getScrollElement, estimateSize, overscan: 6 });
  return (
    <div
      ref={scroller}
      className="change-scroller"
      role="region"
      aria-label="Changes, newest first (scroll to see more)"
      tabIndex={0}
      onKeyDown={(event) => {
        // Rows are measured only once drawn, so the browser's own End stops at an estimate: go to the row itself.
        if (event.key !== 'End' && event.key !== 'Home') return;
        event.preventDefault();
        if (event.key === 'End') virtualizer.scrollToIndex(changes.length - 1, { align: 'end' });
        else virtualizer.scrollToIndex(0, { align: 'start' });
      }}
    >
      <div role="table" aria-label="Change history" aria-rowcount={changes.length + 1} className="change-table">
        <div role="rowgroup" className="change-head">
          <div role="row" aria-rowindex={1} className="change-row">
            <div role="columnheader" className="change-cell">
              When
            </div>
            <div role="columnheader" className="change-cell">
              Made by
            </div>
            <div role="columnheader" className="change-cell">
              Record
            </div>
            <div role="columnheader" className="change-cell">
              What changed
            </div>
          </div>
        </div>
        <div role="rowgroup" className="change-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={`${changes[item.index]!.node}/${changes[item.index]!.seq}`}
              role="row"
              aria-rowindex={item.index + 2}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="change-row change-row--body"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <ChangeRow history={history} change={changes[item.index]!} nodeNames={nodeNames} />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/** One filter: a labelled select whose first choice ('') is everything. Not a form field: it narrows what is shown, nothing is saved. */
function FilterChoice({
  id,
  label,
  everything,
  value,
  choices,
  onChange,
}: {
  id: string;
  label: string;
  everything: string;
  value: string;
  choices: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{everything}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ChangeHistoryReport() {
  const { db } = useStore();
  const history = useLiveQuery(() => changeHistory(db), [db]);
  const nodeNames = useNodeNames();
  const [table, setTable] = useState<SyncedTable | ''>('');
  const [node, setNode] = useState('');
  const changes = useMemo(() => (history ? filterChanges(history.changes, { table: table || undefined, node: node || undefined }) : []), [history, table, node]);
  const copies = useMemo(
    () =>
      history && nodeNames
        ? history.nodes.map((id) => ({ id, name: authorWords(id, nodeNames) })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
        : [],
    [history, nodeNames],
  );
  const kinds = useMemo(
    () => (history ? (Object.keys(TABLE_NOUNS) as SyncedTable[]).filter((t) => history.tables.includes(t)) : []),
    [history],
  );

  return (
    <section className="report-section" aria-labelledby="change-history-title">
      <h2 id="change-history-title" className="section-title">
        Change history
      </h2>
      <p className="section-intro">
        Every change to the consortium’s records that this copy holds, its own and those received from partners, newest first: when it was made,
        which copy made it, and what changed.
      </p>
      {!history || !nodeNames ? (
        <p className="muted">Reading the change log…</p>
      ) : (
        <>
          <div className="change-filters">
            <FilterChoice
              id="change-filter-kind"
              label="Kind of record"
              everything="All kinds of record"
              value={table}
              choices={kinds.map((t) => ({ value: t, label: capitalised(TABLE_NOUNS[t][1]) }))}
              onChange={(value) => setTable(value as SyncedTable | '')}
            />
            <FilterChoice
              id="change-filter-copy"
              label="Made by"
              everything="Every copy"
              value={node}
              choices={copies.map((copy) => ({ value: copy.id, label: copy.name }))}
              onChange={setNode}
            />
          </div>
          <p className="change-count" role="status">
            {changes.length === history.total ? countWords(history.total) : `${countWords(changes.length)} of ${history.total.toLocaleString('en-GB')}`}
          </p>
          {changes.length > 0 ? (
            <ChangeTable key={`${table}/${node}`} history={history} changes={changes} nodeNames={nodeNames} />
          ) : (
            <p className="muted">{history.total === 0 ? 'Nothing has been changed yet.' : 'No change matches these choices.'}</p>
          )}
        </>
      )}
    </section>
  );
}
