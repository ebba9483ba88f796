/**
 * A change this copy may not make, refused before anything is written. The same
 * rules every copy applies on import (shared/sync/authority.ts) apply to this
 * copy's own writes, judged by the roles granted to it now: a change every
 * partner would refuse must not stand here either, or this copy would silently
 * part company with the rest of the consortium.
 */
import type { Refusal } from '../../shared/sync/authority';

export class NotAuthorisedError extends Error {
  override name = 'NotAuthorisedError';
  constructor(readonly refusal: Refusal) {
    super(`This copy cannot ${refusal.action}: ${refusal.reason}. Nothing was saved.`);
  }
}
