/**
 * The import worker: reads, checks, previews and applies a bundle off the
 * window's thread (docs/architecture.md, "Performance": large imports run
 * off the main thread; Dexie works in a Web Worker). It opens the same database by name, keeps each
 * preview's plan (the verified bundle) until it is applied, and reports
 * progress as it goes. Started and stopped by import-in-worker.ts.
 */
import { QuorumDatabase } from '../database';
import { clockFor } from '../installation';
import { applyBundle, previewBundle, type BundlePreview } from './import-bundle';
import type { SyncContext } from './context';
import { postedError, STARTED_AHEAD, type WorkerRequest, type WorkerResponse } from './import-worker-protocol';
import { installationOf } from './identity';
import type { Progress } from './import-plan';
import { warmUpMerge } from '../../../shared/sync/warm-up';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}

const scope = globalThis as unknown as WorkerScope;
const previews = new Map<string, BundlePreview>();

/**
 * The store and a clock for it, made at the first request (the one that starts
 * the worker ahead, when there is one) and kept: a bundle's preview starts
 * without waiting for the installation. The window's writes move the stored
 * clock meanwhile, not this one; the apply moves past whichever is later
 * (import-bundle.ts), so a clock behind the store's loses nothing.
 */
const contexts = new Map<string, Promise<Pick<SyncContext, 'db' | 'clock'>>>();

async function contextFor(databaseName: string, nowMillis: number | undefined): Promise<SyncContext> {
  let made = contexts.get(databaseName);
  if (!made) {
    const db = new QuorumDatabase(databaseName);
    made = installationOf(db).then((installation) => ({ db, clock: clockFor(installation) }));
    contexts.set(databaseName, made);
    // A store not set up yet is tried again at the next request.
    made.catch(() => contexts.delete(databaseName));
  }
  return { ...(await made), ...(nowMillis === undefined ? {} : { now: () => new Date(nowMillis) }) };
}

async function handle(request: WorkerRequest): Promise<void> {
  const onProgress = (progress: Progress) => scope.postMessage({ type: 'progress', id: request.id, progress });
  const ctx = await contextFor(request.databaseName, request.nowMillis);
  if (request.type === 'preview') {
    const preview = await previewBundle(ctx, request.bytes, request.fileName, { onProgress });
    previews.set(request.id, preview);
    const { computed: _computed, ...plan } = preview.plan;
    // Everything but the runs and what the preview computed, which stay here until the apply.
    const bundle = { ...plan.bundle, origins: plan.bundle.origins.map((origin) => ({ ...origin, runs: [] })) };
    scope.postMessage({ type: 'preview', id: request.id, preview: { ...preview, plan: { ...plan, kind: 'worker', bundle } } });
    return;
  }
  const preview = previews.get(request.previewId);
  if (!preview) throw new Error('This preview has expired: open the bundle again.');
  const report = await applyBundle(ctx, preview, { onProgress });
  previews.delete(request.previewId);
  scope.postMessage({ type: 'report', id: request.id, report });
}

/**
 * Rounds of the warm-up (shared/sync/warm-up.ts), each a task of its own, so a
 * request arriving meanwhile waits at most one round, and stops the rest. V8
 * compiles the merge's code fully only after it has run many times: in Node, a
 * partner's 1,000 changes merged in 20–30 ms after one round and about 6 ms
 * after ten (docs/architecture.md, "Performance").
 */
const WARM_UP_ROUNDS = 10;
const WARM_UP_CHANGES = 1000;
let requestsReceived = 0;

async function warmUp(): Promise<void> {
  const seen = requestsReceived;
  for (let round = 0; round < WARM_UP_ROUNDS && requestsReceived === seen; round++) {
    warmUpMerge(WARM_UP_CHANGES);
    await new Promise((next) => setTimeout(next, 0));
  }
}

scope.onmessage = (event) => {
  requestsReceived++;
  const done = handle(event.data).catch((error: unknown) => scope.postMessage({ type: 'error', id: event.data.id, error: postedError(error) }));
  // Started ahead, with time before a bundle is chosen: the merge's code is warmed once the store is open.
  if (event.data.id === STARTED_AHEAD) {
    void done.then(warmUp).catch(() => {
      // Only a warm-up: the import that follows merges as it would have anyway.
    });
  }
};
