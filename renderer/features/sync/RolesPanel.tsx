/**
 * "Roles in the consortium" on the Sync page: who holds the secretariat, the
 * chair and the Accountable Body now and since when, and every grant made, from
 * the role grants this copy holds (renderer/db/authority.ts, read live so a
 * bundle that brings a grant shows it at once). Only the secretariat or the
 * Accountable Body grants roles (shared/sync/roles.ts): on their copies the
 * panel offers "Grant a role" — an office, an enrolled copy and the date it
 * takes effect. A grant is signed and synced like any change, reaches the
 * other copies in the next bundle, and is never changed: a new grant replaces it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRoles, type ConsortiumRoles } from '../../app/use-roles';
import { ValidationError } from '../../db/repository';
import { useStore } from '../../db/store-context';
import { DateField } from '../../ui/DateField';
import { todayInLondon } from '../../ui/dates';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextField } from '../../ui/fields';
import { useFormSave } from '../../ui/use-form-save';
import { useUnsavedChanges } from '../../ui/UnsavedChanges';
import { copyChoices, grantFormSchema, grantIdOf, grantRecord, newGrantValues, OFFICE_CHOICES, type CopyChoice, type GrantFormInput, type GrantFormOutput } from './grant-form';
import { grantHistory, grantSummary, holdersNow, mayGrantRoles, officesHeld, type RoleNames, type TermState } from './roles-words';
import type { NodeNames } from './use-sync';
import './roles.css';

const STATE_WORDS: Record<TermState, string> = {
  'in-office': 'In office',
  'to-come': 'To come',
  ended: 'Ended',
  'never-held': 'Replaced',
};

function GrantRoleForm({ choices, onChanged }: { choices: CopyChoice[]; onChanged: (changed: boolean) => void }) {
  const { db, repositories } = useStore();
  const today = todayInLondon();
  const form = useForm<GrantFormInput, unknown, GrantFormOutput>({
    resolver: zodResolver(grantFormSchema),
    defaultValues: newGrantValues(today),
    shouldFocusError: false,
  });
  const changed = form.formState.isDirty;
  useEffect(() => onChanged(changed), [changed, onChanged]);
  const watched = useWatch({ control: form.control, name: 'grant' });
  const chosen = choices.find((c) => c.value === watched?.node);
  const whole = grantFormSchema.safeParse({ grant: watched });

  const { submit, summaryKey, saveError, saved } = useFormSave(form, async (values) => {
    const copy = choices.find((c) => c.value === values.grant.node);
    const summary = `${grantSummary(values.grant.office, values.grant.from, todayInLondon())} to ${copy?.label ?? 'that copy'}`;
    const record = grantRecord(values, copy?.organisationId ?? '');
    const existing = await db.roleGrants.get(grantIdOf(values));
    if (existing && existing.note === record.note && existing.organisationId === record.organisationId) {
      throw new ValidationError({ 'grant.from': `this grant was made already (${summary})` });
    }
    await repositories.roleGrants.create(record);
    form.reset(newGrantValues(todayInLondon()));
    return `Granted: ${summary}. It reaches the other copies in the next bundle this copy saves for them.`;
  });

  return (
    <FormProvider {...form}>
      <form className="form roles-grant" noValidate onSubmit={submit} aria-labelledby="grant-role-title">
        <h3 id="grant-role-title" className="sync-subheading">
          Grant a role
        </h3>
        <p>
          Choose the office, the enrolled copy that takes it on and the day it takes effect. The grant reaches the other copies in the next bundle
          this copy saves for them. A grant cannot be changed once it is made: a new grant of the same office replaces it from its date.
        </p>
        <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
        <div className="inline-fields">
          <SelectField name="grant.office" label="Office" choices={OFFICE_CHOICES} placeholder="Choose an office" />
          <SelectField name="grant.node" label="Copy" hint="Enrolled copies, by their organisation." choices={choices} placeholder="Choose a copy" />
        </div>
        <DateField
          name="grant.from"
          label="Date it takes effect"
          hint="For the chair, usually 1 April of the term. Today or a day already past takes effect as soon as the grant is made."
        />
        <TextField name="grant.note" label="Note (optional)" hint="For example: elected at the annual meeting on 14 October 2026." />
        {whole.success && chosen && (
          <p className="roles-preview">
            Will grant: <strong>{grantSummary(whole.data.grant.office, whole.data.grant.from, today)}</strong> to {chosen.label}.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            Grant the role
          </button>
          <p className="status-line" role="status">
            {saved}
          </p>
        </div>
      </form>
    </FormProvider>
  );
}

function Holders({ roles, names, now }: { roles: ConsortiumRoles; names: RoleNames; now: number }) {
  const holders = holdersNow(roles.timeline, now, names);
  return (
    <dl className="facts roles-now">
      {holders.map((holder) => (
        <div key={holder.office} className="roles-now-row">
          <dt>{holder.label}</dt>
          <dd>
            {holder.term ? (
              <>
                <strong>{holder.organisation}</strong>
                {holder.term.holder === names.self ? ' (this copy)' : ''} since {holder.since}
                {holder.term.holder !== names.self && <span className="muted roles-copy"> — {holder.copy}</span>}
              </>
            ) : (
              <span className="muted">Nobody holds it now</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function RolesPanel({ nodeNames }: { nodeNames: NodeNames }) {
  const { db } = useStore();
  const roles = useRoles();
  const organisations = useLiveQuery(async () => new Map((await db.organisations.toArray()).filter((o) => !o.deleted).map((o) => [o.id, o.name] as const)), [db]);
  const register = useLiveQuery(() => db.partnerNodes.toArray(), [db]);
  const [formChanged, setFormChanged] = useState(false);
  const { prompt } = useUnsavedChanges(formChanged);
  const names = useMemo<RoleNames | undefined>(() => {
    if (!roles || !organisations) return undefined;
    const copies = new Map(nodeNames.names);
    for (const row of register ?? []) if (!row.deleted && !copies.has(row.id)) copies.set(row.id, row.name);
    return { self: roles.self, copies, organisations };
  }, [roles, organisations, register, nodeNames]);

  if (!roles || !names || !register) {
    return (
      <section className="sync-section" aria-labelledby="roles-title">
        <h2 id="roles-title" className="section-title">
          Roles in the consortium
        </h2>
        <p className="muted">Reading the roles…</p>
      </section>
    );
  }
  const { now } = roles;
  const history = grantHistory(roles.timeline, now, names);
  const held = officesHeld(roles.timeline, roles.self, now);
  const mayGrant = mayGrantRoles(new Set(held));
  const choices = copyChoices(register, names.organisations, roles.self);
  return (
    <section className="sync-section roles" aria-labelledby="roles-title">
      <h2 id="roles-title" className="section-title">
        Roles in the consortium
      </h2>
      <p>
        Offices are held by copies of Quorum, granted by the secretariat or the Accountable Body. Each grant is signed and goes to every copy in
        bundles, so every copy agrees who may decide, approve and pay.
      </p>
      <h3 className="sync-subheading">Who holds each office now</h3>
      <div className="panel roles-panel">
        <Holders roles={roles} names={names} now={now} />
      </div>
      <h3 className="sync-subheading" id="roles-history-title">
        Grants made
      </h3>
      {history.length === 0 ? (
        <p className="muted">No role has been granted yet.</p>
      ) : (
        <ol className="roles-history" aria-labelledby="roles-history-title">
          {history.map((view) => (
            <li key={`${view.term.grantId}@${view.term.grantHlc}`} className={`roles-history-item roles-history-item--${view.state}`}>
              <span className="roles-history-title">
                <strong>{view.title}</strong> <span className={`roles-state roles-state--${view.state}`}>{STATE_WORDS[view.state]}</span>
              </span>
              <span className="roles-history-detail">{view.detail}</span>
            </li>
          ))}
        </ol>
      )}
      {mayGrant || formChanged ? (
        <>
          {!mayGrant && (
            <p className="sync-warning">
              This copy no longer holds the secretariat or the Accountable Body, so every copy would refuse the grant below. What you typed is
              kept until you leave the page.
            </p>
          )}
          {choices.length === 0 ? (
            <p>
              <strong>Grant a role:</strong> no other copy is enrolled yet. Enrol a partner’s copy from its first bundle (above), then grant it a
              role here.
            </p>
          ) : (
            <div className="panel roles-grant-panel">
              <GrantRoleForm choices={choices} onChanged={setFormChanged} />
            </div>
          )}
        </>
      ) : (
        <p className="roles-no-grant">Only the secretariat or the Accountable Body grants roles: this copy shows them, and cannot grant one.</p>
      )}
      {prompt}
    </section>
  );
}
