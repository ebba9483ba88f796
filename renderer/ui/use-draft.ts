/**
 * A long-text field that keeps a draft as it is typed (renderer/db/drafts.ts),
 * for a react-hook-form field of a record that exists.
 *
 * When: the draft is saved at most one second after each change, sooner after
 * a pause in typing (DRAFT_TIMING: 400 ms after the last keystroke, and never
 * more than one second after the first unsaved one, so typing without a pause
 * still saves every second): a crash loses at most one second. The text is
 * committed as one change to the record when the person leaves the field,
 * every five minutes while they keep typing, when the form goes away, and
 * whenever flushAllDrafts() runs (before a bundle is saved, before printing,
 * when the window closes). A commit that is refused or not valid leaves the
 * draft in place and says why (`error`).
 *
 * After a crash: when the form opens and a draft of the field is left that
 * differs from the stored value, `offer` says so, and `keep()` puts the draft
 * in the field and commits it, `discard()` throws it away.
 *
 * The timing lives in DraftScheduler, which knows nothing of React or the
 * store, so it is tested with fake timers.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldPath, FieldValues, PathValue, UseFormReturn } from 'react-hook-form';
import type { SyncedTable } from '../../shared/sync/change';
import { commitDraft, discardDraft, draftToOffer, flushAllDrafts, registerDraftFlusher, saveDraft, type DraftKey, type DraftOffer } from '../db/drafts';
import { useStore } from '../db/store-context';
import { fieldId } from './field-ids';
import { describeSaveError } from './save-error';

export interface DraftTiming {
  /** Save this long after the last change … */
  pauseMs: number;
  /** … but never later than this after the first change not yet saved. */
  maxWaitMs: number;
  /** Commit at least this often while the text keeps changing. */
  commitEveryMs: number;
}

export const DRAFT_TIMING: DraftTiming = { pauseMs: 400, maxWaitMs: 1000, commitEveryMs: 5 * 60_000 };

export interface DraftIO {
  /** The text as the field holds it now. */
  read(): string;
  save(value: string): Promise<void>;
  commit(value: string): Promise<void>;
  failed(error: unknown, during: 'save' | 'commit'): void;
}

/** When to save a draft and when to commit it; one operation at a time, in order. */
export class DraftScheduler {
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private commitTimer: ReturnType<typeof setTimeout> | undefined;
  private firstUnsaved: number | undefined;
  private saved: string;
  private committed: string;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Whether the field was typed into: until it is, nothing is saved or committed (the form may still be filling the field from the store). */
  private touched = false;

  constructor(
    private readonly io: DraftIO,
    /** The text the field started with: the stored value, neither a draft nor a change. */
    initial: string,
    private readonly timing: DraftTiming = DRAFT_TIMING,
  ) {
    this.saved = initial;
    this.committed = initial;
  }

  /** The field's text changed (a keystroke, a paste, a value set by code). */
  changed(): void {
    if (this.stopped) return;
    this.touched = true;
    const value = this.io.read();
    if (value === this.saved && value === this.committed && this.pauseTimer === undefined) return;
    const now = Date.now();
    this.firstUnsaved ??= now;
    clearTimeout(this.pauseTimer);
    const wait = Math.max(0, Math.min(this.timing.pauseMs, this.firstUnsaved + this.timing.maxWaitMs - now));
    this.pauseTimer = setTimeout(() => void this.save().catch(() => undefined), wait);
    this.commitTimer ??= setTimeout(() => {
      this.commitTimer = undefined;
      void this.commit().catch(() => undefined);
    }, this.timing.commitEveryMs);
  }

  /** Text typed and not yet committed. */
  get uncommitted(): boolean {
    return this.touched && this.io.read() !== this.committed;
  }

  /** Saves the draft now, if the text changed since the last save. */
  save(): Promise<void> {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    this.firstUnsaved = undefined;
    const value = this.io.read();
    if (!this.touched || value === this.saved) return this.queue;
    this.saved = value;
    return this.enqueue(() => this.io.save(value), 'save');
  }

  /** Commits the text as one change (saving the draft first, so a failed commit leaves it). Rejects if the commit failed. */
  commit(): Promise<void> {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    const saving = this.save();
    const value = this.io.read();
    if (!this.touched || value === this.committed) return saving;
    return this.enqueue(async () => {
      await this.io.commit(value);
      this.committed = value;
    }, 'commit');
  }

  /** The field goes away: no more timers; what is typed is committed. */
  stop(): Promise<void> {
    const done = this.commit();
    this.stopped = true;
    clearTimeout(this.pauseTimer);
    clearTimeout(this.commitTimer);
    this.pauseTimer = this.commitTimer = undefined;
    return done;
  }

  private enqueue(operation: () => Promise<void>, during: 'save' | 'commit'): Promise<void> {
    const run = this.queue.then(operation);
    this.queue = run.catch((error: unknown) => this.io.failed(error, during));
    return run;
  }
}

