/**
 * A bundle from a copy this one has not enrolled (or signed with a different key
 * from the one enrolled): show its fingerprint in large groups of digits, ask
 * the person to compare it with the partner by telephone, and only then enrol it
 * and carry on to the preview. Nothing from the bundle is imported here.
 */
import { useEffect, useState, type Ref } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useStore } from '../../db/store-context';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';
import { useRoles } from '../../app/use-roles';
import { cardFrom, enrolRoleWords, enrolSchema, enrolValuesFor, organisationNamed, type EnrolFormInput, type EnrolFormOutput } from './enrol-form';
import { officesHeld, officesLabel } from './roles-words';
import './roles.css';
import { FileName } from './FileName';
import { Fingerprint } from './Fingerprint';
import type { BundleSenderIdentity, IdentityCard } from './service';
import { roleWords } from './sync-words';

export function EnrolSender({
  sender,
  reason,
  fileName,
  headingRef,
  onEnrol,
  onCancel,
}: {
  sender: BundleSenderIdentity;
  reason: 'not-enrolled' | 'key-mismatch';
  fileName: string;
  headingRef: Ref<HTMLHeadingElement>;
  /** Enrols the card and carries on; rejects with a plain message when it cannot. */
  onEnrol: (card: IdentityCard) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useForm<EnrolFormInput, unknown, EnrolFormOutput>({
    resolver: zodResolver(enrolSchema),
    defaultValues: enrolValuesFor(sender),
    // The first field with a problem takes focus; its message is tied to it (ui/fields).
    shouldFocusError: true,
  });
  const [saveError, setSaveError] = useState<string>();

  // The register, to link the copy to its organisation: matched by name, and the person can change it.
  const { db } = useStore();
  const organisations = useLiveQuery(async () => (await db.organisations.orderBy('name').toArray()).filter((o) => !o.deleted), [db]);
  const { getFieldState, setValue } = form;
  useEffect(() => {
    if (!organisations || getFieldState('organisationId').isDirty) return;
    setValue('organisationId', organisationNamed(sender.name, organisations));
  }, [organisations, sender.name, getFieldState, setValue]);

  // The role it is enrolled with: the one the consortium has granted it, never the one its bundle claims.
  const roles = useRoles();
  const granted = roles ? officesHeld(roles.timeline, sender.node, roles.now) : [];
  const inConsortium = !!roles?.timeline.founder;

  const submit = form.handleSubmit(
    async (values) => {
      setSaveError(undefined);
      try {
        await onEnrol(cardFrom(sender, values, granted));
      } catch (error) {
        setSaveError(`Not enrolled: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    () => setSaveError(undefined),
  );

  const mismatch = reason === 'key-mismatch';
  return (
    <section className="sync-step panel" aria-labelledby="enrol-sender-title">
      <h3 id="enrol-sender-title" className="panel-title" tabIndex={-1} ref={headingRef}>
        {mismatch ? `${sender.name} has a different key` : `Compare fingerprints with ${sender.name}`}
      </h3>
      {mismatch ? (
        <p className="sync-warning">
          <FileName name={fileName} /> says it comes from {sender.name}, but it is signed with a different key from the one enrolled here. This happens when
          they set up Quorum again on a new computer; it also happens when someone else pretends to be them. Telephone {sender.name} on a
          number you already know, not one in an email, and compare fingerprints before going on.
        </p>
      ) : (
        <p>
          <FileName name={fileName} /> comes from a copy of Quorum that is not enrolled here yet. Before anything in it is imported, telephone {sender.name} (or
          meet them) and ask them to read out the fingerprint shown on their Sync page, under “This copy”. Enrol them only if every group matches.
        </p>
      )}
      <dl className="facts">
        <dt>Says it is</dt>
        <dd>
          {sender.name} <span className="muted">({roleWords(sender.role)})</span>
        </dd>
        <dt>Role here</dt>
        <dd>
          {roles ? officesLabel(granted) : '…'}
          {roles && <span className="enrol-role-note muted"> {enrolRoleWords(sender.role, granted, inConsortium)}</span>}
        </dd>
        <dt>Fingerprint</dt>
        <dd>
          <Fingerprint value={sender.fingerprint} large />
        </dd>
      </dl>
      <FormProvider {...form}>
        <form className="form" noValidate onSubmit={submit} aria-labelledby="enrol-sender-title">
          {saveError && (
            <p className="field-error" role="alert">
              {saveError}
            </p>
          )}
          <TextField name="name" label="Their name" hint="The organisation, as you want it listed here." width="medium" />
          {organisations && organisations.length > 0 && (
            <SelectField
              name="organisationId"
              label="Their organisation in the register"
              choices={organisations.map((o) => ({ value: o.id, label: o.name }))}
              placeholder="Not in the register"
              hint="The member organisation whose copy this is."
              width="full"
            />
          )}
          <CheckboxField name="fingerprintMatches" label={`Every group of the fingerprint matches what ${sender.name} read out to me`} />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
              {mismatch ? 'Enrol the new key and continue' : 'Enrol and continue'}
            </button>
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}
