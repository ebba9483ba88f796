/**
 * Conflicts waiting for a person, and their resolution.
 *
 * A conflict row keeps the losing value of a concurrent edit (merge.ts). To
 * resolve it a person keeps the current value, takes the other one, or writes a
 * new one. The resolution is an ordinary logged change that syncs: the chosen
 * value is written to the record through its repository (validated), and the
 * conflict row is written with every field and status "resolved", so every copy
 * receives the whole decision, including copies that never saw the conflict.
 * (The row's derived fields are cleared first, inside the same transaction, so
 * recordChanges logs them all.)
 */
import { authorityTables } from '../authority';
import type { FieldValue, SyncedTable } from '../../../shared/sync/change';
import { isSyncedTable } from '../../../shared/sync/change';
import type { ConflictRow } from '../../../shared/sync/merge';
import { createRepositories } from '../repositories';
import { RecordNotFoundError } from '../repository';
import { recordChanges, type RowWrite } from '../writer';
import type { SyncContext } from './context';
import { labelOfRecord } from './record-label';

export type ConflictResolution = { keep: 'current' } | { keep: 'other' } | { value: FieldValue };

export interface ConflictView {
  id: string;
  table: SyncedTable;
  row: string;
  field: string;
  /** A name for the record, when it has one (its name, title or organisation name). */
  recordLabel: string;
  /** The value the record holds now. */
  currentValue: unknown;
  keptValue: unknown;
  keptHlc: string;
  /** The value that lost, kept here for review. */
  losingValue: unknown;
  losingHlc: string;
  /** Node ids that wrote each value (the end of their HLC stamps). */
  keptBy: string;
  losingBy: string;
  status: 'open' | 'resolved';
}

export class ConflictNotFoundError extends Error {
  override name = 'ConflictNotFoundError';
}

function isComplete(row: ConflictRow): row is ConflictRow & { table: string; row: string; field: string; losingHlc: string; keptHlc: string } {
  return typeof row.table === 'string' && isSyncedTable(row.table) && typeof row.row === 'string' && typeof row.field === 'string' && typeof row.losingHlc === 'string' && typeof row.keptHlc === 'string';
}

export async function listConflicts(ctx: SyncContext, options: { status?: 'open' | 'resolved' | 'all' } = {}): Promise<ConflictView[]> {
  const wanted = options.status ?? 'open';
  const rows = ((await ctx.db.conflicts.toArray()) as unknown as ConflictRow[]).filter(isComplete);
  const out: ConflictView[] = [];
  for (const conflict of rows) {
    const status = conflict.status === 'resolved' ? 'resolved' : 'open';
    if (wanted !== 'all' && status !== wanted) continue;
    const record = (await ctx.db.table(conflict.table).get(conflict.row)) as Record<string, unknown> | undefined;
    out.push({
      id: conflict.id,
      table: conflict.table as SyncedTable,
      row: conflict.row,
      field: conflict.field,
      recordLabel: labelOfRecord(record),
      currentValue: record?.[conflict.field],
      keptValue: conflict.keptValue,
      keptHlc: conflict.keptHlc,
      losingValue: conflict.losingValue,
      losingHlc: conflict.losingHlc,
      keptBy: conflict.keptHlc.slice(30),
      losingBy: conflict.losingHlc.slice(30),
      status,
    });
  }
  return out.sort((a, b) => (a.losingHlc < b.losingHlc ? 1 : -1));
}

export async function resolveConflict(ctx: SyncContext, conflictId: string, resolution: ConflictResolution): Promise<void> {
  const { db } = ctx;
  const found = (await db.conflicts.get(conflictId)) as unknown as ConflictRow | undefined;
  if (!found || !isComplete(found)) throw new ConflictNotFoundError('That conflict no longer exists.');
  const table = found.table as SyncedTable;
  await db.transaction('rw', [db.conflicts, db.table(table), db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const conflict = (await db.conflicts.get(conflictId)) as unknown as ConflictRow | undefined;
    if (!conflict || !isComplete(conflict)) throw new ConflictNotFoundError('That conflict no longer exists.');
    const chosen: { value: FieldValue } | undefined =
      'value' in resolution ? { value: resolution.value } : resolution.keep === 'other' ? { value: conflict.losingValue as FieldValue } : undefined;
    if (chosen) {
      // Removal, and one field per part or event (`dissent:<organisation>`), are written as they are: the schema has no such field to validate.
      if (conflict.field === 'deleted' || conflict.field === 'id' || conflict.field.includes(':')) {
        await recordChanges(ctx, [{ table, row: conflict.row, fields: { [conflict.field]: chosen.value } }]);
      } else {
        const repository = createRepositories(ctx)[table];
        const record = await db.table(table).get(conflict.row);
        if (!record) throw new RecordNotFoundError('That record no longer exists.');
        await repository.update(conflict.row, { [conflict.field]: chosen.value } as never);
      }
    }
    // Clear the derived fields so every field of the decision is logged.
    const logged: ConflictRow = { id: conflict.id, _clocks: conflict._clocks };
    for (const [name, value] of Object.entries(conflict)) {
      if (name !== 'id' && name !== '_clocks' && conflict._clocks[name] !== undefined) logged[name] = value;
    }
    await db.conflicts.put(logged as never);
    const decision: RowWrite = {
      table: 'conflicts',
      row: conflict.id,
      fields: {
        table: conflict.table,
        row: conflict.row,
        field: conflict.field,
        keptValue: conflict.keptValue as FieldValue,
        keptHlc: conflict.keptHlc,
        losingValue: conflict.losingValue as FieldValue,
        losingHlc: conflict.losingHlc,
        status: 'resolved',
      },
    };
    await recordChanges(ctx, [decision]);
  });
}
