/**
 * Whether this copy's storage is close to full (docs/architecture.md, "Storage health").
 *
 * Not a rule of the constitution but of the computer: a browser that runs short of
 * room refuses writes, and one under disk pressure may clear a site's data unless it
 * is persistent; a backup needs room to be written. So Settings warns while there is
 * still room to act, when either of these holds:
 *  - less than a fifth of the quota the browser gives Quorum is free (over 80% used);
 *  - less than 200 MB is free, however large the quota (a backup of a large copy, and
 *    the copy it is read back into to check it, take tens of MB).
 * The quota is what `navigator.storage.estimate()` reports; Chromium's shrinks as the
 * disk fills, so the first test also catches a disk that is nearly full.
 */

/** The share of the quota Quorum may use before Settings warns. */
export const STORAGE_WARNING_USED_FRACTION = 0.8;

/** The room left, in bytes, below which Settings warns whatever the share used. */
export const STORAGE_WARNING_FREE_BYTES = 200 * 1000 * 1000;

export interface StorageFigures {
  /** Bytes this site holds (IndexedDB and the rest), as estimate() reports. */
  usage: number;
  /** Bytes the browser lets this site hold. */
  quota: number;
}

export type StorageState =
  | { kind: 'unknown' }
  | { kind: 'room'; free: number; usedFraction: number }
  | { kind: 'nearly-full'; free: number; usedFraction: number; why: 'share' | 'room' };

/** Figures a browser gave that cannot be judged: missing, negative, not finite, or no quota. */
function usable(figures: Partial<StorageFigures> | undefined): figures is StorageFigures {
  if (!figures) return false;
  const { usage, quota } = figures;
  return typeof usage === 'number' && typeof quota === 'number' && Number.isFinite(usage) && Number.isFinite(quota) && usage >= 0 && quota > 0;
}

/** How full storage is, and whether it is close enough to full to warn. */
export function storageState(figures: Partial<StorageFigures> | undefined): StorageState {
  if (!usable(figures)) return { kind: 'unknown' };
  const free = Math.max(0, figures.quota - figures.usage);
  const usedFraction = Math.min(1, figures.usage / figures.quota);
  if (usedFraction > STORAGE_WARNING_USED_FRACTION) return { kind: 'nearly-full', free, usedFraction, why: 'share' };
  if (free < STORAGE_WARNING_FREE_BYTES) return { kind: 'nearly-full', free, usedFraction, why: 'room' };
  return { kind: 'room', free, usedFraction };
}
