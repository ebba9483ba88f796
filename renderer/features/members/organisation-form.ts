/**
 * An organisation as the Members page edits it: the organisation's own record
 * (organisationSchema) and its named representative (Partnership Agreement 7.1), kept
 * in the representatives table. Saving writes both through the repositories in one
 * transaction; only fields that changed are logged.
 */
import { authorityTables } from '../../db/authority';
import { z } from 'zod';
import { optionalEmail, optionalText } from '../../../shared/domain/common';
import {
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_STATUS_LABELS,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  organisationSchema,
  type Organisation,
  type Representative,
} from '../../../shared/domain/entities';
import type { ReadyStore } from '../../db/open';
import type { Choice } from '../../ui/fields';

export const organisationFormSchema = z.object({
  organisation: organisationSchema,
  representative: z.object({
    name: optionalText('the representative’s name', 200),
    jobTitle: optionalText('the job title', 200),
    email: optionalEmail,
    phone: optionalText('the telephone number', 40),
  }),
});
export type OrganisationFormInput = z.input<typeof organisationFormSchema>;
export type OrganisationFormOutput = z.output<typeof organisationFormSchema>;

export const KIND_CHOICES: Choice[] = ORGANISATION_KINDS.map((kind) => ({ value: kind, label: ORGANISATION_KIND_LABELS[kind] }));

export const STATUS_CHOICES: Choice[] = MEMBERSHIP_STATUSES.map((status) => ({ value: status, label: MEMBERSHIP_STATUS_LABELS[status] }));

export function organisationValuesOf(organisation?: Organisation, representative?: Representative): OrganisationFormInput {
  return {
    organisation: {
      name: organisation?.name ?? '',
      kind: organisation?.kind ?? 'other',
      status: organisation?.status ?? 'member',
      joinedOn: organisation?.joinedOn ?? '',
      resignedOn: organisation?.resignedOn ?? '',
      address: organisation?.address ?? '',
      email: organisation?.email ?? '',
      phone: organisation?.phone ?? '',
      website: organisation?.website ?? '',
      servicesProvided: [...(organisation?.servicesProvided ?? [])],
    },
    representative: {
      name: representative?.name ?? '',
      jobTitle: representative?.jobTitle ?? '',
      email: representative?.email ?? '',
      phone: representative?.phone ?? '',
    },
  };
}

/** The organisation's named representative (not a substitute), if it has one. */
export function namedRepresentative(representatives: Representative[], organisationId: string): Representative | undefined {
  return representatives.find((r) => r.organisationId === organisationId && r.kind === 'representative' && !r.deleted);
}

export async function saveOrganisation(
  store: Pick<ReadyStore, 'db' | 'repositories'>,
  existing: { organisationId?: string; representativeId?: string },
  values: OrganisationFormOutput,
): Promise<string> {
  const { db, repositories: repos } = store;
  return db.transaction('rw', [db.organisations, db.representatives, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const organisationId = existing.organisationId ?? (await repos.organisations.create(values.organisation));
    if (existing.organisationId) await repos.organisations.update(organisationId, values.organisation);

    const representative = values.representative;
    if (existing.representativeId && representative.name === '') {
      await repos.representatives.remove(existing.representativeId);
    } else if (existing.representativeId) {
      await repos.representatives.update(existing.representativeId, representative);
    } else if (representative.name !== '') {
      await repos.representatives.create({ ...representative, organisationId, kind: 'representative' });
    }
    return organisationId;
  });
}
