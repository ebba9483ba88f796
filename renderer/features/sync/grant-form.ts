/**
 * Granting a role on the Sync page: an office, one of the copies enrolled in
 * the consortium's register, and the date it takes effect. The grant written
 * is a role grant (shared/domain/entities.ts roleGrantSchema): written once,
 * carried to the other copies in the next bundle; a later grant of the same
 * office replaces it (shared/sync/roles.ts).
 */
import { z } from 'zod';
import { OFFICES, ROLE_LABELS, type Office } from '../../../shared/domain/entities';
import { isoDate, optionalText } from '../../../shared/domain/common';
import { grantIdFor } from '../../../shared/sync/roles';

export const grantFormSchema = z.object({
  grant: z.object({
    office: z.enum(OFFICES, { error: 'Choose the office to grant' }),
    node: z.string().min(1, 'Choose the copy that takes on the office'),
    from: z.string().min(1, 'Enter the date it takes effect').pipe(isoDate('the date it takes effect')),
    note: optionalText('the note', 500),
  }),
});
export type GrantFormInput = z.input<typeof grantFormSchema>;
export type GrantFormOutput = z.output<typeof grantFormSchema>;

export const OFFICE_CHOICES = OFFICES.map((office) => ({ value: office, label: ROLE_LABELS[office] }));

/** An enrolled copy as the register holds it (partnerNodes). */
export interface RegisteredCopy {
  id: string;
  name: string;
  organisationId: string;
  trust: 'trusted' | 'revoked';
  deleted?: boolean;
}

export interface CopyChoice {
  value: string;
  label: string;
  organisationId: string;
}

/**
 * The copies an office can be granted to: those enrolled in the register and
 * trusted, named by their organisation ("Voluntary Action Luton"); two copies
 * of one organisation are told apart by their enrolled name, or their id; a copy not linked to an
 * organisation says so.
 */
export function copyChoices(copies: readonly RegisteredCopy[], organisations: ReadonlyMap<string, string>, self: string): CopyChoice[] {
  const usable = copies.filter((copy) => !copy.deleted && copy.trust === 'trusted' && copy.id !== self);
  const base = usable.map((copy) => {
    const organisation = copy.organisationId ? organisations.get(copy.organisationId) : undefined;
    return { copy, label: organisation ?? `${copy.name} (not linked to a member organisation)` };
  });
  const counts = new Map<string, number>();
  for (const { label } of base) counts.set(label, (counts.get(label) ?? 0) + 1);
  return base
    .map(({ copy, label }) => ({
      value: copy.id,
      label: (counts.get(label) ?? 0) > 1 ? `${label}, ${copy.name && copy.name !== label ? `copy “${copy.name}”` : `copy ${copy.id.slice(0, 8)}`}` : label,
      organisationId: copy.organisationId,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

/** The form's starting values: no office or copy chosen, the date today. */
export function newGrantValues(today: string): GrantFormInput {
  return { grant: { office: '' as Office, node: '', from: today, note: '' } };
}

/** What repositories.roleGrants.create is given. */
export function grantRecord(values: GrantFormOutput, organisationId: string) {
  const { office, node, from, note } = values.grant;
  return { office, node, organisationId, from, note };
}

/** The id the grant will have (one per office, copy and start date). */
export function grantIdOf(values: GrantFormOutput): string {
  return grantIdFor(values.grant);
}
