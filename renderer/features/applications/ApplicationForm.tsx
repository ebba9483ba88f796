/**
 * The application form (Partnership Agreement 5.2): the applicant's contact and
 * organisational information, each of the consortium's criteria with whether
 * it is claimed and how it is met, and the level of work dedicated to such
 * support. It counts the criteria claimed as they are ticked and says plainly
 * whether the application could be admitted (5.1). Invalid input is shown field
 * by field and what was typed is kept (useFormSave).
 */
import { useForm, useWatch, FormProvider, useFormContext } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { applicationFormSchema, applicationFormValues, type ApplicationFormInput, type ApplicationFormOutput } from '../../../shared/domain/application-form';
import type { Application, Consortium } from '../../../shared/domain/entities';
import { assessApplication } from '../../../shared/rules/eligibility';
import { useStore } from '../../db/store-context';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { DateField } from '../../ui/DateField';
import { FieldError, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { errorId, fieldId } from '../../ui/field-ids';
import { useFormSave } from '../../ui/use-form-save';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { useCitation } from '../../app/use-citation';
import { KIND_CHOICES } from '../members/organisation-form';
import { saveApplication } from './application-actions';

function CriteriaClaimed({ criteria, required }: { criteria: readonly string[]; required: number }) {
  const { register, formState, getFieldState } = useFormContext<ApplicationFormInput>();
  const claimed = useWatch<ApplicationFormInput, 'criteria'>({ name: 'criteria' });
  const { cite } = useCitation();
  const evidence = Object.fromEntries((claimed ?? []).map((c, i) => [String(i), c?.claimed ? (c.evidence ?? '') : '']));
  const assessment = assessApplication(evidence, { membershipCriteria: [...criteria], minimumCriteriaMet: required });
  return (
    <fieldset className="fieldset">
      <legend className="field-label">Membership criteria ({cite('membershipCriteria')})</legend>
      <p className="field-hint">Tick each service the organisation provides and say how it meets it. {required} of the {criteria.length} are needed.</p>
      <ol className="criteria-claims">
        {criteria.map((criterion, index) => {
          const name = `criteria.${index}.evidence` as const;
          const { error } = getFieldState(name, formState);
          const message = typeof error?.message === 'string' ? error.message : undefined;
          return (
            <li key={index} className="criteria-claim">
              <div className="field field--checkbox">
                <input type="checkbox" className="checkbox" id={fieldId(`criteria.${index}.claimed`)} {...register(`criteria.${index}.claimed`)} />
                <label className="field-label field-label--inline" htmlFor={fieldId(`criteria.${index}.claimed`)}>
                  {criterion}
                </label>
              </div>
              {claimed?.[index]?.claimed && (
                <div className={`field criteria-claim-evidence${message ? ' field--invalid' : ''}`}>
                  <label className="field-label" htmlFor={fieldId(name)}>
                    How it meets this criterion
                  </label>
                  <FieldError name={name} message={message} />
                  <textarea className="input input--full" rows={2} id={fieldId(name)} aria-invalid={message ? true : undefined} aria-describedby={message ? errorId(name) : undefined} {...register(name)} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <p className={`panel ${assessment.eligible ? 'panel--accent' : 'warning'} assessment-line`} role="status">
        {assessment.eligible ? 'Can be admitted: ' : 'Cannot be admitted as it stands: '}
        {assessment.message}
      </p>
    </fieldset>
  );
}

export function ApplicationForm({ consortium, application, today, onSaved }: { consortium: Consortium; application?: Application; today: string; onSaved?: () => void }) {
  const store = useStore();
  const navigate = useNavigate();
  const criteria = application && application.criteria.length > 0 ? application.criteria : consortium.constitution.membershipCriteria;
  const required = application && application.criteria.length > 0 ? application.criteriaRequired : consortium.constitution.minimumCriteriaMet;
  const form = useForm<ApplicationFormInput, unknown, ApplicationFormOutput>({
    resolver: zodResolver(applicationFormSchema),
    defaultValues: applicationFormValues(criteria, today, application),
    shouldFocusError: false,
  });
  const { prompt, allowLeaving } = useUnsavedChanges(form.formState.isDirty);
  const { submit, summaryKey, saveError } = useFormSave(form, async (values) => {
    const id = await saveApplication(store, values, consortium.constitution, application);
    allowLeaving();
    if (onSaved) {
      form.reset(values);
      onSaved();
      return `Saved the application from ${values.organisationName}.`;
    }
    await navigate(`/applications/${encodeURIComponent(id)}`, { state: { saved: `Recorded the application from ${values.organisationName}.` } });
  });
  return (
    <FormProvider {...form}>
      <form className="form" noValidate onSubmit={submit} aria-label={application ? `Edit the application from ${application.organisationName}` : 'New application for membership'}>
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <section className="form-section" aria-labelledby="application-organisation">
          <h2 id="application-organisation" className="section-title">
            The organisation
          </h2>
          <TextField name="organisationName" label="Name of the organisation" autoComplete="organization" />
          <div className="inline-fields">
            <SelectField name="kind" label="Kind" choices={KIND_CHOICES} />
            <TextField name="area" label="Area it works in" width="medium" />
          </div>
          <TextAreaField name="address" label="Address" rows={2} />
          <div className="inline-fields">
            <TextField name="website" label="Website" width="medium" />
            <TextField name="charityNumber" label="Charity number" width="short" />
            <TextField name="companyNumber" label="Company number" width="short" />
          </div>
        </section>
        <section className="form-section" aria-labelledby="application-contact">
          <h2 id="application-contact" className="section-title">
            Contact
          </h2>
          <TextField name="contactName" label="Contact name" autoComplete="name" />
          <div className="inline-fields">
            <TextField name="contactEmail" label="Email" type="email" width="medium" />
            <TextField name="contactPhone" label="Telephone" type="tel" width="medium" />
          </div>
        </section>
        <section className="form-section" aria-labelledby="application-criteria">
          <h2 id="application-criteria" className="section-title">
            What it provides
          </h2>
          <CriteriaClaimed criteria={criteria} required={required} />
          <TextAreaField name="levelOfWork" label="Level of work dedicated to infrastructure support" hint="For example the staff time, or the share of the organisation’s work." rows={3} />
          <DateField name="receivedOn" label="Date received" />
        </section>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {application ? 'Save changes' : 'Record the application'}
          </button>
        </div>
      </form>
      {prompt}
    </FormProvider>
  );
}
