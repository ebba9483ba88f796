import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeEntry, LogRun, SyncedTable } from '../../shared/sync/change';
import { formatTimestamp } from '../../shared/sync/hlc';
import { QuorumDatabase } from './database';
import { changeHistory, changesTo, changesToRecords, filterChanges } from './history';
import { authorWords, changeLine } from './history-words';
import { ensureInstallation } from './installation';
import { exportBundle, recordBundleSaved } from './sync/export-bundle';
import { applyBundle, previewBundle } from './sync/import-bundle';
import { readNodeNames } from './sync/node-names';
import { actingAs, enrol, makeCopy, type TestCopy } from './sync/test-support';

const copies: TestCopy[] = [];
const databases: QuorumDatabase[] = [];
afterEach(async () => {
  for (const c of copies.splice(0)) await c.db.delete();
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

describe('the history of one record', () => {
  it('shows a rename as one change with the name before and after, made by this copy at the moment it was saved', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const s = await copyAt('Voluntary and Community Action South Bedfordshire', 'secretariat', time);
    const org = await s.repos.organisations.create({ name: 'Volunteer Centre Bedford', kind: 'volunteer-centre', email: 'vcb@example.org' });
    time.now = Date.parse('2026-11-22T10:05:00Z');
    await s.repos.organisations.update(org, { name: 'Bedford Volunteer Centre' });

    const changes = await changesTo(s.db, 'organisations', org);
    expect(changes).toHaveLength(2);
    const [rename, creation] = changes;
    expect(rename).toMatchObject({ node: s.node, table: 'organisations', row: org, at: '2026-11-22T10:05:00.000Z' });
    expect(rename!.changes).toEqual([{ field: 'name', value: 'Bedford Volunteer Centre', previous: 'Volunteer Centre Bedford', refused: false }]);
    expect(changeLine(rename!.changes)).toBe('Name: ‘Volunteer Centre Bedford’ → ‘Bedford Volunteer Centre’');
    expect([rename!.created, creation!.created]).toEqual([false, true]);
    expect(creation!.at).toBe('2026-11-20T09:00:00.000Z');
    expect(creation!.changes.find((c) => c.field === 'name')).toEqual({ field: 'name', value: 'Volunteer Centre Bedford', previous: undefined, refused: false });
    expect(creation!.changes.map((c) => c.field)).not.toContain('_clocks');

    const names = await readNodeNames(s.db);
    expect(authorWords(rename!.node, names)).toBe('Voluntary and Community Action South Bedfordshire (this copy)');
  });

  it('takes the value before from the last change that set that field, not from the change just before', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const s = await copyAt('Bedfordshire Secretariat', 'secretariat', time);
    const org = await s.repos.organisations.create({ name: 'Voluntary Action Luton', phone: '01582 000000' });
    await s.repos.organisations.update(org, { name: 'Voluntary Action Luton CIO' });
    await s.repos.organisations.update(org, { phone: '01582 111111' });
    const [phone] = await changesTo(s.db, 'organisations', org);
    expect(phone!.changes).toEqual([{ field: 'phone', value: '01582 111111', previous: '01582 000000', refused: false }]);
  });

  it('names a partner’s change by the partner, and marks a change the partner had no authority for as refused', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const s = await copyAt('Bedfordshire Secretariat', 'secretariat', time);
    const p = await copyAt('Voluntary Action Luton', 'partner', time);
    await enrol(s, p);
    await enrol(p, s);
    const org = await s.repos.organisations.create({ name: 'Volunteer Centre Bedford' });
    await send(s, p);
    time.now = Date.parse('2026-11-21T14:30:00Z');
    await p.repos.organisations.update(org, { name: 'Bedford Volunteer Centre' });
    const claim = await p.repos.partnerClaims.create({ organisationId: org, projectId: 'project-1', financialYear: '2026/27', quarter: 1, amountPence: 125000 });
    await actingAs(p, 'accountable-body', () => p.repos.partnerClaims.update(claim, { status: 'approved' }));
    const report = await send(p, s);
    expect(report.refusedCount).toBe(1);

    const names = await readNodeNames(s.db);
    const [rename] = await changesTo(s.db, 'organisations', org);
    expect(rename!.node).toBe(p.node);
    expect(authorWords(rename!.node, names)).toBe('Voluntary Action Luton');
    expect(changeLine(rename!.changes)).toBe('Name: ‘Volunteer Centre Bedford’ → ‘Bedford Volunteer Centre’');

    const { changes, labelOf } = await changesToRecords(s.db, [{ table: 'partnerClaims', row: claim }]);
    expect(changes).toHaveLength(2);
    expect(changes[0]!.changes).toEqual([{ field: 'status', value: 'approved', previous: 'draft', refused: true }]);
    expect(changeLine(changes[0]!.changes)).toBe('Status: ‘draft’ → ‘approved’ (refused)');
    const created = changes[1]!.changes.filter((c) => c.field === 'organisationId' || c.field === 'amountPence');
    expect(changeLine(created, labelOf).split('; ').sort()).toEqual(['Amount: £1,250.00', 'Organisation: ‘Bedford Volunteer Centre’']);
    expect((await s.db.partnerClaims.get(claim))?.status).toBe('draft');
  });

  it('follows several records at once, newest first, each change saying which record it is', async () => {
    const time = { now: Date.parse('2026-11-20T09:00:00Z') };
    const s = await copyAt('Bedfordshire Secretariat', 'secretariat', time);
    const org = await s.repos.organisations.create({ name: 'Bedford Race Equality Council' });
    time.now += 60_000;
    const rep = await s.repos.representatives.create({ organisationId: org, name: 'Sam Taylor', kind: 'representative' });
    time.now += 60_000;
    await s.repos.organisations.update(org, { email: 'brec@example.org' });
    await s.repos.organisations.create({ name: 'Somebody else' });
    const { changes, labelOf } = await changesToRecords(s.db, [
      { table: 'organisations', row: org },
      { table: 'representatives', row: rep },
    ]);
    expect(changes.map((c) => [c.table, c.changes.map((f) => f.field).join(',')])).toEqual([
      ['organisations', 'email'],
      ['representatives', 'organisationId,name,jobTitle,kind,email,phone'],
      ['organisations', 'name,kind,status,joinedOn,resignedOn,address,email,phone,website,servicesProvided'],
    ]);
    expect(labelOf(rep)).toBe('Sam Taylor');
    expect(labelOf(org)).toBe('Bedford Race Equality Council');
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
