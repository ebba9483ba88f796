/**
 * A throwaway merge that warms the merge's code in an import worker started
 * ahead (docs/architecture.md, "Performance"). A worker that has never merged
 * runs the merge and its checks (schemas, authority, natural keys) through V8's
 * interpreter first: 1,000 changes take about 20 ms then, and 6–9 ms once the
 * code is compiled. The worker started ahead has time to spare before a bundle
 * is chosen, so it merges a made-up partner's run of the usual kinds (new and
 * updated representatives, apologies for meetings, its own contact details)
 * against made-up roles and a made-up store, in memory only: nothing is read from or written to
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

export interface PartnerRun {
  node: string;
  organisationId: string;
  firstSeq: number;
  count: number;
  startMillis: number;
  /** The partner's representatives so far; new ones are added to it. */
  representatives: string[];
  /** The id of a new representative. */
  newId: (seq: number) => string;
  /** The id of the meeting an apology is for (newId when not given). */
  meetingId?: (seq: number) => string;
}

/**
 * What a partner's copy writes (authority lets it change only its own
 * organisation's records, docs/architecture.md): its representatives, new and
 * updated, apologies for meetings, and its own contact details. `count`
 * changes from `firstSeq`, one a millisecond from `startMillis`. The warm-up
 * merges it, and bench:sync sends it as a partner's bundle
 * (renderer/db/sync/bench-harness.ts).
 */
export function partnerChanges({ node, organisationId, firstSeq, count, startMillis, representatives, newId, meetingId: meetingIdOf = newId }: PartnerRun): ChangeEntry[] {
  const entries: ChangeEntry[] = [];
  for (let i = 0; i < count; i++) {
    const seq = firstSeq + i;
    const hlc = formatTimestamp(startMillis + i, 0, node);
    const kind = representatives.length === 0 ? 0 : i % 5;
    if (kind === 0 || kind === 1) {
      const row = newId(seq);
      representatives.push(row);
      entries.push({ seq, hlc, table: 'representatives', row, fields: { organisationId, name: `Representative ${seq}`, jobTitle: 'Volunteer Coordinator', kind: kind === 0 ? 'representative' : 'substitute', email: `rep${seq}@bedfordcvs.example.org`, phone: '01234 111111' } });
    } else if (kind === 2) {
      const meetingId = meetingIdOf(seq);
      entries.push({ seq, hlc, table: 'attendance', row: `attendance:${meetingId}:${organisationId}`, fields: { meetingId, organisationId, representativeId: '', status: 'apologies' } });
    } else if (kind === 3) {
      const row = representatives[(i * 7919) % representatives.length]!;
      entries.push({ seq, hlc, table: 'representatives', row, fields: { jobTitle: `Volunteer Coordinator (${seq})`, phone: `01234 2${String(seq).padStart(5, '0')}` } });
    } else {
      entries.push({ seq, hlc, table: 'organisations', row: organisationId, fields: { phone: `01234 3${String(seq).padStart(5, '0')}`, email: `office${seq}@bedfordcvs.example.org` } });
    }
  }
  return entries;
}

/** Representatives the made-up store holds already, and the references in its organisation's history. */
const STORED_REPRESENTATIVES = 200;
const ORGANISATION_HISTORY = 1000;

/**
 * A row as the store gives it back: copied by the structured clone algorithm,
 * as IndexedDB copies every row it reads, so the merge's code meets objects
 * made the way a real import's are.
 */
function asStored<T>(row: T): StoredRow {
  return structuredClone(row) as unknown as StoredRow;
}

/**
 * Merges `changes` made-up changes in memory against a made-up store that
 * holds the partner's organisation, with a long history, and some of its
 * representatives, which the changes update as a partner's do; returns how many
 * were applied and refused (all applied, none refused).
 */
export function warmUpMerge(changes = 500): { applied: number; refused: number } {
  const values: GrantValues = { office: 'secretariat', node: FOUNDER, organisationId: 'warm-up-secretariat', from: '2000-01-01' };
  const grant: GrantCandidate = { id: grantIdFor(values), hlc: formatTimestamp(Date.UTC(1999, 11, 1), 0, FOUNDER), values };
  const grants = resolveGrants(FOUNDER, [grant], new Map([[PARTNER, ORGANISATION]]));
  const earlier = (i: number) => formatTimestamp(START - 10 * ORGANISATION_HISTORY + i, 0, PARTNER);
  const stored = Array.from({ length: STORED_REPRESENTATIVES }, (_, i) => {
    const hlc = earlier(i);
    const fields = { organisationId: ORGANISATION, name: `Representative ${i}`, jobTitle: 'Chief Officer', kind: 'representative', email: `rep${i}@bedfordcvs.example.org`, phone: '01234 000000' };
    return asStored({ id: `warm-up-stored-${i}`, ...fields, _clocks: Object.fromEntries(Object.keys(fields).map((field) => [field, hlc])), _log: [`${hlc}|${i + 1}`] });
  });
  const entries = partnerChanges({
    node: PARTNER,
    organisationId: ORGANISATION,
    firstSeq: ORGANISATION_HISTORY + 1,
    count: changes,
    startMillis: START,
    representatives: stored.map((row) => row.id),
    newId: (seq) => `warm-up-${seq}`,
  });
  const history = Array.from({ length: ORGANISATION_HISTORY }, (_, i) => `${earlier(i)}|${i + 1}`);
  const organisation = asStored({ id: ORGANISATION, name: 'Warm-up CVS', phone: '01234 300000', _clocks: { name: formatTimestamp(START - 1, 0, FOUNDER), phone: earlier(ORGANISATION_HISTORY - 1) }, _log: history });
  const rows = new Map<string, Map<string, StoredRow | undefined>>([
    ['organisations', new Map([[ORGANISATION, organisation]])],
    ['representatives', new Map(stored.map((row) => [row.id, row]))],
  ]);
  for (const entry of entries) {
    let byId = rows.get(entry.table);
    if (!byId) rows.set(entry.table, (byId = new Map()));
    if (!byId.has(entry.row)) byId.set(entry.row, undefined);
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
