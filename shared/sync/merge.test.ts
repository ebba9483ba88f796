import { describe, expect, it } from 'vitest';
import { conflictIdFor, Merge, noAuthority, type ConflictRow, type LocatedEntry, type MergeAuthority, type MergeRun, type StoredRow } from './merge';
import type { ChangeEntry } from './change';
import { grantIdFor, resolveGrants, type GrantCandidate, type GrantValues } from './roles';

/** The founder (the secretariat), the chair, a partner and the Accountable Body. */
const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const P = 'cccccccc-0000-4000-8000-000000000003';
const C = 'dddddddd-0000-4000-8000-000000000004';
const ROW = 'row-1';
const P_ORG = 'org-luton';

function stamp(second: number, node: string, counter = 0): string {
  return `2026-11-22T10:00:${String(second).padStart(2, '0')}.000Z-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;
}
function entry(seq: number, hlc: string, fields: ChangeEntry['fields'], table: ChangeEntry['table'] = 'organisations', row = ROW): ChangeEntry {
  return { seq, hlc, table, row, fields };
}
function run(node: string, entries: ChangeEntry[], deps: Record<string, string> = {}): MergeRun {
  return { node, entries, deps };
}

function grant(office: GrantValues['office'], node: string, organisationId: string, hlc: string, from = '2026-11-01'): GrantCandidate {
  const values: GrantValues = { office, node, organisationId, from };
  return { id: grantIdFor(values), hlc, values };
}
/** Grants made by the founder on 1 November, before any change below. */
const FOUNDING_GRANTS = [
  grant('secretariat', A, 'org-secretariat', `2026-11-01T08:00:00.000Z-0000-${A}`),
  grant('chair', B, 'org-chair', `2026-11-01T08:00:00.000Z-0001-${A}`),
  grant('accountable-body', C, 'org-ab', `2026-11-01T08:00:00.000Z-0002-${A}`),
];
/** The consortium as every copy holding those grants and the register (P is Luton's copy) judges it. */
function consortiumAuthority(candidates: GrantCandidate[] = FOUNDING_GRANTS): MergeAuthority {
  const grants = resolveGrants(A, candidates, new Map([[P, P_ORG]]));
  return { timeline: grants.timeline, consortiumId: 'consortium-1', grants };
}

/**
 * Applies runs in order to an empty store, then folds again every record a change arrived late for, from all
 * its changes (as the import does through the records' `_log`, import-plan.ts); returns the rows and conflicts.
 */
function mergeAll(runs: MergeRun[], conflicts: ConflictRow[] = [], authority: MergeAuthority = consortiumAuthority(), options: { refold?: boolean } = {}) {
  const rows = new Map<string, Map<string, StoredRow | undefined>>();
  const merge = new Merge(rows, conflicts, authority);
  for (const r of runs) merge.applyRun(r);
  if (options.refold ?? true) {
    for (const late of merge.lateRecords()) {
      const all = runs.flatMap((r) => r.entries.filter((e) => e.table === late.table && e.row === late.row).map((e) => ({ entry: e, node: r.node, deps: r.deps })));
      merge.refold(late.table, late.row, all, []);
    }
  }
  const written = Object.fromEntries([...merge.rowsToWrite()].map(([t, list]) => [t, list]));
  const byId = new Map(conflicts.map((c) => [c.id, c]));
  const { put, remove } = merge.conflictWrites();
  for (const c of put) byId.set(c.id, c);
  for (const id of remove) byId.delete(id);
  return { rows: written, conflicts: [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : 1)), merge };
}

describe('merging changes', () => {
  const created = run(A, [entry(1, stamp(1, A), { name: 'Bedford CVS', phone: '' })]);

  it('keeps the later of two concurrent edits on every copy, whatever order they arrive in, and the other as a conflict', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(1, A) });
    const one = mergeAll([created, fromA, fromB]);
    const other = mergeAll([created, fromB, fromA]);
    expect(one.rows).toEqual(other.rows);
    expect(one.conflicts).toEqual(other.conflicts);
    expect(one.rows.organisations?.[0]).toMatchObject({ name: 'Community Action Bedfordshire', _clocks: { name: stamp(7, B), phone: stamp(1, A) } });
    expect(one.conflicts).toEqual([
      {
        id: conflictIdFor('organisations', ROW, 'name', stamp(5, A)),
        _clocks: {},
        table: 'organisations',
        row: ROW,
        field: 'name',
        keptValue: 'Community Action Bedfordshire',
        keptHlc: stamp(7, B),
        losingValue: 'Bedford CVS Ltd',
        losingHlc: stamp(5, A),
        status: 'open',
      },
    ]);
  });

  it('replaces a value without a conflict when the later edit was made with it in view', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(5, A) });
    const { rows, conflicts } = mergeAll([created, fromA, fromB]);
    expect(rows.organisations?.[0]?.name).toBe('Community Action Bedfordshire');
    expect(conflicts).toEqual([]);
  });

  it('breaks a tie at the same millisecond and counter by node id, the same way everywhere', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { phone: '01234 111111' })]);
    const fromB = run(B, [entry(1, stamp(5, B), { phone: '01234 222222' })], { [A]: stamp(1, A) });
    expect(mergeAll([created, fromA, fromB]).rows.organisations?.[0]?.phone).toBe('01234 222222');
    expect(mergeAll([created, fromB, fromA]).rows.organisations?.[0]?.phone).toBe('01234 222222');
  });

  it('marks a conflict between two copies that chose the same value as already resolved', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { phone: '01234 111111' })]);
    const fromB = run(B, [entry(1, stamp(6, B), { phone: '01234 111111' })], { [A]: stamp(1, A) });
    const { conflicts } = mergeAll([created, fromA, fromB]);
    expect(conflicts.map((c) => c.status)).toEqual(['resolved']);
  });

  it('drops a kept conflict once an edit is made with both values in view', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(1, A) });
    const settled = run(A, [entry(3, stamp(9, A), { name: 'CAB' })], { [B]: stamp(7, B) });
    expect(mergeAll([created, fromA, fromB, settled]).conflicts).toEqual([]);
  });

  it('never overwrites a conflict row’s logged fields (a person’s resolution) with computed ones', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(1, A) });
    const id = conflictIdFor('organisations', ROW, 'name', stamp(5, A));
    const resolved: ConflictRow = { id, status: 'resolved', _clocks: { status: stamp(8, B) } };
    const { conflicts } = mergeAll([created, fromA, fromB], [resolved]);
    expect(conflicts[0]).toMatchObject({ id, status: 'resolved', losingValue: 'Bedford CVS Ltd', _clocks: { status: stamp(8, B) } });
  });

  it('keeps on each record a reference to every change it holds, in clock order, whatever order they arrived in', () => {
    const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
    const fromB = run(B, [entry(1, stamp(3, B), { phone: '01234 000000' })], { [A]: stamp(1, A) });
    const refs = [`${stamp(1, A)}|1`, `${stamp(3, B)}|1`, `${stamp(5, A)}|2`];
    expect(mergeAll([created, fromB, fromA]).rows.organisations?.[0]?._log).toEqual(refs);
    expect(mergeAll([created, fromA, fromB]).rows.organisations?.[0]?._log).toEqual(refs);
  });
});

describe('authority in the merge', () => {
  const claim = `partnerClaim:${P_ORG}:project-1:2026/27:Q1`;
  const claimFields = { organisationId: P_ORG, projectId: 'project-1', financialYear: '2026/27', quarter: 1, lines: { staff: 120_000 }, outputsDelivered: '14 groups' };

  it('refuses a field the origin has no authority for and applies the others of the same change', () => {
    const madeByPartner = run(P, [
      entry(1, stamp(2, P), claimFields, 'partnerClaims', claim),
      entry(2, stamp(3, P), { lines: { staff: 130_000 }, 'event:approve': { type: 'approved', lines: { staff: 130_000 }, reasons: {} } }, 'partnerClaims', claim),
    ]);
    const { merge, rows } = mergeAll([madeByPartner]);
    expect(merge.refused.map((r) => [r.field, r.action, r.reason])).toEqual([['event:approve', 'approve a claim', 'only the Accountable Body may do that (Partnership Agreement 8.1)']]);
    expect(merge.refused[0]).toMatchObject({ id: `${stamp(3, P)}|2#event:approve`, key: `partnerClaims/${claim}`, node: P, seq: 2 });
    const stored = rows.partnerClaims?.[0];
    expect(stored).toMatchObject({ id: claim, lines: { staff: 130_000 }, _clocks: { lines: stamp(3, P) } });
    expect(stored).not.toHaveProperty('event:approve');
    // The refused change is still part of the record's history.
    expect(stored?._log).toEqual([`${stamp(2, P)}|1`, `${stamp(3, P)}|2`]);
  });

  it('applies the same approval from the Accountable Body’s copy', () => {
    const madeByPartner = run(P, [entry(1, stamp(2, P), claimFields, 'partnerClaims', claim), entry(2, stamp(3, P), { 'event:submit': { type: 'submitted', answer: '' } }, 'partnerClaims', claim)]);
    const approved = run(C, [entry(1, stamp(6, C), { 'event:approve': { type: 'approved', lines: { staff: 120_000 }, reasons: {} } }, 'partnerClaims', claim)], { [P]: stamp(3, P) });
    const { merge, rows } = mergeAll([madeByPartner, approved]);
    expect(merge.refused).toEqual([]);
    expect(rows.partnerClaims?.[0]).toHaveProperty('event:approve');
  });

  it('judges a copy by the offices it held when it made the change, not by the ones it holds now', () => {
    // The founder grants the chair to C's copy from 22 November 10:00:10; B's decision after that is refused, before it stands.
    const authority = consortiumAuthority([...FOUNDING_GRANTS, grant('chair', C, 'org-ab', stamp(10, A), '2026-11-22')]);
    // Received with members consulted: the chair decides after consulting them (Partnership Agreement 5.3).
    const application = { organisationName: 'Ampthill Community Group', contactName: 'A. Person', receivedOn: '2026-11-02', 'event:consult': { type: 'consulting', closesOn: '2026-11-16', consulted: [] } };
    const received = run(A, [entry(1, stamp(1, A), application, 'applications', 'application-1'), entry(2, stamp(2, A), application, 'applications', 'application-2')]);
    const decisions = run(B, [
      entry(1, stamp(5, B), { 'event:first': { type: 'decided', decision: 'admitted', reason: '', on: '2026-11-17', atMeetingId: '' } }, 'applications', 'application-1'),
      entry(2, stamp(15, B), { 'event:second': { type: 'decided', decision: 'refused', reason: '', on: '2026-11-22', atMeetingId: '' } }, 'applications', 'application-2'),
    ], { [A]: stamp(2, A) });
    const { merge, rows } = mergeAll([received, decisions], [], authority);
    expect(merge.refused.map((r) => [r.row, r.reason])).toEqual([['application-2', 'the chair decides applications (Partnership Agreement 5.3)']]);
    expect(rows.applications?.find((r) => r.id === 'application-1')).toHaveProperty('event:first');
  });

  it('refuses every office-holder’s change when no role has been granted (a merge of this copy’s own writes only)', () => {
    const { merge, rows } = mergeAll([run(A, [entry(1, stamp(1, A), { name: 'Bedford CVS', phone: '' })])], [], noAuthority());
    expect(merge.refused.map((r) => r.field).sort()).toEqual(['name', 'phone']);
    expect(rows.organisations).toBeUndefined();
  });
});

