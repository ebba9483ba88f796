/**
 * Enrolling the sender of a bundle this copy does not know: the person checks
 * the name and role the bundle claims, and confirms that the fingerprint on
 * screen matches the one the partner read out (by telephone or in person).
 * Enrolment without that confirmation is refused: it is the whole point.
 */
import { z } from 'zod';
import { ROLE_LABELS, ROLES } from '../../../shared/domain/entities';
import { requiredText } from '../../../shared/domain/common';
import type { BundleSenderIdentity, IdentityCard } from './service';

export const enrolSchema = z.object({
  name: requiredText('the partner’s name'),
  role: z.enum(ROLES, { error: 'Choose the partner’s role' }),
  /** The member organisation in the register the copy belongs to; '' when it is not in the register. */
  organisationId: z.string(),
  fingerprintMatches: z.literal(true, { error: 'Confirm that every group of the fingerprint matches what the partner read out' }),
});

export type EnrolFormInput = z.input<typeof enrolSchema>;
export type EnrolFormOutput = z.output<typeof enrolSchema>;

export const ROLE_CHOICES = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

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
  return { name: sender.name, role: sender.role, organisationId: organisationNamed(sender.name, organisations), fingerprintMatches: false as unknown as true };
}

/** The identity card to enrol: the key and id from the bundle, the name, role and organisation as the person confirmed them. */
export function cardFrom(sender: BundleSenderIdentity, values: EnrolFormOutput): IdentityCard {
  return { node: sender.node, publicKey: sender.publicKey, name: values.name, role: values.role, ...(values.organisationId ? { organisationId: values.organisationId } : {}) };
}