export interface DraftField {
  /** A draft a crash left behind, to offer back; undefined once kept or discarded (or if there is none). */
  offer: DraftOffer | undefined;
  keep(): Promise<void>;
  discard(): Promise<void>;
  /** Why the last save or commit failed ('' when it did not). */
  error: string;
  /** Commits now (as leaving the field does). */
  commit(): Promise<void>;
}

export interface DraftOptions<T extends FieldValues, C, O> {
  form: UseFormReturn<T, C, O>;
  /** The form's field. */
  name: FieldPath<T>;
  /** The record and its field the text is of; undefined while the record does not exist yet (no drafts then). */
  record: { table: SyncedTable; row: string } | undefined;
  field: string;
  /** The element whose leaving commits; by default the field's own (field-ids.ts). */
  elementId?: string;
  timing?: DraftTiming;
}

export function useDraft<T extends FieldValues, C, O>({ form, name, record, field, elementId, timing = DRAFT_TIMING }: DraftOptions<T, C, O>): DraftField {
  const store = useStore();
  const [offer, setOffer] = useState<DraftOffer>();
  const [error, setError] = useState('');
  const scheduler = useRef<DraftScheduler | undefined>(undefined);
  const table = record?.table;
  const row = record?.row;
  const element = elementId ?? fieldId(name);

  useEffect(() => {
    if (!table || row === undefined) return;
    const key: DraftKey = { table, row, field };
    let live = true;
    const read = () => {
      const value: unknown = form.getValues(name);
      return typeof value === 'string' ? value : '';
    };
    const current = new DraftScheduler(
      {
        read,
        save: async (value) => {
          await saveDraft(store.db, key, value);
        },
        commit: async (value) => {
          await commitDraft(store, key, value);
          if (!live) return;
          setError('');
          // The field is saved: it no longer counts as a change to the form (unless typed into meanwhile).
          if (read() === value) form.resetField(name, { defaultValue: value as PathValue<T, FieldPath<T>>, keepError: true, keepTouched: true });
        },
        failed: (failure, during) => {
          if (!live) return;
          setError(during === 'save' ? `What you typed could not be kept as a draft: ${describeSaveError(failure)}` : `${describeSaveError(failure)} What you typed is kept as a draft on this copy.`);
        },
      },
      read(),
      timing,
    );
    scheduler.current = current;
    void draftToOffer(store.db, key).then((found) => live && setOffer(found));
    const watching = form.watch((_values, info) => {
      if (info.name === name) current.changed();
    });
    const left = (event: FocusEvent) => {
      if ((event.target as Element | null)?.id === element) void current.commit().catch(() => undefined);
    };
    document.addEventListener('focusout', left);
    const unregister = registerDraftFlusher(() => current.commit());
    return () => {
      live = false;
      watching.unsubscribe();
      document.removeEventListener('focusout', left);
      unregister();
      if (scheduler.current === current) scheduler.current = undefined;
      void current.stop().catch(() => undefined);
    };
  }, [store, form, name, table, row, field, element, timing]);

  const keep = useCallback(async () => {
    if (!offer) return;
    setOffer(undefined);
    form.setValue(name, offer.draft.value as PathValue<T, FieldPath<T>>, { shouldDirty: true });
    await scheduler.current?.commit().catch(() => undefined);
  }, [offer, form, name]);

  const discard = useCallback(async () => {
    if (!offer || !table || row === undefined) return;
    setOffer(undefined);
    await discardDraft(store.db, { table, row, field }, { savedAt: offer.draft.savedAt });
  }, [offer, store, table, row, field]);

  const commit = useCallback(async () => {
    await scheduler.current?.commit();
  }, []);

  return { offer, keep, discard, error, commit };
}

/**
 * Whether a form has changes not saved besides its draft fields (dotted names):
 * a draft field is never lost (kept as typed, committed on leaving it or when
 * the form goes), so it need not make leaving the page ask first.
 */
export function dirtyBesides(dirtyFields: unknown, draftFields: readonly string[], path = ''): boolean {
  if (draftFields.includes(path)) return false;
  if (Array.isArray(dirtyFields)) return dirtyFields.some((item, i) => dirtyBesides(item, draftFields, path ? `${path}.${i}` : String(i)));
  if (dirtyFields && typeof dirtyFields === 'object') return Object.entries(dirtyFields).some(([key, value]) => dirtyBesides(value, draftFields, path ? `${path}.${key}` : key));
  return dirtyFields === true;
}

/** Commits every draft when the window closes or reloads (beforeunload, and pagehide where that is all there is). Used once, by the shell. */
export function useFlushDraftsOnClose(): void {
  useEffect(() => {
    const flush = () => void flushAllDrafts();
    window.addEventListener('beforeunload', flush);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('beforeunload', flush);
      window.removeEventListener('pagehide', flush);
    };
  }, []);
}
