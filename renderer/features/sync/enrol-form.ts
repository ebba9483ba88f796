/**
 * Enrolling the sender of a bundle this copy does not know: the person checks
 * the name the bundle gives, and confirms that the fingerprint on screen
 * matches the one the partner read out (by telephone or in person).
 * Enrolment without that confirmation is refused: it is the whole point.
 *
 * The role is not the person's to choose, nor the bundle's to claim: the copy
 * is enrolled with the role the consortium has granted it (its role grants,
 * shared/sync/roles.ts), else as a partner organisation, and the screen says
 * so when the bundle claims more.
 */
import { z } from 'zod';
import { ROLE_IN_A_SENTENCE, type InstallationRole, type Office } from '../../../shared/domain/entities';
import { requiredText } from '../../../shared/domain/common';
import { roleOfOffices } from '../../../shared/sync/authority';
import { officesInASentence } from './roles-words';
import type { BundleSenderIdentity, IdentityCard } from './service';

export const enrolSchema = z.object({
  name: requiredText('the partner’s name'),
  /** The member organisation in the register the copy belongs to; '' when it is not in the register. */
  organisationId: z.string(),
  fingerprintMatches: z.literal(true, { error: 'Confirm that every group of the fingerprint matches what the partner read out' }),
});

export type EnrolFormInput = z.input<typeof enrolSchema>;
export type EnrolFormOutput = z.output<typeof enrolSchema>;

/** The role a copy is enrolled with: what its granted offices add up to, else a partner organisation's. */
export function enrolledRole(granted: readonly Office[]): InstallationRole {
  return roleOfOffices(new Set(granted));
}

/**
 * What the screen says about the sender's role: the consortium's grants, never
 * the bundle's claim. "Its bundle calls it the Accountable Body; the consortium
 * has granted it no office." `inConsortium` is false on a copy still joining,
 * which learns the roles from the very bundle being opened.
 */
export function enrolRoleWords(claimed: InstallationRole, granted: readonly Office[], inConsortium: boolean): string {
  const claim = `Its bundle calls it ${ROLE_IN_A_SENTENCE[claimed]}`;
  if (!inConsortium) return `${claim}; this copy learns who holds which office from the consortium’s own role grants, which come with the bundle.`;
  if (granted.length === 0) return claimed === 'partner' ? 'The consortium has granted it no office.' : `${claim}; the consortium has granted it no office.`;
  const offices = officesInASentence(granted);
  return enrolledRole(granted) === claimed && granted.length === 1 ? `The consortium has granted it ${offices}, as its bundle says.` : `${claim}; the consortium has granted it ${offices}.`;
}

/** Names compared the way people write them: case, accents, "&"/"and" and punctuation aside. */
function comparable(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The organisation in the register whose name is the one the sender gives (its copy is named after its organisation), if exactly one. */
export function organisationNamed(name: string, organisations: ReadonlyArray<{ id: string; name: string }>): string {
  const wanted = comparable(name);
  const matches = organisations.filter((organisation) => comparable(organisation.name) === wanted);
  return matches.length === 1 ? matches[0]!.id : '';
}

export function enrolValuesFor(sender: BundleSenderIdentity, organisations: ReadonlyArray<{ id: string; name: string }> = []): EnrolFormInput {
  return { name: sender.name, organisationId: organisationNamed(sender.name, organisations), fingerprintMatches: false as unknown as true };
}

/**
 * The identity card to enrol: the key and id from the bundle, the name and
 * organisation as the person confirmed them, and the role the consortium has
 * granted the copy (`granted`, its offices now), whatever the bundle claims.
 */
export function cardFrom(sender: BundleSenderIdentity, values: EnrolFormOutput, granted: readonly Office[] = []): IdentityCard {
  return {
    node: sender.node,
    publicKey: sender.publicKey,
    name: values.name,
    role: enrolledRole(granted),
    ...(values.organisationId ? { organisationId: values.organisationId } : {}),
  };
}