describe('role grants in the merge', () => {
  it('writes a grant the resolution accepted, and refuses one it did not, keeping its values with the refusal', () => {
    const selfGrant = grant('accountable-body', P, P_ORG, stamp(4, P));
    const authority = consortiumAuthority([...FOUNDING_GRANTS, selfGrant]);
    const founding = run(A, FOUNDING_GRANTS.map((g, i) => entry(i + 1, g.hlc, { ...g.values }, 'roleGrants', g.id)));
    const attempt = run(P, [entry(1, selfGrant.hlc, { ...selfGrant.values }, 'roleGrants', selfGrant.id)]);
    const { merge, rows } = mergeAll([founding, attempt], [], authority);
    expect(rows.roleGrants?.map((r) => r.id).sort()).toEqual(FOUNDING_GRANTS.map((g) => g.id).sort());
    expect(merge.refused).toHaveLength(1);
    expect(merge.refused[0]).toMatchObject({
      row: selfGrant.id,
      action: 'grant a role',
      reason: 'only the secretariat or the Accountable Body grants roles, and no copy gives itself one',
      value: selfGrant.values,
    });
  });
});

describe('changes arriving late', () => {
  const motion = { meetingId: 'meeting-1', text: 'That the consortium bids for the fund' };
  const fromSecretariat = run(A, [
    entry(1, stamp(1, A), motion, 'motions', 'motion-1'),
    entry(2, stamp(5, A), { 'event:decided': { type: 'decided', outcome: 'deferred' } }, 'motions', 'motion-1'),
  ]);
  // The chair amended the text at 10:00:03, before the decision, having seen the motion made.
  const fromChair = run(B, [entry(1, stamp(3, B), { text: 'That the consortium bids for the fund, with Luton leading' }, 'motions', 'motion-1')], { [A]: stamp(1, A) });
  const located = (r: MergeRun): LocatedEntry[] => r.entries.map((e) => ({ entry: e, node: r.node, deps: r.deps }));

  it('marks a record that receives a change older than its newest, to be folded again', () => {
    const { merge } = mergeAll([fromSecretariat, fromChair], [], consortiumAuthority(), { refold: false });
    expect(merge.refused).toEqual([]);
    expect(merge.lateRecords()).toEqual([{ table: 'motions', row: 'motion-1', entries: located(fromChair) }]);
  });

  it('folds a late record again from all its changes in clock order, reaching what in-order arrival reaches', () => {
    const inOrder = mergeAll([run(A, [fromSecretariat.entries[0]!]), fromChair, run(A, [fromSecretariat.entries[1]!], { [B]: stamp(3, B) })]);
    const late = mergeAll([fromSecretariat, fromChair], [], consortiumAuthority(), { refold: false });
    late.merge.refold('motions', 'motion-1', [...located(fromSecretariat), ...located(fromChair)], []);
    const folded = late.merge.rowsToWrite().get('motions')?.[0];
    const expected = inOrder.rows.motions?.[0];
    expect(folded).toMatchObject({ text: 'That the consortium bids for the fund, with Luton leading', 'event:decided': { type: 'decided', outcome: 'deferred' } });
    expect(folded?._log).toEqual(expected?._log);
    expect(folded?.text).toBe(expected?.text);
    expect(late.merge.refused).toEqual([]);
    expect(late.merge.lateRecords()).toEqual([]);
  });

  it('refuses, when folded again, an amendment made after the decision, even though it arrived first', () => {
    const afterDecision = run(B, [entry(1, stamp(7, B), { text: 'Amended after the vote' }, 'motions', 'motion-1')], { [A]: stamp(1, A) });
    const merged = mergeAll([run(A, [fromSecretariat.entries[0]!]), afterDecision]);
    expect(merged.merge.refused).toEqual([]);
    merged.merge.refold('motions', 'motion-1', [...located(fromSecretariat), ...located(afterDecision)], []);
    expect(merged.merge.refused.map((r) => [r.field, r.reason])).toEqual([['text', 'the decision stands as recorded']]);
    expect(merged.merge.rowsToWrite().get('motions')?.[0]?.text).toBe(motion.text);
  });
});

