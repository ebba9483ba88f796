/**
 * Settings: the consortium's details and constitution (the same fields as set-up), and
 * this computer: its roles (from the consortium's role grants, shown, never chosen
 * here), its organisation, and the identity partners know it by.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { Consortium, Office } from '../../../shared/domain/entities';
import { introducesPartners } from '../../../shared/sync/authority';
import { fingerprintOf } from '../../../shared/sync/fingerprint';
import { useConsortium } from '../../app/use-consortium';
import { useRoles } from '../../app/use-roles';
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
import { useFormCitation } from '../consortium/use-form-citation';
import { copyRolesSentence, officesHeld, officesInASentence } from '../sync/roles-words';
import {
  consortiumSettingsSchema,
  installationSettingsSchema,
  saveConsortiumSettings,
  saveInstallationSettings,
  type ConsortiumSettingsInput,
  type ConsortiumSettingsOutput,
  type InstallationSettings,
} from './settings-forms';
import { BackupSettings } from '../backup/BackupSettings';
import { FolderSettings } from '../sync/FolderSettings';
import { StorageHealth } from './StorageHealth';
import './settings.css';

/** The organisations to choose from; undefined while loading, so forms start with their stored choice showing. */
function useOrganisationChoices(): Choice[] | undefined {
  const { db } = useStore();
  return useLiveQuery(async () => (await db.organisations.orderBy('name').toArray()).filter((o) => !o.deleted).map((o) => ({ value: o.id, label: o.name })), [db]);
}

/** The Accountable Body, its duties cited from the constitution as the form holds it (consortium/use-form-citation.ts). */
function AccountableBodyField({ organisations }: { organisations: Choice[] }) {
  const { cite } = useFormCitation();
  return (
    <SelectField
      name="consortium.accountableBodyId"
      label="Accountable Body"
      hint={`Holds the consortium’s funds and approves claims (${cite('accountableBody')}).`}
      choices={organisations}
      placeholder="Not named yet"
      width="full"
    />
  );
}

/** Each form on the page says whether it holds changes not yet saved, so the page can guard leaving. */
type ReportChanged = (changed: boolean) => void;

function ConsortiumSettings({
  consortium,
  organisations,
  offices,
  onChanged,
}: {
  consortium: Consortium;
  organisations: Choice[];
  /** The offices this copy holds now, by the role grants. */
  offices: Office[];
  onChanged: ReportChanged;
}) {
  const store = useStore();
  // The same rule every copy applies on import (and this copy's writer applies to its own changes).
  const mayChangeConstitution = introducesPartners(new Set(offices));
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
      <form className="form settings-form" noValidate onSubmit={submit} aria-labelledby="settings-consortium">
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <section className="form-section" aria-labelledby="settings-consortium">
          <h2 id="settings-consortium" className="section-title">
            The consortium
          </h2>
          {/* The consortium's record is the secretariat's or the Accountable Body's to keep (shared/domain/registry.ts): read only to other copies. */}
          <fieldset className="fieldset" disabled={!mayChangeConstitution} aria-describedby={mayChangeConstitution ? undefined : 'constitution-read-only'}>
            <legend className="visually-hidden">{mayChangeConstitution ? 'The consortium' : 'The consortium (read only)'}</legend>
            <ConsortiumFields />
            {organisations.length > 0 && <AccountableBodyField organisations={organisations} />}
          </fieldset>
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
                Only the secretariat or the Accountable Body can change the constitution settings, or the consortium’s details above: every other
                copy would refuse the change. This computer is used by {officesInASentence(offices)}.
              </p>
              <fieldset className="fieldset" disabled aria-describedby="constitution-read-only">
                <legend className="visually-hidden">Constitution settings (read only)</legend>
                <ConstitutionFields headingLevel={3} />
              </fieldset>
            </>
          )}
        </section>
        {mayChangeConstitution && (
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
              Save the consortium’s settings
            </button>
            <p className="status-line" role="status">
              {saved}
            </p>
          </div>
        )}
      </form>
    </FormProvider>
  );
}

/** This copy's roles as the consortium's grants give them: "Chair since 1 April 2027; copy of Bedford CVS". */
function ThisCopysRoles({ installation, organisations }: { installation: InstallationRecord; organisations: Choice[] }) {
  const roles = useRoles();
  const organisationId = installation.organisationId || roles?.timeline.organisationOf(installation.nodeId) || '';
  const organisationName = organisations.find((o) => o.value === organisationId)?.label ?? '';
  return (
    <div className="this-copy-roles">
      <h3 className="this-copy-roles-title" id="settings-roles">
        This copy’s roles
      </h3>
      <p className="this-copy-roles-now">
        <strong>{roles ? copyRolesSentence(roles.timeline, installation.nodeId, roles.now, organisationName) : '…'}</strong>
      </p>
      <p className="field-hint">
        Roles are granted by the secretariat or the Accountable Body, on the Sync page under “Roles in the consortium”, and reach this copy in their
        bundles. No copy chooses its own.
      </p>
    </div>
  );
}

function InstallationSettingsForm({ installation, organisations, onChanged }: { installation: InstallationRecord; organisations: Choice[]; onChanged: ReportChanged }) {
  const store = useStore();
  const form = useForm<InstallationSettings>({
    resolver: zodResolver(installationSettingsSchema),
    defaultValues: { organisationId: installation.organisationId },
    shouldFocusError: false,
  });
  const changed = form.formState.isDirty;
  useEffect(() => onChanged(changed), [changed, onChanged]);
  const { submit, summaryKey, saveError, saved } = useFormSave(form, async (values) => {
    await saveInstallationSettings(store, values);
    form.reset(values);
    return 'Saved this computer’s organisation.';
  });

  return (
    <FormProvider {...form}>
      <form className="form settings-form" noValidate onSubmit={submit} aria-labelledby="settings-installation">
        <section className="form-section" aria-labelledby="settings-installation">
          <h2 id="settings-installation" className="section-title">
            This computer
          </h2>
          <p className="section-intro">Kept on this computer only; partners see the changes it makes, not these settings.</p>
          <ThisCopysRoles installation={installation} organisations={organisations} />
          <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
          <SelectField
            name="organisationId"
            label="Organisation"
            choices={organisations}
            placeholder="Choose an organisation"
            hint="The member organisation this computer belongs to: bundles from this copy carry its name."
            width="full"
          />
          <div className="form-actions">
            <button type="submit" className="button button--secondary">
              Save this computer’s organisation
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
  const roles = useRoles();
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
          This copy has joined {consortium.name}. Now say which organisation this computer belongs to, just below. Its roles come from the
          consortium: the secretariat or the Accountable Body grants them.
        </p>
      )}
      {/* Just joined: the organisation is asked for first (decided by the navigation, so saving it does not move the form). */}
      {joined && thisComputer}
      {consortium && organisations && installation && roles && (
        <ConsortiumSettings
          key={consortium.id}
          consortium={consortium}
          organisations={organisations}
          offices={officesHeld(roles.timeline, installation.nodeId, roles.now)}
          onChanged={consortiumChanged}
        />
      )}
      {!joined && thisComputer}
      <Identity />
      <FolderSettings />
      <BackupSettings />
      <StorageHealth />
      {prompt}
    </Page>
  );
}
