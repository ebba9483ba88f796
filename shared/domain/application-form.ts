/**
 * A membership application as the form takes it (Partnership Agreement 5.2):
 * contact and organisational information, for each of the consortium's
 * criteria whether it is claimed and how it is met, and the level of work
 * dedicated to such support. The form's values become an application record
 * (applicationSchema) with the criteria and the number needed as the
 * constitution lists them today, so the application is judged by the rule in
 * force when it was received (shared/rules/lifecycles.ts).
 */
import { z } from 'zod';
import { isoDate, optionalEmail, optionalText, requiredText } from './common';
import { ORGANISATION_KINDS, type Application } from './entities';
import type { Constitution } from '../rules/constitution';

export const applicationFormSchema = z.object({
  organisationName: requiredText('the applicant’s name'),
  kind: z.enum(ORGANISATION_KINDS).default('other'),
  area: optionalText('the area it works in', 200),
  address: optionalText('the address', 500),
  website: optionalText('the website', 200),
  charityNumber: optionalText('the charity number', 40),
  companyNumber: optionalText('the company number', 40),
  contactName: requiredText('a contact name'),
  contactEmail: optionalEmail,
  contactPhone: optionalText('the telephone number', 40),
  /** One entry per criterion of the constitution, in its order. */
  criteria: z.array(
    z
      .object({
        claimed: z.boolean().default(false),
        evidence: z.string().trim().max(2000, 'Say how it is met in 2,000 characters or fewer').default(''),
      })
      // Partnership Agreement 5.2: an application says how each claimed criterion is met.
      .refine((c) => !c.claimed || c.evidence !== '', { message: 'Say how the organisation meets this criterion, or untick it', path: ['evidence'] }),
  ),
  levelOfWork: optionalText('the level of work', 2000),
  receivedOn: isoDate('the date it was received'),
});
export type ApplicationFormInput = z.input<typeof applicationFormSchema>;
export type ApplicationFormOutput = z.output<typeof applicationFormSchema>;

/** The form's values for a new application, or for one already received. */
export function applicationFormValues(criteria: readonly string[], today: string, application?: Application): ApplicationFormInput {
  return {
    organisationName: application?.organisationName ?? '',
    kind: application?.kind ?? 'other',
    area: application?.area ?? '',
    address: application?.address ?? '',
    website: application?.website ?? '',
    charityNumber: application?.charityNumber ?? '',
    companyNumber: application?.companyNumber ?? '',
    contactName: application?.contactName ?? '',
    contactEmail: application?.contactEmail ?? '',
    contactPhone: application?.contactPhone ?? '',
    criteria: criteria.map((_, i) => {
      const evidence = application?.criteriaEvidence[String(i)] ?? '';
      return { claimed: evidence.trim() !== '', evidence };
    }),
    levelOfWork: application?.levelOfWork ?? '',
    receivedOn: application?.receivedOn ?? today,
  };
}

/**
 * The application record the form's values make. `criteria` is the list the
 * form showed: a new application records it and the number needed from the
 * constitution; one already received keeps what it recorded.
 */
export function applicationOf(values: ApplicationFormOutput, constitution: Pick<Constitution, 'membershipCriteria' | 'minimumCriteriaMet'>, existing?: Application) {
  const criteriaEvidence: Record<string, string> = {};
  values.criteria.forEach((c, i) => {
    if (c.claimed && c.evidence !== '') criteriaEvidence[String(i)] = c.evidence;
  });
  const { criteria: _shown, ...details } = values;
  return {
    ...details,
    criteriaEvidence,
    // Partnership Agreement 5.1: the criteria and the number needed when it was received.
    criteria: existing && existing.criteria.length > 0 ? existing.criteria : [...constitution.membershipCriteria],
    criteriaRequired: existing && existing.criteria.length > 0 ? existing.criteriaRequired : constitution.minimumCriteriaMet,
    organisationId: existing?.organisationId ?? '',
  };
}
