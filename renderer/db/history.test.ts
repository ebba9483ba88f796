import { afterEach, describe, expect, it, vi } from 'vitest';
import { logRef, parseLogRef, type ChangeEntry, type LogRun, type SyncedTable } from '../../shared/sync/change';
import { formatTimestamp } from '../../shared/sync/hlc';
import { partnerClaimFigures } from '../../shared/rules/lifecycles';
import { QuorumDatabase } from './database';
import { changeHistory, changesTo, changesToRecords, filterChanges } from './history';
import { authorWords, changeLine } from './history-words';
import { ensureInstallation } from './installation';
import { exportBundle, recordBundleSaved } from './sync/export-bundle';
import { applyBundle, previewBundle } from './sync/import-bundle';
import { readNodeNames } from './sync/node-names';
import { enrol, makeConsortium, makeCopy, writeUnchecked, type TestConsortium, type TestCopy } from './sync/test-support';
import { foundConsortium } from './founding';
import { BEDFORDSHIRE_CONSTITUTION } from '../../shared/rules/constitution';

const copies: TestCopy[] = [];
const databases: QuorumDatabase[] = [];
const consortiums: TestConsortium[] = [];
afterEach(async () => {
  for (const c of copies.splice(0)) await c.db.delete();
  for (const c of consortiums.splice(0)) for (const copy of c.copies) await copy.db.delete();
  for (const db of databases.splice(0)) await db.delete();
});

/** A copy whose clock reads `time.now`, which the test moves on. */
async function copyAt(name: string, role: Parameters<typeof makeCopy>[1], time: { now: number }) {
  const c = await makeCopy(name, role, { now: () => time.now });
  copies.push(c);
  return c;
}

async function send(from: TestCopy, to: TestCopy) {
  const exported = await exportBundle(from.ctx, { recipientNodeId: to.node, compressed: true });
  await recordBundleSaved(from.ctx, exported);
  return applyBundle(to.ctx, await previewBundle(to.ctx, exported.bytes, exported.suggestedName));
}

/**
 * A consortium whose copies' clocks read `time.now`: the first founds it (its
 * secretariat grant from 1 April 2026), the others join, are enrolled both
 * ways, and are granted the office asked for (a partner none).
 */
async function consortiumAt(time: { now: number }, members: Array<[string, Parameters<typeof makeCopy>[1]]>): Promise<TestCopy[]> {
  const [[name, role], ...rest] = members as [[string, 'secretariat'], ...typeof members];
  const founder = await copyAt(name, role, time);
  const organisationId = (await founder.db.installation.get('self'))!.organisationId;
  const consortiumId = await foundConsortium(
    founder.ctx,
    role,
    async () => ({
      organisationId,
      write: async (id) => {
        await founder.repos.consortium.create(
          { name: 'Bedfordshire & Luton VCS Consortium', area: 'Bedfordshire and Luton', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION },
          id,
        );
      },
    }),
    { today: '2026-04-01' },
  );
  const out = [founder];
  for (const [otherName, otherRole] of rest) {
    const copy = await copyAt(otherName, otherRole, time);
    await copy.db.installation.update('self', { consortiumId, founderNode: founder.node });
    await enrol(founder, copy);
    await enrol(copy, founder);
    if (otherRole !== 'partner') {
      const org = (await copy.db.installation.get('self'))!.organisationId;
      await founder.repos.roleGrants.create({ office: otherRole, node: copy.node, organisationId: org, from: '2026-04-01' });
    }
    out.push(copy);
  }
  for (const copy of out.slice(1)) await send(founder, copy);
  return out;
}

