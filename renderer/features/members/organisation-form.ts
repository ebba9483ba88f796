/**
 * An organisation as the Members page edits it: the organisation's own record
 * (organisationSchema), its named representative and named substitute (Partnership
 * Agreement 7.1, 7.2), kept in the representatives table with the dates each held
 * the post. Saving writes them through the repositories in one transaction; only
 * fields that changed are logged. A different person in a post closes the old
 * holder's record and starts a new one, so the records are the post's history
 * (docs/architecture.md, "The register").
 */
import { authorityTables } from '../../db/authority';
import { z } from 'zod';
import { isoDate, optionalEmail, optionalText } from '../../../shared/domain/common';
import {
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_STATUS_LABELS,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  organisationSchema,
  type Organisation,
  type Representative,
} from '../../../shared/domain/entities';
import { addCalendarDays } from '../../../shared/rules/calendar-date';
import { refusals, registerProblems } from '../../../shared/rules/register';
import type { ReadyStore } from '../../db/open';
import type { Choice } from '../../ui/fields';

export type Post = 'representative' | 'substitute';

const personSchema = (who: string) =>
  z.object({
    name: optionalText(`the ${who}’s name`, 200),
    jobTitle: optionalText('the job title', 200),
    email: optionalEmail,
    phone: optionalText('the telephone number', 40),
    from: isoDate(`the date the ${who} took the post`).or(z.literal('')).default(''),
  });

/** Rules a save must meet whatever the day (registerProblems' refusals); the day is only read by flags. */
const NO_CRITERIA = { membershipCriteria: [] as string[], minimumCriteriaMet: 0 };

export const organisationFormSchema = z
  .object({
    organisation: organisationSchema,
    representative: personSchema('representative'),
    substitute: personSchema('substitute'),
  })
  .superRefine((values, ctx) => {
    for (const problem of refusals(registerProblems(values.organisation, { today: '2000-01-01', constitution: NO_CRITERIA }))) {
      ctx.addIssue({ code: 'custom', path: ['organisation', problem.field], message: problem.message });
    }
  });
export type OrganisationFormInput = z.input<typeof organisationFormSchema>;
export type OrganisationFormOutput = z.output<typeof organisationFormSchema>;

export const KIND_CHOICES: Choice[] = ORGANISATION_KINDS.map((kind) => ({ value: kind, label: ORGANISATION_KIND_LABELS[kind] }));

export const STATUS_CHOICES: Choice[] = MEMBERSHIP_STATUSES.map((status) => ({ value: status, label: MEMBERSHIP_STATUS_LABELS[status] }));

const personValues = (person?: Representative) => ({
  name: person?.name ?? '',
  jobTitle: person?.jobTitle ?? '',
  email: person?.email ?? '',
  phone: person?.phone ?? '',
  from: person?.from ?? '',
});

export function organisationValuesOf(organisation?: Organisation, representative?: Representative, substitute?: Representative): OrganisationFormInput {
  const o = organisation;
  return {
    organisation: {
      name: o?.name ?? '',
      kind: o?.kind ?? 'other',
      status: o?.status ?? 'member',
      appliedOn: o?.appliedOn ?? '',
      joinedOn: o?.joinedOn ?? '',
      coOptedOn: o?.coOptedOn ?? '',
      resignedOn: o?.resignedOn ?? '',
      refusedOn: o?.refusedOn ?? '',
      archived: o?.archived ?? false,
      area: o?.area ?? '',
      address: o?.address ?? '',
      email: o?.email ?? '',
      phone: o?.phone ?? '',
      website: o?.website ?? '',
      charityNumber: o?.charityNumber ?? '',
      companyNumber: o?.companyNumber ?? '',
      servicesProvided: [...(o?.servicesProvided ?? [])],
      levelOfWork: o?.levelOfWork ?? '',
      resignationReceivedOn: o?.resignationReceivedOn ?? '',
      resignationLetter: o?.resignationLetter ?? '',
      resignationAttachmentId: o?.resignationAttachmentId ?? '',
    },
    representative: personValues(representative),
    substitute: personValues(substitute),
  };
}

/** Whether a holder's term covers a day: from '' (not known) or on or before it, until '' or on or after it. */
function holdsOn(person: Representative, day: string): boolean {
  const from = person.from ?? '';
  const until = person.until ?? '';
  return (from === '' || from <= day) && (until === '' || until >= day);
}

