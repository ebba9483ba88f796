/**
 * A change this copy may not make, refused before anything is written. The same
 * authority rules every copy applies on import (shared/sync/authority.ts) apply
 * to this copy's own writes, judged by its own role: a change every partner
 * would refuse must not stand here either, or this copy would silently part
 * company with the rest of the consortium.
 */
import { ROLE_IN_A_SENTENCE, type InstallationRole } from '../../shared/domain/entities';
import { whoMay, type AuthorityRefusal } from '../../shared/sync/authority';

export class NotAuthorisedError extends Error {
  override name = 'NotAuthorisedError';
  constructor(
    readonly role: InstallationRole | undefined,
    readonly refusal: AuthorityRefusal,
  ) {
    const who = role ? `This computer is used by ${ROLE_IN_A_SENTENCE[role]}` : 'This computer’s role has not been chosen (Settings)';
    super(`${who}, and only ${whoMay(refusal)} may make this change (${refusal.action}). Nothing was saved.`);
  }
}
