/**
 * Property: three to five copies edit the same records offline and exchange
 * bundles in random order, with duplicates and delays; once everyone has heard
 * from everyone, every copy holds identical data, and every value ever written
 * is either the current value, kept as a conflict, or was replaced by an edit
 * made with it in view.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyBundle, previewBundle } from './import-bundle';
import { exportBundle } from './export-bundle';
import { listConflicts, resolveConflict } from './conflicts';
import { dumpSyncedTables, enrol, makeCopy, type TestCopy } from './test-support';
import { AlreadyImportedError } from '../../../shared/sync/bundle-errors';
import { sameJson } from '../../../shared/sync/canonical-json';
import { conflictIdFor, type ConflictRow } from '../../../shared/sync/merge';
import type { FieldValue } from '../../../shared/sync/change';
import { recordChanges } from '../writer';
import { chainHeads } from './chain-store';

const FIELDS = ['name', 'phone', 'address'] as const;
const VALUES = ['Alpha', 'Beta', 'Gamma'];

type Command =
  | { kind: 'edit'; node: number; record: number; field: number; value: number }
  | { kind: 'export'; from: number; to: number; everything: boolean }
  | { kind: 'deliver'; pick: number; duplicate: boolean }
  | { kind: 'resolve'; node: number; pick: number; choice: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), node: fc.nat(4), record: fc.nat(1), field: fc.nat(2), value: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('export' as const), from: fc.nat(4), to: fc.nat(4), everything: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(20), duplicate: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), node: fc.nat(4), pick: fc.nat(5), choice: fc.nat(2) }) },
);

interface Write {
  origin: string;
  seq: number;
  hlc: string;
  table: string;
  row: string;
  field: string;
  value: FieldValue;
  /** What the writing copy held from each origin (last seq) when it wrote. */
  knew: Map<string, number>;
}

async function knowledgeOf(c: TestCopy): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  for (const [node, head] of await chainHeads(c.db)) known.set(node, head.lastSeq);
  return known;
}

/** Runs a local action and records the writes it logged. */
async function logged(c: TestCopy, writes: Write[], action: () => Promise<unknown>): Promise<void> {
  const knew = await knowledgeOf(c);
  const from = ((await c.db.installation.get('self'))?.nextSeq ?? 1);
  await action();
  const runs = await c.db.changeLog.where('[node+firstSeq]').between([c.node, 0], [c.node, Infinity]).toArray();
  for (const run of runs) {
    for (const entry of run.entries) {
      if (entry.seq < from) continue;
      for (const [field, value] of Object.entries(entry.fields)) {
        writes.push({ origin: c.node, seq: entry.seq, hlc: entry.hlc, table: entry.table, row: entry.row, field, value, knew });
      }
    }
  }
}

async function transfer(from: TestCopy, to: TestCopy, bytes?: Uint8Array): Promise<void> {
  const data = bytes ?? (await exportBundle(from.ctx, { recipientNodeId: to.node, compressed: false })).bytes;
  try {
    const preview = await previewBundle(to.ctx, data, 'bundle.quorum.json');
    const report = await applyBundle(to.ctx, preview);
    expect(report.refused).toEqual([]);
    expect(report.heldBack).toEqual([]);
  } catch (error) {
    if (!(error instanceof AlreadyImportedError)) throw error;
  }
}

