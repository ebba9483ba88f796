/**
 * The Sync screen's one door to sync: export a bundle, preview and apply one,
 * enrol and revoke partners, list and resolve conflicts, the import history.
 * Thin on purpose: each function hands over to renderer/db/sync, where the
 * work and its explanation live. Every function takes the SyncContext (the
 * store and this copy's clock); none keeps state between calls.
 *
 * Imports run in a Web Worker (renderer/db/sync/import-worker.ts) where the
 * platform has them, so reading, checking and writing a large bundle never
 * blocks the window; progress comes back through `onProgress`. Where there is
 * no worker (unit tests), or it cannot start, the same code runs on this
 * thread, yielding between chunks.
 */
import Dexie from 'dexie';
import type { FieldValue } from '../../../shared/sync/change';
import { parseTimestamp } from '../../../shared/sync/hlc';
import { fingerprintOf } from '../../../shared/sync/fingerprint';
import { BundleRefusedError, UnknownSenderError, type BundleRefusal, type BundleSenderIdentity } from '../../../shared/sync/bundle-errors';
import type { SyncContext } from '../../db/sync/context';
import { exportBundle as exportBundleFromStore, recordBundleSaved, type ExportedBundle } from '../../db/sync/export-bundle';
import { applyBundle as applyBundleToStore, previewBundle as previewBundleFromStore, type BundlePreview } from '../../db/sync/import-bundle';
import type { ProgressListener } from '../../db/sync/import-plan';
import { applyInWorker, discardWorkerPreview, previewInWorker, WorkerUnavailableError } from '../../db/sync/import-in-worker';
import { startAheadRequest } from '../../db/sync/import-worker-protocol';
import type { HeldBackNotice, ImportReport } from '../../db/sync/import-report';
import { heldBackNow } from '../../db/sync/held-back';
import { readImports } from '../../db/sync/ledger';
import { enrolPartner as enrol, identityCard as cardOf, listPartners as partners, revokePartner as revoke, type IdentityCard, type PartnerView } from '../../db/sync/partners';
import { listConflicts as conflicts, resolveConflict as resolve, type ConflictResolution, type ConflictView } from '../../db/sync/conflicts';

export type { SyncContext } from '../../db/sync/context';
export type { ExportedBundle, ExportSummary } from '../../db/sync/export-bundle';
export type { BundlePreview, OriginView } from '../../db/sync/import-bundle';
export type { Progress, ProgressListener } from '../../db/sync/import-plan';
export type { ImportReport, ConflictSummary, RecordChangeView, RefusedChangeView, HeldBackNotice, SetAsideOrigin } from '../../db/sync/import-report';
export type { IdentityCard, PartnerView } from '../../db/sync/partners';
export type { ConflictResolution, ConflictView } from '../../db/sync/conflicts';
export type { BundleRefusal, BundleSenderIdentity };
export { BundleRefusedError, UnknownSenderError, fingerprintOf };

export interface ImportHistoryItem {
  id: string;
  importedAt: string;
  fromNode: string;
  fromName: string;
  fileName: string;
  report: ImportReport;
}

/** Makes a bundle for one partner (what it has not acknowledged) or, with null, everything. */
export function exportBundle(
  ctx: SyncContext,
  options: { recipientNodeId: string | null; compressed: boolean; onProgress?: ProgressListener },
): Promise<ExportedBundle> {
  return exportBundleFromStore(ctx, options);
}

/** Once the bundle is saved: the partners table shows it as sent, under the name it was saved as. */
export function bundleSaved(ctx: SyncContext, exported: ExportedBundle, savedAs?: string): Promise<void> {
  return recordBundleSaved(ctx, exported, savedAs);
}

/**
 * Reads and checks a bundle file and says what importing it would do. Writes nothing.
 * Throws a BundleRefusedError (with `code` and a plain-words `message`) when the file is refused;
 * an UnknownSenderError carries `sender` (with its fingerprint) so the screen can offer to enrol it.
 */
export async function previewBundle(ctx: SyncContext, bytes: Uint8Array, fileName: string, options: { onProgress?: ProgressListener } = {}): Promise<BundlePreview> {
  const createWorker = workerFactoryFor(ctx);
  if (createWorker) {
    try {
      return await previewInWorker(ctx, createWorker, bytes, fileName, options.onProgress);
    } catch (error) {
      // A refused bundle stops its worker: the next import finds another ready.
      setTimeout(() => prepareImportWorker(ctx), 0);
      if (!(error instanceof WorkerUnavailableError)) throw error;
    }
  }
  return previewBundleFromStore(ctx, bytes, fileName, options);
}

/** Applies a previewed bundle in one transaction. Throws a BundleRefusedError (nothing written) if it cannot. */
export function applyBundle(ctx: SyncContext, preview: BundlePreview, options: { onProgress?: ProgressListener } = {}): Promise<ImportReport> {
  if (!preview.plan.worker) return applyBundleToStore(ctx, preview, options);
  // Once this import is done, the next finds a worker ready.
  return applyInWorker(ctx, preview, options.onProgress).finally(() => setTimeout(() => prepareImportWorker(ctx), 0));
}

/** Lets go of a preview the person did not accept (stops its worker). */
export function discardPreview(preview: BundlePreview): void {
  discardWorkerPreview(preview);
}

