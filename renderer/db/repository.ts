/**
 * A repository per synced table: the only code features call to change data.
 * Input is validated with the entity's zod schema (messages in the user's words)
 * before anything is written; writes go through recordChanges so every change is
 * logged and stamped.
 */
import type { z } from 'zod';
import type { FieldValue, SyncedRow, SyncedTable } from '../../shared/sync/change';
import { kindOf } from '../../shared/domain/registry';
import { newRecordId } from '../../shared/domain/ids';
import { EVENT_FIELD_PREFIX } from '../../shared/rules/lifecycles';
import { recordChanges, type WriteContext } from './writer';

export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    /** Field path (dotted) to the first message for that field. */
    readonly fieldErrors: Record<string, string>,
  ) {
    super(Object.values(fieldErrors)[0] ?? 'Some details are not valid');
  }
}

export class RecordNotFoundError extends Error {
  override name = 'RecordNotFoundError';
}

export function validationErrorFrom(error: z.ZodError): ValidationError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fieldErrors[path] ??= issue.message;
  }
  return new ValidationError(fieldErrors);
}

function withoutBookkeeping(row: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, _clocks: _c, deleted: _d, _log: _l, ...rest } = row;
  for (const field of Object.keys(rest)) if (field.includes(':')) delete rest[field];
  return rest;
}

export class Repository<S extends z.ZodType<Record<string, unknown>>> {
  constructor(
    private readonly ctx: WriteContext,
    readonly table: SyncedTable,
    private readonly schema: S,
  ) {}

  private get rows() {
    return this.ctx.db.table<z.infer<S> & SyncedRow, string>(this.table);
  }

  private parse(input: unknown): z.infer<S> {
    const result = this.schema.safeParse(input);
    if (!result.success) throw validationErrorFrom(result.error);
    return result.data;
  }

  async get(id: string): Promise<(z.infer<S> & SyncedRow) | undefined> {
    const row = await this.rows.get(id);
    return row && !row.deleted ? row : undefined;
  }

  /** Every row not removed. */
  async list(): Promise<Array<z.infer<S> & SyncedRow>> {
    return (await this.rows.toArray()).filter((row) => !row.deleted);
  }

  /**
   * Validates and adds a row; returns its id. A one-per-something record
   * (registry naturalKey) gets the id made from what it is one of, so two
   * copies that each create it end with one record; creating it again updates it.
   */
  async create(input: unknown, id?: string): Promise<string> {
    const values = this.parse(input);
    const naturalKey = kindOf(this.table)?.naturalKey;
    const rowId = naturalKey ? naturalKey.id(values as Record<string, unknown>) : (id ?? newRecordId());
    // Creating a removed one-per-something record again brings it back.
    const removed = naturalKey ? (await this.rows.get(rowId))?.deleted === true : false;
    await recordChanges(this.ctx, [{ table: this.table, row: rowId, fields: { ...(values as Record<string, FieldValue>), ...(removed ? { deleted: false } : {}) } }]);
    return rowId;
  }

  /**
   * Creates (or, for a one-per-something record, updates) a row together with
   * fields of its kind's families, such as a budget line's profile
   * (`profile:2026-27:Q1`), all in one change.
   */
  async createWithParts(input: unknown, parts: Record<string, FieldValue>): Promise<string> {
    const values = this.parse(input);
    const checked = this.checkParts(parts);
    const naturalKey = kindOf(this.table)?.naturalKey;
    const rowId = naturalKey ? naturalKey.id(values as Record<string, unknown>) : newRecordId();
    const removed = naturalKey ? (await this.rows.get(rowId))?.deleted === true : false;
    await recordChanges(this.ctx, [{ table: this.table, row: rowId, fields: { ...(values as Record<string, FieldValue>), ...checked, ...(removed ? { deleted: false } : {}) } }]);
    return rowId;
  }

  /** Writes fields of the kind's families (one part each, `profile:2026-27:Q1`), each validated with its family's schema. */
  async setParts(id: string, parts: Record<string, FieldValue>): Promise<void> {
    const existing = await this.get(id);
    if (!existing) throw new RecordNotFoundError(`That record no longer exists (${this.table} ${id})`);
    await recordChanges(this.ctx, [{ table: this.table, row: id, fields: this.checkParts(parts) }]);
  }

  private checkParts(parts: Record<string, FieldValue>): Record<string, FieldValue> {
    const families = kindOf(this.table)?.families ?? [];
    const errors: Record<string, string> = {};
    for (const [field, value] of Object.entries(parts)) {
      const family = families.find((f) => field.startsWith(f.prefix) && field.length > f.prefix.length);
      if (!family) errors[field] ??= `${field} is not a part this record keeps`;
      else if (!family.schema.safeParse(value).success) errors[field] ??= `The value for ${field.slice(family.prefix.length)} is not valid`;
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return parts;
  }

  /** The id a one-per-something record has, from what it is one of (undefined for other kinds). */
  naturalId(values: Record<string, unknown>): string | undefined {
    return kindOf(this.table)?.naturalKey?.id(values);
  }

  /** Appends a lifecycle event (shared/rules/lifecycles.ts) to a record: one new field, written once. */
  async recordEvent(id: string, event: { type: string } & Record<string, FieldValue>): Promise<void> {
    const existing = await this.get(id);
    if (!existing) throw new RecordNotFoundError(`That record no longer exists (${this.table} ${id})`);
    await recordChanges(this.ctx, [{ table: this.table, row: id, fields: { [`${EVENT_FIELD_PREFIX}${crypto.randomUUID()}`]: event } }]);
  }

  /** Validates the row as it would be after the patch, then writes only the fields that changed. */
  async update(id: string, patch: Partial<z.infer<S>>): Promise<void> {
    const existing = await this.get(id);
    if (!existing) throw new RecordNotFoundError(`That record no longer exists (${this.table} ${id})`);
    const values = this.parse({ ...withoutBookkeeping(existing), ...patch });
    await recordChanges(this.ctx, [{ table: this.table, row: id, fields: values as Record<string, FieldValue> }]);
  }

  /** Marks a row removed; it stays in the store so the removal syncs and the audit trail holds. */
  async remove(id: string): Promise<void> {
    const existing = await this.get(id);
    if (!existing) throw new RecordNotFoundError(`That record no longer exists (${this.table} ${id})`);
    await recordChanges(this.ctx, [{ table: this.table, row: id, fields: { deleted: true } }]);
  }
}
