/** What to tell a person when saving failed, in plain words. */
import { ValidationError } from '../db/repository';

export function describeSaveError(error: unknown): string {
  const names: string[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    names.push(String((e as { name?: unknown }).name));
    e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  if (names.includes('QuotaExceededError')) return 'The disk is full, so nothing was saved. Free some space on the disk, then save again.';
  if (error instanceof ValidationError) return `Nothing was saved: ${error.message}.`;
  if (names.includes('NotAuthorisedError') || names.includes('TooLargeToShareError')) return (error as Error).message;
  // A decision or an election refused before anything was written (renderer/features/decisions/decision-actions.ts).
  if (names.includes('DecisionRefused')) return `Nothing was recorded: ${(error as Error).message}`;
  if (names.includes('ConsortiumAlreadySetUpError')) return 'A consortium is already set up on this computer, so nothing was saved.';
  if (names.includes('RecordNotFoundError')) return 'That record no longer exists, so nothing was saved. It may have been removed by a change from a partner.';
  return `Nothing was saved because the data store reported a problem (${error instanceof Error ? error.message : String(error)}). Try again; if it keeps happening, restart Quorum.`;
}
