/**
 * Messages between the window and the import worker (import-worker.ts), and
 * how a refusal crosses between them: errors lose their class when posted, so
 * a BundleRefusedError is sent as its name and fields and rebuilt on arrival as
 * the same class, with the same message, so the Sync screen can tell them apart.
 */
import * as refusals from '../../../shared/sync/bundle-errors';
import type { BundlePreview } from './import-bundle';
import type { ImportReport } from './import-report';
import type { Progress } from './import-plan';

export type WorkerRequest =
  | { type: 'preview'; id: string; databaseName: string; bytes: Uint8Array; fileName: string; nowMillis?: number }
  | { type: 'apply'; id: string; databaseName: string; previewId: string; nowMillis?: number };

/** The id of the request that starts a worker ahead (renderer/features/sync/service.ts prepareImportWorker): no import waits on its answer. */
export const STARTED_AHEAD = 'warm';

/**
 * The request that starts a worker ahead: to apply a preview it does not hold, so it
 * opens the store and reads the installation as a real request would, then says it has
 * no such preview; the worker then warms the merge's code (import-worker.ts).
 */
export function startAheadRequest(databaseName: string): WorkerRequest {
  return { type: 'apply', id: STARTED_AHEAD, databaseName, previewId: 'none', nowMillis: Date.now() };
}

/** A preview as it crosses: the plan's runs stay in the worker. */
export type PostedPreview = BundlePreview;

export interface PostedError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

export type WorkerResponse =
  | { type: 'progress'; id: string; progress: Progress }
  | { type: 'preview'; id: string; preview: PostedPreview }
  | { type: 'report'; id: string; report: ImportReport }
  | { type: 'error'; id: string; error: PostedError };

export function postedError(error: unknown): PostedError {
  if (error instanceof Error) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(error)) {
      if (key !== 'name' && key !== 'message') fields[key] = value;
    }
    return { name: error.name, message: error.message, fields };
  }
  return { name: 'Error', message: String(error), fields: {} };
}

/**
 * Refusal classes by the name each gives its errors. Matched on the export
 * name, not the class's own `name`: a minified build renames classes, but a
 * module namespace keeps its export names, and each class's errors carry its
 * export name as an explicit string.
 */
const REFUSAL_CLASSES = new Map<string, { prototype: object }>(
  Object.entries(refusals).filter(
    (entry): entry is [string, typeof refusals.BundleRefusedError] =>
      typeof entry[1] === 'function' && entry[1].prototype instanceof refusals.BundleRefusedError,
  ),
);

/** The error as it was thrown in the worker: a BundleRefusedError keeps its class. */
export function rebuiltError(posted: PostedError): Error {
  const refusal = REFUSAL_CLASSES.get(posted.name);
  const error = Object.create((refusal ?? Error).prototype) as Error;
  Object.assign(error, posted.fields, { message: posted.message });
  Object.defineProperty(error, 'name', { value: posted.name, enumerable: false, configurable: true, writable: true });
  return error;
}
