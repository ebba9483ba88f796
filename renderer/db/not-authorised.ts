/**
 * A change this copy may not make, refused before anything is written. The same
 * authority rules every copy applies on import (shared/sync/authority.ts) apply
 * to this copy's own writes, judged by its own role: a change every partner
 * would refuse must not stand here either, or this copy would silently part
 * company with the rest of the consortium.
 */
import { ROLE_LABELS, type InstallationRole } from '../../shared/domain/entities';
import type { AuthorityRefusal } from '../../shared/sync/authority';

function roleList(roles: InstallationRole[]): string {
  const names = roles.map((role) => (role === 'accountable-body' ? 'the Accountable Body' : role === 'partner' ? 'a partner organisation' : `the ${ROLE_LABELS[role].toLowerCase()}`));
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

export class NotAuthorisedError extends Error {
  override name = 'NotAuthorisedError';
  constructor(
    readonly role: InstallationRole | undefined,
    readonly refusal: AuthorityRefusal,
  ) {
    const who = role ? `This computer is used by ${role === 'accountable-body' ? 'the Accountable Body' : role === 'partner' ? 'a partner organisation' : `the ${ROLE_LABELS[role].toLowerCase()}`}` : 'This computer’s role has not been chosen (Settings)';
    const allowed = roleList(refusal.allowed);
    super(`${who}, and only ${allowed} may make this change (${refusal.action}). Nothing was saved.`);
  }
}
