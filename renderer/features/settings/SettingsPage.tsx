/**
 * Settings: the consortium's details and constitution (the same fields as set-up), and
 * this computer: its role, its organisation, and the identity partners know it by.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ROLE_IN_A_SENTENCE, type Consortium, type InstallationRole } from '../../../shared/domain/entities';
import { introducesPartners } from '../../../shared/sync/authority';
import { fingerprintOf } from '../../../shared/sync/fingerprint';
import { useConsortium } from '../../app/use-consortium';
import { usePlatform } from '../../app/platform-context';
import { useInstallation, useStore } from '../../db/store-context';
import type { InstallationRecord } from '../../db/database';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, type Choice } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { useFormSave } from '../../ui/use-form-save';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { consortiumValuesOf } from '../consortium/consortium-form';
import { ConsortiumFields } from '../consortium/ConsortiumFields';
import { ConstitutionFields } from '../consortium/ConstitutionFields';
import { ROLE_CHOICES } from '../setup/setup-form';
import {
  consortiumSettingsSchema,
  installationSettingsSchema,
  saveConsortiumSettings,
  saveInstallationSettings,
  type ConsortiumSettingsInput,
  type ConsortiumSettingsOutput,
  type InstallationSettings,
} from './settings-forms';

/** The organisations to choose from; undefined while loading, so forms start with their stored choice showing. */
function useOrganisationChoices(): Choice[] | undefined {
  const { db } = useStore();
  return useLiveQuery(async () => (await db.organisations.orderBy('name').toArray()).filter((o) => !o.deleted).map((o) => ({ value: o.id, label: o.name })), [db]);
}

/** Each form on the page says whether it holds changes not yet saved, so the page can guard leaving. */
type ReportChanged = (changed: boolean) => void;

function ConsortiumSettings({
  consortium,
  organisations,
  role,
  onChanged,
}: {
  consortium: Consortium;
  organisations: Choice[];
  role: InstallationRole | undefined;
  onChanged: ReportChanged;
}) {
  const store = useStore();
  // The same rule every copy applies on import (and this copy's writer applies to its own changes).
  const mayChangeConstitution = introducesPartners(role);
  const form = useForm<ConsortiumSettingsInput, unknown, ConsortiumSettingsOutput>({
    resolver: zodResolver(consortiumSettingsSchema),
    defaultValues: { consortium: consortiumValuesOf(consortium) },
    shouldFocusError: false,
  });
  const changed = form.formState.isDirty;
  useEffect(() => onChanged(changed), [changed, onChanged]);
  const { submit, summaryKey, saveError, saved } = useFormSave(form, async (values) => {
    await saveConsortiumSettings(store, consortium.id, values);
    form.reset(values);
    return 'Saved the consortium’s settings.';
  });

  return (
    <FormProvider {...form}>
      <form className="form" noValidate onSubmit={submit} aria-labelledby="settings-consortium">
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <section className="form-section" aria-labelledby="settings-consortium">
          <h2 id="settings-consortium" className="section-title">
            The consortium
          </h2>
          <ConsortiumFields />
          {organisations.length > 0 && (
            <SelectField
              name="consortium.accountableBodyId"
              label="Accountable Body"
              hint="Holds the consortium’s funds and approves claims (Partnership Agreement 8.1)."
              choices={organisations}
              placeholder="Not named yet"
              width="full"
            />
          )}
        </section>
        <section className="form-section" aria-labelledby="settings-constitution">
          <h2 id="settings-constitution" className="section-title">
            Constitution
          </h2>
          {mayChangeConstitution ? (
            <ConstitutionFields headingLevel={3} />
          ) : (
            <>
              <p className="section-intro" id="constitution-read-only">
                Only the secretariat or the Accountable Body can change the constitution settings: every other copy would refuse the change. This
                computer is {role ? `used by ${ROLE_IN_A_SENTENCE[role]}` : 'not yet given a role (below)'}.
              </p>
              <fieldset className="fieldset" disabled aria-describedby="constitution-read-only">
                <legend className="visually-hidden">Constitution settings (read only)</legend>
                <ConstitutionFields headingLevel={3} />
              </fieldset>
            </>
          )}
        </section>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            Save the consortium’s settings
          </button>
          <p className="status-line" role="status">
            {saved}
          </p>
        </div>
      </form>
    </FormProvider>
  );
}

