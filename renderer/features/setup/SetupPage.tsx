/**
 * First run: no consortium in this store yet. Either set one up (details, constitution,
 * and who this computer belongs to), join one that already uses Quorum by opening the
 * bundle its secretariat saved for a new partner, or open the example consortium,
 * Bedfordshire & Luton. After joining, Settings asks what this computer is used for.
 */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from 'react-router';
import { useStore } from '../../db/store-context';
import { loadExampleConsortium } from '../../db/example';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { describeSaveError } from '../../ui/save-error';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { useFormSave } from '../../ui/use-form-save';
import { ConsortiumFields } from '../consortium/ConsortiumFields';
import { ConstitutionFields } from '../consortium/ConstitutionFields';
import { JoinConsortium } from '../sync/JoinConsortium';
import { RestoreBackup } from '../backup/RestoreBackup';
import { createConsortium } from './create-consortium';
import { newSetupValues, SETUP_ROLE_CHOICES, setupSchema, type SetupFormInput, type SetupFormOutput } from './setup-form';

export function SetupPage() {
  const store = useStore();
  const navigate = useNavigate();
  const form = useForm<SetupFormInput, unknown, SetupFormOutput>({
    resolver: zodResolver(setupSchema),
    defaultValues: newSetupValues(),
    shouldFocusError: false,
  });
  const [exampleState, setExampleState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  // Closing the window with the form half filled asks first; each way out of set-up below is deliberate.
  const { prompt, allowLeaving } = useUnsavedChanges(form.formState.isDirty);
  const { submit, summaryKey, saveError } = useFormSave(form, async (values) => {
    await createConsortium(store, values);
    allowLeaving();
    await navigate('/', { replace: true });
  });

  const openExample = async () => {
    setExampleState({ busy: true });
    try {
      await loadExampleConsortium(store);
      allowLeaving();
      navigate('/', { replace: true });
    } catch (error) {
      setExampleState({ busy: false, error: describeSaveError(error) });
    }
  };

  return (
    <Page
      title="Set up Quorum"
      intro={
        <p>
          Quorum keeps your consortium’s membership register, meetings, decisions and claims on this computer. Set up your
          consortium below, join one whose secretariat already uses Quorum, restore this copy from a backup, or look around the example first.
        </p>
      }
    >
      <section className="panel panel--accent" aria-labelledby="example-title">
        <h2 id="example-title" className="panel-title">
          Try the example consortium
        </h2>
        <p>
          Bedfordshire & Luton VCS Infrastructure Consortium: its six signatory organisations, their twelve projects and the
          Capacitybuilders budget, with this computer acting as the secretariat. Contact details are placeholders.
        </p>
        {exampleState.error && (
          <p className="field-error" role="alert">
            {exampleState.error}
          </p>
        )}
        <button type="button" className="button button--secondary" onClick={openExample} disabled={exampleState.busy}>
          {exampleState.busy ? 'Opening the example…' : 'Open the example consortium'}
        </button>
      </section>

      <JoinConsortium
        onJoined={() => {
          allowLeaving();
          navigate('/settings', { replace: true, state: { joined: true } });
        }}
      />

      <RestoreBackup
        onRestored={() => {
          allowLeaving();
          navigate('/', { replace: true });
        }}
      />

      <FormProvider {...form}>
        <form className="form" noValidate onSubmit={submit} aria-labelledby="setup-form-title">
          <h2 id="setup-form-title" className="form-title">
            Set up your consortium
          </h2>
          <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />

          <section className="form-section" aria-labelledby="setup-details">
            <h3 id="setup-details" className="section-title">
              The consortium
            </h3>
            <ConsortiumFields examples />
          </section>

          <section className="form-section" aria-labelledby="setup-constitution">
            <h3 id="setup-constitution" className="section-title">
              Its constitution
            </h3>
            <p className="section-intro">The rules Quorum applies to membership, meetings and votes.</p>
            <ConstitutionFields headingLevel={4} />
          </section>

          <section className="form-section" aria-labelledby="setup-installation">
            <h3 id="setup-installation" className="section-title">
              This computer
            </h3>
            <SelectField
              name="role"
              label="What is this computer used for?"
              hint="The consortium is set up by its secretariat or its Accountable Body. The chair and partner organisations join it instead, from the secretariat’s bundle (above)."
              choices={SETUP_ROLE_CHOICES}
              placeholder="Choose a role"
            />
            <TextField name="organisationName" label="Your organisation" hint="The member organisation this copy belongs to." autoComplete="organization" />
          </section>

          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
              Create the consortium
            </button>
          </div>
        </form>
      </FormProvider>
      {prompt}
    </Page>
  );
}