/** Who holds a post for an organisation on a day (the latest to take it, when records overlap). */
export function postHolder(representatives: readonly Representative[], organisationId: string, post: Post, day: string): Representative | undefined {
  return representatives
    .filter((r) => r.organisationId === organisationId && !r.deleted && (r.kind ?? 'representative') === post && holdsOn(r, day))
    .sort((a, b) => ((a.from ?? '') < (b.from ?? '') ? 1 : (a.from ?? '') > (b.from ?? '') ? -1 : 0))[0];
}

/** The organisation's named representative (not a substitute) on a day, if it has one. */
export function namedRepresentative(representatives: readonly Representative[], organisationId: string, day: string): Representative | undefined {
  return postHolder(representatives, organisationId, 'representative', day);
}

/** Everyone who has held the organisation's posts, the latest first. */
export function postHistory(representatives: readonly Representative[], organisationId: string): Representative[] {
  return representatives
    .filter((r) => r.organisationId === organisationId && !r.deleted)
    .sort((a, b) => ((a.from ?? '') < (b.from ?? '') ? 1 : (a.from ?? '') > (b.from ?? '') ? -1 : a.name.localeCompare(b.name)));
}

/** "Voluntary  action LUTON" and "voluntary action luton" are the same name. */
export function sameName(a: string, b: string): boolean {
  return normalisedName(a) === normalisedName(b);
}

export function normalisedName(name: string): string {
  return name.replace(/\s+/g, '').toLocaleLowerCase('en-GB');
}

/** Another organisation already in the register under the same name (case and spaces aside). */
export function duplicateOf(organisations: readonly Organisation[], name: string, self?: string): Organisation | undefined {
  const wanted = normalisedName(name);
  if (wanted === '') return undefined;
  return organisations.find((o) => !o.deleted && o.id !== self && normalisedName(o.name) === wanted);
}

type Person = OrganisationFormOutput['representative'];

/**
 * Keeps one post up to date. The same person: their details change. A different
 * person: the holder's record ends the day before the new one takes the post (from
 * the date given, else today), and a new record begins, without the previous
 * holder's job title, e-mail or telephone if they were left as they were. No name: the post is left
 * empty from today, and the holder's record ends yesterday (or is removed, if it
 * was made today by mistake).
 */
async function savePost(
  repos: ReadyStore['repositories'],
  organisationId: string,
  post: Post,
  current: Representative | undefined,
  person: Person,
  today: string,
): Promise<void> {
  const details = { name: person.name, jobTitle: person.jobTitle, email: person.email, phone: person.phone };
  if (person.name === '') {
    if (!current) return;
    const yesterday = addCalendarDays(today, -1);
    if ((current.from ?? '') !== '' && current.from >= today) await repos.representatives.remove(current.id);
    else await repos.representatives.update(current.id, { until: yesterday });
    return;
  }
  if (current && sameName(current.name, person.name)) {
    await repos.representatives.update(current.id, { ...details, from: person.from });
    return;
  }
  const from = person.from !== '' && person.from !== (current?.from ?? '') ? person.from : today;
  // Details left as the previous holder's are theirs, not the new person's: they are not copied across.
  if (current) {
    if (details.jobTitle === (current.jobTitle ?? '')) details.jobTitle = '';
    if (details.email === (current.email ?? '')) details.email = '';
    if (details.phone === (current.phone ?? '')) details.phone = '';
  }
  if (current) {
    const dayBefore = addCalendarDays(from, -1);
    const until = (current.from ?? '') !== '' && dayBefore < current.from ? current.from : dayBefore;
    await repos.representatives.update(current.id, { until });
  }
  await repos.representatives.create({ ...details, organisationId, kind: post, from, until: '' });
}

export async function saveOrganisation(
  store: Pick<ReadyStore, 'db' | 'repositories'>,
  existing: { organisationId?: string; representativeId?: string; substituteId?: string },
  values: OrganisationFormOutput,
  today: string,
): Promise<string> {
  const { db, repositories: repos } = store;
  return db.transaction('rw', [db.organisations, db.representatives, db.changeLog, db.installation, ...authorityTables(db)], async () => {
    const organisationId = existing.organisationId ?? (await repos.organisations.create(values.organisation));
    if (existing.organisationId) await repos.organisations.update(organisationId, values.organisation);
    const representative = existing.representativeId ? await repos.representatives.get(existing.representativeId) : undefined;
    const substitute = existing.substituteId ? await repos.representatives.get(existing.substituteId) : undefined;
    await savePost(repos, organisationId, 'representative', representative, values.representative, today);
    await savePost(repos, organisationId, 'substitute', substitute, values.substitute, today);
    return organisationId;
  });
}
