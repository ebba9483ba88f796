/**
 * Add an organisation (/members/new) or edit one (/members/:organisationId): its entry
 * in the register (details, status and its dates, the membership criteria it meets),
 * its named representative and named substitute; then who has held those posts, its
 * roles in the consortium, its resignation, archiving, and the history of changes to
 * all of them (docs/architecture.md, "The register"). The address of an organisation
 * that exists keeps a draft as it is typed and is saved on leaving the box
 * (renderer/ui/use-draft.ts). A name already in the register asks before saving.
 */
import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useController, useForm, useFormContext, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate, useParams } from 'react-router';
import type { Consortium, Organisation, Representative } from '../../../shared/domain/entities';
import { registerProblems } from '../../../shared/rules/register';
import { useStore } from '../../db/store-context';
import { useConsortium } from '../../app/use-consortium';
import { useCitation } from '../../app/use-citation';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { FieldError, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { fieldId } from '../../ui/field-ids';
import { Page } from '../../ui/Page';
import { todayInLondon } from '../../ui/dates';
import { useFormSave } from '../../ui/use-form-save';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { dirtyBesides, useDraft } from '../../ui/use-draft';
import { DraftNotice } from '../../ui/DraftNotice';
import { RecordHistory, type RecordRef } from '../reports/RecordHistory';
import {
  duplicateOf,
  KIND_CHOICES,
  normalisedName,
  organisationFormSchema,
  organisationValuesOf,
  postHolder,
  postHistory,
  saveOrganisation,
  STATUS_CHOICES,
  type OrganisationFormInput,
  type OrganisationFormOutput,
} from './organisation-form';
import { PostHistory } from './PostHistory';
import { OrganisationRoles } from './OrganisationRoles';
import { ResignationSection } from './ResignationSection';
import { ArchiveSection } from './ArchiveSection';
import { constitutionName } from './register-words';
import './members.css';

export function OrganisationPage() {
  const { organisationId } = useParams();
  const { db } = useStore();
  const today = todayInLondon();
  const loaded = useLiveQuery(async () => {
    if (!organisationId) return { organisation: undefined, people: [] as Representative[] };
    const organisation = await db.organisations.get(organisationId);
    if (!organisation || organisation.deleted) return null;
    const people = (await db.representatives.where('organisationId').equals(organisationId).toArray()).filter((r) => !r.deleted);
    const appointments = (await db.appointments.where('organisationId').equals(organisationId).toArray()).filter((a) => !a.deleted);
    const attachments = (await db.attachments.where('ownerRow').equals(organisationId).toArray()).filter((a) => !a.deleted);
    return { organisation, people, appointments, attachments };
  }, [db, organisationId]);

  if (loaded === undefined) return null;
  if (loaded === null) {
    return (
      <Page title="Organisation not found">
        <p>
          There is no organisation with this address. <Link to="/members">Back to members</Link>.
        </p>
      </Page>
    );
  }
  const { organisation, people } = loaded;
  const representative = organisation && postHolder(people, organisation.id, 'representative', today);
  const substitute = organisation && postHolder(people, organisation.id, 'substitute', today);
  const records: RecordRef[] = organisation
    ? [
        { table: 'organisations', row: organisation.id },
        ...people.map((p) => ({ table: 'representatives' as const, row: p.id })),
        ...(loaded.appointments ?? []).map((a) => ({ table: 'appointments' as const, row: a.id })),
        ...(loaded.attachments ?? []).map((a) => ({ table: 'attachments' as const, row: a.id })),
      ]
    : [];
  // Keyed by id: the form takes its starting values once, and keeps what the person types.
  return (
    <OrganisationForm
      key={organisationId ?? 'new'}
      organisation={organisation}
      representative={representative}
      substitute={substitute}
      today={today}
    >
      {organisation && (
        <>
          <PostHistory people={postHistory(people, organisation.id)} today={today} />
          <OrganisationRoles organisation={organisation} appointments={loaded.appointments ?? []} today={today} />
          <ResignationSection organisation={organisation} attachments={loaded.attachments ?? []} today={today} />
          <ArchiveSection organisation={organisation} />
          <RecordHistory id="organisation-history" records={records} />
        </>
      )}
    </OrganisationForm>
  );
}

function ServicesProvided() {
  const consortium = useConsortium();
  const { cite } = useCitation();
  const { control, formState, getFieldState } = useFormContext<OrganisationFormInput>();
  const { field } = useController({ name: 'organisation.servicesProvided', control });
  const chosen = new Set(field.value ?? []);
  const criteria = consortium?.constitution.membershipCriteria ?? [];
  const minimum = consortium?.constitution.minimumCriteriaMet ?? 0;
  const error = getFieldState('organisation.servicesProvided', formState).error;
  if (criteria.length === 0) return null;
  return (
    <fieldset className="fieldset" id={fieldId('organisation.servicesProvided')} tabIndex={-1}>
      <legend className="field-label">Membership criteria it meets</legend>
      <p className="field-hint">
        A member must provide at least {minimum} of these {criteria.length} services ({cite('membershipCriteria')}).
      </p>
      <FieldError name="organisation.servicesProvided" message={error?.message} />
      <ul className="checkbox-list">
        {criteria.map((criterion, index) => (
          <li key={index} className="field--checkbox">
            <input
              type="checkbox"
              className="checkbox"
              id={`service-${index}`}
              checked={chosen.has(index)}
              onChange={(event) => {
                const next = new Set(chosen);
                if (event.target.checked) next.add(index);
                else next.delete(index);
                field.onChange([...next].sort((a, b) => a - b));
              }}
            />
            <label htmlFor={`service-${index}`} className="field-label--inline">
              {criterion}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** What the register's rules flag in the entry as it stands in the form (registerProblems). */
function Flags({ consortium, today }: { consortium: Consortium | null | undefined; today: string }) {
  const values = useWatch<OrganisationFormInput, 'organisation'>({ name: 'organisation' });
  if (!consortium || !values) return null;
  const entry = {
    name: values.name ?? '',
    status: values.status ?? 'member',
    joinedOn: /^\d{4}-\d{2}-\d{2}$/.test(values.joinedOn ?? '') ? (values.joinedOn as string) : '',
    resignedOn: /^\d{4}-\d{2}-\d{2}$/.test(values.resignedOn ?? '') ? (values.resignedOn as string) : '',
    servicesProvided: values.servicesProvided ?? [],
  };
  const flags = registerProblems(entry, { today, constitution: consortium.constitution, constitutionName: constitutionName(consortium) }).filter((p) => p.severity === 'flag');
  if (flags.length === 0) return null;
  return (
    <div className="register-flags" role="status">
      <h2 className="register-flags-title">Check this entry</h2>
      <ul>
        {flags.map((flag) => (
          <li key={flag.code}>{flag.message}</li>
        ))}
      </ul>
    </div>
  );
}

function Person({ post, today, held }: { post: 'representative' | 'substitute'; today: string; held: boolean }) {
  const { cite } = useCitation();
  const { setValue, setFocus } = useFormContext<OrganisationFormInput>();
  const title = post === 'representative' ? 'Named representative' : 'Named substitute';
  return (
    <section className="form-section" aria-labelledby={`org-${post}`}>
      <h2 id={`org-${post}`} className="section-title">
        {title}
      </h2>
      <p className="section-intro">
        {post === 'representative'
          ? `The person who represents the organisation and takes decisions for it (${cite('representatives')}).`
          : `The person who attends and votes in the representative’s place (${cite('substitutes')}).`}{' '}
        A different name records a new person in the post from the date given (today if none); who held it before stays in the history below.
      </p>
      <div className="inline-fields">
        <TextField name={`${post}.name`} label="Name" width="medium" />
        <TextField name={`${post}.jobTitle`} label="Job title" width="medium" />
      </div>
      <div className="inline-fields">
        <TextField name={`${post}.email`} label="Email" type="email" width="medium" />
        <TextField name={`${post}.phone`} label="Telephone" type="tel" width="medium" />
      </div>
      <DateField name={`${post}.from`} label="In the post from" width="medium" />
      {held && (
        <button
          type="button"
          className="button button--quiet"
          aria-label={`A new person takes the post of ${post}`}
          onClick={() => {
            for (const field of ['name', 'jobTitle', 'email', 'phone'] as const) setValue(`${post}.${field}`, '', { shouldDirty: true });
            setValue(`${post}.from`, today, { shouldDirty: true });
            setFocus(`${post}.name`);
          }}
        >
          A new person takes the post
        </button>
      )}
    </section>
  );
}

function OrganisationForm({
  organisation,
  representative,
  substitute,
  today,
  children,
}: {
  organisation?: Organisation;
  representative?: Representative;
  substitute?: Representative;
  today: string;
  children?: React.ReactNode;
}) {
  const store = useStore();
  const consortium = useConsortium();
  const { cite } = useCitation();
  const navigate = useNavigate();
  const form = useForm<OrganisationFormInput, unknown, OrganisationFormOutput>({
    resolver: zodResolver(organisationFormSchema),
    defaultValues: organisationValuesOf(organisation, representative, substitute),
    shouldFocusError: false,
  });
  const adding = !organisation;
  // A name already in the register: the person is asked once, then may save it anyway.
  const [duplicate, setDuplicate] = useState<{ name: string; typed: string }>();
  const confirmedName = useRef('');
  const duplicateBox = useRef<HTMLDivElement>(null);
  // The question takes focus once when it appears, so keyboard and screen-reader users start from it.
  useEffect(() => {
    if (duplicate) duplicateBox.current?.focus();
  }, [duplicate]);
  // The address is the form's long text: kept as a draft as it is typed, saved as one change on leaving the field (use-draft.ts).
  const addressDraft = useDraft({ form, name: 'organisation.address', record: organisation && { table: 'organisations', row: organisation.id }, field: 'address' });
  // Leaving asks first only for changes a draft does not keep.
  const unsaved = adding ? form.formState.isDirty : dirtyBesides(form.formState.dirtyFields, ['organisation.address']);
  const { prompt, allowLeaving } = useUnsavedChanges(unsaved);
  const { submit, summaryKey, saveError } = useFormSave(form, async (values) => {
    const typed = normalisedName(values.organisation.name);
    const same = duplicateOf(await store.db.organisations.toArray(), values.organisation.name, organisation?.id);
    if (same && confirmedName.current !== typed) {
      setDuplicate({ name: same.name, typed });
      return;
    }
    setDuplicate(undefined);
    await saveOrganisation(store, { organisationId: organisation?.id, representativeId: representative?.id, substituteId: substitute?.id }, values, today);
    allowLeaving();
    await navigate('/members', { state: { saved: values.organisation.name } });
  });

  return (
    <Page title={adding ? 'Add an organisation' : organisation.name} back={<Link to="/members">Members</Link>}>
      <div className="register-page">
      <FormProvider {...form}>
        <form className="form" noValidate onSubmit={submit} aria-label={adding ? 'New organisation' : `Edit ${organisation.name}`}>
          <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
          {/* A new entry is questioned once something is typed into it. */}
          {(!adding || form.formState.isDirty) && <Flags consortium={consortium} today={today} />}
          <section className="form-section" aria-labelledby="org-details">
            <h2 id="org-details" className="section-title">
              The organisation
            </h2>
            <TextField name="organisation.name" label="Name" autoComplete="organization" />
            <div className="inline-fields">
              <SelectField name="organisation.kind" label="Kind" choices={KIND_CHOICES} />
              <TextField name="organisation.area" label="Area it covers" width="medium" />
            </div>
            <div className="inline-fields">
              <TextField name="organisation.charityNumber" label="Charity number" width="medium" />
              <TextField name="organisation.companyNumber" label="Company number" width="medium" />
            </div>
            <ServicesProvided />
            <TextAreaField
              name="organisation.levelOfWork"
              label="Level of work dedicated to infrastructure support"
              rows={2}
              hint={`For example, the share of its staff time or budget (${cite('application')}).`}
            />
          </section>

          <section className="form-section" aria-labelledby="org-membership">
            <h2 id="org-membership" className="section-title">
              Membership
            </h2>
            <SelectField
              name="organisation.status"
              label="Membership"
              choices={STATUS_CHOICES}
              hint={`Co-opted organisations advise but do not vote and do not count to the quorum (${cite('coOpted')}). New members are admitted through an application.`}
            />
            <div className="inline-fields">
              <DateField name="organisation.appliedOn" label="Applied on" width="medium" />
              <DateField name="organisation.joinedOn" label="Joined on" width="medium" />
              <DateField name="organisation.coOptedOn" label="Co-opted on" width="medium" />
            </div>
            <div className="inline-fields">
              <DateField name="organisation.resignedOn" label="Resigned on" width="medium" hint={`From this date it no longer votes or counts (${cite('resignation')}).`} />
              <DateField name="organisation.refusedOn" label="Refused on" width="medium" />
            </div>
          </section>

          <section className="form-section" aria-labelledby="org-contact">
            <h2 id="org-contact" className="section-title">
              Contact details
            </h2>
            <p className="section-intro">Published to members and available on request ({cite('directory')}).</p>
            <DraftNotice draft={addressDraft} what="this address" />
            <TextAreaField name="organisation.address" label="Address" rows={2} hint={adding ? undefined : 'Kept as you type, and saved as a change when you leave the box.'} />
            <div className="inline-fields">
              <TextField name="organisation.email" label="Email" type="email" width="medium" />
              <TextField name="organisation.phone" label="Telephone" type="tel" width="medium" />
            </div>
            <TextField name="organisation.website" label="Website" width="medium" />
          </section>

          <Person post="representative" today={today} held={!!representative} />
          <Person post="substitute" today={today} held={!!substitute} />

          {duplicate && (
            <div className="register-duplicate" role="alert" aria-labelledby="duplicate-title" tabIndex={-1} ref={duplicateBox}>
              <h2 id="duplicate-title" className="register-flags-title">
                This name is already in the register
              </h2>
              <p>
                ‘{duplicate.name}’ is already in the register. If this is a different organisation, save it anyway; if it is the same one, change the name or go back to
                the one already there.
              </p>
              <div className="form-actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => {
                    confirmedName.current = duplicate.typed;
                    void submit();
                  }}
                >
                  Save it anyway
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    setDuplicate(undefined);
                    form.setFocus('organisation.name');
                  }}
                >
                  Change the name
                </button>
              </div>
            </div>
          )}

          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
              {adding ? 'Add the organisation' : 'Save changes'}
            </button>
            <Link to="/members" className="button button--quiet">
              Cancel
            </Link>
          </div>
        </form>
      </FormProvider>
      {children}
      </div>
      {prompt}
    </Page>
  );
}
