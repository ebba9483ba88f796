/**
 * Drafts of long text (issue 7, part 6): what a person is typing into one
 * field of one record, kept on this copy so a crash loses at most the last
 * second, without a change record per keystroke.
 *
 * A draft is a local row (database.ts DraftRecord, table `drafts`, never
 * synced, no change record): saveDraft is one small put. Committing it is one
 * change through the record's repository (validated and judged like any other
 * write), and the draft is removed in the same transaction, so either the
 * change is logged and the draft gone, or neither. The writer collapses
 * repeated saves of the same record while they have not left the copy
 * (writer.ts), so committing every few minutes still logs one change until a
 * bundle is saved.
 *
 * Every field editing a draft registers a flusher; flushAllDrafts() commits
 * them all, and is called before a bundle is saved, before printing and when
 * the window closes, so what leaves the copy or the screen is what was typed.
 */
import { momentOfTimestamp } from '../../shared/sync/hlc';
import type { SyncedTable } from '../../shared/sync/change';
import type { DraftRecord, QuorumDatabase } from './database';
import type { Repositories } from './repositories';
import { authorityTables } from './authority';

/** The field of the record a draft is of. */
export interface DraftKey {
  table: SyncedTable;
  row: string;
  field: string;
}

/** What committing needs: the database and the repositories that write. */
export interface DraftStore {
  db: QuorumDatabase;
  repositories: Repositories;
}

export function draftId(key: DraftKey): string {
  return `${key.table}/${key.row}/${key.field}`;
}

/** Keeps what is typed so far: a local put, no change record. */
export async function saveDraft(db: QuorumDatabase, key: DraftKey, value: string, now: Date = new Date()): Promise<DraftRecord> {
  const draft: DraftRecord = { id: draftId(key), table: key.table, row: key.row, field: key.field, value, savedAt: now.toISOString() };
  await db.drafts.put(draft);
  return draft;
}

export function readDraft(db: QuorumDatabase, key: DraftKey): Promise<DraftRecord | undefined> {
  return db.drafts.get(draftId(key));
}

/**
 * Throws a draft away. With `savedAt`, only that draft: one saved since (the
 * person typed again after the draft was offered) is kept.
 */
export async function discardDraft(db: QuorumDatabase, key: DraftKey, only?: { savedAt: string }): Promise<void> {
  const id = draftId(key);
  if (!only) return db.drafts.delete(id);
  await db.transaction('rw', db.drafts, async () => {
    const draft = await db.drafts.get(id);
    if (draft && draft.savedAt === only.savedAt) await db.drafts.delete(id);
  });
}

/**
 * Saves the draft as one change to the record, through its repository
 * (validated, judged, logged), and removes the draft, in one transaction.
 * `value` is what the field holds now, if the caller has it (it may be newer
 * than the draft); otherwise the draft's. Returns the value committed, or
 * undefined when there was nothing to commit. A change that is refused or not
 * valid throws and leaves the draft as it was.
 */
export async function commitDraft(store: DraftStore, key: DraftKey, value?: string): Promise<string | undefined> {
  const { db, repositories } = store;
  const id = draftId(key);
  return db.transaction('rw', [db.table(key.table), db.changeLog, db.installation, ...authorityTables(db), db.drafts], async () => {
    const text = value ?? (await db.drafts.get(id))?.value;
    if (text === undefined) return undefined;
    const repository = repositories[key.table] as unknown as { update(id: string, patch: Record<string, unknown>): Promise<void> };
    await repository.update(key.row, { [key.field]: text });
    await db.drafts.delete(id);
    return text;
  });
}

/** Every draft on this copy, newest first: what a crash left behind. */
export async function listDrafts(db: QuorumDatabase): Promise<DraftRecord[]> {
  const drafts = await db.drafts.toArray();
  return drafts.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
}

/** A draft left behind, to offer back when the record's form opens. */
export interface DraftOffer {
  draft: DraftRecord;
  /** When the field's stored value was written (its clock's moment), if it has one. */
  storedAt: string | undefined;
  /** The draft was saved after the stored value was written. */
  newer: boolean;
}

/**
 * The draft of this field that is worth offering back: one that differs from
 * the stored value. A draft equal to it (committed, then saved again by a late
 * keystroke) is removed quietly. A draft older than the stored value (someone
 * saved the field since, here or on another copy) is still offered, with
 * `newer` false, rather than thrown away unseen.
 */
export async function draftToOffer(db: QuorumDatabase, key: DraftKey): Promise<DraftOffer | undefined> {
  const draft = await readDraft(db, key);
  if (!draft) return undefined;
  const row = (await db.table(key.table).get(key.row)) as (Record<string, unknown> & { _clocks?: Record<string, string> }) | undefined;
  const stored = row?.[key.field];
  if (typeof stored === 'string' && stored === draft.value) {
    await discardDraft(db, key, { savedAt: draft.savedAt });
    return undefined;
  }
  const clock = row?._clocks?.[key.field];
  const storedAt = clock ? momentOfTimestamp(clock) : undefined;
  return { draft, storedAt, newer: storedAt === undefined || draft.savedAt > storedAt };
}

/** Commits one field's draft now (saving what is typed first). Resolves when done; rejects if the commit failed. */
export type DraftFlusher = () => Promise<void>;

const flushers = new Set<DraftFlusher>();

/** A field editing a draft registers how to commit it; the returned function unregisters it. */
export function registerDraftFlusher(flush: DraftFlusher): () => void {
  flushers.add(flush);
  return () => {
    flushers.delete(flush);
  };
}

/**
 * Commits every draft being edited: before a bundle is saved, before
 * printing or an export, when the window closes. Never throws: a draft that
 * cannot be committed (not valid, or refused) stays a draft, and its field
 * says why. Resolves with how many could not be committed.
 */
export async function flushAllDrafts(): Promise<number> {
  const results = await Promise.allSettled([...flushers].map((flush) => flush()));
  return results.filter((r) => r.status === 'rejected').length;
}
