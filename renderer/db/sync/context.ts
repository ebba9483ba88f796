/**
 * What sync operations are given: the store and this copy's clock (as every
 * writer is), and optionally the time, for tests. Nothing global.
 */
import type { WriteContext } from '../writer';

export interface SyncContext extends WriteContext {
  /** The current time; defaults to the system clock. */
  now?: () => Date;
  /**
   * Starts the import worker. Left out: the app's own worker where the platform has
   * Web Workers (the window), none elsewhere (tests). null: import on this thread.
   */
  importWorker?: (() => Worker) | null;
}

export function nowOf(ctx: SyncContext): Date {
  return ctx.now ? ctx.now() : new Date();
}

/** Yields to the event loop so the window can repaint and respond between chunks of work. */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** True for the browser's "disk full" error, however Dexie wraps it. */
export function isQuotaError(error: unknown): boolean {
  for (let e = error as { name?: string; inner?: unknown } | undefined, depth = 0; e && depth < 5; e = e.inner as typeof e, depth++) {
    if (e.name === 'QuotaExceededError') return true;
  }
  return false;
}