describe('kinds and fields from a newer version', () => {
  it('keeps changes to a kind or a field this version does not know as deferred references, applying the rest', () => {
    const newer = run(A, [
      entry(1, stamp(1, A), { title: 'Decisions this year' }, 'decisionsRegisterViews', 'view-1'),
      entry(2, stamp(2, A), { name: 'Bedford CVS', preferredPronouns: 'they' }),
    ]);
    const { merge, rows } = mergeAll([newer]);
    expect(merge.refused).toEqual([]);
    expect(merge.deferredRows().map((r) => [r.id, r.refs])).toEqual([
      ['decisionsRegisterViews/view-1', [`${stamp(1, A)}|1`]],
      [`organisations/${ROW}`, [`${stamp(2, A)}|2`]],
    ]);
    expect(rows.organisations?.[0]).toMatchObject({ name: 'Bedford CVS' });
    expect(rows.organisations?.[0]).not.toHaveProperty('preferredPronouns');
  });
});

describe('conflict rows given by record', () => {
  const created = run(A, [entry(1, stamp(1, A), { name: 'Bedford CVS', phone: '' })]);
  const fromA = run(A, [entry(2, stamp(5, A), { name: 'Bedford CVS Ltd' })]);
  const fromB = run(B, [entry(1, stamp(7, B), { name: 'Community Action Bedfordshire' })], { [A]: stamp(1, A) });
  const later = run(A, [entry(3, stamp(9, A), { name: 'Bedford CVS' })], { [B]: stamp(7, B) });

  it('ends as with every conflict row when given only those of the records it merges', () => {
    const first = mergeAll([created, fromA, fromB]);
    const other = { id: conflictIdFor('organisations', 'row-2', 'name', stamp(3, A)), _clocks: {}, table: 'organisations', row: 'row-2', field: 'name', keptValue: 'x', keptHlc: stamp(4, B), losingValue: 'y', losingHlc: stamp(3, A), status: 'open' } as ConflictRow;
    const stored = [...first.conflicts, other];
    const all = mergeAll([later], stored);
    const rows = new Map<string, Map<string, StoredRow | undefined>>([['organisations', new Map([[ROW, first.rows.organisations![0]]])]]);
    const scoped = new Merge(rows, first.conflicts, consortiumAuthority());
    scoped.onlyConflictsOf([`organisations/${ROW}`]);
    scoped.applyRun(later);
    expect(scoped.conflictWrites()).toEqual(all.merge.conflictWrites());
    expect(scoped.hasConflictsOf('organisations', ROW)).toBe(true);
    expect(scoped.hasConflictsOf('organisations', 'row-2')).toBe(false);
  });

  it('refuses to merge a change to a record whose conflict rows it was not given', () => {
    const merge = new Merge(new Map(), [], consortiumAuthority());
    merge.onlyConflictsOf(['organisations/another-row']);
    expect(() => merge.applyRun(created)).toThrow(/not given the conflicts of organisations\/row-1/);
    merge.provideConflicts([`organisations/${ROW}`], []);
    expect(() => merge.applyRun(created)).not.toThrow();
  });

  it('keeps a conflict row whose fields name another record than its id, and lets it head nothing', () => {
    const first = mergeAll([created, fromA, fromB]);
    const stray = { ...first.conflicts[0]!, id: 'organisations/row-9/name@x', _clocks: { table: stamp(8, P), row: stamp(8, P), field: stamp(8, P) } } as ConflictRow;
    const withStray = mergeAll([later], [...first.conflicts, stray]);
    const without = mergeAll([later], first.conflicts);
    expect(withStray.merge.conflictWrites()).toEqual(without.merge.conflictWrites());
    expect(withStray.conflicts).toContainEqual(stray);
  });
});

