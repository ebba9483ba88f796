/**
 * Add an organisation (/members/new) or edit one (/members/:organisationId): its details,
 * the membership criteria it meets, and its named representative; below the form, the
 * history of changes to both. The address of an organisation that exists keeps a draft
 * as it is typed and is saved on leaving the box (renderer/ui/use-draft.ts).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useController, useForm, useFormContext } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link, useNavigate, useParams } from 'react-router';
import type { Organisation, Representative } from '../../../shared/domain/entities';
import { useStore } from '../../db/store-context';
import { useConsortium } from '../../app/use-consortium';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { FieldError, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { fieldId } from '../../ui/field-ids';
import { Page } from '../../ui/Page';
import { useFormSave } from '../../ui/use-form-save';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { dirtyBesides, useDraft } from '../../ui/use-draft';
import { DraftNotice } from '../../ui/DraftNotice';
import { RecordHistory } from '../reports/RecordHistory';
import {
  KIND_CHOICES,
  namedRepresentative,
  organisationFormSchema,
  organisationValuesOf,
  saveOrganisation,
  STATUS_CHOICES,
  type OrganisationFormInput,
  type OrganisationFormOutput,
} from './organisation-form';

export function OrganisationPage() {
  const { organisationId } = useParams();
  const { db } = useStore();
  const loaded = useLiveQuery(async () => {
    if (!organisationId) return { organisation: undefined, representative: undefined };
    const organisation = await db.organisations.get(organisationId);
    if (!organisation || organisation.deleted) return null;
    const representatives = await db.representatives.where('organisationId').equals(organisationId).toArray();
    return { organisation, representative: namedRepresentative(representatives, organisationId) };
  }, [db, organisationId]);

  if (loaded === undefined) return null;
  if (loaded === null) {
    return (
      <Page title="Organisation not found">
        <p>
          There is no organisation with this address. It may have been removed. <Link to="/members">Back to members</Link>.
        </p>
      </Page>
    );
  }
  // Keyed by id: the form takes its starting values once, and keeps what the person types.
  return <OrganisationForm key={organisationId ?? 'new'} organisation={loaded.organisation} representative={loaded.representative} />;
}

function ServicesProvided() {
  const consortium = useConsortium();
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
        A member must provide at least {minimum} of these {criteria.length} services (Partnership Agreement 5.1).
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

function OrganisationForm({ organisation, representative }: { organisation?: Organisation; representative?: Representative }) {
  const store = useStore();
  const navigate = useNavigate();
  const form = useForm<OrganisationFormInput, unknown, OrganisationFormOutput>({
    resolver: zodResolver(organisationFormSchema),
    defaultValues: organisationValuesOf(organisation, representative),
    shouldFocusError: false,
  });
  const adding = !organisation;
  // The address is the form's long text: kept as a draft as it is typed, saved as one change on leaving the field (use-draft.ts).
  const addressDraft = useDraft({ form, name: 'organisation.address', record: organisation && { table: 'organisations', row: organisation.id }, field: 'address' });
  // Leaving asks first only for changes a draft does not keep.
  const unsaved = adding ? form.formState.isDirty : dirtyBesides(form.formState.dirtyFields, ['organisation.address']);
  const { prompt, allowLeaving } = useUnsavedChanges(unsaved);
  const { submit, summaryKey, saveError } = useFormSave(form, async (values) => {
    await saveOrganisation(store, { organisationId: organisation?.id, representativeId: representative?.id }, values);
    allowLeaving();
    await navigate('/members', { state: { saved: values.organisation.name } });
  });

  return (
    <Page title={adding ? 'Add an organisation' : organisation.name} back={<Link to="/members">Members</Link>}>
      <FormProvider {...form}>
        <form className="form" noValidate onSubmit={submit} aria-label={adding ? 'New organisation' : `Edit ${organisation.name}`}>
          <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
          <section className="form-section" aria-labelledby="org-details">
            <h2 id="org-details" className="section-title">
              The organisation
            </h2>
            <TextField name="organisation.name" label="Name" autoComplete="organization" />
            <div className="inline-fields">
              <SelectField name="organisation.kind" label="Kind" choices={KIND_CHOICES} />
              <SelectField name="organisation.status" label="Membership" choices={STATUS_CHOICES} />
            </div>
            <div className="inline-fields">
              <DateField name="organisation.joinedOn" label="Joined on" width="medium" />
              <DateField name="organisation.resignedOn" label="Resigned on" width="medium" hint="From this date it no longer votes or counts (5.6)." />
            </div>
            <ServicesProvided />
          </section>

          <section className="form-section" aria-labelledby="org-contact">
            <h2 id="org-contact" className="section-title">
              Contact details
            </h2>
            <p className="section-intro">Published to members and available on request (Partnership Agreement 5.7).</p>
            <DraftNotice draft={addressDraft} what="this address" />
            <TextAreaField name="organisation.address" label="Address" rows={2} hint={adding ? undefined : 'Kept as you type, and saved as a change when you leave the box.'} />
            <div className="inline-fields">
              <TextField name="organisation.email" label="Email" type="email" width="medium" />
              <TextField name="organisation.phone" label="Telephone" type="tel" width="medium" />
            </div>
            <TextField name="organisation.website" label="Website" width="medium" />
          </section>

          <section className="form-section" aria-labelledby="org-representative">
            <h2 id="org-representative" className="section-title">
              Named representative
            </h2>
            <p className="section-intro">The person who represents the organisation and takes decisions for it (Partnership Agreement 7.1).</p>
            <div className="inline-fields">
              <TextField name="representative.name" label="Name" width="medium" />
              <TextField name="representative.jobTitle" label="Job title" width="medium" />
            </div>
            <div className="inline-fields">
              <TextField name="representative.email" label="Email" type="email" width="medium" />
              <TextField name="representative.phone" label="Telephone" type="tel" width="medium" />
            </div>
          </section>

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
      {organisation && (
        <RecordHistory
          id="organisation-history"
          records={[
            { table: 'organisations', row: organisation.id },
            ...(representative ? [{ table: 'representatives' as const, row: representative.id }] : []),
          ]}
        />
      )}
      {prompt}
    </Page>
  );
}
