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
  fingerprintMatches: z.literal(true, { error: 'Confirm that every group of the fingerprint matches what the partner read out' }),
});

export type EnrolFormInput = z.input<typeof enrolSchema>;
export type EnrolFormOutput = z.output<typeof enrolSchema>;

export const ROLE_CHOICES = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function enrolValuesFor(sender: BundleSenderIdentity): EnrolFormInput {
  return { name: sender.name, role: sender.role, fingerprintMatches: false as unknown as true };
}

/** The identity card to enrol: the key and id from the bundle, the name and role as the person confirmed them. */
export function cardFrom(sender: BundleSenderIdentity, values: EnrolFormOutput): IdentityCard {
  return { node: sender.node, publicKey: sender.publicKey, name: values.name, role: values.role };
}