describe("a record's history", () => {
  it('takes every change of a run, in clock order, and leaves the row it was given as it was', () => {
    const history = [`${stamp(1, A)}|1`, `${stamp(2, A)}|2`];
    const given: StoredRow = { id: ROW, name: 'Luton CVS', phone: '01582 000000', _clocks: { name: stamp(1, A), phone: stamp(2, A) }, _log: history };
    const merge = new Merge(new Map([['organisations', new Map([[ROW, given]])]]), [], consortiumAuthority());
    merge.applyRun(run(A, [entry(3, stamp(3, A), { phone: '01582 111111' }), entry(4, stamp(4, A), { phone: '01582 222222' }), entry(5, stamp(5, A), { name: 'Luton Council for Voluntary Service' })]));
    const [written] = merge.rowsToWrite().get('organisations')!;
    expect(written).toMatchObject({ name: 'Luton Council for Voluntary Service', phone: '01582 222222' });
    expect(written!._log).toEqual([...history, `${stamp(3, A)}|3`, `${stamp(4, A)}|4`, `${stamp(5, A)}|5`]);
    // The stored row and its history are not the merge's to change: the preview's rows serve the apply, and a merge thrown away leaves nothing behind.
    expect(given._log).toEqual([`${stamp(1, A)}|1`, `${stamp(2, A)}|2`]);
    expect(given.phone).toBe('01582 000000');
  });
});
