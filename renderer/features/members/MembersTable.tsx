/**
 * The register as a table, virtualised (@tanstack/react-virtual): only the rows in
 * view, and a few either side, are in the page, so 2,000 organisations scroll
 * smoothly. It stays a real table for screen readers: the table says how many rows
 * there are (aria-rowcount) and each row which it is (aria-rowindex), the header row
 * being the first; the rows out of view are stood in for by two empty spacer rows
 * hidden from assistive technology. The table scrolls in its own frame, with its
 * header kept in view. In a narrow window each row is laid out as a block
 * (members.css), with explicit table roles so it is still read as a table.
 */
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link } from 'react-router';
import { MEMBERSHIP_STATUS_LABELS, ORGANISATION_KIND_LABELS, type Organisation, type Representative } from '../../../shared/domain/entities';
import type { RegisterGroup } from '../../../shared/rules/register';
import { formatDate } from '../../../shared/rules/calendar-date';

export interface MemberRow {
  organisation: Organisation;
  group: RegisterGroup;
  representative?: Representative;
  substitute?: Representative;
  /** Roles in the consortium held now, in words. */
  roles: string[];
  isAccountableBody: boolean;
  /** What the register's rules flag, in words. */
  problems: string[];
}

const GROUP_LABELS: Record<RegisterGroup, string> = { ...MEMBERSHIP_STATUS_LABELS, archived: 'Archived' };
const COLUMNS = 5;

export function MembersTable({ rows }: { rows: readonly MemberRow[] }) {
  const frame = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read only during this render, never memoised
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => frame.current,
    estimateSize: () => 64,
    overscan: 8,
    getItemKey: (index) => rows[index]!.organisation.id,
  });
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0]!.start : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div
      className="members-frame"
      ref={frame}
      tabIndex={0}
      role="region"
      aria-label="Member organisations, scrollable"
      onKeyDown={(event) => {
        // Home and End reach the first and last organisation, however many there are.
        if (event.target !== event.currentTarget || (event.key !== 'Home' && event.key !== 'End')) return;
        event.preventDefault();
        if (event.key === 'End') virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
        else virtualizer.scrollToIndex(0, { align: 'start' });
      }}
    >
      <table className="table table--members" role="table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">Member organisations, {rows.length.toLocaleString('en-GB')} rows</caption>
        <colgroup>
          <col className="col-organisation" />
          <col className="col-kind" />
          <col className="col-status" />
          <col className="col-representative" />
          <col className="col-joined" />
        </colgroup>
        <thead role="rowgroup">
          <tr role="row" aria-rowindex={1}>
            <th scope="col" role="columnheader">
              Organisation
            </th>
            <th scope="col" role="columnheader">
              Kind
            </th>
            <th scope="col" role="columnheader">
              Membership
            </th>
            <th scope="col" role="columnheader">
              Representative
            </th>
            <th scope="col" role="columnheader">
              Joined
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {before > 0 && (
            <tr aria-hidden="true" className="members-spacer">
              <td colSpan={COLUMNS} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => {
            const { organisation, group, representative, substitute, roles, isAccountableBody, problems } = rows[item.index]!;
            const offices = [...(isAccountableBody && !roles.includes('Accountable Body') ? ['Accountable Body'] : []), ...roles];
            return (
              <tr key={item.key} role="row" aria-rowindex={item.index + 2} data-index={item.index} ref={virtualizer.measureElement}>
                <th scope="row" role="rowheader">
                  <Link to={`/members/${organisation.id}`}>{organisation.name}</Link>
                  {offices.length > 0 && <div className="muted cell-secondary">{offices.join(', ')}</div>}
                  {organisation.area && <div className="muted cell-secondary">{organisation.area}</div>}
                </th>
                <td role="cell">
                  <span className="members-cell-label">Kind: </span>
                  {ORGANISATION_KIND_LABELS[organisation.kind]}
                </td>
                <td role="cell">
                  <span className="members-cell-label">Membership: </span>
                  <span className={`tag tag--${group}`}>{GROUP_LABELS[group]}</span>
                  {problems.length > 0 && (
                    <ul className="members-problems">
                      {problems.map((problem) => (
                        <li key={problem}>
                          <span className="visually-hidden">To check: </span>
                          {problem}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td role="cell">
                  <span className="members-cell-label">Representative: </span>
                  {representative ? (
                    <>
                      <span>{representative.name}</span>
                      {representative.jobTitle && <div className="muted cell-secondary">{representative.jobTitle}</div>}
                    </>
                  ) : (
                    <span className="muted">None named</span>
                  )}
                  {substitute && <div className="muted cell-secondary">Substitute: {substitute.name}</div>}
                </td>
                <td role="cell">
                  <span className="members-cell-label">Joined: </span>
                  {organisation.joinedOn ? formatDate(organisation.joinedOn) : <span className="muted">Not recorded</span>}
                </td>
              </tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" className="members-spacer">
              <td colSpan={COLUMNS} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
