/**
 * What set-up asks: the consortium (details and constitution, validated by the domain's
 * consortiumSchema) and who this installation is: its role and its organisation.
 */
import { z } from 'zod';
import { consortiumSchema, ROLE_LABELS, ROLES, type InstallationRole } from '../../../shared/domain/entities';
import { requiredText } from '../../../shared/domain/common';
import type { Choice } from '../../ui/fields';
import { newConsortiumValues } from '../consortium/consortium-form';

/**
 * Who sets a consortium up: only a copy that may write its constitution (the
 * secretariat or the Accountable Body, as on import: shared/sync/authority.ts).
 * The chair and partners join it from the secretariat's bundle instead.
 */
export const SETUP_ROLES = ['secretariat', 'accountable-body'] as const satisfies readonly InstallationRole[];

export const setupSchema = z.object({
  consortium: consortiumSchema,
  role: z.enum(SETUP_ROLES, { error: 'Choose what this computer is used for: the secretariat or the Accountable Body' }),
  organisationName: requiredText('the name of your organisation'),
});

export type SetupFormInput = z.input<typeof setupSchema>;
export type SetupFormOutput = z.output<typeof setupSchema>;

export const ROLE_CHOICES: Choice[] = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export const SETUP_ROLE_CHOICES: Choice[] = SETUP_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function newSetupValues(): SetupFormInput {
  // No role chosen yet: the person must pick one (the select starts on its placeholder).
  return { consortium: newConsortiumValues(), role: undefined as unknown as SetupFormInput['role'], organisationName: '' };
}