function InstallationSettingsForm({ installation, organisations, onChanged }: { installation: InstallationRecord; organisations: Choice[]; onChanged: ReportChanged }) {
  const store = useStore();
  const form = useForm<InstallationSettings>({
    resolver: zodResolver(installationSettingsSchema),
    defaultValues: { role: installation.role || undefined, organisationId: installation.organisationId },
    shouldFocusError: false,
  });
  const changed = form.formState.isDirty;
  useEffect(() => onChanged(changed), [changed, onChanged]);
  const { submit, summaryKey, saveError, saved } = useFormSave(form, async (values) => {
    await saveInstallationSettings(store, values);
    form.reset(values);
    return 'Saved this computer’s role.';
  });

  return (
    <FormProvider {...form}>
      <form className="form" noValidate onSubmit={submit} aria-labelledby="settings-installation">
        <section className="form-section" aria-labelledby="settings-installation">
          <h2 id="settings-installation" className="section-title">
            This computer
          </h2>
          <p className="section-intro">Kept on this computer only; partners see the changes it makes, not these settings.</p>
          <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
          <div className="inline-fields">
            <SelectField
              name="role"
              label="Used for"
              choices={ROLE_CHOICES}
              placeholder="Choose a role"
              hint="Partners accept this copy’s changes by the role they enrolled it with: after changing it here, ask the secretariat to enrol this copy again."
            />
            <SelectField name="organisationId" label="Organisation" choices={organisations} placeholder="Choose an organisation" />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--secondary">
              Save this computer’s role
            </button>
            <p className="status-line" role="status">
              {saved}
            </p>
          </div>
        </section>
      </form>
    </FormProvider>
  );
}

function Identity() {
  const { databaseName } = useStore();
  const installation = useInstallation();
  const platform = usePlatform();
  const [version, setVersion] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  useEffect(() => {
    let current = true;
    platform.appVersion().then(
      (v) => current && setVersion(v),
      () => current && setVersion('unknown'),
    );
    return () => {
      current = false;
    };
  }, [platform]);
  useEffect(() => {
    let current = true;
    fingerprintOf(installation.publicKey).then(
      (f) => current && setFingerprint(f),
      () => current && setFingerprint('could not be worked out'),
    );
    return () => {
      current = false;
    };
  }, [installation.publicKey]);
  return (
    <section className="form-section" aria-labelledby="settings-identity">
      <h2 id="settings-identity" className="section-title">
        Identity for sync
      </h2>
      <p className="section-intro">
        Partners recognise bundles from this computer by its signing key. Before enrolling each other, compare fingerprints by
        telephone or side by side.
      </p>
      <dl className="facts">
        <dt>Key fingerprint</dt>
        <dd>
          <code className="fingerprint">{fingerprint || '…'}</code>
        </dd>
        <dt>Node id</dt>
        <dd>
          <code>{installation.nodeId}</code>
        </dd>
        <dt>Data store</dt>
        <dd>{databaseName}</dd>
        <dt>Quorum</dt>
        <dd>
          {version ? `Version ${version}` : '…'}, running {platform.kind === 'electron' ? 'as the desktop app' : 'in a web browser'}
        </dd>
      </dl>
    </section>
  );
}

export function SettingsPage() {
  const consortium = useConsortium();
  const organisations = useOrganisationChoices();
  const joined = (useLocation().state as { joined?: boolean } | null)?.joined === true;
  const { db } = useStore();
  // Read afresh, not the copy taken when the store opened: the form takes its starting values once.
  const installation = useLiveQuery(() => db.installation.get('self'), [db]);
  const [changed, setChanged] = useState({ consortium: false, installation: false });
  const consortiumChanged = useCallback((value: boolean) => setChanged((now) => ({ ...now, consortium: value })), []);
  const installationChanged = useCallback((value: boolean) => setChanged((now) => ({ ...now, installation: value })), []);
  const { prompt } = useUnsavedChanges(changed.consortium || changed.installation);
  const thisComputer = organisations && installation && (
    <InstallationSettingsForm installation={installation} organisations={organisations} onChanged={installationChanged} />
  );
  return (
    <Page title="Settings">
      {joined && consortium && (
        <p className="panel panel--accent" role="status">
          This copy has joined {consortium.name}. Now say what this computer is used for and which organisation it belongs to, just below.
        </p>
      )}
      {/* Just joined: the role is asked for first (decided by the navigation, so saving it does not move the form). */}
      {joined && thisComputer}
      {consortium && organisations && installation && (
        <ConsortiumSettings
          key={consortium.id}
          consortium={consortium}
          organisations={organisations}
          role={installation.role || undefined}
          onChanged={consortiumChanged}
        />
      )}
      {!joined && thisComputer}
      <Identity />
      {prompt}
    </Page>
  );
}