describe('the history of one record', () => {
  it('shows a rename as one change with the name before and after, made by this copy at the moment it was saved', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const [s] = await consortiumAt(time, [['Voluntary and Community Action South Bedfordshire', 'secretariat']]);
    const org = await s!.repos.organisations.create({ name: 'Volunteer Centre Bedford', kind: 'volunteer-centre', email: 'vcb@example.org' });
    time.now = Date.parse('2026-11-22T10:05:00Z');
    await s!.repos.organisations.update(org, { name: 'Bedford Volunteer Centre' });

    const changes = await changesTo(s!.db, 'organisations', org);
    expect(changes).toHaveLength(2);
    const [rename, creation] = changes;
    expect(rename).toMatchObject({ node: s!.node, table: 'organisations', row: org, at: '2026-11-22T10:05:00.000Z' });
    expect(rename!.changes).toEqual([{ field: 'name', value: 'Bedford Volunteer Centre', previous: 'Volunteer Centre Bedford', refused: false }]);
    expect(changeLine(rename!.changes)).toBe('Name: ‘Volunteer Centre Bedford’ → ‘Bedford Volunteer Centre’');
    expect([rename!.created, creation!.created]).toEqual([false, true]);
    expect(creation!.at).toBe('2026-11-20T09:00:00.000Z');
    expect(creation!.changes.find((c) => c.field === 'name')).toEqual({ field: 'name', value: 'Volunteer Centre Bedford', previous: undefined, refused: false });
    expect(creation!.changes.map((c) => c.field)).not.toContain('_clocks');

    const names = await readNodeNames(s!.db);
    expect(authorWords(rename!.node, names)).toBe('Voluntary and Community Action South Bedfordshire (this copy)');
  });

  it('takes the value before from the last change that set that field, not from the change just before', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const [s] = await consortiumAt(time, [['Bedfordshire Secretariat', 'secretariat']]);
    const org = await s!.repos.organisations.create({ name: 'Voluntary Action Luton', phone: '01582 000000' });
    await s!.repos.organisations.update(org, { name: 'Voluntary Action Luton CIO' });
    await s!.repos.organisations.update(org, { phone: '01582 111111' });
    const [phone] = await changesTo(s!.db, 'organisations', org);
    expect(phone!.changes).toEqual([{ field: 'phone', value: '01582 111111', previous: '01582 000000', refused: false }]);
  });

  it('names a partner’s change by the partner, and marks a change the partner had no authority for as refused', async () => {
    const c = await makeConsortium(
      [
        ['Bedfordshire Secretariat', 'secretariat'],
        ['Voluntary Action Luton', 'partner'],
      ],
      { exchange: send },
    );
    consortiums.push(c);
    const [s, p] = c.copies as [TestCopy, TestCopy];
    await c.spread();
    // The secretariat keeps the register: it enters the partner's organisation, which the partner's own copy then keeps up to date.
    const org = (await p.db.installation.get('self'))!.organisationId;
    await s.repos.organisations.create({ name: 'Volunteer Centre Luton', kind: 'volunteer-centre' }, org);
    await send(s, p);
    await p.repos.organisations.update(org, { name: 'Voluntary Action Luton' });
    const claim = await p.repos.partnerClaims.create({ organisationId: org, projectId: 'project-1', financialYear: '2026/27', quarter: 1, lines: { staff: 125_000 }, outputsDelivered: '9 groups' });
    await p.repos.partnerClaims.recordEvent(claim, { type: 'submitted', answer: '' });
    // An altered copy approves its own claim: its own writer would refuse it.
    await writeUnchecked(p, [{ table: 'partnerClaims', row: claim, fields: { 'event:self-approval': { type: 'approved', lines: { staff: 125_000 }, reasons: {} } } }]);
    const report = await send(p, s);
    expect(report.refusedCount).toBe(1);

    const names = await readNodeNames(s.db);
    const [rename] = await changesTo(s.db, 'organisations', org);
    expect(rename!.node).toBe(p.node);
    expect(authorWords(rename!.node, names)).toBe('Voluntary Action Luton');
    expect(changeLine(rename!.changes)).toBe('Name: ‘Volunteer Centre Luton’ → ‘Voluntary Action Luton’');

    const { changes, labelOf } = await changesToRecords(s.db, [{ table: 'partnerClaims', row: claim }]);
    expect(changes).toHaveLength(3);
    expect(changes.map((change) => change.node)).toEqual([p.node, p.node, p.node]);
    expect(changes[0]!.changes).toEqual([{ field: 'event:self-approval', value: { type: 'approved', lines: { staff: 125_000 }, reasons: {} }, previous: undefined, refused: true }]);
    expect(changeLine(changes[0]!.changes)).toMatch(/ \(refused\)$/);
    expect(changes[1]!.changes.map((change) => [change.field, change.refused])).toEqual([[expect.stringMatching(/^event:/), false]]);
    const created = changes[2]!.changes.filter((change) => change.field === 'organisationId' || change.field === 'quarter');
    expect(changeLine(created, labelOf).split('; ').sort()).toEqual(['Organisation: ‘Voluntary Action Luton’', 'Quarter: 1']);
    expect(changes[2]!.created).toBe(true);
    expect(partnerClaimFigures((await s.db.partnerClaims.get(claim))!).status).toBe('submitted');
  });

  it('follows several records at once, newest first, each change saying which record it is, and names the records they point to', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const [s] = await consortiumAt(time, [['Bedfordshire Secretariat', 'secretariat']]);
    const org = await s!.repos.organisations.create({ name: 'Bedford Race Equality Council' });
    time.now += 60_000;
    const rep = await s!.repos.representatives.create({ organisationId: org, name: 'Sam Taylor', kind: 'representative' });
    time.now += 60_000;
    await s!.repos.organisations.update(org, { email: 'brec@example.org' });
    await s!.repos.organisations.create({ name: 'Somebody else' });
    const { changes, labelOf } = await changesToRecords(s!.db, [
      { table: 'organisations', row: org },
      { table: 'representatives', row: rep },
    ]);
    expect(changes.map((c) => [c.table, c.changes.map((f) => f.field).join(',')])).toEqual([
      ['organisations', 'email'],
      ['representatives', 'organisationId,name,jobTitle,kind,email,phone,from,until'],
      [
        'organisations',
        'name,kind,status,appliedOn,joinedOn,coOptedOn,resignedOn,refusedOn,archived,area,address,email,phone,website,charityNumber,companyNumber,servicesProvided,levelOfWork,resignationReceivedOn,resignationLetter,resignationAttachmentId',
      ],
    ]);
    expect(labelOf(rep)).toBe('Sam Taylor');
    expect(labelOf(org)).toBe('Bedford Race Equality Council');

    // The representative alone: the organisation it points to is named from its row.
    const alone = await changesToRecords(s!.db, [{ table: 'representatives', row: rep }]);
    expect(alone.changes).toHaveLength(1);
    expect(alone.labelOf(org)).toBe('Bedford Race Equality Council');
  });

  it('shows a long text saved again and again before it left the copy as one change, and the next after a bundle as another', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const [s, p] = await consortiumAt(time, [
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const org = await s!.repos.organisations.create({ name: 'Volunteer Centre Bedford' });
    for (const address of ['1 High St', '1 High Street', '1 High Street, Bedford']) {
      time.now += 1000;
      await s!.repos.organisations.update(org, { address });
    }
    await send(s!, p!);
    time.now += 1000;
    await s!.repos.organisations.update(org, { address: '1 High Street, Bedford MK40 1AA' });
    const changes = await changesTo(s!.db, 'organisations', org);
    expect(changes.map((c) => changeLine(c.changes))).toEqual([
      'Address: ‘1 High Street, Bedford’ → ‘1 High Street, Bedford MK40 1AA’',
      'Address: (empty) → ‘1 High Street, Bedford’',
      expect.stringContaining('Name: ‘Volunteer Centre Bedford’'),
    ]);
  });
});

