/**
 * Which roles may make which changes, judged on import for every field of every
 * incoming change. A change from an origin without the authority is refused
 * and listed in the import report; the rest of the same bundle still applies.
 *
 * The origin's role is the one this copy has enrolled for it (partnerNodes, or
 * this copy's own trust list), never what a bundle claims. The decision depends
 * only on the change itself and that role (not on the record's current state),
 * so every copy that has enrolled the same roles reaches the same decision and
 * the copies converge.
 */
import { ROLE_IN_A_SENTENCE, type InstallationRole } from '../domain/entities';
import type { FieldValue, SyncedTable } from './change';

export interface AuthorityRefusal {
  /** The roles that may make this change. */
  allowed: InstallationRole[];
  /** Plain words: what the change was. */
  action: string;
}

const AB: InstallationRole[] = ['accountable-body'];
const CHAIR_OR_AB: InstallationRole[] = ['chair', 'accountable-body'];
const AB_OR_SECRETARIAT: InstallationRole[] = ['accountable-body', 'secretariat'];

function rule(table: SyncedTable, field: string, value: FieldValue): AuthorityRefusal | null {
  switch (table) {
    case 'partnerClaims':
      // Partnership Agreement 8.1: the Accountable Body processes and pays members' claims.
      if (field === 'status' && (value === 'approved' || value === 'paid' || value === 'rejected')) {
        return { allowed: AB, action: `marking a partner’s claim ${String(value)}` };
      }
      return null;
    case 'funderClaims':
      // Partnership Agreement 8.1: the Accountable Body prepares and makes the consortium's claims to funders.
      if (field === 'status' && (value === 'submitted' || value === 'paid')) {
        return { allowed: AB, action: `marking a claim to a funder ${String(value)}` };
      }
      return null;
    case 'motions':
      // Partnership Agreement 8.2: only the Accountable Body may override a decision contrary to funder terms.
      if (field === 'outcome' && value === 'overridden') return { allowed: AB, action: 'overriding a consortium decision' };
      return null;
    case 'applications':
      // Partnership Agreement 5.3: the Chair decides applications (the Accountable Body handles them).
      if (field === 'status' && (value === 'admitted' || value === 'refused')) {
        return { allowed: CHAIR_OR_AB, action: `deciding a membership application (${String(value)})` };
      }
      return null;
    case 'consortium':
      if (field === 'constitution') return { allowed: AB_OR_SECRETARIAT, action: 'changing the constitution settings' };
      return null;
    case 'partnerNodes':
      // The consortium's register of copies decides whose bundles everyone trusts: only those who run the consortium keep it.
      return { allowed: AB_OR_SECRETARIAT, action: 'changing the consortium’s list of enrolled copies' };
    default:
      return null;
  }
}

/** Null when `role` may set `table.field` to `value`; otherwise why not. An unknown role has no authority for guarded changes. */
export function refusalFor(role: InstallationRole | undefined, table: SyncedTable, field: string, value: FieldValue): AuthorityRefusal | null {
  const guarded = rule(table, field, value);
  if (!guarded) return null;
  return role !== undefined && guarded.allowed.includes(role) ? null : guarded;
}

/** Who may make a guarded change, in words: "the chair or the Accountable Body". */
export function whoMay(refusal: AuthorityRefusal): string {
  const names = refusal.allowed.map((role) => ROLE_IN_A_SENTENCE[role]);
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** May this role vouch for other copies (its partnerNodes rows count as enrolments everywhere)? */
export function introducesPartners(role: InstallationRole | undefined): boolean {
  return role === 'secretariat' || role === 'accountable-body';
}
