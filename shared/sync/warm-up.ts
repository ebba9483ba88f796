/**
 * A throwaway merge that warms the merge's code in an import worker started
 * ahead (docs/architecture.md, "Performance"). A worker that has never merged
 * runs the merge and its checks (schemas, authority, natural keys) through V8's
 * interpreter first: 1,000 changes take about 20 ms then, and 6–9 ms once the
 * code is compiled. The worker started ahead has time to spare before a bundle
 * is chosen, so it merges a made-up partner's run of the usual kinds (new and
 * updated representatives, apologies for meetings, its own contact details)
 * against made-up roles, in memory only: nothing is read from or written to
 * any store, and nothing it makes is kept.
 */
import type { ChangeEntry } from './change';
import { formatTimestamp } from './hlc';
import { Merge, recordKey, type StoredRow } from './merge';
import { grantIdFor, resolveGrants, type GrantCandidate, type GrantValues } from './roles';

const FOUNDER = '00000000-0000-4000-8000-00000000f001';
const PARTNER = '00000000-0000-4000-8000-00000000f002';
const ORGANISATION = 'warm-up-organisation';
/** The made-up changes' moment: well after the made-up grant's. */
const START = Date.UTC(2001, 0, 1);

function madeUpRun(changes: number): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  const representatives: string[] = [];
  for (let i = 0; i < changes; i++) {
    const seq = i + 1;
    const hlc = formatTimestamp(START + i, 0, PARTNER);
    const kind = representatives.length === 0 ? 0 : i % 5;
    if (kind === 0 || kind === 1) {
      const row = `warm-up-representative-${seq}`;
      representatives.push(row);
      entries.push({ seq, hlc, table: 'representatives', row, fields: { organisationId: ORGANISATION, name: `Representative ${seq}`, jobTitle: 'Coordinator', kind: kind === 0 ? 'representative' : 'substitute', email: `rep${seq}@example.org`, phone: '01234 111111' } });
    } else if (kind === 2) {
      const meetingId = `warm-up-meeting-${seq}`;
      entries.push({ seq, hlc, table: 'attendance', row: `attendance:${meetingId}:${ORGANISATION}`, fields: { meetingId, organisationId: ORGANISATION, representativeId: '', status: 'apologies' } });
    } else if (kind === 3) {
      entries.push({ seq, hlc, table: 'representatives', row: representatives[(i * 7919) % representatives.length]!, fields: { jobTitle: `Coordinator (${seq})`, phone: '01234 222222' } });
    } else {
      entries.push({ seq, hlc, table: 'organisations', row: ORGANISATION, fields: { phone: '01234 333333', email: `office${seq}@example.org` } });
    }
  }
  return entries;
}

/** Merges `changes` made-up changes in memory; returns how many were applied and refused (all applied, none refused). */
export function warmUpMerge(changes = 500): { applied: number; refused: number } {
  const values: GrantValues = { office: 'secretariat', node: FOUNDER, organisationId: 'warm-up-secretariat', from: '2000-01-01' };
  const grant: GrantCandidate = { id: grantIdFor(values), hlc: formatTimestamp(Date.UTC(1999, 11, 1), 0, FOUNDER), values };
  const grants = resolveGrants(FOUNDER, [grant], new Map([[PARTNER, ORGANISATION]]));
  const entries = madeUpRun(changes);
  const organisation = { id: ORGANISATION, name: 'Warm-up CVS', _clocks: { name: formatTimestamp(START - 1, 0, FOUNDER) }, _log: [] } as unknown as StoredRow;
  const rows = new Map<string, Map<string, StoredRow | undefined>>([['organisations', new Map([[ORGANISATION, organisation]])]]);
  for (const entry of entries) {
    if (entry.table === 'organisations') continue;
    let byId = rows.get(entry.table);
    if (!byId) rows.set(entry.table, (byId = new Map()));
    byId.set(entry.row, undefined);
  }
  const merge = new Merge(rows, [], { timeline: grants.timeline, consortiumId: 'warm-up-consortium', grants });
  merge.onlyConflictsOf(entries.map((entry) => recordKey(entry.table, entry.row)));
  merge.applyRun({ node: PARTNER, entries, deps: {} });
  merge.rowsToWrite();
  merge.conflictWrites();
  merge.refusalWrites();
  merge.recordChanges();
  return { applied: merge.entriesApplied, refused: merge.refused.length };
}