describe('one record’s history reads only its own changes', () => {
  it('reads the runs that hold the record’s changes, each once, and never the whole log', async () => {
    const { db, nodes } = await storeWithLog(60, 1000);
    // A record changed by three entries of one run and one of another, by two copies.
    const touched: Array<{ node: string; seq: number }> = [
      { node: nodes[1]!, seq: 5 },
      { node: nodes[1]!, seq: 10 },
      { node: nodes[1]!, seq: 900 },
      { node: nodes[1]!, seq: 15_020 },
      { node: nodes[2]!, seq: 7_777 },
    ];
    const refs: string[] = [];
    await db.transaction('rw', db.changeLog, db.organisations, async () => {
      for (const { node, seq } of touched) {
        const run = (await db.changeLog.where('[node+firstSeq]').between([node, 0], [node, seq], true, true).last())!;
        const entry = run.entries[seq - run.firstSeq]!;
        entry.table = 'organisations';
        entry.row = 'org-watched';
        entry.fields = { name: `Name at ${node} ${seq}` };
        await db.changeLog.put(run);
        refs.push(logRef(entry));
      }
      refs.sort();
      await db.organisations.put({ id: 'org-watched', name: 'x', _clocks: {}, _log: refs } as never);
    });
    const scans = vi.spyOn(db.changeLog, 'toArray');
    const bulkGets = vi.spyOn(db.changeLog, 'bulkGet');
    const changes = await changesTo(db, 'organisations', 'org-watched');
    expect(scans).not.toHaveBeenCalled();
    expect(bulkGets).toHaveBeenCalledTimes(1);
    const runsRead = bulkGets.mock.calls.reduce((n, call) => n + (call[0] as unknown[]).length, 0);
    expect(runsRead).toBe(3);
    expect(changes.map((c) => c.fields.name)).toEqual([...refs].reverse().map((ref) => {
      const { node, seq } = parseLogRef(ref);
      return `Name at ${node} ${seq}`;
    }));
    expect(changes.map((c) => c.created)).toEqual([false, false, false, false, true]);
    expect(changes[0]!.changes[0]!.previous).toBe(changes[1]!.fields.name);
  });

  it('with a limit, reads the newest changes and only as far back as their values before need', async () => {
    const { db, nodes } = await storeWithLog(75, 100);
    // One record changed once in each of 25 runs of one copy: made with a name and a phone number, then e-mail changes, and last a new phone number.
    const refs: string[] = [];
    await db.transaction('rw', db.changeLog, db.organisations, async () => {
      const runs = await db.changeLog.where('node').equals(nodes[0]!).toArray();
      runs.slice(0, 25).forEach((run, i) => {
        const entry = run.entries[50]!;
        entry.table = 'organisations';
        entry.row = 'org-watched';
        entry.fields = i === 0 ? { name: 'Watched', phone: '01234 000000' } : i === 24 ? { phone: '01234 999999' } : { email: `e${i}@example.org` };
        refs.push(logRef(entry));
      });
      await db.changeLog.bulkPut(runs);
      await db.organisations.put({ id: 'org-watched', name: 'Watched', _clocks: {}, _log: refs } as never);
    });
    const bulkGets = vi.spyOn(db.changeLog, 'bulkGet');
    const runsRead = () => bulkGets.mock.calls.reduce((n, call) => n + (call[0] as unknown[]).length, 0);

    // The newest two: an e-mail change before the phone change; the e-mail's value before is one run further back.
    const newest = await changesToRecords(db, [{ table: 'organisations', row: 'org-watched' }], { limit: 2 });
    expect(newest.total).toBe(25);
    expect(newest.changes.map((c) => c.changes)).toEqual([
      [{ field: 'phone', value: '01234 999999', previous: '01234 000000', refused: false }],
      [{ field: 'email', value: 'e23@example.org', previous: 'e22@example.org', refused: false }],
    ]);
    // The phone number's value before was set when the record was made: read back to there, never more than the record's runs.
    expect(runsRead()).toBe(25);
    expect(newest.labelOf('org-watched')).toBe('Watched');

    bulkGets.mockClear();
    const emails = await changesToRecords(db, [{ table: 'organisations', row: 'org-watched' }], { limit: 3 });
    expect(emails.changes).toHaveLength(3);
    bulkGets.mockClear();
    // Without the phone change in view (a record whose newest changes are e-mails), a few older runs are enough.
    await db.transaction('rw', db.organisations, async () => {
      await db.organisations.update('org-watched', { _log: refs.slice(0, 24) } as never);
    });
    const fewer = await changesToRecords(db, [{ table: 'organisations', row: 'org-watched' }], { limit: 3 });
    expect(fewer.changes.map((c) => c.changes[0]!.previous)).toEqual(['e22@example.org', 'e21@example.org', 'e20@example.org']);
    expect(runsRead()).toBeLessThanOrEqual(3 + 8);
    expect(fewer.changes.every((c) => !c.created)).toBe(true);

    // Without a limit: every change, the first marked as the making of the record.
    const every = await changesToRecords(db, [{ table: 'organisations', row: 'org-watched' }]);
    expect(every.changes).toHaveLength(24);
    expect(every.changes.at(-1)!.created).toBe(true);
  });

  it('finds the changes of a record whose creation was refused, from the stored refusals', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const [s, p] = await consortiumAt(time, [
      ['Bedfordshire Secretariat', 'secretariat'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    await writeUnchecked(p!, [{ table: 'projects', row: 'project-made-up', fields: { name: 'A project nobody agreed' } }]);
    const report = await send(p!, s!);
    expect(report.refusedCount).toBeGreaterThan(0);
    const changes = await changesTo(s!.db, 'projects', 'project-made-up');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.node).toBe(p!.node);
    expect(changes[0]!.changes.every((c) => c.refused)).toBe(true);
  });
});

/** A store whose log holds `runs` runs of `perRun` entries from three copies, written straight to the log. */
async function storeWithLog(runs: number, perRun: number): Promise<{ db: QuorumDatabase; nodes: string[] }> {
  const db = new QuorumDatabase(`history-test-${crypto.randomUUID()}`);
  databases.push(db);
  const installation = await ensureInstallation(db);
  const nodes = [installation.nodeId, 'node-luton', 'node-bedford'];
  const tables: SyncedTable[] = ['organisations', 'meetings', 'partnerClaims'];
  const seqs = new Map(nodes.map((node) => [node, 1]));
  const start = Date.parse('2026-01-01T00:00:00Z');
  const rows: LogRun[] = [];
  for (let r = 0; r < runs; r++) {
    const node = nodes[r % nodes.length]!;
    const firstSeq = seqs.get(node)!;
    const entries: ChangeEntry[] = [];
    for (let i = 0; i < perRun; i++) {
      const n = r * perRun + i;
      entries.push({
        seq: firstSeq + i,
        hlc: formatTimestamp(start + n * 1000, 0, node),
        table: tables[(n % 5000) % tables.length]!,
        row: `row-${n % 5000}`,
        fields: { name: `Name ${n}` },
      });
    }
    seqs.set(node, firstSeq + perRun);
    rows.push({ node, firstSeq, lastSeq: firstSeq + perRun - 1, entries });
  }
  await db.changeLog.bulkAdd(rows);
  return { db, nodes };
}

describe('the whole consortium’s history', () => {
  it('reads 50,000 changes in one scan of the log, newest first, with no read per change', async () => {
    const { db } = await storeWithLog(50, 1000);
    const scans = vi.spyOn(db.changeLog, 'toArray');
    const gets = vi.spyOn(db.changeLog, 'get');
    const bulkGets = vi.spyOn(db.changeLog, 'bulkGet');
    const history = await changeHistory(db);
    expect(history.changes).toHaveLength(50_000);
    expect(history.total).toBe(50_000);
    expect(scans).toHaveBeenCalledTimes(1);
    expect(gets).not.toHaveBeenCalled();
    expect(bulkGets).not.toHaveBeenCalled();
    expect(history.changes[0]!.fields).toEqual({ name: 'Name 49999' });
    expect(history.changes.every((c, i, all) => i === 0 || all[i - 1]!.hlc > c.hlc)).toBe(true);
    // The details of one row, asked for as a list shows it, need no further reads.
    const top = history.detail(history.changes[0]!);
    expect(top.changes).toEqual([{ field: 'name', value: 'Name 49999', previous: 'Name 44999', refused: false }]);
    expect(history.labelOf('row-4999')).toBe('Name 49999');
    expect(scans).toHaveBeenCalledTimes(1);
  });

  it('filters by kind of record, by copy and by time', async () => {
    const { db, nodes } = await storeWithLog(6, 10);
    const history = await changeHistory(db, { table: 'meetings' });
    expect(history.total).toBe(60);
    expect(history.changes).toHaveLength(20);
    expect(history.changes.every((c) => c.table === 'meetings')).toBe(true);
    expect(history.tables.sort()).toEqual(['meetings', 'organisations', 'partnerClaims']);
    expect(history.nodes.sort()).toEqual([...nodes].sort());

    const luton = await changeHistory(db, { node: 'node-luton', table: 'organisations' });
    expect(luton.changes.length).toBeGreaterThan(0);
    expect(luton.changes.every((c) => c.node === 'node-luton' && c.table === 'organisations')).toBe(true);

    const minute = await changeHistory(db, { since: '2026-01-01T00:00:10Z', until: new Date('2026-01-01T00:00:20Z') });
    expect(minute.changes.map((c) => c.at)).toEqual(Array.from({ length: 10 }, (_, i) => `2026-01-01T00:00:${String(19 - i)}.000Z`));
    expect(filterChanges(history.changes, { node: nodes[0] })).toHaveLength(history.changes.filter((c) => c.node === nodes[0]).length);
  });
});
