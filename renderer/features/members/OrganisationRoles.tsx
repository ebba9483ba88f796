/**
 * The roles an organisation holds in the consortium, with their terms: Accountable
 * Body, Chair, the Lead Body roles and steering-group seats (appointments). This is
 * the register's record; what gives a copy authority is its role grants, on the Sync
 * page (shared/sync/roles.ts; docs/architecture.md, "The register"). Recorded by the
 * secretariat or the Accountable Body; other copies see the list.
 */
import { useForm, FormProvider } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { APPOINTMENT_ROLE_LABELS, APPOINTMENT_ROLES, type Appointment, type Organisation } from '../../../shared/domain/entities';
import { formatDate } from '../../../shared/rules/calendar-date';
import { useStore } from '../../db/store-context';
import { useThisCopyRole } from '../../app/use-roles';
import { DateField } from '../../ui/DateField';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextField } from '../../ui/fields';
import { useFormSave } from '../../ui/use-form-save';
import { addAppointment, appointmentFormSchema, appointmentsInOrder, endAppointment, termWords, type AppointmentFormInput, type AppointmentFormOutput } from './register-actions';

const ROLE_CHOICES = APPOINTMENT_ROLES.map((role) => ({ value: role, label: APPOINTMENT_ROLE_LABELS[role] }));

function RoleList({ items, today, mayWrite, label }: { items: readonly Appointment[]; today: string; mayWrite: boolean; label: string }) {
  const store = useStore();
  if (items.length === 0) return null;
  return (
    <ul className="register-roles" aria-label={label}>
      {items.map((a) => (
        <li key={a.id}>
          <strong>{APPOINTMENT_ROLE_LABELS[a.role]}</strong>, {termWords(a)}
          {a.note && <span className="muted"> — {a.note}</span>}
          {mayWrite && a.until === '' && a.from <= today && (
            <>
              {' '}
              <button
                type="button"
                className="button button--quiet button--small"
                aria-label={`End this term today: ${APPOINTMENT_ROLE_LABELS[a.role]}`}
                onClick={() => void endAppointment(store, a.id, today)}
              >
                End this term today
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function OrganisationRoles({ organisation, appointments, today }: { organisation: Organisation; appointments: readonly Appointment[]; today: string }) {
  const store = useStore();
  const role = useThisCopyRole();
  const mayWrite = !!role && (role.offices.includes('secretariat') || role.offices.includes('accountable-body'));
  const { current, other } = appointmentsInOrder(appointments, today);
  const form = useForm<AppointmentFormInput, unknown, AppointmentFormOutput>({
    resolver: zodResolver(appointmentFormSchema),
    defaultValues: { role: 'steering-group', from: '', until: '', note: '' },
    shouldFocusError: false,
  });
  const { submit, summaryKey, saveError, saved } = useFormSave(form, async (values) => {
    await addAppointment(store, organisation.id, values);
    form.reset({ role: values.role, from: '', until: '', note: '' });
    return `Recorded: ${organisation.name}, ${APPOINTMENT_ROLE_LABELS[values.role]} from ${formatDate(values.from)}.`;
  });
  return (
    <section className="panel register-section" aria-labelledby="roles-title">
      <h2 id="roles-title" className="section-title">
        Roles in the consortium
      </h2>
      <p className="section-intro">
        The register’s record of the posts this organisation holds and their terms. It does not give any copy authority: offices such as the chair’s are granted to a copy on the
        Sync page.
      </p>
      {current.length === 0 && other.length === 0 && <p className="muted">No roles recorded.</p>}
      {current.length > 0 && <h3 className="register-subtitle">Now</h3>}
      <RoleList items={current} today={today} mayWrite={mayWrite} label="Roles held now" />
      {other.length > 0 && <h3 className="register-subtitle">Other terms</h3>}
      <RoleList items={other} today={today} mayWrite={false} label="Past and future terms" />
      {mayWrite ? (
        <FormProvider {...form}>
          <form className="form register-subform" noValidate onSubmit={submit} aria-labelledby="role-add-title">
            <h3 id="role-add-title" className="register-subtitle">
              Record a role
            </h3>
            <ErrorSummary errors={form.formState.errors} focusKey={summaryKey} saveError={saveError} />
            <SelectField name="role" label="Role" choices={ROLE_CHOICES} />
            <div className="inline-fields">
              <DateField name="from" label="Term starts" width="medium" />
              <DateField name="until" label="Term ends" width="medium" hint="Leave empty while it has no end date." />
            </div>
            <TextField name="note" label="Note" hint="For example, the meeting that appointed it." />
            <div className="form-actions">
              <button type="submit" className="button button--secondary">
                Record the role
              </button>
            </div>
            <p className="status-line" role="status">
              {saved}
            </p>
          </form>
        </FormProvider>
      ) : (
        role && <p className="muted">Roles are recorded by the secretariat or the Accountable Body; this copy shows them as they arrive.</p>
      )}
    </section>
  );
}