async function scenario(size: number, skews: number[], commands: Command[]): Promise<void> {
  const copies: TestCopy[] = [];
  try {
    for (let i = 0; i < size; i++) {
      const skew = skews[i] ?? 0;
      copies.push(await makeCopy(i === 0 ? 'Secretariat' : `Partner ${i}`, i === 0 ? 'secretariat' : 'partner', { now: () => Date.now() + skew }));
    }
    const hub = copies[0]!;
    const writes: Write[] = [];
    for (const other of copies.slice(1)) {
      await logged(hub, writes, () => enrol(hub, other));
      await enrol(other, hub);
    }
    const records: string[] = [];
    for (const name of ['Ampthill Group', 'Biggleswade Group']) {
      await logged(hub, writes, async () => records.push(await hub.repos.organisations.create({ name, kind: 'other' })));
    }
    for (const other of copies.slice(1)) await transfer(hub, other);

    const mailbox: Array<{ bytes: Uint8Array; to: TestCopy }> = [];
    for (const step of commands) {
      if (step.kind === 'edit') {
        const c = copies[step.node % size]!;
        await logged(c, writes, () =>
          recordChanges(c.ctx, [{ table: 'organisations', row: records[step.record]!, fields: { [FIELDS[step.field]!]: VALUES[step.value]! } }]),
        );
      } else if (step.kind === 'export') {
        const from = copies[step.from % size]!;
        const to = copies[step.to % size]!;
        if (from === to) continue;
        const { bytes } = await exportBundle(from.ctx, { recipientNodeId: step.everything ? null : to.node, compressed: true });
        mailbox.push({ bytes, to });
      } else if (step.kind === 'deliver') {
        if (mailbox.length === 0) continue;
        const index = step.pick % mailbox.length;
        const { bytes, to } = mailbox[index]!;
        if (!step.duplicate) mailbox.splice(index, 1);
        await transfer(to, to, bytes);
      } else {
        const c = copies[step.node % size]!;
        const open = await listConflicts(c.ctx);
        if (open.length === 0) continue;
        const conflict = open[step.pick % open.length]!;
        const resolution = step.choice === 0 ? { keep: 'current' as const } : step.choice === 1 ? { keep: 'other' as const } : { value: VALUES[step.pick % VALUES.length]! };
        await logged(c, writes, () => resolveConflict(c.ctx, conflict.id, resolution));
      }
    }
    // Late deliveries, then everyone hears from everyone through the hub.
    for (const { bytes, to } of mailbox) await transfer(to, to, bytes);
    for (const other of copies.slice(1)) await transfer(other, hub);
    for (const other of copies.slice(1)) await transfer(hub, other);

    const expected = await dumpSyncedTables(hub.db);
    for (const other of copies.slice(1)) expect(await dumpSyncedTables(other.db)).toBe(expected);

    // Nothing lost: each value written is current, kept as a conflict, or knowingly replaced.
    const dataWrites = writes.filter((w) => w.table === 'organisations');
    const conflicts = (await hub.db.conflicts.toArray()) as unknown as ConflictRow[];
    const conflictIds = new Set(conflicts.map((c) => c.id));
    const replaced = (w: Write) =>
      dataWrites.some((other) => other !== w && other.row === w.row && other.field === w.field && (other.knew.get(w.origin) ?? 0) >= w.seq);
    for (const w of dataWrites) {
      const sameField = dataWrites.filter((o) => o.row === w.row && o.field === w.field);
      const winner = sameField.reduce((a, b) => (b.hlc > a.hlc ? b : a));
      const row = (await hub.db.organisations.get(w.row)) as unknown as Record<string, unknown> & { _clocks: Record<string, string> };
      if (w === winner) {
        expect(row._clocks[w.field]).toBe(w.hlc);
        expect(sameJson(row[w.field], w.value)).toBe(true);
      } else if (!replaced(w)) {
        expect(conflictIds.has(conflictIdFor(w.table, w.row, w.field, w.hlc))).toBe(true);
      }
    }
    // And no conflict is invented: every conflict computed (not a logged resolution) keeps a value that was neither current nor replaced.
    for (const conflict of conflicts) {
      if (Object.keys(conflict._clocks).length > 0) continue;
      const w = dataWrites.find((o) => o.hlc === conflict.losingHlc && o.row === conflict.row && o.field === conflict.field);
      expect(w).toBeDefined();
      expect(replaced(w!)).toBe(false);
    }
  } finally {
    for (const c of copies) await c.db.delete();
  }
}

describe('convergence', () => {
  it('copies that edit the same records and exchange bundles in any order, with duplicates and delays, end identical and lose nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 5, maxLength: 5 }),
        fc.array(command, { minLength: 5, maxLength: 30 }),
        scenario,
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