function newWorkerFor(ctx: SyncContext): (() => Worker) | null {
  if (ctx.importWorker !== undefined) return ctx.importWorker;
  if (typeof Worker === 'undefined') return null;
  // Vite turns this into the worker's own bundle, in development and in the build.
  return () => new Worker(new URL('../../db/sync/import-worker.ts', import.meta.url), { type: 'module', name: 'Quorum import' });
}

/**
 * One import worker started ahead for each store, its code loaded and the store
 * opened, taken by the next import (docs/architecture.md, "Performance": a
 * worker's start-up is most of a small bundle's extra time over a plain write).
 * The Sync page and the shared folder's runner start it; an import starts the
 * next. Asked to apply a preview it does not hold, the worker opens the store
 * and reads the installation as a real request would, then says it has no such
 * preview (an answer to the id 'warm', which no import waits on), and warms the
 * merge's code (shared/sync/warm-up.ts).
 */
const spareWorkers = new Map<string, Worker>();

export function prepareImportWorker(ctx: SyncContext): void {
  const create = newWorkerFor(ctx);
  if (!create || spareWorkers.has(ctx.db.name)) return;
  try {
    const worker = create();
    worker.onmessage = () => undefined;
    worker.onerror = (event) => {
      event.preventDefault();
      if (spareWorkers.get(ctx.db.name) === worker) spareWorkers.delete(ctx.db.name);
      worker.terminate();
    };
    worker.postMessage(startAheadRequest(ctx.db.name));
    spareWorkers.set(ctx.db.name, worker);
  } catch {
    // No worker can start here: imports run on this thread, as they would anyway.
  }
}

/** Stops the worker started ahead for this store (the store is closing, or being deleted or replaced). */
export function dropImportWorker(ctx: Pick<SyncContext, 'db'>): void {
  spareWorkers.get(ctx.db.name)?.terminate();
  spareWorkers.delete(ctx.db.name);
}

function workerFactoryFor(ctx: SyncContext): (() => Worker) | null {
  const create = newWorkerFor(ctx);
  if (!create) return null;
  return () => {
    const spare = spareWorkers.get(ctx.db.name);
    spareWorkers.delete(ctx.db.name);
    return spare ?? create();
  };
}

/** Enrols a partner's copy after the two people compared fingerprints. */
export function enrolPartner(ctx: SyncContext, card: IdentityCard): Promise<void> {
  return enrol(ctx, card);
}

/** Revokes a partner's key: its bundles, and its changes forwarded by others, are refused from now on. */
export function revokePartner(ctx: SyncContext, nodeId: string): Promise<void> {
  return revoke(ctx, nodeId);
}

/** Partners with trust, acknowledgements and the last bundle each way. */
export function listPartners(ctx: SyncContext): Promise<PartnerView[]> {
  return partners(ctx);
}

/** This copy's identity card (node id, name, role, public key, fingerprint) to give to a partner. */
export function identityCard(ctx: SyncContext): Promise<IdentityCard & { fingerprint: string }> {
  return cardOf(ctx);
}

/** Conflicts, open ones by default, newest first. */
/** Changes received but held back until changes they follow arrive, one notice per copy and reason. */
export function heldBack(ctx: SyncContext): Promise<HeldBackNotice[]> {
  return heldBackNow(ctx);
}

export function listConflicts(ctx: SyncContext, options: { status?: 'open' | 'resolved' | 'all' } = {}): Promise<ConflictView[]> {
  return conflicts(ctx, options);
}

/** Resolves a conflict: keep the current value, take the other, or write a new one. The resolution syncs. */
export function resolveConflict(ctx: SyncContext, conflictId: string, resolution: ConflictResolution): Promise<void> {
  return resolve(ctx, conflictId, resolution);
}

/** Every import, newest first, with its report. */
export async function importHistory(ctx: SyncContext): Promise<ImportHistoryItem[]> {
  return (await readImports(ctx.db)).map((row) => ({
    id: row.id,
    importedAt: row.at,
    fromNode: row.node,
    fromName: row.entry.sender.name,
    fileName: row.fileName,
    report: row.entry,
  }));
}

/** The key changeMoments answers under for one copy's change: `${node}/${seq}`. */
export function changeKey(node: string, seq: number): string {
  return `${node}/${seq}`;
}

/**
 * When each of the changes asked for was made, as the copy that made it stamped
 * it (ISO), keyed by changeKey; a change this copy does not hold is left out.
 * So the screen can place "up to change no. 29" in time: "up to 3 December
 * 2026 at 14:05". Reads one run per change asked for, never the whole log.
 */
export async function changeMoments(ctx: SyncContext, wanted: ReadonlyArray<{ node: string; seq: number }>): Promise<Map<string, string>> {
  const moments = new Map<string, string>();
  for (const { node, seq } of wanted) {
    const key = changeKey(node, seq);
    if (seq < 1 || moments.has(key)) continue;
    const run = await ctx.db.changeLog.where('[node+firstSeq]').between([node, Dexie.minKey], [node, seq], true, true).last();
    const entry = run && seq <= run.lastSeq ? run.entries[seq - run.firstSeq] : undefined;
    if (!entry) continue;
    try {
      moments.set(key, new Date(parseTimestamp(entry.hlc).millis).toISOString());
    } catch {
      // An unreadable stamp: the change is described without its moment.
    }
  }
  return moments;
}

/** A new value for resolveConflict: re-exported so the screen need not import shared/sync. */
export type ConflictValue = FieldValue;
