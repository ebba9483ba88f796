/**
 * The window's side of the import worker. previewInWorker starts a worker for
 * one bundle, sends it the file, relays progress and returns the preview; the
 * worker keeps the verified plan, so applying needs the same worker, and the
 * preview carries it. applyInWorker applies and stops the worker;
 * discardWorkerPreview stops it when the person cancels. After an apply the
 * window's clock is moved past the one the worker stored.
 */
import { formatTimestamp } from '../../../shared/sync/hlc';
import type { SyncContext } from './context';
import type { BundlePreview } from './import-bundle';
import type { ImportReport } from './import-report';
import type { ProgressListener } from './import-plan';
import { rebuiltError, type WorkerRequest, type WorkerResponse } from './import-worker-protocol';

export class WorkerUnavailableError extends Error {
  override name = 'WorkerUnavailableError';
}

function ask<T extends WorkerResponse['type']>(
  worker: Worker,
  request: WorkerRequest,
  expect: T,
  onProgress: ProgressListener | undefined,
): Promise<Extract<WorkerResponse, { type: T }>> {
  return new Promise((resolve, reject) => {
    let answered = false;
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.id !== request.id) return;
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'error') {
        answered = true;
        reject(rebuiltError(message.error));
      } else if (message.type === expect) {
        answered = true;
        resolve(message as Extract<WorkerResponse, { type: T }>);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (!answered) reject(new WorkerUnavailableError(event.message || 'The import worker could not start'));
    };
    worker.postMessage(request);
  });
}

function nowMillisOf(ctx: SyncContext): number | undefined {
  return ctx.now ? ctx.now().getTime() : undefined;
}

export async function previewInWorker(
  ctx: SyncContext,
  createWorker: () => Worker,
  bytes: Uint8Array,
  fileName: string,
  onProgress?: ProgressListener,
): Promise<BundlePreview> {
  const worker = createWorker();
  const id = crypto.randomUUID();
  try {
    const { preview } = await ask(worker, { type: 'preview', id, databaseName: ctx.db.name, bytes, fileName, nowMillis: nowMillisOf(ctx) }, 'preview', onProgress);
    return { ...preview, plan: { ...preview.plan, worker: { previewId: id, handle: worker } } };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

export async function applyInWorker(ctx: SyncContext, preview: BundlePreview, onProgress?: ProgressListener): Promise<ImportReport> {
  const plan = preview.plan;
  if (!plan.worker) throw new WorkerUnavailableError('This preview was not made by the import worker');
  const worker = plan.worker.handle;
  try {
    const { report } = await ask(
      worker,
      { type: 'apply', id: crypto.randomUUID(), databaseName: plan.databaseName, previewId: plan.worker.previewId, nowMillis: nowMillisOf(ctx) },
      'report',
      onProgress,
    );
    const installation = await ctx.db.installation.get('self');
    if (installation) {
      try {
        ctx.clock.receive(formatTimestamp(installation.clock.millis, installation.clock.counter, installation.nodeId));
      } catch {
        // The stored clock is what matters; this one catches up at the next start.
      }
    }
    return report;
  } finally {
    worker.terminate();
  }
}

/** Stops the worker holding a preview the person did not accept. Nothing to do for an in-thread preview. */
export function discardWorkerPreview(preview: BundlePreview): void {
  preview.plan.worker?.handle.terminate();
}
